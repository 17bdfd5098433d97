import AnnalsGraph
import AnnalsKnowledge
import AnnalsModel
import Foundation

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
        try reading { reader throws(QueryError) in
            let (filter, resolved) = try self.filter(for: query, reader)
            let ids = try fetch { try reader.eventIDs(filter, limit: query.limit) }
            // A page (--limit) says how many match in all, counting at most
            // `countLimit` (a region of 30,000 events says 10,000+).
            var total = ids.count, more = false
            if let limit = query.limit, ids.count == limit {
                let counted = try fetch { try reader.countEvents(filter, upTo: Self.countLimit + 1) }
                total = min(counted, Self.countLimit)
                more = counted > Self.countLimit
            }
            let page = try fetch { try reader.events(ids) }
            return Timeline(query: query, resolved: resolved, total: total, totalIsAtLeast: more, events: page)
        }
    }

    /// The ids of the events the query selects, in chronological order:
    /// what exports take their subgraph from.
    public func eventIDs(_ query: TimelineQuery) throws(QueryError) -> [Int64] {
        try reading { reader throws(QueryError) in
            let (filter, _) = try self.filter(for: query, reader)
            return try fetch { try reader.eventIDs(filter, limit: query.limit) }
        }
    }

    /// SQLite's plan for the timeline query: shows that every filter uses
    /// an index (`tools/bench` prints it).
    public func plan(_ query: TimelineQuery) throws(QueryError) -> [String] {
        try reading { reader throws(QueryError) in
            let (filter, _) = try self.filter(for: query, reader)
            return try fetch { try reader.plan(filter, limit: query.limit) }
        }
    }

    /// The most a page's total counts exactly.
    public static let countLimit = 10_000

    /// The query in the store's terms: names resolved to timeline-index
    /// keys and node ids, date bounds to days, the type checked.
    func filter(for query: TimelineQuery, _ reader: StoreReader) throws(QueryError) -> (EventFilter, [ResolvedName]) {
        var filter = EventFilter()
        var resolved: [ResolvedName] = []
        if let place = query.place {
            let scope = try resolver.placeScope(named: place, reader)
            resolved.append(scope.resolved)
            filter.scopes.append(scope.key)
        }
        if let region = query.region {
            let scope = try resolver.regionScope(named: region, reader)
            resolved.append(scope.resolved)
            filter.scopes.append(scope.key)
        }
        filter.from = try query.from.map { text throws(QueryError) in try TimelineQuery.interval(of: text).start }
        filter.to = try query.to.map { text throws(QueryError) in try TimelineQuery.interval(of: text).end }
        filter.includeUndated = query.includeUndated
        func ids(of type: NodeType, named name: String) throws(QueryError) -> [Int64] {
            let (name, ids) = try resolver.entityIDs(named: name, type: type, reader)
            resolved.append(name)
            return ids
        }
        if let person = query.person { filter.participants = try ids(of: .person, named: person) }
        if let organisation = query.organisation { filter.organisers = try ids(of: .organisation, named: organisation) }
        if let site = query.site { filter.locations = try ids(of: .site, named: site) }
        if let type = query.type {
            guard let kind = Event.Kind(rawValue: type) else { throw .unknownEventType(type, known: Event.Kind.allCases.map(\.rawValue)) }
            filter.type = kind
        }
        if let words = query.text?.trimmingCharacters(in: .whitespaces), !words.isEmpty { filter.words = words }
        return (filter, resolved)
    }

    // MARK: - Plumbing

    /// Runs `body` over one snapshot of the store; a failure to read it
    /// is E405.
    func reading<T>(_ body: (StoreReader) throws(QueryError) -> T) throws(QueryError) -> T {
        do {
            return try store.reading { reader in try body(reader) }
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
