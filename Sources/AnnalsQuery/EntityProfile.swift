import AnnalsGraph
import GRDB

/// A report (and article) that mentions a node.
public struct ReportMention: Sendable, Equatable, Codable {
    public var source: String
    public var article: String
    /// The article's date, else the report's.
    public var date: String?
    /// How often the article names it.
    public var count: Int
}

/// Everything the store knows about one node: `annals entity NAME`.
public struct EntityProfile: Sendable, Equatable, Codable {
    /// An office held (for a person) or filled (for an organisation).
    public struct Office: Sendable, Equatable, Codable {
        public var title: String
        /// The organisation (for a person) or the person (for an organisation).
        public var holder: String
        /// Dates of the first and last articles that give the office.
        public var first: String?
        public var last: String?
        /// How many times the reports give it.
        public var mentions: Int
    }

    /// A node often named in the same articles.
    public struct Neighbour: Sendable, Equatable, Codable {
        public var name: String
        public var type: String
        /// Articles naming both.
        public var articles: Int
    }

    public var type: String
    public var name: String
    public var key: String
    public var kind: String?
    public var aliases: [String]
    public var adcode: String?
    public var latitude: Double?
    public var longitude: Double?
    /// What it lies in or belongs to: 澄江镇 → 北碚区 → 重庆市.
    public var within: [String]
    public var offices: [Office]
    public var events: [TimelineEvent]
    public var reports: [ReportMention]
    public var related: [Neighbour]
}

extension QueryEngine {
    /// The profile of the node `name` names (canonical name, alias or
    /// node key), optionally of one type.
    public func profile(of name: String, type: String? = nil) throws(QueryError) -> EntityProfile {
        try reading { db throws(QueryError) in
            let node = try node(named: name, type: type, db)
            return try fetch { try profile(node, db) }
        }
    }

    private func node(named name: String, type: String?, _ db: Database) throws(QueryError) -> Row {
        let rows = try fetch { () throws -> [Row] in
            let columns = "SELECT e.id, e.type, e.key, e.name, e.kind, e.adcode, e.lat, e.lon FROM entities e"
            let typed = type == nil ? "" : " AND e.type = ?"
            var arguments: StatementArguments = [name]
            if let type { arguments += [type] }
            for sql in [columns + " WHERE e.key = ?" + typed, columns + " WHERE e.name = ?" + typed,
                        columns + " JOIN aliases a ON a.entity_id = e.id WHERE a.alias = ?" + typed] {
                let found = try Row.fetchAll(db, sql: sql + " ORDER BY e.id", arguments: arguments)
                if !found.isEmpty { return found }
            }
            // A short form the gazetteer knows (澄江 → 澄江镇) for a place in the store.
            guard type == nil || type == "place" else { return [] }
            let keys = Set(knowledge.entries(for: name).filter { $0.kind == .division }.map { "place/" + knowledge.divisions[Int($0.index)].code })
            return try keys.sorted().flatMap { key in try Row.fetchAll(db, sql: columns + " WHERE e.key = ?", arguments: [key]) }
        }
        if rows.count == 1 { return rows[0] }
        if rows.isEmpty {
            throw .unknownName(kind: type ?? "node", name: name, suggestions: resolver.suggestions(for: name, type: type, db))
        }
        throw .ambiguousName(kind: type ?? "node", name: name, candidates: rows.map { "\($0["key"] as String) (\($0["type"] as String))" })
    }

    private func profile(_ node: Row, _ db: Database) throws -> EntityProfile {
        let id: Int64 = node["id"]
        let type: String = node["type"]
        let aliases = try String.fetchAll(db, sql: "SELECT alias FROM aliases WHERE entity_id = ? ORDER BY alias", arguments: [id])

        var within: [String] = []
        var current = id
        while within.count < 8, let parent = try Row.fetchOne(db, sql: """
            SELECT e.id, e.name FROM edges x JOIN entities e ON e.id = x.to_id
            WHERE x.from_kind = 'entity' AND x.from_id = ? AND x.type IN ('part_of', 'located_in', 'based_in') AND x.to_kind = 'entity'
            ORDER BY x.id LIMIT 1
            """, arguments: [current]) {
            within.append(parent["name"])
            current = parent["id"]
        }

        // Offices: a person's titles, or the people holding office in a body.
        let outgoing = type == "person"
        let offices = try Row.fetchAll(db, sql: """
            SELECT x.role, e.name, MIN(COALESCE(a.date, s.published)) AS first, MAX(COALESCE(a.date, s.published)) AS last, COUNT(*) AS mentions
            FROM edges x JOIN entities e ON e.id = \(outgoing ? "x.to_id" : "x.from_id")
            JOIN articles a ON a.id = x.article_id JOIN sources s ON s.id = a.source_id
            WHERE x.type = 'held_office' AND \(outgoing ? "x.from_kind = 'entity' AND x.from_id = ?" : "x.to_kind = 'entity' AND x.to_id = ?")
            GROUP BY x.role, e.id ORDER BY first, e.name
            """, arguments: [id]).map { row -> EntityProfile.Office in
                EntityProfile.Office(title: row["role"] ?? "", holder: row["name"], first: row["first"], last: row["last"], mentions: row["mentions"])
            }

        let eventIDs: [Int64]
        switch type {
        case "person":
            eventIDs = try Int64.fetchAll(db, sql: "SELECT DISTINCT to_id FROM edges WHERE from_kind = 'entity' AND from_id = ? AND type = 'participated_in' AND to_kind = 'event'", arguments: [id])
        case "organisation":
            eventIDs = try Int64.fetchAll(db, sql: "SELECT DISTINCT to_id FROM edges WHERE from_kind = 'entity' AND from_id = ? AND type = 'organised' AND to_kind = 'event'", arguments: [id])
        case "place" where node["adcode"] != nil:
            eventIDs = try Int64.fetchAll(db, sql: "SELECT event_id FROM event_scopes WHERE scope = ?",
                                          arguments: [EventScopeIndex.placeKey(code: node["adcode"])])
        case "place", "site":
            eventIDs = try Int64.fetchAll(db, sql: "SELECT DISTINCT from_id FROM edges WHERE to_kind = 'entity' AND to_id = ? AND type = 'occurred_at' AND from_kind = 'event'", arguments: [id])
        default:    // a work: the events of the sentences that name it
            eventIDs = try Int64.fetchAll(db, sql: """
                SELECT DISTINCT ev.id FROM mentions m JOIN events ev ON ev.article_id = m.article_id AND ev.sentence = m.sentence WHERE m.entity_id = ?
                """, arguments: [id])
        }
        let events = try self.events(try Int64.fetchAll(db, sql: "SELECT ev.id FROM events ev WHERE ev.id IN (SELECT value FROM json_each(?))" + Self.chronological,
                                                         arguments: [Self.json(eventIDs)]), db)

        let reports = try mentions(of: id, db)
        let related = try Row.fetchAll(db, sql: """
            SELECT e.name, e.type, COUNT(*) AS articles FROM edges x
            JOIN edges y ON y.from_kind = 'article' AND y.from_id = x.from_id AND y.type = 'mentions' AND y.to_id != x.to_id
            JOIN entities e ON e.id = y.to_id
            WHERE x.to_kind = 'entity' AND x.to_id = ? AND x.type = 'mentions' AND x.from_kind = 'article'
            GROUP BY y.to_id ORDER BY articles DESC, e.name LIMIT 10
            """, arguments: [id]).map { row -> EntityProfile.Neighbour in EntityProfile.Neighbour(name: row["name"], type: row["type"], articles: row["articles"]) }

        return EntityProfile(type: type, name: node["name"], key: node["key"], kind: node["kind"], aliases: aliases,
                             adcode: node["adcode"], latitude: node["lat"], longitude: node["lon"], within: within,
                             offices: offices, events: events, reports: reports, related: related)
    }

    /// The articles that mention a node, by date.
    func mentions(of id: Int64, _ db: Database) throws -> [ReportMention] {
        try Row.fetchAll(db.cachedStatement(sql: """
            SELECT s.path, a.title, COALESCE(a.date, s.published) AS date, x.weight FROM edges x
            JOIN articles a ON a.id = x.from_id JOIN sources s ON s.id = a.source_id
            WHERE x.to_kind = 'entity' AND x.to_id = ? AND x.type = 'mentions' AND x.from_kind = 'article'
            ORDER BY date IS NULL, date, s.path, a.position
            """), arguments: [id]).map { ReportMention(source: $0["path"], article: $0["title"], date: $0["date"], count: $0["weight"]) }
    }
}
