import AnnalsGraph
import AnnalsModel

/// An article with its events: what the workbench's source view shows.
public struct ArticleView: Sendable, Equatable, Codable {
    public var article: ArticleText
    /// Its events, in text order.
    public var events: [TimelineEvent]
}

/// A name the search box offers as the historian types.
public struct NameSuggestion: Sendable, Equatable, Codable {
    public var name: String
    public var type: String
    public var key: String
}

extension QueryEngine {
    /// The article with this id and its events.
    public func article(id: Int64) throws(QueryError) -> ArticleView {
        try reading { reader throws(QueryError) in
            guard let article = try fetch({ try reader.article(id: id) }) else { throw .unknownArticle(String(id)) }
            return ArticleView(article: article, events: try fetch { try reader.events(try reader.eventIDs(inArticle: id)) })
        }
    }

    /// Names of the store beginning with `prefix` (canonical names and
    /// aliases), the most mentioned first.
    public func suggestions(startingWith prefix: String, type: String? = nil, limit: Int = 10) throws(QueryError) -> [NameSuggestion] {
        let nodeType = type.flatMap(NodeType.init(rawValue:))
        if type != nil && nodeType == nil { return [] }
        return try reading { reader throws(QueryError) in
            try fetch { try reader.names(startingWith: prefix, type: nodeType, limit: limit) }.map { NameSuggestion(name: $0.name, type: $0.type, key: $0.key) }
        }
    }

    /// The node a name stands for, and its neighbourhood of at most `limit`
    /// nodes (its events with their people, places, bodies, articles and
    /// reports): what the workbench draws and exports for it.
    public func neighbourhood(of name: String, type: String? = nil, limit: Int = 200) throws(QueryError) -> (node: StoredEntity, selection: GraphSelection) {
        try reading { reader throws(QueryError) in
            let node = try node(named: name, type: type, reader)
            return (node, try fetch { try reader.selection(aroundEntity: node.id, limit: limit) })
        }
    }
}
