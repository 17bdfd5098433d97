/// A fragment of HTML, safe by construction: text interpolated into it is
/// escaped, and only other fragments go in as markup. A name or title from a
/// report (`《<script>…》`, `“红岩”&`) can only ever become text on a page.
///
/// ```swift
/// let title = "<b>红岩</b>"
/// let cell: HTML = "<td class=\"work\">\(title)</td>"   // <td class="work">&lt;b&gt;红岩&lt;/b&gt;</td>
/// ```
public struct HTML: Sendable, Equatable, ExpressibleByStringInterpolation, CustomStringConvertible {
    public private(set) var markup: String

    public init(stringLiteral literal: String) { markup = literal }

    public init(stringInterpolation: Interpolation) { markup = stringInterpolation.markup }

    /// Markup written by Annals itself, never text from a report.
    init(trusted markup: String) { self.markup = markup }

    public var description: String { markup }

    public struct Interpolation: StringInterpolationProtocol {
        var markup = ""

        public init(literalCapacity: Int, interpolationCount: Int) { markup.reserveCapacity(literalCapacity + 16 * interpolationCount) }

        public mutating func appendLiteral(_ literal: String) { markup += literal }

        /// Text: escaped for element content and quoted attribute values.
        public mutating func appendInterpolation(_ text: String) { markup += HTML.escape(text) }

        public mutating func appendInterpolation(_ text: String?) { if let text { markup += HTML.escape(text) } }

        public mutating func appendInterpolation(_ number: Int) { markup += String(number) }

        public mutating func appendInterpolation(_ fragment: HTML) { markup += fragment.markup }

        public mutating func appendInterpolation(_ fragments: [HTML]) { for fragment in fragments { markup += fragment.markup } }
    }

    /// `&`, `<`, `>`, `"` and `'` as character references: what is needed in
    /// element content and in attribute values quoted either way.
    public static func escape(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for character in text.unicodeScalars {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(character)
            }
        }
        return out
    }

    /// `fragment` when `condition` holds, else nothing.
    static func when(_ condition: Bool, _ fragment: @autoclosure () -> HTML) -> HTML { condition ? fragment() : "" }

    /// Fragments one after another, with `separator` between them.
    public static func joined(_ fragments: [HTML], separator: HTML = "") -> HTML {
        HTML(trusted: fragments.map(\.markup).joined(separator: separator.markup))
    }
}

extension HTML {
    /// A link to a workbench page with its query parameters, each
    /// percent-encoded (a name like 红二、六军团 or one holding `&` stays one
    /// parameter).
    static func url(_ path: String, _ parameters: [(String, String?)] = []) -> String {
        let query = parameters.compactMap { name, value in value.map { name + "=" + URLText.encode($0) } }
        return query.isEmpty ? path : path + "?" + query.joined(separator: "&")
    }
}

/// Percent-encoding for paths and query values: everything but RFC 3986's
/// unreserved characters.
enum URLText {
    static func encode(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return out
    }
}

extension String {
    func leftPadded(to width: Int) -> String { count >= width ? self : String(repeating: "0", count: width - count) + self }
}
