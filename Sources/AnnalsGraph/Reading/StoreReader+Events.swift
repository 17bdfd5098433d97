import AnnalsModel
import Foundation
import GRDB

/// Which events a timeline selects, in the store's terms: the filters have
/// been resolved to timeline-index keys and node ids (AnnalsQuery does
/// that from the names a historian types). Every filter set must hold.
public struct EventFilter: Sendable, Equatable {
    /// Keys of the timeline index (``EventScopeIndex``): a place's code, a
    /// region's key. The event must be under each.
    public var scopes: [String] = []
    /// First and last day (`1934-10-01`): events whose interval overlaps.
    public var from: String?
    public var to: String?
    /// Whether undated events are selected too (they come last).
    public var includeUndated = false
    /// Events any of these people took part in.
    public var participants: [Int64]?
    /// Events any of these organisations organised.
    public var organisers: [Int64]?
    /// Events that happened at any of these places or sites.
    public var locations: [Int64]?
    public var type: Event.Kind?
    /// Words of the article's text.
    public var words: String?

    public init() {}
}

/// One event as a timeline shows it: the date as written and normalised,
/// what, where, who, and the sentence and report it comes from.
public struct TimelineEvent: Sendable, Equatable, Codable {
    /// How a person took part.
    public struct Participant: Sendable, Equatable, Codable {
        public var name: String
        public var role: String

        public init(name: String, role: String) {
            self.name = name
            self.role = role
        }
    }

    public var id: Int64
    /// TIMEX3 value: 2020-11-23, 2009-12, 195X; nil when undated.
    public var date: String?
    /// The date as the report writes it: 11月23日, 20世纪50年代.
    public var written: String?
    public var start: String?
    public var end: String?
    public var precision: String?
    /// Where the date comes from: `text`, or `knowledge:ID` for a date
    /// taken from the curated known historical events.
    public var dateSource: String?
    public var type: String
    public var summary: String
    /// Whether the event is what its article reports.
    public var main: Bool
    public var article: String
    /// The article's id in the store: where the workbench's source view opens.
    public var articleID: Int64
    public var source: String
    public var sentence: String?
    public var places: [String]
    public var participants: [Participant]
    public var organisations: [String]

    enum CodingKeys: String, CodingKey {
        case id, date, written, start, end, precision, type, summary, main, article, source, sentence, places, participants, organisations
        case dateSource = "date_source", articleID = "article_id"
    }
}

extension StoreReader {
    /// The ids of the events `filter` selects, in timeline order (interval
    /// start; on ties the coarser interval first; undated last), at most `limit`.
    public func eventIDs(_ filter: EventFilter, limit: Int? = nil) throws -> [Int64] {
        let selection = EventSelection(filter)
        return try Int64.fetchAll(db, sql: selection.ids(limit: limit), arguments: selection.arguments)
    }

    /// How many events `filter` selects, counting no further than `limit`.
    public func countEvents(_ filter: EventFilter, upTo limit: Int) throws -> Int {
        let selection = EventSelection(filter)
        return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM (" + selection.count + " LIMIT \(limit))", arguments: selection.arguments) ?? 0
    }

    /// SQLite's plan for selecting the events: shows that every filter uses
    /// an index (`tools/bench` prints it).
    public func plan(_ filter: EventFilter, limit: Int? = nil) throws -> [String] {
        let selection = EventSelection(filter)
        return try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + selection.ids(limit: limit), arguments: selection.arguments)
            .map { $0["detail"] as String }
    }

    /// The events a node is part of, in timeline order: a person's as
    /// participant, an organisation's as organiser, those at a place (with
    /// everything inside it) or a site, and for a work the events of the
    /// sentences that name it.
    public func eventIDs(of entity: StoredEntity) throws -> [Int64] {
        let ids: [Int64]
        switch entity.type {
        case .person:
            ids = try Int64.fetchAll(db, sql: "SELECT DISTINCT to_id FROM edges WHERE from_kind = 'entity' AND from_id = ? AND type = 'participated_in' AND to_kind = 'event'", arguments: [entity.id])
        case .organisation:
            ids = try Int64.fetchAll(db, sql: "SELECT DISTINCT to_id FROM edges WHERE from_kind = 'entity' AND from_id = ? AND type = 'organised' AND to_kind = 'event'", arguments: [entity.id])
        case .place where entity.adcode != nil:
            ids = try Int64.fetchAll(db, sql: "SELECT event_id FROM event_scopes WHERE scope = ?", arguments: [EventScopeIndex.placeKey(code: entity.adcode!)])
        case .place, .site:
            return try eventIDs(at: entity.id)
        default:
            ids = try Int64.fetchAll(db, sql: """
                SELECT DISTINCT ev.id FROM mentions m JOIN events ev ON ev.article_id = m.article_id AND ev.sentence = m.sentence WHERE m.entity_id = ?
                """, arguments: [entity.id])
        }
        return try Int64.fetchAll(db, sql: "SELECT ev.id FROM events ev WHERE ev.id IN (SELECT value FROM json_each(?))" + EventSelection.chronological,
                                  arguments: [Self.json(ids)])
    }

    /// The events that happened at a place or site itself (not at places
    /// inside it), in timeline order.
    public func eventIDs(at id: Int64) throws -> [Int64] {
        try Int64.fetchAll(db.cachedStatement(sql: """
            SELECT ev.id FROM events ev WHERE ev.id IN
              (SELECT from_id FROM edges WHERE to_kind = 'entity' AND to_id = ? AND type = 'occurred_at' AND from_kind = 'event')
            """ + EventSelection.chronological), arguments: [id])
    }

    /// Events with their article, report, places, participants and bodies,
    /// in the order of `ids`: four queries for a whole page, not four per event.
    public func events(_ ids: [Int64]) throws -> [TimelineEvent] {
        guard !ids.isEmpty else { return [] }
        let list = Self.json(ids)
        var rows: [Int64: Row] = [:]
        for row in try Row.fetchAll(db.cachedStatement(sql: """
            SELECT ev.id, ev.date, ev.date_text, ev.start_day, ev.end_day, ev.precision, ev.date_source, ev.type, ev.summary, ev.main,
                   ev.sentence_text, a.title, s.path, a.id
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
            guard let row = rows[id] else { throw StoreReadError.vanished(event: id) }
            return TimelineEvent(
                id: id, date: row[1], written: row[2], start: row[3], end: row[4], precision: row[5], dateSource: row[6],
                type: row[7], summary: row[8], main: row[9], article: row[11], articleID: row[13], source: row[12], sentence: row[10],
                places: (places[id] ?? []).map(\.0),
                participants: (participants[id] ?? []).map { TimelineEvent.Participant(name: $0.0, role: $0.1 ?? "") },
                organisations: (organisations[id] ?? []).map(\.0))
        }
    }

    static func json(_ ids: [Int64]) -> String {
        "[" + ids.map(String.init).joined(separator: ",") + "]"
    }
}

/// A read that found the store changed under it.
enum StoreReadError: Error, CustomStringConvertible {
    case vanished(event: Int64)

    var description: String {
        switch self {
        case .vanished(let event): "event \(event) is no longer in the store"
        }
    }
}

/// An event filter as SQL. With a place, a region or a date range within
/// one year, the timeline index drives it: one ordered range of
/// `event_scopes`, no sort. Otherwise the events table, sorted.
struct EventSelection {
    var source: String
    var conditions: [String] = []
    var arguments: StatementArguments = []
    var order: String
    /// Whether a condition reads the events table (else a count needs
    /// only the index range).
    var readsEvents = false

    /// Interval start; on ties the coarser (longer) interval first; undated last.
    static let chronological = " ORDER BY ev.start_day IS NULL, ev.start_day, ev.end_day DESC, ev.id"

    init(_ filter: EventFilter) {
        var scopes = filter.scopes
        // A date-only filter within one year: that year's part of the index.
        if scopes.isEmpty, let from = filter.from, let to = filter.to, from.prefix(4) == to.prefix(4), let year = Int(from.prefix(4)) {
            scopes.append(EventScopeIndex.yearKey(year))
        }
        if let driver = scopes.first {
            source = "event_scopes s CROSS JOIN events ev ON ev.id = s.event_id"
            order = " ORDER BY s.start_key, s.end_key DESC, s.event_id"
            conditions.append("s.scope = ?")
            arguments += [driver]
            for key in scopes.dropFirst() {
                conditions.append("ev.id IN (SELECT event_id FROM event_scopes WHERE scope = ?)")
                arguments += [key]
                readsEvents = true
            }
            if let to = filter.to {
                conditions.append("s.start_key <= ?")
                arguments += [to]
            } else if !filter.includeUndated {
                conditions.append("s.start_key < ?")
                arguments += [EventScopeIndex.undated]
            }
            if let from = filter.from {
                conditions.append("s.end_key >= ?")
                arguments += [from]
            }
        } else {
            source = "events ev"
            order = Self.chronological
            if filter.from != nil || filter.to != nil {
                // Interval overlap through the R*Tree of event spans.
                conditions.append("ev.id IN (SELECT id FROM event_spans WHERE last_day >= CAST(julianday(?) AS INTEGER) AND first_day <= CAST(julianday(?) AS INTEGER))")
                arguments += [filter.from ?? "0000-01-01", filter.to ?? "9999-12-31"]
            } else if !filter.includeUndated {
                conditions.append("ev.start_day IS NOT NULL")
            }
        }
        // The ids drive each join (CROSS JOIN fixes the order), so each
        // costs one probe of `edges_to` or `edges_from`.
        if let ids = filter.participants { require(eventsBy: "participated_in", ids) }
        if let ids = filter.organisers { require(eventsBy: "organised", ids) }
        if let ids = filter.locations {
            conditions.append("""
                ev.id IN (SELECT x.from_id FROM json_each(?) AS j CROSS JOIN edges AS x
                WHERE x.to_kind = 'entity' AND x.to_id = j.value AND x.type = 'occurred_at' AND x.from_kind = 'event')
                """)
            arguments += [StoreReader.json(ids)]
            readsEvents = true
        }
        if let type = filter.type {
            conditions.append("ev.type = ?")
            arguments += [type.rawValue]
            readsEvents = true
        }
        if let words = filter.words, !words.isEmpty {
            // The trigram index needs three characters; shorter words scan.
            if words.count >= 3 {
                conditions.append("ev.article_id IN (SELECT rowid FROM article_search WHERE article_search MATCH ?)")
                arguments += ["\"" + words.replacingOccurrences(of: "\"", with: "\"\"") + "\""]
            } else {
                conditions.append("ev.article_id IN (SELECT id FROM articles WHERE instr(title, ?) > 0 OR instr(body, ?) > 0)")
                arguments += [words, words]
            }
            readsEvents = true
        }
    }

    private mutating func require(eventsBy edge: String, _ ids: [Int64]) {
        conditions.append("""
            ev.id IN (SELECT x.to_id FROM json_each(?) AS j CROSS JOIN edges AS x
            WHERE x.from_kind = 'entity' AND x.from_id = j.value AND x.type = '\(edge)' AND x.to_kind = 'event')
            """)
        arguments += [StoreReader.json(ids)]
        readsEvents = true
    }

    var whereClause: String { conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ") }

    /// Counting needs the events table only when a condition is on it:
    /// otherwise the index range alone is counted.
    var count: String {
        let indexOnly = source.hasPrefix("event_scopes s") && !readsEvents
        return "SELECT 1 FROM " + (indexOnly ? "event_scopes s" : source) + whereClause
    }

    func ids(limit: Int?) -> String { "SELECT ev.id FROM " + source + whereClause + order + (limit.map { " LIMIT \($0)" } ?? "") }
}
