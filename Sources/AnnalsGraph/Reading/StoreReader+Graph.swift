import AnnalsModel
import Foundation
import GRDB
import GRDBSQLite

/// A part of the graph: the events a timeline selects with everything
/// attached to them (their articles and reports, the people, places, sites
/// and bodies of the events). Exports write it with every edge among those
/// nodes.
public struct GraphSelection: Sendable, Equatable {
    public var reports: Set<Int64>
    public var articles: Set<Int64>
    public var events: Set<Int64>
    public var entities: Set<Int64>

    /// How many nodes it holds.
    public var count: Int { reports.count + articles.count + events.count + entities.count }

    /// Whether a node of the selection is at one end of an edge.
    func contains(kind: String, id: Int64) -> Bool {
        switch kind {
        case "report": reports.contains(id)
        case "article": articles.contains(id)
        case "event": events.contains(id)
        default: entities.contains(id)
        }
    }
}

/// A report as stored: its path, checksum, issue date and publisher.
public struct StoredReport: Sendable {
    public var id: Int64
    public var path: String
    public var sha256: String
    public var published: String?
    public var publisher: String?
    /// The title of its only article, for a report of one.
    public var title: String?

    /// What a person reads a report as: its publisher, date and title
    /// (中共重庆市委党史研究室 2020-12-10), the file name when it has none.
    public var label: String {
        let parts = [publisher, published, title].compactMap { $0 }
        return parts.isEmpty ? URL(fileURLWithPath: path).lastPathComponent : parts.joined(separator: " ")
    }
}

/// An article as stored, with its date's interval.
public struct StoredArticle: Sendable {
    public var id: Int64
    public var title: String
    public var section: String?
    /// The TIMEX3 value of the article's date (its main event's).
    public var date: String?
    public var precision: String?
    public var start: String?
    public var end: String?
    /// The path of its report.
    public var report: String
}

/// An event node as stored.
public struct StoredEvent: Sendable {
    public var id: Int64
    public var type: String
    public var summary: String
    public var date: String?
    /// The date as the report writes it.
    public var dateText: String?
    public var precision: String?
    public var start: String?
    public var end: String?
    /// `text`, or `knowledge:ID` for a date from the curated known events.
    public var dateSource: String?
    /// The sentence it comes from.
    public var sentence: String?
    public var article: String
    public var report: String
}

/// An entity node as the exports write it: the node, its aliases, and
/// (when asked for) its first and last event's days.
public struct StoredEntityNode: Sendable {
    public var entity: StoredEntity
    /// Sorted, joined with `|`; nil when it has none.
    public var aliases: String?
    public var firstDay: String?
    public var lastDay: String?
}

extension StoreReader {
    /// The subgraph around `events`: each with its article and report and
    /// the entities at its ends.
    public func selection(around events: [Int64]) throws -> GraphSelection {
        var selection = GraphSelection(reports: [], articles: [], events: Set(events), entities: [])
        let article = try db.cachedStatement(sql: "SELECT a.id, a.source_id FROM events ev JOIN articles a ON a.id = ev.article_id WHERE ev.id = ?")
        let ends = try db.cachedStatement(sql: """
            SELECT to_id FROM edges WHERE from_kind = 'event' AND from_id = ?1 AND to_kind = 'entity'
            UNION SELECT from_id FROM edges WHERE to_kind = 'event' AND to_id = ?1 AND from_kind = 'entity'
            """)
        for event in events {
            if let row = try Row.fetchOne(article, arguments: [event]) {
                selection.articles.insert(row[0])
                selection.reports.insert(row[1])
            }
            selection.entities.formUnion(try Int64.fetchAll(ends, arguments: [event]))
        }
        return selection
    }

    /// An entity's neighbourhood, for a picture of it: its events with
    /// everything attached to them (as ``selection(around:)``), the earliest
    /// events first, taking no more events once the selection would pass
    /// `limit` nodes. An entity in no event gets the articles that mention it.
    public func selection(aroundEntity id: Int64, limit: Int = 200) throws -> GraphSelection {
        guard let entity = try entity(id: id) else { return GraphSelection(reports: [], articles: [], events: [], entities: []) }
        var chosen = GraphSelection(reports: [], articles: [], events: [], entities: [id])
        for event in try eventIDs(of: entity) {
            let around = try selection(around: [event])
            let next = GraphSelection(reports: chosen.reports.union(around.reports), articles: chosen.articles.union(around.articles),
                                      events: chosen.events.union(around.events), entities: chosen.entities.union(around.entities))
            guard next.count <= limit else { break }
            chosen = next
        }
        if chosen.events.isEmpty {
            for row in try Row.fetchAll(db.cachedStatement(sql: """
                SELECT a.id, a.source_id FROM edges x JOIN articles a ON a.id = x.from_id
                WHERE x.to_kind = 'entity' AND x.to_id = ? AND x.type = 'mentions' AND x.from_kind = 'article' ORDER BY a.id
                """), arguments: [id]) where chosen.count + 2 <= limit {
                chosen.articles.insert(row[0])
                chosen.reports.insert(row[1])
            }
        }
        return chosen
    }

    /// Every report, by id.
    public func forEachReport(_ body: (StoredReport) throws -> Void) throws {
        // A report of one article (a web page) is titled by it; a bulletin
        // of several has no title of its own.
        try rows("""
            SELECT s.id, s.path, s.sha256, s.published, s.publisher,
                   CASE WHEN s.article_count = 1 THEN (SELECT title FROM articles a WHERE a.source_id = s.id LIMIT 1) END
            FROM sources s ORDER BY s.id
            """) { row in
            try body(StoredReport(id: row.integer(0) ?? 0, path: row.text(1) ?? "", sha256: row.text(2) ?? "",
                                  published: row.text(3), publisher: row.text(4), title: row.text(5).flatMap { $0.isEmpty ? nil : $0 }))
        }
    }

    /// Every article, by id.
    public func forEachArticle(_ body: (StoredArticle) throws -> Void) throws {
        try rows("""
            SELECT a.id, a.title, a.section, a.date, a.precision, a.start_day, a.end_day, s.path
            FROM articles a JOIN sources s ON s.id = a.source_id ORDER BY a.id
            """) { row in
            try body(StoredArticle(id: row.integer(0) ?? 0, title: row.text(1) ?? "", section: row.text(2), date: row.text(3),
                                   precision: row.text(4), start: row.text(5), end: row.text(6), report: row.text(7) ?? ""))
        }
    }

    /// Every event, by id.
    public func forEachEvent(_ body: (StoredEvent) throws -> Void) throws {
        try rows("""
            SELECT ev.id, ev.type, ev.summary, ev.date, ev.date_text, ev.precision, ev.start_day, ev.end_day, ev.date_source,
                   ev.sentence_text, a.title, s.path
            FROM events ev JOIN articles a ON a.id = ev.article_id JOIN sources s ON s.id = a.source_id ORDER BY ev.id
            """) { row in
            try body(StoredEvent(id: row.integer(0) ?? 0, type: row.text(1) ?? "", summary: row.text(2) ?? "", date: row.text(3),
                                 dateText: row.text(4), precision: row.text(5), start: row.text(6), end: row.text(7),
                                 dateSource: row.text(8), sentence: row.text(9), article: row.text(10) ?? "", report: row.text(11) ?? ""))
        }
    }

    /// Every entity, by id, optionally of some types only; with
    /// `activity`, each with the first and last day of its events (one
    /// more query an entity, which only timelines need).
    public func forEachEntity(types: [NodeType]? = nil, activity: Bool = false, _ body: (StoredEntityNode) throws -> Void) throws {
        let span = try db.cachedStatement(sql: """
            SELECT MIN(ev.start_day), MAX(ev.end_day) FROM events ev WHERE ev.id IN
              (SELECT to_id FROM edges WHERE from_kind = 'entity' AND from_id = ?1 AND to_kind = 'event'
               UNION SELECT from_id FROM edges WHERE to_kind = 'entity' AND to_id = ?1 AND from_kind = 'event')
            """)
        let typed = types.map { " WHERE e.type IN (" + $0.map { "'" + $0.rawValue + "'" }.joined(separator: ", ") + ")" } ?? ""
        try rows("""
            SELECT e.id, e.type, e.key, e.name, e.kind, e.adcode, e.lat, e.lon,
                   (SELECT group_concat(alias, '|') FROM (SELECT alias FROM aliases WHERE entity_id = e.id ORDER BY alias)) AS aliases
            FROM entities e\(typed) ORDER BY e.id
            """) { row in
            let entity = StoredEntity(id: row.integer(0) ?? 0, type: NodeType(rawValue: row.text(1) ?? "") ?? .work, key: row.text(2) ?? "",
                                      name: row.text(3) ?? "", kind: row.text(4), adcode: row.text(5), latitude: row.double(6), longitude: row.double(7))
            var node = StoredEntityNode(entity: entity, aliases: row.text(8))
            if activity, let days = try Row.fetchOne(span, arguments: [entity.id]) {
                node.firstDay = days[0]
                node.lastDay = days[1]
            }
            try body(node)
        }
    }

    /// Every edge of the graph, or of a selection (both ends in it), in id
    /// order, as SQLite gives it: writers that copy bytes straight to their
    /// output (GraphML of a million edges) make no string unless they ask
    /// for one. `body` must not keep the edge. `withIntervals` adds the days
    /// of the event an edge touches (GEXF's time spans).
    ///
    /// The edges are read alone, not joined to what they name: an entity's
    /// type comes from a table of all entities' types held in memory (a
    /// byte each), a report's path and an article's title from a lookup
    /// made only when the edge's report or article differs from the last one's.
    public func forEachEdge(in selection: GraphSelection? = nil, withIntervals: Bool = false, _ body: (StoredEdge) throws -> Void) throws {
        let statement = try db.makeStatement(sql: """
            SELECT x.id, x.type, x.from_kind, x.from_id, x.to_kind, x.to_id, x.role, x.weight, x.sentence, x.span_start, x.span_end,
                   x.source_id, x.article_id\(withIntervals ? ", ev.start_day, ev.end_day" : "")
            FROM edges x
            \(withIntervals ? "LEFT JOIN events ev ON ev.id = CASE WHEN x.to_kind = 'event' THEN x.to_id WHEN x.from_kind = 'event' THEN x.from_id END" : "")
            ORDER BY x.id
            """)
        let context = StoredEdge.Context(
            entityTypes: try EntityTypes(db),
            reports: try RowText(db, sql: "SELECT path FROM sources WHERE id = ?"),
            titles: try RowText(db, sql: "SELECT title FROM articles WHERE id = ?"))
        let columns = RawColumns(statement)
        while try columns.step(db) {
            let edge = StoredEdge(columns: columns, context: context)
            if let selection, !(selection.contains(kind: edge.fromKind, id: edge.fromID) && selection.contains(kind: edge.toKind, id: edge.toID)) { continue }
            try body(edge)
        }
    }

    /// The rows of a statement, read straight from SQLite (GRDB's rows look
    /// each column up by name and cast it).
    private func rows(_ sql: String, _ each: (RawColumns) throws -> Void) throws {
        let columns = RawColumns(try db.makeStatement(sql: sql))
        while try columns.step(db) { try each(columns) }
    }
}

extension StoredEntity {
    init(id: Int64, type: NodeType, key: String, name: String, kind: String?, adcode: String?, latitude: Double?, longitude: Double?) {
        self.id = id
        self.type = type
        self.key = key
        self.name = name
        self.kind = kind
        self.adcode = adcode
        self.latitude = latitude
        self.longitude = longitude
    }
}

/// The current edge of ``StoreReader/forEachEdge(in:withIntervals:_:)``:
/// its values, and what it names (its ends' node types, its report's path,
/// its article's title). Byte views are valid until the next edge.
public struct StoredEdge {
    let columns: RawColumns
    let context: Context

    /// What the edges of one reading share.
    final class Context {
        let entityTypes: EntityTypes
        let reports: RowText
        let titles: RowText

        init(entityTypes: EntityTypes, reports: RowText, titles: RowText) {
            self.entityTypes = entityTypes
            self.reports = reports
            self.titles = titles
        }
    }

    private static let idColumn: Int32 = 0, typeColumn: Int32 = 1, fromKindColumn: Int32 = 2, fromIDColumn: Int32 = 3, toKindColumn: Int32 = 4
    private static let toIDColumn: Int32 = 5, roleColumn: Int32 = 6, weightColumn: Int32 = 7, sentenceColumn: Int32 = 8
    private static let spanStartColumn: Int32 = 9, spanEndColumn: Int32 = 10, sourceIDColumn: Int32 = 11, articleIDColumn: Int32 = 12
    private static let startColumn: Int32 = 13, endColumn: Int32 = 14

    public var id: Int64 { columns.integer(Self.idColumn) ?? 0 }
    /// The edge type's name (`mentions`, `part_of` …).
    public var type: String { columns.text(Self.typeColumn) ?? "" }
    public var typeBytes: UnsafeBufferPointer<UInt8>? { columns.bytes(Self.typeColumn) }
    /// report, article, event, or entity.
    public var fromKind: String { columns.text(Self.fromKindColumn) ?? "" }
    public var toKind: String { columns.text(Self.toKindColumn) ?? "" }
    public var fromID: Int64 { columns.integer(Self.fromIDColumn) ?? 0 }
    public var toID: Int64 { columns.integer(Self.toIDColumn) ?? 0 }
    /// A participant's role, an office's title.
    public var role: String? { columns.text(Self.roleColumn) }
    public var roleBytes: UnsafeBufferPointer<UInt8>? { columns.bytes(Self.roleColumn) }
    public var weight: Int64 { columns.integer(Self.weightColumn) ?? 1 }
    /// Provenance: the sentence's number in its article and the raw byte
    /// offsets; nil for the gazetteer's edges.
    public var sentence: Int64? { columns.integer(Self.sentenceColumn) }
    public var spanStart: Int64? { columns.integer(Self.spanStartColumn) }
    public var spanEnd: Int64? { columns.integer(Self.spanEndColumn) }
    /// The ids of the report and article that state it.
    public var reportID: Int64? { columns.integer(Self.sourceIDColumn) }
    public var articleID: Int64? { columns.integer(Self.articleIDColumn) }
    /// The days of the event it touches (with `withIntervals`).
    public var start: String? { columns.text(Self.startColumn) }
    public var end: String? { columns.text(Self.endColumn) }
    /// The node types of the two ends (an entity's own type: person, place …).
    public var sourceType: String { String(decoding: sourceTypeBytes, as: UTF8.self) }
    public var targetType: String { String(decoding: targetTypeBytes, as: UTF8.self) }
    public var sourceTypeBytes: UnsafeBufferPointer<UInt8> { nodeType(kind: Self.fromKindColumn, id: Self.fromIDColumn) }
    public var targetTypeBytes: UnsafeBufferPointer<UInt8> { nodeType(kind: Self.toKindColumn, id: Self.toIDColumn) }
    /// The path of the report and the title of the article that state it.
    public func reportPath() throws -> String? { try context.reports.text(for: reportID) }
    public func articleTitle() throws -> String? { try context.titles.text(for: articleID) }

    /// An end's kind (report, article, event), or for an entity its type;
    /// `entity` for an entity the store no longer has.
    private func nodeType(kind: Int32, id: Int32) -> UnsafeBufferPointer<UInt8> {
        let kindBytes = columns.bytes(kind) ?? UnsafeBufferPointer(start: nil, count: 0)
        guard kindBytes.count == 6, memcmp(kindBytes.baseAddress!, "entity", 6) == 0, let entityID = columns.integer(id),
              let type = context.entityTypes.type(of: entityID) else { return kindBytes }
        return type
    }
}

/// Every entity's type, by id, in memory: a byte per entity (an index
/// into the few type names), so that reading edges need not join the
/// entity table to each.
final class EntityTypes {
    private var codes: [UInt8] = []
    /// The type names' bytes, owned here (they stay put while the table lives).
    private var names: [UnsafeMutableBufferPointer<UInt8>] = []

    init(_ db: Database) throws {
        var byName: [String: UInt8] = [:]
        let columns = RawColumns(try db.makeStatement(sql: "SELECT id, type FROM entities ORDER BY id"))
        while try columns.step(db) {
            guard let id = columns.integer(0), id >= 0, id < Int64(Int32.max), let type = columns.text(1) else { continue }
            let code: UInt8
            if let known = byName[type] {
                code = known
            } else {
                precondition(names.count < 255, "the store's schema allows a handful of entity types")
                let bytes = Array(type.utf8)
                let stored = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: bytes.count)
                _ = stored.initialize(from: bytes)
                names.append(stored)
                code = UInt8(names.count)
                byName[type] = code
            }
            if Int(id) >= codes.count { codes.append(contentsOf: repeatElement(0, count: Int(id) + 1 - codes.count)) }
            codes[Int(id)] = code
        }
    }

    deinit { for name in names { name.deallocate() } }

    /// The type's bytes (valid while this table lives), or nil for an id
    /// with no entity.
    func type(of id: Int64) -> UnsafeBufferPointer<UInt8>? {
        guard id >= 0, id < Int64(codes.count), codes[Int(id)] > 0 else { return nil }
        return UnsafeBufferPointer(names[Int(codes[Int(id)]) - 1])
    }
}

/// One text column of a row looked up by id (a report's path, an
/// article's title), remembering the last: consecutive edges mostly
/// share their report and article.
final class RowText {
    private let statement: Statement
    private var lastID: Int64?
    private var lastText: String?

    init(_ db: Database, sql: String) throws {
        statement = try db.makeStatement(sql: sql)
    }

    func text(for id: Int64?) throws -> String? {
        guard let id else { return nil }
        if id == lastID { return lastText }
        lastText = try String.fetchOne(statement, arguments: [id])
        lastID = id
        return lastText
    }
}

/// The current row of a statement, read through SQLite's C API. Holds the
/// GRDB statement, which finalises the SQLite one when it goes.
struct RawColumns {
    private let owner: Statement
    let statement: SQLiteStatement

    init(_ owner: Statement) {
        self.owner = owner
        statement = owner.sqliteStatement
    }

    /// Moves to the next row; false after the last.
    func step(_ db: Database) throws -> Bool {
        switch sqlite3_step(statement) {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        case let code: throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
        }
    }

    func text(_ column: Int32) -> String? {
        guard let text = sqlite3_column_text(statement, column) else { return nil }
        return String(cString: text)
    }

    func integer(_ column: Int32) -> Int64? {
        sqlite3_column_type(statement, column) == SQLITE_NULL ? nil : sqlite3_column_int64(statement, column)
    }

    func double(_ column: Int32) -> Double? {
        sqlite3_column_type(statement, column) == SQLITE_NULL ? nil : sqlite3_column_double(statement, column)
    }

    /// The text's UTF-8 bytes as SQLite holds them (valid until the next
    /// step), without its terminating NUL; nil for NULL.
    func bytes(_ column: Int32) -> UnsafeBufferPointer<UInt8>? {
        guard let text = sqlite3_column_text(statement, column) else { return nil }
        return UnsafeBufferPointer(start: text, count: Int(sqlite3_column_bytes(statement, column)))
    }
}
