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
    public var metadata: ReportMetadata
    public var contents: [ContentsEntry]
    public var articles: [ArticleRecordType]
    public var setAside: [SetAsideLine]

    public init(_ document: Document, articles: [ArticleRecordType]) {
        source = document.source
        sha256 = document.sha256
        format = document.format.rawValue
        encoding = document.encoding.encoding.rawValue
        script = document.script.rawValue
        published = document.published?.description
        publisher = document.publisher
        metadata = document.metadata
        contents = document.contents
        self.articles = articles
        setAside = document.setAside
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
            json.key("metadata")
            metadata.write(to: json)
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
            json.key("set_aside")
            json.array(setAside) { line in
                json.object {
                    json.field("kind", line.kind.rawValue)
                    json.field("text", line.text)
                    json.key("span")
                    line.span.write(to: json)
                }
            }
        }
    }
}

extension ReportMetadata: JSONWritable {
    /// The fields the page has, and only those.
    public func write(to json: JSONWriter) {
        json.object {
            json.optionalField("published", published?.description)
            json.optionalField("source", source)
            for (key, names) in [("authors", authors), ("reporters", reporters), ("correspondents", correspondents),
                                 ("photographers", photographers), ("editors", editors), ("reviewers", reviewers)] where !names.isEmpty {
                json.field(key, names)
            }
            json.optionalField("account", account)
            json.optionalField("image_source", imageSource)
            json.optionalField("site_owner", siteOwner)
            json.optionalField("newspaper", newspaper)
            json.optionalField("issue", issue)
            json.optionalField("total_issue", totalIssue)
            json.optionalField("signatory", signatory)
            json.optionalField("signed", signed?.description)
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
    public var asides: [ArticleAside]
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
        asides = article.asides
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
        if !asides.isEmpty {
            json.key("asides")
            json.array(asides) { aside in
                json.object {
                    json.field("kind", aside.kind.rawValue)
                    json.field("text", aside.text)
                }
            }
        }
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
