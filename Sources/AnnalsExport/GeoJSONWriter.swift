import AnnalsGraph
import Foundation

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
        try stream.reading { reader in
            try reader.forEachEntity(types: [.place, .site]) { stored in
                let entity = stored.entity
                if let selection = stream.selection, !selection.entities.contains(entity.id) { return }
                // Own coordinates, else the nearest enclosing place's.
                var latitude = entity.latitude, longitude = entity.longitude
                var borrowed: String?
                if latitude == nil || longitude == nil,
                   let enclosing = try reader.enclosingPlaces(of: entity.id, limit: 4).first(where: { $0.latitude != nil && $0.longitude != nil }) {
                    latitude = enclosing.latitude
                    longitude = enclosing.longitude
                    borrowed = enclosing.name
                }
                guard let latitude, let longitude else { return }
                let type = entity.type.rawValue
                let list = try reader.events(try reader.eventIDs(at: entity.id)).compactMap { event -> String? in
                    if let selection = stream.selection, !selection.events.contains(event.id) { return nil }
                    return JSONText.object([
                        ("id", JSONText.string(GraphStream.nodeID("event", event.id))),
                        ("date", event.date.map(JSONText.string)),
                        ("date_text", event.written.map(JSONText.string)),
                        ("type", JSONText.string(event.type)), ("summary", JSONText.string(event.summary)),
                        ("article", JSONText.string(event.article)), ("report", JSONText.string(event.source)),
                    ])
                }
                let properties = JSONText.object([
                    ("id", JSONText.string(GraphStream.nodeID(type, entity.id))), ("name", JSONText.string(entity.name)),
                    ("type", JSONText.string(type)), ("kind", entity.kind.map(JSONText.string)),
                    ("adcode", entity.adcode.map(JSONText.string)),
                    ("coordinates_from", borrowed.map(JSONText.string)),
                    ("events", "[" + list.joined(separator: ",") + "]"),
                ])
                let geometry = "{\"type\":\"Point\",\"coordinates\":[" + String(format: "%.6f", longitude) + "," + String(format: "%.6f", latitude) + "]}"
                try out.write((count == 0 ? "" : ",\n") + "{\"type\":\"Feature\",\"geometry\":" + geometry + ",\"properties\":" + properties + "}")
                count += 1
            }
        }
        try out.write("\n]}\n")
        try out.close()
        return count
    }
}
