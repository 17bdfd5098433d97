import AnnalsKnowledge
import GRDB

/// The timeline index (`event_scopes`): for every event, each key a
/// timeline selects it by, with its interval, so that "北碚区 by date" is
/// one ordered index range and needs neither a join over the place
/// hierarchy nor a sort.
///
/// Keys: the gazetteer code of every place the event touches and of every
/// division above it (澄江镇 → 500109 北碚区 → 500000 重庆市), where a place is
/// touched when the event happened there, at a site there, or was organised
/// by a body based there; `region:ID` for each curated region containing
/// one of those places or named by the event (渝东南, 湘鄂川黔); and `year:YYYY`
/// for each year the event's interval covers, for date-only timelines.
public struct EventScopeIndex: Sendable {
    let knowledge: KnowledgeBase
    /// Regions that list a division as a member.
    private let regionsByMember: [Int: [Int]]
    /// For a region, itself and every region whose members cover all of its own.
    private let enclosingRegions: [[Int]]
    private let regionByName: [String: Int]

    /// Undated events sort after every date.
    public static let undated = "~"

    public static func placeKey(code: String) -> String { code }
    public static func regionKey(id: String) -> String { "region:" + id }

    /// The key a region's events are found under: a region of one member
    /// (山城, 巴渝, 川东 = 重庆市) shares that division's key, so that each
    /// event of Chongqing is not indexed again under every name of the city.
    public static func key(of region: Region, in knowledge: KnowledgeBase) -> String {
        region.members.count == 1 ? placeKey(code: knowledge.divisions[region.members[0]].code) : regionKey(id: region.id)
    }
    public static func yearKey(_ year: Int) -> String { "year:" + String(year) }

    public init(knowledge: KnowledgeBase) {
        self.knowledge = knowledge
        var byMember: [Int: [Int]] = [:]
        var byName: [String: Int] = [:]
        for (index, region) in knowledge.regions.enumerated() {
            for member in region.members { byMember[member, default: []].append(index) }
            byName[region.name] = index
        }
        regionsByMember = byMember
        regionByName = byName
        enclosingRegions = knowledge.regions.indices.map { inner in
            knowledge.regions.indices.filter { outer in
                outer == inner || (!knowledge.regions[inner].members.isEmpty && knowledge.regions[inner].members.allSatisfy { member in
                    ([member] + knowledge.ancestors(of: member)).contains { byMember[$0]?.contains(outer) == true }
                })
            }
        }
    }

    /// The keys of an event that touches `divisions` (gazetteer indices)
    /// and the curated regions named `regions`, over `start`…`end`.
    func keys(divisions: [Int], regions: [String], start: String?, end: String?, cache: DivisionKeys? = nil) -> Set<String> {
        var keys: Set<String> = []
        for division in divisions {
            if let cache {
                keys.formUnion(cache.keys(of: division, in: self))
            } else {
                keys.formUnion(self.keys(of: division))
            }
        }
        for name in regions {
            guard let region = regionByName[name] else { continue }
            for outer in enclosingRegions[region] { keys.insert(Self.key(of: knowledge.regions[outer], in: knowledge)) }
        }
        if let start, let end, let first = Int(start.prefix(4)), let last = Int(end.prefix(4)), first <= last {
            for year in first...min(last, first + 200) { keys.insert(Self.yearKey(year)) }
        }
        return keys
    }

    /// The keys a division puts its events under: its own code, the codes
    /// above it, and the regions containing any of them.
    func keys(of division: Int) -> [String] {
        var keys: [String] = []
        func add(_ key: String) { if !keys.contains(key) { keys.append(key) } }
        for level in [division] + knowledge.ancestors(of: division) {
            add(Self.placeKey(code: knowledge.divisions[level].code))
            for region in regionsByMember[level] ?? [] {
                for outer in enclosingRegions[region] { add(Self.key(of: knowledge.regions[outer], in: knowledge)) }
            }
        }
        return keys
    }

    /// ``keys(of:)`` remembered for the divisions a writer has met: the same
    /// districts come back in report after report, and working out their
    /// chain of places and regions each time is costly.
    final class DivisionKeys {
        private var known: [Int: [String]] = [:]

        func keys(of division: Int, in index: EventScopeIndex) -> [String] {
            if let keys = known[division] { return keys }
            let keys = index.keys(of: division)
            known[division] = keys
            return keys
        }
    }

    /// One key of one event: scope, start, end (``undated`` for none), event
    /// id. The writer runs it as a prepared statement of its own.
    static let insertSQL = "INSERT OR IGNORE INTO event_scopes (scope, start_key, end_key, event_id) VALUES (?, ?, ?, ?)"

    /// Stores the keys of one event.
    func insert(_ keys: Set<String>, event id: Int64, start: String?, end: String?, _ db: Database) throws {
        for key in keys {
            try db.cachedStatement(sql: Self.insertSQL).execute(arguments: [key, start ?? Self.undated, end ?? Self.undated, id])
        }
    }

    /// Indexes one stored event from its edges: where it happened, the
    /// places of its sites, the seats of its organisers.
    func index(event id: Int64, _ db: Database) throws {
        guard let span = try Row.fetchOne(db.cachedStatement(sql: "SELECT start_day, end_day FROM events WHERE id = ?"), arguments: [id]) else { return }
        // CROSS JOIN fixes the join order: the event's few edges first (the
        // planner, without statistics, would scan every entity edge).
        let places = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT e.adcode, e.name FROM edges x CROSS JOIN entities e ON e.id = x.to_id
              WHERE x.from_kind = 'event' AND x.from_id = ?1 AND x.type = 'occurred_at' AND e.type = 'place'
            UNION SELECT p.adcode, p.name FROM edges x
              CROSS JOIN edges y ON y.from_kind = 'entity' AND y.from_id = x.to_id AND y.type = 'located_in' CROSS JOIN entities p ON p.id = y.to_id
              WHERE x.from_kind = 'event' AND x.from_id = ?1 AND x.type = 'occurred_at'
            UNION SELECT p.adcode, p.name FROM edges x
              CROSS JOIN edges y ON y.from_kind = 'entity' AND y.from_id = x.from_id AND y.type = 'based_in' CROSS JOIN entities p ON p.id = y.to_id
              WHERE x.to_kind = 'event' AND x.to_id = ?1 AND x.type = 'organised'
            """), arguments: [id])
        let divisions = places.compactMap { ($0["adcode"] as String?).flatMap(knowledge.divisionIndex(code:)) }
        let regions = places.filter { ($0["adcode"] as String?) == nil }.map { $0["name"] as String }
        let start: String? = span["start_day"], end: String? = span["end_day"]
        try insert(keys(divisions: divisions, regions: regions, start: start, end: end), event: id, start: start, end: end, db)
    }

    /// Recomputes the whole index (a store from before the index, or after
    /// the curated regions changed).
    func rebuild(_ db: Database) throws {
        try db.execute(sql: "DELETE FROM event_scopes")
        for id in try Int64.fetchAll(db, sql: "SELECT id FROM events ORDER BY id") { try index(event: id, db) }
    }
}
