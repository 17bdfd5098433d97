/// The kind of file a report came from.
public enum SourceFormat: String, Sendable, Codable {
    case text
    case html
    case pdf
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
    /// Who issued the report (from the masthead: `中共重庆市委党史研究室编 …`).
    public var publisher: String?
    /// The issue date from the masthead.
    public var published: CalendarDay?
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

/// A calendar day (the issue date of a bulletin).
public struct CalendarDay: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    /// A valid Gregorian date or nil (`2020-13-45` is nil).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...CalendarDay.daysIn(month: month, year: year)).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// ISO 8601 form, `2020-12-10`.
    public var description: String { iso(length: 10) }

    /// The first `length` characters of the ISO form: 4 (`2020`), 7
    /// (`2020-11`) or 10 (`2020-11-18`). Written digit by digit, as a small
    /// string: the recognisers make one for every date they find.
    package func iso(length: Int) -> String {
        guard (0...9999).contains(year), (0...99).contains(month), (0...99).contains(day) else {
            func pad(_ value: Int, _ width: Int) -> String {
                let digits = String(value)
                return String(repeating: "0", count: max(0, width - digits.count)) + digits
            }
            return String("\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))".prefix(length))
        }
        let count = min(max(length, 0), 10)
        return String(unsafeUninitializedCapacity: 10) { bytes in
            func digit(_ value: Int) -> UInt8 { 0x30 + UInt8(value) }
            bytes[0] = digit(year / 1000)
            bytes[1] = digit(year / 100 % 10)
            bytes[2] = digit(year / 10 % 10)
            bytes[3] = digit(year % 10)
            bytes[4] = 0x2D
            bytes[5] = digit(month / 10)
            bytes[6] = digit(month % 10)
            bytes[7] = 0x2D
            bytes[8] = digit(day / 10)
            bytes[9] = digit(day % 10)
            return count
        }
    }

    public static func < (a: CalendarDay, b: CalendarDay) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let found = CalendarDay.find(in: text.scalarValues[...]), found.range.count == text.unicodeScalars.count else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a date: \(text)"))
        }
        self = found.day
    }
}
