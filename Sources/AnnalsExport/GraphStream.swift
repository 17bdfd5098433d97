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
        case .double(let value): String(format: "%.6f", value)
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
        text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
    }

    public func forEachNode(_ body: (ExportNode) throws -> Void) throws(ExportError) {
        do {
            try store.read { db in
                func emit(_ id: String, _ type: String, _ label: String, _ pairs: [(String, AttributeValue?)], span: (String?, String?) = (nil, nil)) throws {
                    var values = [AttributeValue?](repeating: nil, count: Self.nodeKeys.count)
                    values[0] = .string(label)
                    values[2] = .string(type)
                    for (key, value) in pairs { if let index = Self.nodeKeyIndex[key] { values[index] = value } }
                    var start = span.0, end = span.1
                    if start == nil, case .string(let first)? = values[Self.nodeKeyIndex["date_start"]!], case .string(let last)? = values[Self.nodeKeyIndex["date_end"]!] {
                        start = first
                        end = last
                    }
                    try body(ExportNode(id: id, type: type, label: label, values: values, start: start, end: end))
                }
                // An entity is on the timeline from its first event to its last.
                let activity = try db.cachedStatement(sql: """
                    SELECT MIN(ev.start_day), MAX(ev.end_day) FROM events ev WHERE ev.id IN
                      (SELECT to_id FROM edges WHERE from_kind = 'entity' AND from_id = ?1 AND to_kind = 'event'
                       UNION SELECT from_id FROM edges WHERE to_kind = 'entity' AND to_id = ?1 AND from_kind = 'event')
                    """)
                let reports = try Row.fetchCursor(db, sql: "SELECT id, path, sha256, published, publisher FROM sources ORDER BY id")
                while let row = try reports.next() {
                    let id: Int64 = row["id"]
                    guard selection?.reports.contains(id) ?? true else { continue }
                    let path: String = row["path"]
                    let name = URL(fileURLWithPath: path).lastPathComponent
                    let published: String? = row["published"]
                    try emit(Self.nodeID("report", id), "report", name, [
                        ("name", .string(name)), ("report", .string(path)), ("sha256", .string(row["sha256"])),
                        ("publisher", (row["publisher"] as String?).map(AttributeValue.string)),
                    ] + Self.dateValues(value: published, precision: published == nil ? nil : "day", start: published, end: published))
                }
                let articles = try Row.fetchCursor(db, sql: """
                    SELECT a.id, a.title, a.section, a.date, s.path FROM articles a JOIN sources s ON s.id = a.source_id ORDER BY a.id
                    """)
                while let row = try articles.next() {
                    let id: Int64 = row["id"]
                    guard selection?.articles.contains(id) ?? true else { continue }
                    let title: String = row["title"]
                    let date: String? = row["date"]
                    let interval = date.flatMap { TemporalValue(iso: $0) }
                    try emit(Self.nodeID("article", id), "article", Self.shortLabel(title.isEmpty ? "(untitled)" : title), [
                        ("name", .string(title)), ("title", .string(title)), ("section", (row["section"] as String?).map(AttributeValue.string)),
                        ("report", .string(row["path"])),
                    ] + Self.dateValues(value: date, precision: interval?.precision.rawValue, start: interval?.start.description, end: interval?.end.description))
                }
                let events = try Row.fetchCursor(db, sql: """
                    SELECT ev.id, ev.type, ev.summary, ev.date, ev.date_text, ev.precision, ev.start_day, ev.end_day, ev.date_source,
                           ev.sentence_text, a.title, s.path
                    FROM events ev JOIN articles a ON a.id = ev.article_id JOIN sources s ON s.id = a.source_id ORDER BY ev.id
                    """)
                while let row = try events.next() {
                    let id: Int64 = row["id"]
                    guard selection?.events.contains(id) ?? true else { continue }
                    let summary: String = row["summary"]
                    try emit(Self.nodeID("event", id), "event", Self.shortLabel(summary), [
                        ("name", .string(summary)), ("event_type", .string(row["type"])), ("summary", .string(summary)),
                        ("date_text", (row["date_text"] as String?).map(AttributeValue.string)),
                        ("date_source", (row["date_source"] as String?).map(AttributeValue.string)),
                        ("report", .string(row["path"])), ("article", .string(row["title"])),
                        ("sentence", (row["sentence_text"] as String?).map(AttributeValue.string)),
                    ] + Self.dateValues(value: row["date"], precision: row["precision"], start: row["start_day"], end: row["end_day"]))
                }
                let entities = try Row.fetchCursor(db, sql: """
                    SELECT e.id, e.type, e.key, e.name, e.kind, e.adcode, e.lat, e.lon,
                           (SELECT group_concat(alias, '|') FROM (SELECT alias FROM aliases WHERE entity_id = e.id ORDER BY alias)) AS aliases
                    FROM entities e ORDER BY e.id
                    """)
                while let row = try entities.next() {
                    let id: Int64 = row["id"]
                    guard selection?.entities.contains(id) ?? true else { continue }
                    let type: String = row["type"]
                    let name: String = row["name"]
                    let span = entityActivity ? try Row.fetchOne(activity, arguments: [id]) : nil
                    try emit(Self.nodeID(type, id), type, Self.shortLabel(name), [
                        ("name", .string(name)), ("canonical_name", .string(name)), ("node_key", .string(row["key"])),
                        ("aliases", (row["aliases"] as String?).map(AttributeValue.string)), ("kind", (row["kind"] as String?).map(AttributeValue.string)),
                        ("adcode", (row["adcode"] as String?).map(AttributeValue.string)),
                        ("lat", (row["lat"] as Double?).map(AttributeValue.double)), ("lng", (row["lon"] as Double?).map(AttributeValue.double)),
                    ], span: (span?[0], span?[1]))
                }
            }
        } catch let error as ExportError {
            throw error
        } catch {
            throw .store("\(error)")
        }
    }

    public func forEachEdge(_ body: (ExportEdge) throws -> Void) throws(ExportError) {
        do {
            try store.read { db in
                // A million edges or more: the columns are read straight from
                // SQLite (GRDB's rows cost a dynamic cast per value, a third
                // of the export's time).
                let statement = try db.makeStatement(sql: """
                    SELECT x.id, x.type, x.from_kind, x.from_id, fe.type AS from_type, x.to_kind, x.to_id, te.type AS to_type,
                           x.role, x.weight, s.path, a.title, x.sentence, x.span_start, x.span_end, ev.start_day, ev.end_day
                    FROM edges x
                    LEFT JOIN events ev ON ev.id = CASE WHEN x.to_kind = 'event' THEN x.to_id WHEN x.from_kind = 'event' THEN x.from_id END
                    LEFT JOIN entities fe ON x.from_kind = 'entity' AND fe.id = x.from_id
                    LEFT JOIN entities te ON x.to_kind = 'entity' AND te.id = x.to_id
                    LEFT JOIN sources s ON s.id = x.source_id
                    LEFT JOIN articles a ON a.id = x.article_id
                    ORDER BY x.id
                    """)
                let columns = RawColumns(statement.sqliteStatement)
                while try columns.step(db) {
                    let fromKind = columns.text(2) ?? "", toKind = columns.text(5) ?? ""
                    let fromID = columns.integer(3) ?? 0, toID = columns.integer(6) ?? 0
                    if let selection, !(selection.contains(kind: fromKind, id: fromID) && selection.contains(kind: toKind, id: toID)) { continue }
                    let type = columns.text(1) ?? ""
                    let weight = Double(columns.integer(9) ?? 1)
                    var values = [AttributeValue?](repeating: nil, count: Self.edgeKeys.count)
                    values[0] = .string(type)
                    values[1] = .string(type)
                    values[2] = .double(weight)
                    values[3] = columns.text(8).map(AttributeValue.string)
                    values[4] = columns.text(10).map(AttributeValue.string)
                    values[5] = columns.text(11).map(AttributeValue.string)
                    values[6] = columns.integer(12).map { .int(Int($0)) }
                    values[7] = columns.integer(13).map { .int(Int($0)) }
                    values[8] = columns.integer(14).map { .int(Int($0)) }
                    try body(ExportEdge(
                        id: Self.nodeID("edge", columns.integer(0) ?? 0),
                        source: Self.nodeID(fromKind == "entity" ? columns.text(4) ?? fromKind : fromKind, fromID),
                        target: Self.nodeID(toKind == "entity" ? columns.text(7) ?? toKind : toKind, toID),
                        type: type, weight: weight, values: values, start: columns.text(15), end: columns.text(16)))
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

    /// Date attributes: value, precision, interval and year (of its start).
    static func dateValues(value: String?, precision: String?, start: String?, end: String?) -> [(String, AttributeValue?)] {
        guard let value else { return [] }
        return [
            ("date", .string(value)), ("date_precision", precision.map(AttributeValue.string)),
            ("date_start", start.map(AttributeValue.string)), ("date_end", end.map(AttributeValue.string)),
            ("year", start.flatMap { Int($0.prefix(4)) }.map(AttributeValue.int)),
        ]
    }
}

/// The current row of a statement, read through SQLite's C API.
struct RawColumns {
    let statement: SQLiteStatement

    init(_ statement: SQLiteStatement) { self.statement = statement }

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
}
