import AnnalsModel
import GRDB

/// The typed reading API of a store: every question the queries, the
/// exports and the command line ask of the graph, answered without their
/// knowing a table or a line of SQL. A reader sees one consistent snapshot
/// of the store (a writer committing meanwhile is not seen) and lives only
/// inside ``GraphStore/reading(_:)``.
///
/// ```swift
/// let names = try store.reading { reader in try reader.entities(named: "徐塞声", type: .person) }
/// ```
public struct StoreReader {
    let db: Database
}

extension GraphStore {
    /// Runs `body` with a reader over one snapshot of the store.
    public func reading<T>(_ body: (StoreReader) throws -> T) throws -> T {
        try database.read { db in try body(StoreReader(db: db)) }
    }
}

/// A node of the store that names something (person, place, organisation,
/// site, work), as it is stored.
public struct StoredEntity: Sendable, Equatable {
    /// The node's id in the store (stable while the store lives).
    public var id: Int64
    public var type: NodeType
    /// The identity key: `place/500109`, `person/张鸣@500000`, `organisation/中共重庆市委`.
    public var key: String
    public var name: String
    /// Places: province, county, town, region …
    public var kind: String?
    public var adcode: String?
    public var latitude: Double?
    public var longitude: Double?

    init(_ row: Row) {
        id = row["id"]
        type = NodeType(rawValue: row["type"]) ?? .work
        key = row["key"]
        name = row["name"]
        kind = row["kind"]
        adcode = row["adcode"]
        latitude = row["lat"]
        longitude = row["lon"]
    }

    static let columns = "SELECT e.id, e.type, e.key, e.name, e.kind, e.adcode, e.lat, e.lon FROM entities e"
}

/// A report and article that mention a node.
public struct ReportMention: Sendable, Equatable, Codable {
    public var source: String
    public var article: String
    /// The article's id in the store.
    public var articleID: Int64
    /// The article's date, else the report's.
    public var date: String?
    /// How often the article names it.
    public var count: Int

    enum CodingKeys: String, CodingKey {
        case source, article, date, count
        case articleID = "article_id"
    }
}

/// An office held (seen from a person) or filled (seen from an organisation).
public struct OfficeHeld: Sendable, Equatable, Codable {
    public var title: String
    /// The organisation (for a person) or the person (for an organisation).
    public var holder: String
    /// Dates of the first and last articles that give the office.
    public var first: String?
    public var last: String?
    /// How many times the reports give it.
    public var mentions: Int
}

/// A node often named in the same articles as another.
public struct Neighbour: Sendable, Equatable, Codable {
    public var name: String
    public var type: String
    /// Articles naming both.
    public var articles: Int
}

// MARK: - Names and nodes

extension StoreReader {
    /// Nodes of `type` whose canonical name is `name`, else those with it
    /// as an alias.
    public func entities(named name: String, type: NodeType) throws -> [StoredEntity] {
        let exact = try Row.fetchAll(db.cachedStatement(sql: StoredEntity.columns + " WHERE e.type = ? AND e.name = ? ORDER BY e.id"),
                                     arguments: [type.rawValue, name])
        if !exact.isEmpty { return exact.map(StoredEntity.init) }
        return try Row.fetchAll(db.cachedStatement(sql: StoredEntity.columns + """
             JOIN aliases a ON a.entity_id = e.id WHERE a.alias = ? AND e.type = ? ORDER BY e.id
            """), arguments: [name, type.rawValue]).map(StoredEntity.init)
    }

    /// The nodes a name a historian types stands for: a node key
    /// (`place/500109`), else a canonical name, else an alias; of one type
    /// or any.
    public func entities(matching name: String, type: NodeType?) throws -> [StoredEntity] {
        let typed = type == nil ? "" : " AND e.type = ?"
        var arguments: StatementArguments = [name]
        if let type { arguments += [type.rawValue] }
        for sql in [StoredEntity.columns + " WHERE e.key = ?" + typed, StoredEntity.columns + " WHERE e.name = ?" + typed,
                    StoredEntity.columns + " JOIN aliases a ON a.entity_id = e.id WHERE a.alias = ?" + typed] {
            let found = try Row.fetchAll(db, sql: sql + " ORDER BY e.id", arguments: arguments)
            if !found.isEmpty { return found.map(StoredEntity.init) }
        }
        return []
    }

    /// The node with this id, if the store has it.
    public func entity(id: Int64) throws -> StoredEntity? {
        try Row.fetchOne(db.cachedStatement(sql: StoredEntity.columns + " WHERE e.id = ?"), arguments: [id]).map(StoredEntity.init)
    }

    /// The node with this identity key, if the store has it.
    public func entity(key: String) throws -> StoredEntity? {
        try Row.fetchOne(db.cachedStatement(sql: StoredEntity.columns + " WHERE e.key = ?"), arguments: [key]).map(StoredEntity.init)
    }

    /// Every canonical name and alias of the store's nodes (of one type, or
    /// all): what suggestions for a mistyped name are drawn from.
    public func names(of type: NodeType?) throws -> Set<String> {
        guard let type else {
            return Set(try String.fetchAll(db, sql: "SELECT name FROM entities UNION SELECT alias FROM aliases"))
        }
        return Set(try String.fetchAll(db, sql: """
            SELECT name FROM entities WHERE type = ?1 UNION SELECT a.alias FROM aliases a JOIN entities e ON e.id = a.entity_id WHERE e.type = ?1
            """, arguments: [type.rawValue]))
    }

    /// The ids of every node of a type.
    public func entityIDs(of type: NodeType) throws -> [Int64] {
        try Int64.fetchAll(db, sql: "SELECT id FROM entities WHERE type = ? ORDER BY id", arguments: [type.rawValue])
    }

    /// A node's aliases, sorted.
    public func aliases(of id: Int64) throws -> [String] {
        try String.fetchAll(db.cachedStatement(sql: "SELECT alias FROM aliases WHERE entity_id = ? ORDER BY alias"), arguments: [id])
    }

    /// Place nodes whose gazetteer code starts with one of `codePrefixes`
    /// (500109 covers 澄江镇's 500109…), and the regions named `regionNames`.
    public func placeIDs(codePrefixes: [String], regionNames: [String]) throws -> [Int64] {
        var ids: [Int64] = []
        for prefix in codePrefixes {
            ids += try Int64.fetchAll(db.cachedStatement(sql: "SELECT id FROM entities WHERE adcode >= ? AND adcode < ?"),
                                      arguments: [prefix, prefix + "~"])
        }
        for name in regionNames {
            ids += try Int64.fetchAll(db.cachedStatement(sql: "SELECT id FROM entities WHERE type = 'place' AND name = ? AND adcode IS NULL"),
                                      arguments: [name])
        }
        return ids
    }

    /// What a node lies in or belongs to, nearest first (澄江镇 → 北碚区 →
    /// 重庆市), through `part_of`, `located_in` and `based_in`, at most `limit` steps.
    public func enclosingPlaces(of id: Int64, limit: Int = 8) throws -> [StoredEntity] {
        var chain: [StoredEntity] = []
        var current = id
        let parent = try db.cachedStatement(sql: StoredEntity.columns + """
             JOIN edges x ON e.id = x.to_id
            WHERE x.from_kind = 'entity' AND x.from_id = ? AND x.type IN ('part_of', 'located_in', 'based_in') AND x.to_kind = 'entity'
            ORDER BY x.id LIMIT 1
            """)
        while chain.count < limit, let next = try Row.fetchOne(parent, arguments: [current]) {
            let place = StoredEntity(next)
            chain.append(place)
            current = place.id
        }
        return chain
    }

    /// The place a site stands in (its first `located_in`).
    public func location(ofSite id: Int64) throws -> StoredEntity? {
        try Row.fetchOne(db.cachedStatement(sql: StoredEntity.columns + """
             JOIN edges x ON e.id = x.to_id
            WHERE x.from_kind = 'entity' AND x.from_id = ? AND x.type = 'located_in' ORDER BY x.id LIMIT 1
            """), arguments: [id]).map(StoredEntity.init)
    }

    /// The sites that stand in any of the places `placeIDs`.
    public func sites(locatedIn placeIDs: [Int64]) throws -> Set<Int64> {
        var found: Set<Int64> = []
        let sites = try db.cachedStatement(sql: """
            SELECT from_id FROM edges WHERE to_kind = 'entity' AND to_id = ? AND type = 'located_in' AND from_kind = 'entity'
            """)
        for place in placeIDs { found.formUnion(try Int64.fetchAll(sites, arguments: [place])) }
        return found
    }

    /// A person's offices (with the bodies), or an organisation's office
    /// holders (with their titles), by first date.
    public func offices(of entity: StoredEntity) throws -> [OfficeHeld] {
        let outgoing = entity.type == .person
        return try Row.fetchAll(db, sql: """
            SELECT x.role, e.name, MIN(COALESCE(a.date, s.published)) AS first, MAX(COALESCE(a.date, s.published)) AS last, COUNT(*) AS mentions
            FROM edges x JOIN entities e ON e.id = \(outgoing ? "x.to_id" : "x.from_id")
            JOIN articles a ON a.id = x.article_id JOIN sources s ON s.id = a.source_id
            WHERE x.type = 'held_office' AND \(outgoing ? "x.from_kind = 'entity' AND x.from_id = ?" : "x.to_kind = 'entity' AND x.to_id = ?")
            GROUP BY x.role, e.id ORDER BY first, e.name
            """, arguments: [entity.id]).map { row in
                OfficeHeld(title: row["role"] ?? "", holder: row["name"], first: row["first"], last: row["last"], mentions: row["mentions"])
            }
    }

    /// The articles that mention a node, by date.
    public func mentions(of id: Int64) throws -> [ReportMention] {
        try Row.fetchAll(db.cachedStatement(sql: """
            SELECT s.path, a.title, a.id, COALESCE(a.date, s.published) AS date, x.weight FROM edges x
            JOIN articles a ON a.id = x.from_id JOIN sources s ON s.id = a.source_id
            WHERE x.to_kind = 'entity' AND x.to_id = ? AND x.type = 'mentions' AND x.from_kind = 'article'
            ORDER BY date IS NULL, date, s.path, a.position
            """), arguments: [id]).map { ReportMention(source: $0["path"], article: $0["title"], articleID: $0["id"], date: $0["date"], count: $0["weight"]) }
    }

    /// The nodes most often named in the same articles as `id`.
    public func neighbours(of id: Int64, limit: Int = 10) throws -> [Neighbour] {
        try Row.fetchAll(db, sql: """
            SELECT e.name, e.type, COUNT(*) AS articles FROM edges x
            JOIN edges y ON y.from_kind = 'article' AND y.from_id = x.from_id AND y.type = 'mentions' AND y.to_id != x.to_id
            JOIN entities e ON e.id = y.to_id
            WHERE x.to_kind = 'entity' AND x.to_id = ? AND x.type = 'mentions' AND x.from_kind = 'article'
            GROUP BY y.to_id ORDER BY articles DESC, e.name LIMIT ?
            """, arguments: [id, limit]).map { Neighbour(name: $0["name"], type: $0["type"], articles: $0["articles"]) }
    }

    /// The publication date of the latest report, or nil for an empty store.
    public func latestPublished() throws -> String? {
        try String.fetchOne(db, sql: "SELECT MAX(published) FROM sources")
    }
}
