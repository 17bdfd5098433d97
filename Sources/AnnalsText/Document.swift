import AnnalsModel

/// The kind of file a report came from.
public enum SourceFormat: String, Sendable, Codable {
    case text
    case html
    case pdf
    /// A Word file (Office Open XML).
    case docx
    /// An old Word 97–2003 file, read through antiword.
    case doc
}

/// A report read into clean, structured text: its masthead, table of
/// contents and articles, every character mapped back to the raw file.
///
/// The normalised (and, for traditional-script reports, simplified) text of
/// all articles is ``text``; each ``Article`` and ``Paragraph`` knows its range
/// in it and its byte span in the raw file. Later stages recognise entities
/// in ``text`` and keep their offsets through ``MappedText/rawSpan(of:)``.
public struct Document: Sendable {
    /// The path the report was read from, as given.
    public var source: String
    /// SHA-256 of the raw file, lowercase hex: the report's identity.
    public var sha256: String
    public var format: SourceFormat
    /// The encoding and why it was chosen.
    public var encoding: EncodingDecision
    public var script: Script
    /// The converter used for a traditional-script report.
    public var scriptEngine: ScriptConverter.Engine?
    /// Who issued the report: the masthead (`中共重庆市委党史研究室编 …`), the
    /// 落款, the newspaper, or the office or site the page names.
    public var publisher: String?
    /// The date the report was published: from its metadata, masthead,
    /// newspaper header or 落款.
    public var published: CalendarDay?
    /// What the report says about itself outside its articles.
    public var metadata: ReportMetadata
    /// The table of contents (the ● lines under 【section】 headings), if any.
    public var contents: [ContentsEntry]
    public var articles: [Article]
    /// Normalised text of every article: title, paragraphs and credit line,
    /// each followed by a line feed.
    /// Read only: ``string(_:)`` reads a UTF-8 copy made with it.
    public private(set) var text: MappedText
    /// ``text``'s characters as UTF-8, for making strings of its ranges
    /// (see ``string(_:)``).
    let utf8: UTF8Text
    /// For a traditional-script report, ``text`` before conversion, scalar
    /// for scalar (same count, same offsets).
    public var originalScalars: [UInt32]?
    /// Every line that is not article text (navigation, metadata, bylines,
    /// mastheads, page numbers, 落款 …), with why, in the order of the file.
    /// With the articles' text these hold every character the reader was given.
    public var setAside: [SetAsideLine]
    /// Control characters and terminal escape sequences removed from the
    /// text (`annals extract --verbose` says how many).
    public var controlsRemoved = 0

    /// The characters of ``text`` in `range` as a `String`.
    public func string(_ range: Range<Int>) -> String { utf8.string(range) }

    /// The original (unconverted) form of `range` of ``text``.
    public func originalString(_ range: Range<Int>) -> String {
        guard let originalScalars else { return string(range) }
        return String(scalars: originalScalars[range])
    }
}

/// One line of a bulletin's table of contents.
public struct ContentsEntry: Sendable, Equatable, Codable {
    public var section: String?
    public var title: String
}

/// One article of a report: a bulletin holds several, a web page or a
/// history article one.
public struct Article: Sendable {
    /// Position in the report, from 0.
    public var index: Int
    /// The title, wrapped lines joined; empty when the report has none.
    public var title: String
    /// The title's range in ``Document/text``.
    public var titleRange: Range<Int>
    /// The 【section】 the article stands under, without brackets.
    public var section: String?
    /// Who supplied the article, from its credit line
    /// (`（市委党史研究室办公室、垫江县委党史研究室供稿）`, `来源：…`).
    public var contributors: [String]
    public var paragraphs: [Paragraph]
    /// Subtitle, subheadings and captions: article text that is no paragraph.
    public var asides: [ArticleAside]
    /// The credit line's range in ``Document/text``, if there is one.
    public var creditRange: Range<Int>?
    /// The article's range in ``Document/text`` (title to credit line).
    public var range: Range<Int>
    /// The bytes of the raw file the article covers.
    public var span: RawSpan
}

/// A paragraph of body text, wrapped lines joined.
public struct Paragraph: Sendable {
    public var text: String
    /// Range in ``Document/text``.
    public var range: Range<Int>
    /// The bytes of the raw file the paragraph came from.
    public var span: RawSpan
}

