import AnnalsGraph

/// A revolutionary or memorial site traced across reports: where it is,
/// every article and event that mentions it, first and last mention.
public struct SiteHistory: Sendable, Equatable, Codable {
    public var name: String
    public var aliases: [String]
    /// The place it lies in (北碚区) and that place's code.
    public var place: String?
    public var adcode: String?
    /// Where a map puts it: its own coordinates, else those of the nearest
    /// place it lies in that has them (a town's county).
    public var latitude: Double?
    public var longitude: Double?
    /// The node the coordinates are of: the site's own name, or a place's.
    public var locatedBy: String?
    public var reports: [ReportMention]
    public var events: [TimelineEvent]
    /// Dates of the first and last articles that mention it.
    public var firstMention: String?
    public var lastMention: String?

    enum CodingKeys: String, CodingKey {
        case name, aliases, place, adcode, latitude, longitude, reports, events
        case locatedBy = "located_by", firstMention = "first_mention", lastMention = "last_mention"
    }
}

extension QueryEngine {
    /// Sites in a region or place (with its sub-places), or every site.
    public func sites(region: String? = nil, place: String? = nil) throws(QueryError) -> [SiteHistory] {
        try reading { reader throws(QueryError) in
            var siteIDs: [Int64]? = nil
            for scope in [try region.map { name throws(QueryError) in try resolver.regionScope(named: name, reader) },
                          try place.map { name throws(QueryError) in try resolver.placeScope(named: name, reader) }].compactMap({ $0 }) {
                let ids = try fetch { try reader.sites(locatedIn: try scope.placeIDs(reader)) }
                siteIDs = siteIDs.map { $0.filter(ids.contains) } ?? Array(ids)
            }
            return try fetch {
                let ids = try siteIDs ?? reader.entityIDs(of: .site)
                return try ids.map { try history(of: $0, reader) }.sorted { a, b in
                    (a.firstMention ?? "~", a.name) < (b.firstMention ?? "~", b.name)
                }
            }
        }
    }

    private func history(of id: Int64, _ reader: StoreReader) throws -> SiteHistory {
        let site = try reader.entity(id: id)
        let place = try reader.location(ofSite: id)
        let reports = try reader.mentions(of: id)
        let events = try site.map { try reader.events(try reader.eventIDs(of: $0)) } ?? []
        let dates = reports.compactMap(\.date).sorted()
        let located = try ([site].compactMap { $0 } + reader.enclosingPlaces(of: id)).first { $0.latitude != nil && $0.longitude != nil }
        return SiteHistory(name: site?.name ?? "", aliases: try reader.aliases(of: id), place: place?.name, adcode: place?.adcode,
                           latitude: located?.latitude, longitude: located?.longitude, locatedBy: located?.name,
                           reports: reports, events: events, firstMention: dates.first, lastMention: dates.last)
    }
}
