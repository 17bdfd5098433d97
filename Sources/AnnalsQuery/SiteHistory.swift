import GRDB

/// A revolutionary or memorial site traced across reports: where it is,
/// every article and event that mentions it, first and last mention.
public struct SiteHistory: Sendable, Equatable, Codable {
    public var name: String
    public var aliases: [String]
    /// The place it lies in (北碚区) and that place's code.
    public var place: String?
    public var adcode: String?
    public var reports: [ReportMention]
    public var events: [TimelineEvent]
    /// Dates of the first and last articles that mention it.
    public var firstMention: String?
    public var lastMention: String?

    enum CodingKeys: String, CodingKey {
        case name, aliases, place, adcode, reports, events
        case firstMention = "first_mention", lastMention = "last_mention"
    }
}

extension QueryEngine {
    /// Sites in a region or place (with its sub-places), or every site.
    public func sites(region: String? = nil, place: String? = nil) throws(QueryError) -> [SiteHistory] {
        try reading { db throws(QueryError) in
            var siteIDs: [Int64]? = nil
            for scope in [try region.map { name throws(QueryError) in try resolver.regionScope(named: name, db) },
                          try place.map { name throws(QueryError) in try resolver.placeScope(named: name, db) }].compactMap({ $0 }) {
                let ids = try fetch { () throws -> Set<Int64> in
                    var found: Set<Int64> = []
                    for placeID in try scope.placeIDs(db) {
                        found.formUnion(try Int64.fetchAll(db.cachedStatement(sql: """
                            SELECT from_id FROM edges WHERE to_kind = 'entity' AND to_id = ? AND type = 'located_in' AND from_kind = 'entity'
                            """), arguments: [placeID]))
                    }
                    return found
                }
                siteIDs = siteIDs.map { $0.filter(ids.contains) } ?? Array(ids)
            }
            return try fetch {
                let ids = try siteIDs ?? Int64.fetchAll(db, sql: "SELECT id FROM entities WHERE type = 'site'")
                return try ids.map { try history(of: $0, db) }.sorted { a, b in
                    (a.firstMention ?? "~", a.name) < (b.firstMention ?? "~", b.name)
                }
            }
        }
    }

    private func history(of id: Int64, _ db: Database) throws -> SiteHistory {
        let name = try String.fetchOne(db, sql: "SELECT name FROM entities WHERE id = ?", arguments: [id]) ?? ""
        let aliases = try String.fetchAll(db, sql: "SELECT alias FROM aliases WHERE entity_id = ? ORDER BY alias", arguments: [id])
        let place = try Row.fetchOne(db, sql: """
            SELECT e.name, e.adcode FROM edges x JOIN entities e ON e.id = x.to_id
            WHERE x.from_kind = 'entity' AND x.from_id = ? AND x.type = 'located_in' ORDER BY x.id LIMIT 1
            """, arguments: [id])
        let reports = try mentions(of: id, db)
        let events = try self.events(try Int64.fetchAll(db, sql: """
            SELECT ev.id FROM events ev WHERE ev.id IN
              (SELECT from_id FROM edges WHERE to_kind = 'entity' AND to_id = ? AND type = 'occurred_at' AND from_kind = 'event')
            """ + Self.chronological, arguments: [id]), db)
        let dates = reports.compactMap(\.date).sorted()
        return SiteHistory(name: name, aliases: aliases, place: place?["name"], adcode: place?["adcode"], reports: reports, events: events,
                           firstMention: dates.first, lastMention: dates.last)
    }
}
