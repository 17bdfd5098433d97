import AnnalsModel

/// The JSON shape `annals extract --format json` prints for one report.
///
/// Keys are stable; later stages add fields to articles (their own article
/// record type) but never rename or remove these. Offsets (`span`) are byte
/// offsets in the raw file (for a PDF, in its `pdftotext` text layer).
public struct DocumentRecord<ArticleRecordType: JSONWritable & Sendable>: JSONWritable, Sendable {
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

    public func write(to json: JSONWriter) throws {
        try json.object {
            json.field("source", source)
            json.field("sha256", sha256)
            json.field("format", format)
            json.field("encoding", encoding)
            json.field("script", script)
            json.field("published", published)
            json.field("publisher", publisher)
            json.key("contents")
            json.array(contents) { entry in
                json.object {
                    json.field("section", entry.section)
                    json.field("title", entry.title)
                }
            }
            json.key("articles")
            try json.array(articles) { article in
                try json.value(article)
                try json.flushIfFull()
            }
        }
    }
}

/// One article in `annals extract` JSON.
public struct ArticleRecord: JSONWritable, Sendable {
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

    public func write(to json: JSONWriter) {
        json.object { writeMembers(to: json) }
    }

    /// The members alone, for records that add their own (an extracted
    /// article's entities and events).
    public func writeMembers(to json: JSONWriter) {
        json.field("index", index)
        json.field("title", title)
        json.field("section", section)
        json.field("contributors", contributors)
        json.field("paragraphs", paragraphs)
        json.key("paragraph_spans")
        json.array(paragraphSpans) { $0.write(to: json) }
        json.key("span")
        span.write(to: json)
        json.optionalField("original_title", originalTitle)
        json.optionalField("original_paragraphs", originalParagraphs)
    }
}

extension RawSpan: JSONWritable {
    /// `{"start":…,"end":…}`: byte offsets in the raw file.
    public func write(to json: JSONWriter) {
        json.object {
            json.field("start", start)
            json.field("end", end)
        }
    }
}
