import AnnalsModel
import GRDB

/// One article as the workbench's source view shows it: its report's
/// metadata, its text, and every mention with the node it names.
public struct ArticleText: Sendable, Equatable, Codable {
    /// A mention: its text as written, the node it names, and where it
    /// stands in ``body`` (scalar offsets; nil in the title, or in a store
    /// made before mentions kept their place).
    public struct Mention: Sendable, Equatable, Codable {
        public var text: String
        public var type: String
        public var name: String
        public var key: String
        public var sentence: Int
        public var bodyStart: Int?
        public var bodyEnd: Int?
        /// Bytes of the raw file.
        public var spanStart: Int
        public var spanEnd: Int

        enum CodingKeys: String, CodingKey {
            case text, type, name, key, sentence
            case bodyStart = "body_start", bodyEnd = "body_end", spanStart = "span_start", spanEnd = "span_end"
        }
    }

    public var id: Int64
    public var source: String
    public var format: String
    public var sha256: String
    public var publisher: String?
    public var published: String?
    /// Position in the report, from 0.
    public var position: Int
    public var title: String
    public var section: String?
    public var date: String?
    /// The paragraphs, joined by line breaks.
    public var body: String
    /// The bytes of the raw file the article covers.
    public var spanStart: Int
    public var spanEnd: Int
    public var mentions: [Mention]

    enum CodingKeys: String, CodingKey {
        case id, source, format, sha256, publisher, published, position, title, section, date, body, mentions
        case spanStart = "span_start", spanEnd = "span_end"
    }
}

extension StoreReader {
    /// The article with this id, or nil when the store has none.
    public func article(id: Int64) throws -> ArticleText? {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT a.id, a.position, a.title, a.section, a.date, a.body, a.span_start, a.span_end,
                   s.path, s.format, s.sha256, s.publisher, s.published
            FROM articles a JOIN sources s ON s.id = a.source_id WHERE a.id = ?
            """), arguments: [id]) else { return nil }
        let mentions = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT m.text, m.sentence, m.body_start, m.body_end, m.span_start, m.span_end, e.type, e.name, e.key
            FROM mentions m JOIN entities e ON e.id = m.entity_id WHERE m.article_id = ? ORDER BY m.id
            """), arguments: [id]).map { mention in
            ArticleText.Mention(text: mention["text"], type: mention["type"], name: mention["name"], key: mention["key"], sentence: mention["sentence"],
                                bodyStart: mention["body_start"], bodyEnd: mention["body_end"],
                                spanStart: mention["span_start"], spanEnd: mention["span_end"])
        }
        return ArticleText(id: row["id"], source: row["path"], format: row["format"], sha256: row["sha256"], publisher: row["publisher"],
                           published: row["published"], position: row["position"], title: row["title"], section: row["section"],
                           date: row["date"], body: row["body"], spanStart: row["span_start"], spanEnd: row["span_end"], mentions: mentions)
    }

    /// The ids of an article's events, in text order.
    public func eventIDs(inArticle id: Int64) throws -> [Int64] {
        try Int64.fetchAll(db.cachedStatement(sql: "SELECT id FROM events WHERE article_id = ? ORDER BY span_start, id"), arguments: [id])
    }

    /// Names of nodes of `type` (any, when nil) that begin with `prefix`,
    /// canonical names and aliases, the most mentioned first: what the
    /// workbench's search box suggests as the historian types.
    public func names(startingWith prefix: String, type: NodeType? = nil, limit: Int = 10) throws -> [(name: String, type: String, key: String)] {
        guard !prefix.isEmpty else { return [] }
        // The range [prefix, prefix + U+10FFFF) holds exactly the strings
        // that begin with it; with the types listed, the (type, name) and
        // alias indexes answer it. At most 200 candidates are ranked.
        let upper = prefix + "\u{10FFFF}"
        let types = (type.map { [$0] } ?? NodeType.named).map { "'\($0.rawValue)'" }.joined(separator: ",")
        return try Row.fetchAll(db, sql: """
            SELECT e.name, e.type, e.key, (SELECT COUNT(*) FROM mentions m WHERE m.entity_id = e.id) AS mentioned
            FROM (SELECT id FROM entities WHERE type IN (\(types)) AND name >= ?1 AND name < ?2
                  UNION SELECT entity_id FROM aliases WHERE alias >= ?1 AND alias < ?2 LIMIT 200) AS c
            JOIN entities e ON e.id = c.id WHERE e.type IN (\(types))
            ORDER BY mentioned DESC, e.name LIMIT ?3
            """, arguments: [prefix, upper, limit]).map { ($0["name"], $0["type"], $0["key"]) }
    }
}
