/// The JSON shape `annals extract --format json` prints for one report.
///
/// Keys are stable; later stages add fields to articles (their own article
/// record type) but never rename or remove these. Offsets (`span`) are byte
/// offsets in the raw file (for a PDF, in its `pdftotext` text layer).
public struct DocumentRecord<ArticleRecordType: Encodable & Sendable>: Encodable, Sendable {
    public var source: String
    public var sha256: String
    public var format: String
    public var encoding: String
    public var script: String
    public var published: String?
    public var publisher: String?
    public var contents: [ContentsEntry]
    public var articles: [ArticleRecordType]

    public init(_ document: Document, articles: [ArticleRecordType]) {
        source = document.source
        sha256 = document.sha256
        format = document.format.rawValue
        encoding = document.encoding.encoding.rawValue
        script = document.script.rawValue
        published = document.published?.description
        publisher = document.publisher
        contents = document.contents
        self.articles = articles
    }

    enum CodingKeys: String, CodingKey {
        case source, sha256, format, encoding, script, published, publisher, contents, articles
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(source, forKey: .source)
        try container.encode(sha256, forKey: .sha256)
        try container.encode(format, forKey: .format)
        try container.encode(encoding, forKey: .encoding)
        try container.encode(script, forKey: .script)
        try container.encode(published, forKey: .published)
        try container.encode(publisher, forKey: .publisher)
        try container.encode(contents, forKey: .contents)
        try container.encode(articles, forKey: .articles)
    }
}

/// One article in `annals extract` JSON.
public struct ArticleRecord: Encodable, Sendable {
    public var index: Int
    public var title: String
    public var section: String?
    public var contributors: [String]
    public var paragraphs: [String]
    public var paragraphSpans: [RawSpan]
    public var span: RawSpan
    /// Traditional-script reports: the title and paragraphs as written.
    public var originalTitle: String?
    public var originalParagraphs: [String]?

    public init(_ article: Article, in document: Document) {
        index = article.index
        title = article.title
        section = article.section
        contributors = article.contributors
        paragraphs = article.paragraphs.map(\.text)
        paragraphSpans = article.paragraphs.map(\.span)
        span = article.span
        if document.script == .traditional {
            originalTitle = document.originalString(article.titleRange)
            originalParagraphs = article.paragraphs.map { document.originalString($0.range) }
        }
    }

    enum CodingKeys: String, CodingKey {
        case index, title, section, contributors, paragraphs
        case paragraphSpans = "paragraph_spans"
        case span
        case originalTitle = "original_title"
        case originalParagraphs = "original_paragraphs"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(index, forKey: .index)
        try container.encode(title, forKey: .title)
        try container.encode(section, forKey: .section)
        try container.encode(contributors, forKey: .contributors)
        try container.encode(paragraphs, forKey: .paragraphs)
        try container.encode(paragraphSpans, forKey: .paragraphSpans)
        try container.encode(span, forKey: .span)
        try container.encodeIfPresent(originalTitle, forKey: .originalTitle)
        try container.encodeIfPresent(originalParagraphs, forKey: .originalParagraphs)
    }
}
