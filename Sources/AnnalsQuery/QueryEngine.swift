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
            let total = try fetch { try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM events ev WHERE " + selection.condition, arguments: selection.arguments) ?? 0 }
            let ids = try fetch {
                try Int64.fetchAll(db, sql: "SELECT ev.id FROM events ev WHERE " + selection.condition + Self.chronological + (query.limit.map { " LIMIT \($0)" } ?? ""),
                                   arguments: selection.arguments)
            }
            let events = try fetch { try ids.map { try event($0, db) } }
            return Timeline(query: query, resolved: selection.resolved, total: total, events: events)
        }
    }

    /// The ids of the events the query selects, in chronological order:
    /// what exports take their subgraph from.
    public func eventIDs(_ query: TimelineQuery) throws(QueryError) -> [Int64] {
        try reading { db throws(QueryError) in
            let selection = try select(query, db)
            return try fetch { try Int64.fetchAll(db, sql: "SELECT ev.id FROM events ev WHERE " + selection.condition + Self.chronological, arguments: selection.arguments) }
        }
    }

    /// SQLite's plan for the timeline query: shows that every filter uses
    /// an index (`tools/bench` prints it).
    public func plan(_ query: TimelineQuery) throws(QueryError) -> [String] {
        try reading { db throws(QueryError) in
            let selection = try select(query, db)
            return try fetch {
                try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN SELECT ev.id FROM events ev WHERE " + selection.condition + Self.chronological + " LIMIT 50",
                                 arguments: selection.arguments).map { $0["detail"] as String }
            }
        }
    }

    /// Interval start; on ties the coarser (longer) interval first; undated last.
    static let chronological = " ORDER BY ev.start_day IS NULL, ev.start_day, ev.end_day DESC, ev.id"

    struct Selection {
        var condition: String
        var arguments: StatementArguments
        var resolved: [ResolvedName]
    }

    /// The WHERE clause (over `events ev`) for a query; every part reaches
    /// events through an index (edges_to, edges_from, events_by_start,
    /// events_by_type, the FTS table).
    func select(_ query: TimelineQuery, _ db: Database) throws(QueryError) -> Selection {
        var parts: [String] = []
        var arguments: StatementArguments = []
        var resolved: [ResolvedName] = []
        func events(touching scope: PlaceScope) throws(QueryError) {
            resolved.append(scope.resolved)
            let (condition, values) = try placeCondition(scope, db)
            parts.append(condition)
            arguments += values
        }
        func events(of type: String, named name: String, edge: String) throws(QueryError) {
            let (name, ids) = try resolver.entityIDs(named: name, type: type, db)
            resolved.append(name)
            if edge == "occurred_at" {
                parts.append("ev.id IN (SELECT from_id FROM edges WHERE to_kind = 'entity' AND to_id IN (SELECT value FROM json_each(?)) AND type = 'occurred_at' AND from_kind = 'event')")
            } else {
                parts.append("ev.id IN (SELECT to_id FROM edges WHERE from_kind = 'entity' AND from_id IN (SELECT value FROM json_each(?)) AND type = '\(edge)' AND to_kind = 'event')")
            }
            arguments += [Self.json(ids)]
        }

        if let place = query.place { try events(touching: try resolver.placeScope(named: place, db)) }
        if let region = query.region { try events(touching: try resolver.regionScope(named: region, db)) }
        if let person = query.person { try events(of: "person", named: person, edge: "participated_in") }
        if let organisation = query.organisation { try events(of: "organisation", named: organisation, edge: "organised") }
        if let site = query.site { try events(of: "site", named: site, edge: "occurred_at") }
        if let type = query.type {
            let known = Event.Kind.allCases.map(\.rawValue)
            guard known.contains(type) else { throw .unknownEventType(type, known: known) }
            parts.append("ev.type = ?")
            arguments += [type]
        }
        if let from = query.from {
            parts.append("ev.end_day >= ?")
            arguments += [try TimelineQuery.interval(of: from).start]
        }
        if let to = query.to {
            parts.append("ev.start_day <= ?")
            arguments += [try TimelineQuery.interval(of: to).end]
        }
        if let text = query.text?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
            // The trigram index needs three characters; shorter words scan.
            if text.count >= 3 {
                parts.append("ev.article_id IN (SELECT rowid FROM article_search WHERE article_search MATCH ?)")
                arguments += ["\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""]
            } else {
                parts.append("ev.article_id IN (SELECT id FROM articles WHERE instr(title, ?) > 0 OR instr(body, ?) > 0)")
                arguments += [text, text]
            }
        }
        if !query.includeUndated { parts.append("ev.start_day IS NOT NULL") }
        return Selection(condition: parts.isEmpty ? "1" : parts.joined(separator: " AND "), arguments: arguments, resolved: resolved)
    }

    /// Events where it happened (the place, a sub-place, a site there), or
    /// which a body based there organised.
    func placeCondition(_ scope: PlaceScope, _ db: Database) throws(QueryError) -> (String, StatementArguments) {
        let ids = try fetch { () throws -> (places: [Int64], inside: [Int64]) in
            let places = try scope.placeIDs(db)
            var inside: [Int64] = []
            for place in places {
                inside += try Int64.fetchAll(db.cachedStatement(sql: """
                    SELECT from_id FROM edges WHERE to_kind = 'entity' AND to_id = ? AND type IN ('located_in', 'based_in') AND from_kind = 'entity'
                    """), arguments: [place])
            }
            return (places, inside)
        }
        return ("""
            ev.id IN (SELECT from_id FROM edges WHERE to_kind = 'entity' AND to_id IN (SELECT value FROM json_each(?)) AND type = 'occurred_at' AND from_kind = 'event'
                      UNION SELECT to_id FROM edges WHERE from_kind = 'entity' AND from_id IN (SELECT value FROM json_each(?)) AND type = 'organised' AND to_kind = 'event')
            """, [Self.json(ids.places + ids.inside), Self.json(ids.inside)])
    }

    /// One event with its article, report, places, participants and bodies.
    func event(_ id: Int64, _ db: Database) throws -> TimelineEvent {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT ev.id, ev.date, ev.date_text, ev.start_day, ev.end_day, ev.precision, ev.date_source, ev.type, ev.summary, ev.main,
                   ev.sentence_text, a.title, s.path
            FROM events ev JOIN articles a ON a.id = ev.article_id JOIN sources s ON s.id = a.source_id WHERE ev.id = ?
            """), arguments: [id]) else { throw QueryError.store("event \(id) vanished") }
        let places = try String.fetchAll(db.cachedStatement(sql: """
            SELECT e.name FROM edges x JOIN entities e ON e.id = x.to_id
            WHERE x.from_kind = 'event' AND x.from_id = ? AND x.type = 'occurred_at' ORDER BY x.id
            """), arguments: [id])
        let participants = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT e.name, x.role FROM edges x JOIN entities e ON e.id = x.from_id
            WHERE x.to_kind = 'event' AND x.to_id = ? AND x.type = 'participated_in' ORDER BY x.id
            """), arguments: [id]).map { TimelineEvent.Participant(name: $0["name"], role: $0["role"] ?? "") }
        let organisations = try String.fetchAll(db.cachedStatement(sql: """
            SELECT e.name FROM edges x JOIN entities e ON e.id = x.from_id
            WHERE x.to_kind = 'event' AND x.to_id = ? AND x.type = 'organised' ORDER BY x.id
            """), arguments: [id])
        return TimelineEvent(
            id: row["id"], date: row["date"], written: row["date_text"], start: row["start_day"], end: row["end_day"],
            precision: row["precision"], dateSource: row["date_source"], type: row["type"], summary: row["summary"], main: row["main"],
            article: row["title"], source: row["path"], sentence: row["sentence_text"],
            places: places, participants: participants, organisations: organisations)
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
