import AnnalsExtract
import AnnalsGraph
import AnnalsKnowledge
import Foundation
import GRDB

/// Answers historians' questions over a graph store: timelines by place,
/// region, person, organisation, site, type, date and words; entity
/// profiles; revolutionary sites across reports.
///
/// ```swift
/// let engine = QueryEngine(store: store, knowledge: knowledge)
/// let timeline = try engine.timeline(TimelineQuery(place: "北碚区"))
/// ```
public struct QueryEngine: Sendable {
    public let store: GraphStore
    public let knowledge: KnowledgeBase

    public init(store: GraphStore, knowledge: KnowledgeBase) {
        self.store = store
        self.knowledge = knowledge
    }

    var resolver: NameResolver { NameResolver(knowledge: knowledge) }

    // MARK: - Timeline

    /// The events the query selects, in chronological order.
    public func timeline(_ query: TimelineQuery) throws(QueryError) -> Timeline {
        try reading { db throws(QueryError) in
            let selection = try select(query, db)
            let ids = try fetch { try Int64.fetchAll(db, sql: selection.ids(limit: query.limit), arguments: selection.arguments) }
            // A page (--limit) says how many match in all, counting at most
            // `countLimit` (a region of 30,000 events says 10,000+).
            var total = ids.count, more = false
            if let limit = query.limit, ids.count == limit {
                let counted = try fetch {
                    try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM (" + selection.count + " LIMIT \(Self.countLimit + 1))", arguments: selection.arguments) ?? 0
                }
                total = min(counted, Self.countLimit)
                more = counted > Self.countLimit
            }
            let page = try fetch { try events(ids, db) }
            return Timeline(query: query, resolved: selection.resolved, total: total, totalIsAtLeast: more, events: page)
        }
    }

    /// The ids of the events the query selects, in chronological order:
    /// what exports take their subgraph from.
    public func eventIDs(_ query: TimelineQuery) throws(QueryError) -> [Int64] {
        try reading { db throws(QueryError) in
            let selection = try select(query, db)
            return try fetch { try Int64.fetchAll(db, sql: selection.ids(limit: query.limit), arguments: selection.arguments) }
        }
    }

    /// SQLite's plan for the timeline query: shows that every filter uses
    /// an index (`tools/bench` prints it).
    public func plan(_ query: TimelineQuery) throws(QueryError) -> [String] {
        try reading { db throws(QueryError) in
            let selection = try select(query, db)
            return try fetch {
                try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + selection.ids(limit: query.limit), arguments: selection.arguments)
                    .map { $0["detail"] as String }
            }
        }
    }

    /// A query as SQL. With a place, a region or a date range within one
    /// year, the timeline index drives it: one ordered range of
    /// `event_scopes`, no sort. Otherwise the events table, sorted.
    struct Selection {
        var source: String
        var conditions: [String]
        var arguments: StatementArguments
        var order: String
        var resolved: [ResolvedName]
        /// Whether a condition reads the events table (else a count needs
        /// only the index range).
        var readsEvents: Bool

        var whereClause: String { conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ") }
        /// Counting needs the events table only when a condition is on it:
        /// otherwise the index range alone is counted.
        var count: String {
            let indexOnly = source.hasPrefix("event_scopes s") && !readsEvents
            return "SELECT 1 FROM " + (indexOnly ? "event_scopes s" : source) + whereClause
        }
        func ids(limit: Int?) -> String { "SELECT ev.id FROM " + source + whereClause + order + (limit.map { " LIMIT \($0)" } ?? "") }
    }

    /// The most a page's total counts exactly.
    public static let countLimit = 10_000

    /// Interval start; on ties the coarser (longer) interval first; undated last.
    static let chronological = " ORDER BY ev.start_day IS NULL, ev.start_day, ev.end_day DESC, ev.id"

    func select(_ query: TimelineQuery, _ db: Database) throws(QueryError) -> Selection {
        var resolved: [ResolvedName] = []
        var scopeKeys: [String] = []
        var conditions: [String] = []
        var arguments: StatementArguments = []

        for (name, isRegion) in [(query.place, false), (query.region, true)] {
            guard let name else { continue }
            let scope = isRegion ? try resolver.regionScope(named: name, db) : try resolver.placeScope(named: name, db)
            resolved.append(scope.resolved)
            scopeKeys.append(scope.key)
        }
        let from = try query.from.map { text throws(QueryError) in try TimelineQuery.interval(of: text).start }
        let to = try query.to.map { text throws(QueryError) in try TimelineQuery.interval(of: text).end }
        // A date-only query within one year: that year's part of the index.
        if scopeKeys.isEmpty, let from, let to, from.prefix(4) == to.prefix(4), let year = Int(from.prefix(4)) {
            scopeKeys.append(EventScopeIndex.yearKey(year))
        }

        let source: String
        let order: String
        if let driver = scopeKeys.first {
            source = "event_scopes s CROSS JOIN events ev ON ev.id = s.event_id"
            order = " ORDER BY s.start_key, s.end_key DESC, s.event_id"
            conditions.append("s.scope = ?")
            arguments += [driver]
            for key in scopeKeys.dropFirst() {
                conditions.append("ev.id IN (SELECT event_id FROM event_scopes WHERE scope = ?)")
                arguments += [key]
            }
            if let to {
                conditions.append("s.start_key <= ?")
                arguments += [to]
            } else if !query.includeUndated {
                conditions.append("s.start_key < ?")
                arguments += [EventScopeIndex.undated]
            }
            if let from {
                conditions.append("s.end_key >= ?")
                arguments += [from]
            }
        } else {
            source = "events ev"
            order = Self.chronological
            if from != nil || to != nil {
                // Interval overlap through the R*Tree of event spans.
                conditions.append("ev.id IN (SELECT id FROM event_spans WHERE last_day >= CAST(julianday(?) AS INTEGER) AND first_day <= CAST(julianday(?) AS INTEGER))")
                arguments += [from ?? "0000-01-01", to ?? "9999-12-31"]
            } else if !query.includeUndated {
                conditions.append("ev.start_day IS NOT NULL")
            }
        }

        func events(of type: String, named name: String, edge: String) throws(QueryError) {
            let (name, ids) = try resolver.entityIDs(named: name, type: type, db)
            resolved.append(name)
            conditions.append("ev.id IN (" + (edge == "occurred_at" ? Self.eventsAt : Self.eventsBy(edge)) + ")")
            arguments += [Self.json(ids)]
        }
        if let person = query.person { try events(of: "person", named: person, edge: "participated_in") }
        if let organisation = query.organisation { try events(of: "organisation", named: organisation, edge: "organised") }
        if let site = query.site { try events(of: "site", named: site, edge: "occurred_at") }
        if let type = query.type {
            let known = Event.Kind.allCases.map(\.rawValue)
            guard known.contains(type) else { throw .unknownEventType(type, known: known) }
            conditions.append("ev.type = ?")
            arguments += [type]
        }
        if let text = query.text?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
            // The trigram index needs three characters; shorter words scan.
            if text.count >= 3 {
                conditions.append("ev.article_id IN (SELECT rowid FROM article_search WHERE article_search MATCH ?)")
                arguments += ["\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""]
            } else {
                conditions.append("ev.article_id IN (SELECT id FROM articles WHERE instr(title, ?) > 0 OR instr(body, ?) > 0)")
                arguments += [text, text]
            }
        }
        let readsEvents = query.person != nil || query.organisation != nil || query.site != nil || query.type != nil
            || query.text.map { !$0.trimmingCharacters(in: .whitespaces).isEmpty } == true || scopeKeys.count > 1
        return Selection(source: source, conditions: conditions, arguments: arguments, order: order, resolved: resolved, readsEvents: readsEvents)
    }

    /// Events that happened at any node of a JSON array of ids. The ids
    /// drive the join (CROSS JOIN fixes the order), so each costs one probe
    /// of `edges_to`.
    static let eventsAt = """
        SELECT x.from_id FROM json_each(?) AS j CROSS JOIN edges AS x
        WHERE x.to_kind = 'entity' AND x.to_id = j.value AND x.type = 'occurred_at' AND x.from_kind = 'event'
        """

    /// Events any node of a JSON array of ids took part in by `edge`
    /// (participated_in, organised): one probe of `edges_from` each.
    static func eventsBy(_ edge: String) -> String {
        """
        SELECT x.to_id FROM json_each(?) AS j CROSS JOIN edges AS x
        WHERE x.from_kind = 'entity' AND x.from_id = j.value AND x.type = '\(edge)' AND x.to_kind = 'event'
        """
    }

    /// Events with their article, report, places, participants and bodies,
    /// in the order of `ids`: four queries for a whole page, not four per event.
    func events(_ ids: [Int64], _ db: Database) throws -> [TimelineEvent] {
        guard !ids.isEmpty else { return [] }
        let list = Self.json(ids)
        var rows: [Int64: Row] = [:]
        for row in try Row.fetchAll(db.cachedStatement(sql: """
            SELECT ev.id, ev.date, ev.date_text, ev.start_day, ev.end_day, ev.precision, ev.date_source, ev.type, ev.summary, ev.main,
                   ev.sentence_text, a.title, s.path
            FROM json_each(?) AS j CROSS JOIN events ev ON ev.id = j.value
            JOIN articles a ON a.id = ev.article_id JOIN sources s ON s.id = a.source_id
            """), arguments: [list]) {
            rows[row[0]] = row
        }
        func names(_ sql: String) throws -> [Int64: [(String, String?)]] {
            var found: [Int64: [(String, String?)]] = [:]
            for row in try Row.fetchAll(db.cachedStatement(sql: sql), arguments: [list]) { found[row[0], default: []].append((row[1], row[2])) }
            return found
        }
        let places = try names("""
            SELECT x.from_id, e.name, NULL FROM json_each(?) AS j CROSS JOIN edges x ON x.from_kind = 'event' AND x.from_id = j.value AND x.type = 'occurred_at'
            JOIN entities e ON e.id = x.to_id ORDER BY x.id
            """)
        let participants = try names("""
            SELECT x.to_id, e.name, x.role FROM json_each(?) AS j CROSS JOIN edges x ON x.to_kind = 'event' AND x.to_id = j.value AND x.type = 'participated_in'
            JOIN entities e ON e.id = x.from_id ORDER BY x.id
            """)
        let organisations = try names("""
            SELECT x.to_id, e.name, NULL FROM json_each(?) AS j CROSS JOIN edges x ON x.to_kind = 'event' AND x.to_id = j.value AND x.type = 'organised'
            JOIN entities e ON e.id = x.from_id ORDER BY x.id
            """)
        return try ids.map { id in
            guard let row = rows[id] else { throw QueryError.store("event \(id) vanished") }
            return TimelineEvent(
                id: id, date: row[1], written: row[2], start: row[3], end: row[4], precision: row[5], dateSource: row[6],
                type: row[7], summary: row[8], main: row[9], article: row[11], source: row[12], sentence: row[10],
                places: (places[id] ?? []).map(\.0),
                participants: (participants[id] ?? []).map { TimelineEvent.Participant(name: $0.0, role: $0.1 ?? "") },
                organisations: (organisations[id] ?? []).map(\.0))
        }
    }

    // MARK: - Plumbing

    static func json(_ ids: [Int64]) -> String {
        "[" + ids.map(String.init).joined(separator: ",") + "]"
    }

    func reading<T>(_ body: (Database) throws(QueryError) -> T) throws(QueryError) -> T {
        do {
            return try store.read { db in try body(db) }
        } catch let error as QueryError {
            throw error
        } catch {
            throw .store("\(error)")
        }
    }

    func fetch<T>(_ body: () throws -> T) throws(QueryError) -> T {
        do { return try body() } catch let error as QueryError { throw error } catch { throw .store("\(error)") }
    }
}
