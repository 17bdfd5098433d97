import AnnalsGraph
import AnnalsModel
import Foundation

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
    /// `String(format:)` does, but slowly, through CoreFoundation: an
    /// export formats a number for every edge).
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

extension GraphSelection {
    /// What an export of the events a timeline selects holds: those
    /// events with their articles and reports, the people, places, sites
    /// and bodies of the events, and every edge among them.
    public static func around(events: [Int64], in store: GraphStore) throws(ExportError) -> GraphSelection {
        do {
            return try store.reading { reader in try reader.selection(around: events) }
        } catch {
            throw .store("\(error)")
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
        try reading { reader in
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
            try reader.forEachReport { report in
                guard selection?.reports.contains(report.id) ?? true else { return }
                let name = URL(fileURLWithPath: report.path).lastPathComponent
                var node = NodeValues()
                node.set(.name, name)
                node.set(.title, report.title)
                node.set(.report, report.path)
                node.set(.sha256, report.sha256)
                node.set(.publisher, report.publisher)
                node.setDate(value: report.published, precision: report.published == nil ? nil : "day", start: report.published, end: report.published)
                try emit(Self.nodeID("report", report.id), "report", Self.shortLabel(report.label, limit: 40), &node)
            }
            try reader.forEachArticle { article in
                guard selection?.articles.contains(article.id) ?? true else { return }
                var node = NodeValues()
                node.set(.name, article.title)
                node.set(.title, article.title)
                node.set(.section, article.section)
                node.set(.report, article.report)
                node.setDate(value: article.date, precision: article.precision, start: article.start, end: article.end)
                try emit(Self.nodeID("article", article.id), "article", Self.shortLabel(article.title.isEmpty ? "(untitled)" : article.title), &node)
            }
            try reader.forEachEvent { event in
                guard selection?.events.contains(event.id) ?? true else { return }
                var node = NodeValues()
                node.set(.name, event.summary)
                node.set(.eventType, event.type)
                node.set(.summary, event.summary)
                node.set(.dateText, event.dateText)
                node.set(.dateSource, event.dateSource)
                node.set(.report, event.report)
                node.set(.article, event.article)
                node.set(.sentence, event.sentence)
                node.setDate(value: event.date, precision: event.precision, start: event.start, end: event.end)
                try emit(Self.nodeID("event", event.id), "event", Self.shortLabel(event.summary), &node)
            }
            try reader.forEachEntity(activity: entityActivity) { stored in
                let entity = stored.entity
                guard selection?.entities.contains(entity.id) ?? true else { return }
                var node = NodeValues()
                node.set(.name, entity.name)
                node.set(.canonicalName, entity.name)
                node.set(.nodeKey, entity.key)
                node.set(.aliases, stored.aliases)
                node.set(.kind, entity.kind)
                node.set(.adcode, entity.adcode)
                node[.lat] = entity.latitude.map(AttributeValue.double)
                node[.lng] = entity.longitude.map(AttributeValue.double)
                try emit(Self.nodeID(entity.type.rawValue, entity.id), entity.type.rawValue, Self.shortLabel(entity.name), &node,
                         span: (stored.firstDay, stored.lastDay))
            }
        }
    }

    public func forEachEdge(_ body: (ExportEdge) throws -> Void) throws(ExportError) {
        try forEachStoredEdge(withIntervals: true) { edge in
            let type = edge.type
            let weight = Double(edge.weight)
            var values = [AttributeValue?](repeating: nil, count: Self.edgeKeys.count)
            values[0] = .string(type)
            values[1] = .string(type)
            values[2] = .double(weight)
            values[3] = edge.role.map(AttributeValue.string)
            values[4] = try edge.reportPath().map(AttributeValue.string)
            values[5] = try edge.articleTitle().map(AttributeValue.string)
            values[6] = edge.sentence.map { .int(Int($0)) }
            values[7] = edge.spanStart.map { .int(Int($0)) }
            values[8] = edge.spanEnd.map { .int(Int($0)) }
            try body(ExportEdge(
                id: Self.nodeID("edge", edge.id), source: Self.nodeID(edge.sourceType, edge.fromID), target: Self.nodeID(edge.targetType, edge.toID),
                type: type, weight: weight, values: values, start: edge.start, end: edge.end))
        }
    }

    /// Every edge of the selection as the store gives it, in id order, for
    /// writers that copy bytes straight to their output (GraphML of a
    /// million edges and more). `body` must not keep the edge.
    func forEachStoredEdge(withIntervals: Bool = false, _ body: (StoredEdge) throws -> Void) throws(ExportError) {
        try reading { reader in try reader.forEachEdge(in: selection, withIntervals: withIntervals, body) }
    }

    /// A date for the file's metadata that depends only on the store: the
    /// issue date of the latest report (so two exports are byte-identical).
    public func lastModified() throws(ExportError) -> String {
        try reading { reader in try reader.latestPublished() ?? "1970-01-01" }
    }

    /// Runs `body` over one snapshot of the store; a failure is E502.
    func reading<T>(_ body: (StoreReader) throws -> T) throws(ExportError) -> T {
        do {
            return try store.reading(body)
        } catch let error as ExportError {
            throw error
        } catch {
            throw .store("\(error)")
        }
    }
}
