import AnnalsGraph
import AnnalsModel

/// Everything the store knows about one node: `annals entity NAME`.
public struct EntityProfile: Sendable, Equatable, Codable {
    /// An office held (for a person) or filled (for an organisation).
    public typealias Office = OfficeHeld
    /// A node often named in the same articles.
    public typealias Neighbour = AnnalsGraph.Neighbour

    public var type: String
    public var name: String
    public var key: String
    public var kind: String?
    public var aliases: [String]
    public var adcode: String?
    public var latitude: Double?
    public var longitude: Double?
    /// What it lies in or belongs to: 澄江镇 → 北碚区 → 重庆市.
    public var within: [String]
    public var offices: [Office]
    public var events: [TimelineEvent]
    public var reports: [ReportMention]
    public var related: [Neighbour]
}

extension QueryEngine {
    /// The profile of the node `name` names (canonical name, alias or
    /// node key), optionally of one type.
    public func profile(of name: String, type: String? = nil) throws(QueryError) -> EntityProfile {
        try reading { reader throws(QueryError) in
            let node = try node(named: name, type: type, reader)
            return try fetch { try profile(node, reader) }
        }
    }

    /// The one node `name` names (canonical name, alias or node key):
    /// E401 with suggestions when none does, E402 with the candidates'
    /// keys when several do.
    public func node(named name: String, type: String? = nil) throws(QueryError) -> StoredEntity {
        try reading { reader throws(QueryError) in try node(named: name, type: type, reader) }
    }

    func node(named name: String, type typeName: String?, _ reader: StoreReader) throws(QueryError) -> StoredEntity {
        let type = typeName.flatMap(NodeType.init(rawValue:))
        let found = try fetch { () throws -> [StoredEntity] in
            if typeName != nil, type == nil { return [] }      // not a node type: nothing has it
            let named = try reader.entities(matching: name, type: type)
            if !named.isEmpty { return named }
            // A short form the gazetteer knows (澄江 → 澄江镇) for a place in the store.
            guard type == nil || type == .place else { return [] }
            let keys = Set(knowledge.entries(for: name).filter { $0.kind == .division }.map { "place/" + knowledge.divisions[Int($0.index)].code })
            return try keys.sorted().compactMap { key in try reader.entity(key: key) }
        }
        if found.count == 1 { return found[0] }
        if found.isEmpty {
            throw .unknownName(kind: typeName ?? "node", name: name, suggestions: resolver.suggestions(for: name, type: type, reader))
        }
        throw .ambiguousName(kind: typeName ?? "node", name: name, candidates: found.map { QueryError.Candidate(label: "\($0.key) (\($0.type.rawValue))", name: $0.key) })
    }

    private func profile(_ node: StoredEntity, _ reader: StoreReader) throws -> EntityProfile {
        EntityProfile(type: node.type.rawValue, name: node.name, key: node.key, kind: node.kind, aliases: try reader.aliases(of: node.id),
                      adcode: node.adcode, latitude: node.latitude, longitude: node.longitude,
                      within: try reader.enclosingPlaces(of: node.id).map(\.name),
                      offices: try reader.offices(of: node),
                      events: try reader.events(try reader.eventIDs(of: node)), reports: try reader.mentions(of: node.id),
                      related: try reader.neighbours(of: node.id))
    }
}
