import AnnalsGraph
import Foundation
import GRDB

/// Writes a GeoJSON FeatureCollection of the places and sites that have
/// coordinates, each a Point (`[longitude, latitude]`) with its code and
/// the events that happened there. A site, or a town without coordinates
/// of its own, takes those of the place it lies in, and says so
/// (`coordinates_from`).
public struct GeoJSONWriter: Sendable {
    public init() {}

    @discardableResult
    public func write(_ stream: GraphStream, to path: String) throws(ExportError) -> Int {
        let out = try TextOutput(path: path)
        try out.write("{\"type\":\"FeatureCollection\",\"features\":[\n")
        var count = 0
        do {
            try stream.store.read { db in
                let within = try db.cachedStatement(sql: """
                    SELECT e.id, e.name, e.lat, e.lon FROM edges x JOIN entities e ON e.id = x.to_id
                    WHERE x.from_kind = 'entity' AND x.from_id = ? AND x.type IN ('located_in', 'part_of') ORDER BY x.id LIMIT 1
                    """)
                let events = try db.cachedStatement(sql: """
                    SELECT ev.id, ev.date, ev.date_text, ev.type, ev.summary, a.title, s.path FROM edges x
                    JOIN events ev ON ev.id = x.from_id JOIN articles a ON a.id = ev.article_id JOIN sources s ON s.id = a.source_id
                    WHERE x.to_kind = 'entity' AND x.to_id = ? AND x.type = 'occurred_at' AND x.from_kind = 'event'
                    ORDER BY ev.start_day IS NULL, ev.start_day, ev.end_day DESC, ev.id
                    """)
                let features = try Row.fetchCursor(db, sql: "SELECT id, type, name, kind, adcode, lat, lon FROM entities WHERE type IN ('place', 'site') ORDER BY id")
                while let row = try features.next() {
                    let id: Int64 = row["id"]
                    if let selection = stream.selection, !selection.entities.contains(id) { continue }
                    // Own coordinates, else the nearest enclosing place's.
                    var latitude: Double? = row["lat"], longitude: Double? = row["lon"]
                    var borrowed: String?
                    var current = id
                    var steps = 0
                    while latitude == nil || longitude == nil, steps < 4, let parent = try Row.fetchOne(within, arguments: [current]) {
                        latitude = parent["lat"]
                        longitude = parent["lon"]
                        borrowed = parent["name"]
                        current = parent["id"]
                        steps += 1
                    }
                    guard let latitude, let longitude else { continue }
                    let type: String = row["type"]
                    let list = try Row.fetchAll(events, arguments: [id]).compactMap { event -> String? in
                        let eventID: Int64 = event["id"]
                        if let selection = stream.selection, !selection.events.contains(eventID) { return nil }
                        return JSONText.object([
                            ("id", JSONText.string(GraphStream.nodeID("event", eventID))),
                            ("date", (event["date"] as String?).map(JSONText.string)),
                            ("date_text", (event["date_text"] as String?).map(JSONText.string)),
                            ("type", JSONText.string(event["type"])), ("summary", JSONText.string(event["summary"])),
                            ("article", JSONText.string(event["title"])), ("report", JSONText.string(event["path"])),
                        ])
                    }
                    let properties = JSONText.object([
                        ("id", JSONText.string(GraphStream.nodeID(type, id))), ("name", JSONText.string(row["name"])),
                        ("type", JSONText.string(type)), ("kind", (row["kind"] as String?).map(JSONText.string)),
                        ("adcode", (row["adcode"] as String?).map(JSONText.string)),
                        ("coordinates_from", borrowed.map(JSONText.string)),
                        ("events", "[" + list.joined(separator: ",") + "]"),
                    ])
                    let geometry = "{\"type\":\"Point\",\"coordinates\":[" + String(format: "%.6f", longitude) + "," + String(format: "%.6f", latitude) + "]}"
                    try out.write((count == 0 ? "" : ",\n") + "{\"type\":\"Feature\",\"geometry\":" + geometry + ",\"properties\":" + properties + "}")
                    count += 1
                }
            }
        } catch let error as ExportError {
            throw error
        } catch {
            throw .store("\(error)")
        }
        try out.write("\n]}\n")
        try out.close()
        return count
    }
}
