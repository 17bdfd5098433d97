import AnnalsExtract
import AnnalsGraph
import Foundation
import GRDB
import GRDBSQLite

/// The type of an exported attribute, as every format names it.
public enum AttributeType: Sendable {
    case string, int, double

    var graphML: String {
        switch self {
        case .string: "string"
        case .int: "int"
        case .double: "double"
        }
    }

    var gexf: String {
        switch self {
        case .string: "string"
        case .int: "integer"
        case .double: "double"
        }
    }
}

/// A value of an exported attribute.
public enum AttributeValue: Sendable, Equatable {
    case string(String)
    case int(Int)
    case double(Double)

    /// The value as text: integers plain, doubles in decimal notation.
    public var text: String {
        switch self {
        case .string(let value): value
        case .int(let value): String(value)
        case .double(let value): Self.decimal(value, places: 6)
        }
    }

    /// `value` with `places` decimals, as C's `%.Nf` writes it (and as
    /// `String(format:)` does, through CoreFoundation, at twenty times the
    /// cost: an export formats a number for every edge).
    static func decimal(_ value: Double, places: Int) -> String {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: 48) { buffer in
            let format: StaticString = "%.*f"   // a NUL-terminated literal
            let count = withVaList([Int32(places), value]) { arguments in
                vsnprintf(buffer.baseAddress, 48, UnsafeRawPointer(format.utf8Start).assumingMemoryBound(to: CChar.self), arguments)
            }
            guard count >= 0, count < 48, let start = buffer.baseAddress else { return String(format: "%.\(places)f", value) }
            return String(cString: start)
        }
    }
}

/// One attribute every exported node or edge may carry.
public struct AttributeKey: Sendable {
    public let name: String
    public let type: AttributeType
}

/// A node of the exported graph: a stable ASCII id (`person-000123`), its
/// type, and values aligned with ``GraphStream/nodeKeys``.
public struct ExportNode: Sendable {
    public var id: String
    public var type: String
    public var label: String
    public var values: [AttributeValue?]
    /// When it is on the timeline: an event's interval, a report's or an
    /// article's date, an entity's first to last event.
    public var start: String?
    public var end: String?

    public subscript(_ key: String) -> AttributeValue? {
        GraphStream.nodeKeyIndex[key].flatMap { values[$0] }
    }
}

/// An edge of the exported graph, with values aligned with
/// ``GraphStream/edgeKeys``.
public struct ExportEdge: Sendable {
    public var id: String
    public var source: String
    public var target: String
    public var type: String
    public var weight: Double
    public var values: [AttributeValue?]
    /// The interval of the event it touches, if any.
    public var start: String?
    public var end: String?

    public subscript(_ key: String) -> AttributeValue? {
        GraphStream.edgeKeyIndex[key].flatMap { values[$0] }
    }
}

/// What an export holds: the whole store, or the events a timeline query
/// selects with everything attached to them (their articles and reports,
/// the people, places, sites and bodies of the events) and every edge among
/// those nodes.
public struct GraphSelection: Sendable {
    var reports: Set<Int64>
    var articles: Set<Int64>
    var events: Set<Int64>
    var entities: Set<Int64>

    /// The subgraph around `events`.
    public static func around(events: [Int64], in store: GraphStore) throws(ExportError) -> GraphSelection {
        do {
            return try store.read { db in
                var selection = GraphSelection(reports: [], articles: [], events: Set(events), entities: [])
                for event in events {
                    if let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT a.id, a.source_id FROM events ev JOIN articles a ON a.id = ev.article_id WHERE ev.id = ?"),
                                                  arguments: [event]) {
                        selection.articles.insert(row[0])
                        selection.reports.insert(row[1])
                    }
                    selection.entities.formUnion(try Int64.fetchAll(db.cachedStatement(sql: """
                        SELECT to_id FROM edges WHERE from_kind = 'event' AND from_id = ?1 AND to_kind = 'entity'
                        UNION SELECT from_id FROM edges WHERE to_kind = 'event' AND to_id = ?1 AND from_kind = 'entity'
                        """), arguments: [event]))
                }
                return selection
            }
        } catch {
            throw .store("\(error)")
        }
    }

    func contains(kind: String, id: Int64) -> Bool {
        switch kind {
        case "report": reports.contains(id)
        case "article": articles.contains(id)
        case "event": events.contains(id)
        default: entities.contains(id)
        }
    }
}

/// Streams the graph of a store, nodes first (reports, articles, events,
/// entities, each by id) then edges (by id), so that every export is
/// deterministic and holds in memory only one row at a time (plus the id
/// sets of a selection).
public struct GraphStream: Sendable {
    public let store: GraphStore
    /// nil: everything.
    public let selection: GraphSelection?
    /// Whether entities get their first and last event (`start`, `end`):
    /// one more query per entity, which only timelines (GEXF) need.
    public var entityActivity = false

    public init(store: GraphStore, selection: GraphSelection? = nil) {
        self.store = store
        self.selection = selection
    }

    /// Node attributes, in the order every format declares them. Names
    /// avoid what Gephi, igraph or Cytoscape reinterpret (id, x, y, size,
    /// source, target) and differ by more than case.
    public static let nodeKeys: [AttributeKey] = [
        .init(name: "label", type: .string), .init(name: "name", type: .string), .init(name: "type", type: .string),
        .init(name: "canonical_name", type: .string), .init(name: "aliases", type: .string), .init(name: "kind", type: .string),
        .init(name: "node_key", type: .string), .init(name: "adcode", type: .string),
        .init(name: "lat", type: .double), .init(name: "lng", type: .double),
        .init(name: "date", type: .string), .init(name: "date_text", type: .string), .init(name: "date_precision", type: .string),
        .init(name: "date_start", type: .string), .init(name: "date_end", type: .string), .init(name: "year", type: .int),
        .init(name: "date_source", type: .string), .init(name: "event_type", type: .string), .init(name: "summary", type: .string),
        .init(name: "title", type: .string), .init(name: "section", type: .string), .init(name: "publisher", type: .string),
        .init(name: "sha256", type: .string), .init(name: "report", type: .string), .init(name: "article", type: .string),
        .init(name: "sentence", type: .string),
    ]

    /// Edge attributes. `report`, `article`, `sentence` (its number in the
    /// article) and the raw byte offsets give every stated edge its
    /// provenance; gazetteer edges (part_of …) have none.
    public static let edgeKeys: [AttributeKey] = [
        .init(name: "label", type: .string), .init(name: "interaction", type: .string), .init(name: "weight", type: .double),
        .init(name: "role", type: .string), .init(name: "report", type: .string), .init(name: "article", type: .string),
        .init(name: "sentence_number", type: .int), .init(name: "span_start", type: .int), .init(name: "span_end", type: .int),
    ]

    static let nodeKeyIndex = Dictionary(uniqueKeysWithValues: nodeKeys.enumerated().map { ($1.name, $0) })
    static let edgeKeyIndex = Dictionary(uniqueKeysWithValues: edgeKeys.enumerated().map { ($1.name, $0) })

    /// `person-000123`: ASCII, stable for a store.
    static func nodeID(_ type: String, _ id: Int64) -> String {
        type + "-" + (id < 1_000_000 ? String(String(id + 1_000_000).dropFirst()) : String(id))
    }

    /// Labels stay short (Gephi slows down and crowds with long CJK
    /// labels); the full text is in `title` or `summary`.
    static func shortLabel(_ text: String, limit: Int = 24) -> String {
        // No more bytes than the limit: no more characters either, and no
        // count of graphemes is needed.
        text.utf8.count <= limit || text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
    }

    /// Positions in ``nodeKeys``, by name: a node's values are filled by
    /// position, not looked up by key name for every value of every node.
    enum NodeKey: Int {
        case label, name, type, canonicalName, aliases, kind, nodeKey, adcode, lat, lng
        case date, dateText, datePrecision, dateStart, dateEnd, year, dateSource, eventType, summary
        case title, section, publisher, sha256, report, article, sentence
    }

    /// A node's values while it is assembled.
    struct NodeValues {
        var values = [AttributeValue?](repeating: nil, count: GraphStream.nodeKeys.count)

        subscript(_ key: NodeKey) -> AttributeValue? {
            get { values[key.rawValue] }
            set { values[key.rawValue] = newValue }
        }

        mutating func set(_ key: NodeKey, _ text: String?) { values[key.rawValue] = text.map(AttributeValue.string) }

        /// Date attributes: value, precision, interval and year (of its start).
        mutating func setDate(value: String?, precision: String?, start: String?, end: String?) {
            guard let value else { return }
            set(.date, value)
            set(.datePrecision, precision)
            set(.dateStart, start)
            set(.dateEnd, end)
            self[.year] = start.flatMap { Int($0.prefix(4)) }.map(AttributeValue.int)
        }
    }

    public func forEachNode(_ body: (ExportNode) throws -> Void) throws(ExportError) {
        do {
            try store.read { db in
                func emit(_ id: String, _ type: String, _ label: String, _ node: inout NodeValues, span: (String?, String?) = (nil, nil)) throws {
                    node[.label] = .string(label)
                    node[.type] = .string(type)
                    var start = span.0, end = span.1
                    if start == nil, case .string(let first)? = node[.dateStart], case .string(let last)? = node[.dateEnd] {
                        start = first
                        end = last
                    }
                    try body(ExportNode(id: id, type: type, label: label, values: node.values, start: start, end: end))
                }
                // The rows are read straight from SQLite, as the edges are
                // (GRDB's rows look each column up by name and cast it).
                func rows(_ sql: String, _ each: (RawColumns) throws -> Void) throws {
                    let columns = RawColumns(try db.makeStatement(sql: sql))
                    while try columns.step(db) { try each(columns) }
                }
                // An entity is on the timeline from its first event to its last.
                let activity = try db.cachedStatement(sql: """
                    SELECT MIN(ev.start_day), MAX(ev.end_day) FROM events ev WHERE ev.id IN
                      (SELECT to_id FROM edges WHERE from_kind = 'entity' AND from_id = ?1 AND to_kind = 'event'
                       UNION SELECT from_id FROM edges WHERE to_kind = 'entity' AND to_id = ?1 AND from_kind = 'event')
                    """)
                try rows("SELECT id, path, sha256, published, publisher FROM sources ORDER BY id") { row in
                    let id = row.integer(0) ?? 0
                    guard selection?.reports.contains(id) ?? true else { return }
                    let path = row.text(1) ?? ""
                    let name = URL(fileURLWithPath: path).lastPathComponent
                    let published = row.text(3)
                    var node = NodeValues()
                    node.set(.name, name)
                    node.set(.report, path)
                    node.set(.sha256, row.text(2) ?? "")
                    node.set(.publisher, row.text(4))
                    node.setDate(value: published, precision: published == nil ? nil : "day", start: published, end: published)
                    try emit(Self.nodeID("report", id), "report", name, &node)
                }
                try rows("SELECT a.id, a.title, a.section, a.date, s.path FROM articles a JOIN sources s ON s.id = a.source_id ORDER BY a.id") { row in
                    let id = row.integer(0) ?? 0
                    guard selection?.articles.contains(id) ?? true else { return }
                    let title = row.text(1) ?? ""
                    let date = row.text(3)
                    let interval = date.flatMap { TemporalValue(iso: $0) }
                    var node = NodeValues()
                    node.set(.name, title)
                    node.set(.title, title)
                    node.set(.section, row.text(2))
                    node.set(.report, row.text(4) ?? "")
                    node.setDate(value: date, precision: interval?.precision.rawValue, start: interval?.start.description, end: interval?.end.description)
                    try emit(Self.nodeID("article", id), "article", Self.shortLabel(title.isEmpty ? "(untitled)" : title), &node)
                }
                try rows("""
                    SELECT ev.id, ev.type, ev.summary, ev.date, ev.date_text, ev.precision, ev.start_day, ev.end_day, ev.date_source,
                           ev.sentence_text, a.title, s.path
                    FROM events ev JOIN articles a ON a.id = ev.article_id JOIN sources s ON s.id = a.source_id ORDER BY ev.id
                    """) { row in
                    let id = row.integer(0) ?? 0
                    guard selection?.events.contains(id) ?? true else { return }
                    let summary = row.text(2) ?? ""
                    var node = NodeValues()
                    node.set(.name, summary)
                    node.set(.eventType, row.text(1) ?? "")
                    node.set(.summary, summary)
                    node.set(.dateText, row.text(4))
                    node.set(.dateSource, row.text(8))
                    node.set(.report, row.text(11) ?? "")
                    node.set(.article, row.text(10) ?? "")
                    node.set(.sentence, row.text(9))
                    node.setDate(value: row.text(3), precision: row.text(5), start: row.text(6), end: row.text(7))
                    try emit(Self.nodeID("event", id), "event", Self.shortLabel(summary), &node)
                }
                try rows("""
                    SELECT e.id, e.type, e.key, e.name, e.kind, e.adcode, e.lat, e.lon,
                           (SELECT group_concat(alias, '|') FROM (SELECT alias FROM aliases WHERE entity_id = e.id ORDER BY alias)) AS aliases
                    FROM entities e ORDER BY e.id
                    """) { row in
                    let id = row.integer(0) ?? 0
                    guard selection?.entities.contains(id) ?? true else { return }
                    let type = row.text(1) ?? ""
                    let name = row.text(3) ?? ""
                    let span = entityActivity ? try Row.fetchOne(activity, arguments: [id]) : nil
                    var node = NodeValues()
                    node.set(.name, name)
                    node.set(.canonicalName, name)
                    node.set(.nodeKey, row.text(2) ?? "")
                    node.set(.aliases, row.text(8))
                    node.set(.kind, row.text(4))
                    node.set(.adcode, row.text(5))
                    node[.lat] = row.double(6).map(AttributeValue.double)
                    node[.lng] = row.double(7).map(AttributeValue.double)
                    try emit(Self.nodeID(type, id), type, Self.shortLabel(name), &node, span: (span?[0], span?[1]))
                }
            }
        } catch let error as ExportError {
            throw error
        } catch {
            throw .store("\(error)")
        }
    }

    public func forEachEdge(_ body: (ExportEdge) throws -> Void) throws(ExportError) {
        try forEachEdgeRow(withIntervals: true) { row in
            let columns = row.columns
            let type = columns.text(EdgeRow.type) ?? ""
            let weight = Double(row.weight)
            var values = [AttributeValue?](repeating: nil, count: Self.edgeKeys.count)
            values[0] = .string(type)
            values[1] = .string(type)
            values[2] = .double(weight)
            values[3] = columns.text(EdgeRow.role).map(AttributeValue.string)
            values[4] = try row.reportPath().map(AttributeValue.string)
            values[5] = try row.articleTitle().map(AttributeValue.string)
            values[6] = columns.integer(EdgeRow.sentence).map { .int(Int($0)) }
            values[7] = columns.integer(EdgeRow.spanStart).map { .int(Int($0)) }
            values[8] = columns.integer(EdgeRow.spanEnd).map { .int(Int($0)) }
            try body(ExportEdge(
                id: Self.nodeID("edge", row.id), source: Self.nodeID(row.sourceType, row.fromID), target: Self.nodeID(row.targetType, row.toID),
                type: type, weight: weight, values: values, start: columns.text(EdgeRow.start), end: columns.text(EdgeRow.end)))
        }
    }

    /// Every edge of the selection as SQLite gives it, in id order, for
    /// writers that copy bytes straight to their output (GraphML of a
    /// million edges and more): no string is made for a value unless the
    /// writer asks for one. `body` must not keep the row.
    ///
    /// The edges are read alone, not joined to what they name: an entity's
    /// type comes from a table of all entities' types held in memory (a
    /// byte each), a report's path and an article's title from a lookup
    /// made only when the edge's report or article differs from the last
    /// one's. Joining them to every edge was a third of the export.
    /// `withIntervals` adds the dates of the event an edge touches
    /// (``EdgeRow/start``, ``EdgeRow/end``: GEXF's time spans).
    func forEachEdgeRow(withIntervals: Bool = false, _ body: (EdgeRow) throws -> Void) throws(ExportError) {
        do {
            try store.read { db in
                let statement = try db.makeStatement(sql: """
                    SELECT x.id, x.type, x.from_kind, x.from_id, x.to_kind, x.to_id, x.role, x.weight, x.sentence, x.span_start, x.span_end,
                           x.source_id, x.article_id\(withIntervals ? ", ev.start_day, ev.end_day" : "")
                    FROM edges x
                    \(withIntervals ? "LEFT JOIN events ev ON ev.id = CASE WHEN x.to_kind = 'event' THEN x.to_id WHEN x.from_kind = 'event' THEN x.from_id END" : "")
                    ORDER BY x.id
                    """)
                let context = EdgeRow.Context(
                    entityTypes: try EntityTypes(db),
                    reports: try RowText(db, sql: "SELECT path FROM sources WHERE id = ?"),
                    titles: try RowText(db, sql: "SELECT title FROM articles WHERE id = ?"))
                let columns = RawColumns(statement)
                while try columns.step(db) {
                    let row = EdgeRow(columns: columns, context: context)
                    if let selection, !(selection.contains(kind: row.fromKind, id: row.fromID) && selection.contains(kind: row.toKind, id: row.toID)) { continue }
                    try body(row)
                }
            }
        } catch let error as ExportError {
            throw error
        } catch {
            throw .store("\(error)")
        }
    }

    /// A date for the file's metadata that depends only on the store: the
    /// issue date of the latest report (so two exports are byte-identical).
    public func lastModified() throws(ExportError) -> String {
        do {
            return try store.read { db in
                try String.fetchOne(db, sql: "SELECT MAX(published) FROM sources") ?? "1970-01-01"
            }
        } catch {
            throw .store("\(error)")
        }
    }
}

/// The current row of ``GraphStream/forEachEdgeRow(withIntervals:_:)``:
/// the edge's columns by number, and what it names (its ends' node types,
/// its report's path, its article's title).
struct EdgeRow {
    let columns: RawColumns
    let context: Context

    /// What the rows of one export share.
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

    static let id: Int32 = 0, type: Int32 = 1, fromKindColumn: Int32 = 2, fromIDColumn: Int32 = 3, toKindColumn: Int32 = 4
    static let toIDColumn: Int32 = 5, role: Int32 = 6, weight: Int32 = 7, sentence: Int32 = 8, spanStart: Int32 = 9, spanEnd: Int32 = 10
    static let sourceID: Int32 = 11, articleID: Int32 = 12, start: Int32 = 13, end: Int32 = 14

    var id: Int64 { columns.integer(Self.id) ?? 0 }
    var fromKind: String { columns.text(Self.fromKindColumn) ?? "" }
    var toKind: String { columns.text(Self.toKindColumn) ?? "" }
    var fromID: Int64 { columns.integer(Self.fromIDColumn) ?? 0 }
    var toID: Int64 { columns.integer(Self.toIDColumn) ?? 0 }
    var weight: Int64 { columns.integer(Self.weight) ?? 1 }
    /// The node types of the two ends (an entity's own type: person, place …).
    var sourceType: String { String(decoding: sourceTypeBytes, as: UTF8.self) }
    var targetType: String { String(decoding: targetTypeBytes, as: UTF8.self) }
    /// The same as bytes: valid until the next row.
    var sourceTypeBytes: UnsafeBufferPointer<UInt8> { nodeType(kind: Self.fromKindColumn, id: Self.fromIDColumn) }
    var targetTypeBytes: UnsafeBufferPointer<UInt8> { nodeType(kind: Self.toKindColumn, id: Self.toIDColumn) }
    func reportPath() throws -> String? { try context.reports.text(for: columns.integer(Self.sourceID)) }
    func articleTitle() throws -> String? { try context.titles.text(for: columns.integer(Self.articleID)) }

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
/// into the few type names), so that an export need not join the entity
/// table to each edge.
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
                guard names.count < 255 else { throw ExportError.store("more than 255 entity types") }
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
