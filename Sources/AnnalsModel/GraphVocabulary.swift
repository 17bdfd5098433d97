/// The types of node in the knowledge graph: what the store writes and
/// every reader (queries, exports) names. The raw value is the name the
/// store and the export files use.
public enum NodeType: String, Sendable, CaseIterable, Codable {
    case report, article, event
    case person, place, organisation, site, work

    /// The types of node that name something (the entities), as opposed to
    /// the report, article and event nodes.
    public static let named: [NodeType] = [.person, .place, .organisation, .site, .work]
}

/// The types of edge in the knowledge graph. Edges a report states keep
/// their provenance (report, article, sentence, raw offsets); the
/// places of places, sites and bodies (``partOf``, ``locatedIn``,
/// ``basedIn``) are shared by all reports and have none.
public enum EdgeType: String, Sendable, CaseIterable, Codable {
    /// report → article
    case contains
    /// article → event
    case reports
    /// article → entity, weighted by the number of mentions
    case mentions
    /// article → organisation of its credit line
    case contributedBy = "contributed_by"
    /// event → place or site
    case occurredAt = "occurred_at"
    /// person → event, with a ``Event/Role``
    case participatedIn = "participated_in"
    /// organisation → event
    case organised
    /// person → organisation, with the title as role
    case heldOffice = "held_office"
    /// place → the place it lies in (gazetteer)
    case partOf = "part_of"
    /// site → the place it stands in
    case locatedIn = "located_in"
    /// organisation → its place (gazetteer)
    case basedIn = "based_in"

    /// Whether the edge comes from the gazetteer rather than a report.
    public var isDerived: Bool { self == .partOf || self == .locatedIn || self == .basedIn }
}
