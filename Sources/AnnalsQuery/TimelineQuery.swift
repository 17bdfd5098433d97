import AnnalsGraph
import AnnalsModel

/// What `annals timeline` (and `annals export`) select: filters that all
/// must hold. A place includes its sub-places and the sites and bodies in
/// them; a region its member counties; dates filter by interval overlap.
public struct TimelineQuery: Sendable, Equatable, Codable {
    public var place: String?
    public var person: String?
    public var organisation: String?
    public var site: String?
    public var region: String?
    /// An event type: meeting, visit_inspection, exhibition …
    public var type: String?
    /// `1934`, `1934-10` or `1934-10-24`: events ending on or after its start.
    public var from: String?
    /// Same forms: events starting on or before its end.
    public var to: String?
    /// Words of the article text (full-text search).
    public var text: String?
    /// Whether events without a date are listed (after the dated ones).
    public var includeUndated: Bool
    /// At most this many events (the earliest).
    public var limit: Int?

    public init(place: String? = nil, person: String? = nil, organisation: String? = nil, site: String? = nil, region: String? = nil,
                type: String? = nil, from: String? = nil, to: String? = nil, text: String? = nil,
                includeUndated: Bool = false, limit: Int? = nil) {
        self.place = place
        self.person = person
        self.organisation = organisation
        self.site = site
        self.region = region
        self.type = type
        self.from = from
        self.to = to
        self.text = text
        self.includeUndated = includeUndated
        self.limit = limit
    }

    /// Whether no filter is set (the whole store).
    public var selectsEverything: Bool {
        [place, person, organisation, site, region, type, from, to, text].allSatisfy { $0 == nil }
    }

    /// The interval a date bound covers: 1934-10 → 1934-10-01 … 1934-10-31.
    static func interval(of text: String) throws(QueryError) -> (start: String, end: String) {
        guard !text.contains("/"), let value = TemporalValue(iso: text) else { throw .badDate(text) }
        return (value.start.description, value.end.description)
    }
}

/// A timeline: the query as asked and as resolved, and its events in
/// chronological order (interval start, coarser precision first on ties).
public struct Timeline: Sendable, Equatable, Codable {
    public var query: TimelineQuery
    /// The nodes the names of the query resolved to.
    public var resolved: [ResolvedName]
    /// How many events match, before any limit.
    public var total: Int
    /// Whether there are more than `total` (a page whose count stopped at
    /// ``QueryEngine/countLimit``).
    public var totalIsAtLeast: Bool

    enum CodingKeys: String, CodingKey {
        case query, resolved, total, events
        case totalIsAtLeast = "total_is_at_least"
    }
    public var events: [TimelineEvent]
}
