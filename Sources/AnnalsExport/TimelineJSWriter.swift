import Foundation

/// Writes a TimelineJS 3 file of the dated events: years as numbers,
/// `display_date` in the report's words (1934年10月, 20世纪50年代), one group
/// per event type, the sentence and source as HTML-escaped text, and an
/// `end_date` on every slide (TimelineJS shows no time axis otherwise).
public struct TimelineJSWriter: Sendable {
    public var title: String

    public init(title: String = "Annals") { self.title = title }

    @discardableResult
    public func write(_ stream: GraphStream, to path: String) throws(ExportError) -> Int {
        let out = try TextOutput(path: path)
        let headline = JSONText.object([("headline", JSONText.string(Self.html(title))),
                                        ("text", JSONText.string("<p>" + Self.html("Events from party-history reports, by date") + "</p>"))])
        try out.write("{\"title\":{\"text\":" + headline + "},\"scale\":\"human\",\"events\":[\n")
        var count = 0
        try stream.forEachNode { node in
            guard node.type == "event", case .string(let start)? = node["date_start"], case .string(let end)? = node["date_end"],
                  case .string(let precision)? = node["date_precision"], case .string(let value)? = node["date"] else { return }
            let written: String
            if case .string(let text)? = node["date_text"] { written = text } else { written = value }
            var paragraphs: [String] = []
            if case .string(let sentence)? = node["sentence"] { paragraphs.append(sentence) }
            if case .string(let article)? = node["article"], case .string(let report)? = node["report"] {
                paragraphs.append("来源：" + article + "（" + URL(fileURLWithPath: report).lastPathComponent + "）")
            }
            if case .string(let source)? = node["date_source"], source.hasPrefix("knowledge:") {
                paragraphs.append("日期据 Annals 所收史事年表（" + source.dropFirst("knowledge:".count) + "）")
            }
            let type: String
            if case .string(let kind)? = node["event_type"] { type = kind } else { type = "other" }
            let summary: String
            if case .string(let text)? = node["summary"] { summary = text } else { summary = node.label }
            let slide = JSONText.object([
                ("unique_id", JSONText.string(node.id)),
                ("start_date", Self.date(start, precision: precision)),
                ("end_date", Self.date(end, precision: precision)),
                ("display_date", JSONText.string(written)),
                ("group", JSONText.string(type)),
                ("text", JSONText.object([("headline", JSONText.string(Self.html(summary))),
                                          ("text", JSONText.string(paragraphs.map { "<p>" + Self.html($0) + "</p>" }.joined()))])),
            ])
            try out.write((count == 0 ? "" : ",\n") + slide)
            count += 1
        }
        try out.write("\n]}\n")
        try out.close()
        return count
    }

    /// `{"year": 1934, "month": 10}`: only the parts the precision knows.
    static func date(_ day: String, precision: String) -> String {
        let parts = day.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return "{}" }
        var pairs: [(String, String?)] = [("year", String(parts[0]))]
        if precision == "day" || precision == "month" { pairs.append(("month", String(parts[1]))) }
        if precision == "day" { pairs.append(("day", String(parts[2]))) }
        return JSONText.object(pairs)
    }

    /// Report text is read as HTML by TimelineJS.
    static func html(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }
}
