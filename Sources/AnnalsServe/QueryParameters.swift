import AnnalsQuery
import Foundation

/// A request's query string, decoded as browsers encode forms: `+` is a
/// space, `%XX` a byte of UTF-8. Empty values count as absent, so a form
/// sent with blank fields filters on nothing.
struct QueryParameters: Sendable {
    private var values: [(String, String)] = []

    init(_ query: String?) {
        for pair in (query ?? "").split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ text: Substring) -> String {
                let spaced = text.replacingOccurrences(of: "+", with: " ")
                return spaced.removingPercentEncoding ?? spaced
            }
            values.append((decode(parts[0]), parts.count > 1 ? decode(parts[1]) : ""))
        }
    }

    /// The same query with every parameter whose value is `old` set to `new`:
    /// the link that asks again with a suggested name.
    func replacing(value old: String, with new: String) -> [(String, String?)] {
        values.map { name, value in (name, value == old ? new : value) }
    }

    subscript(_ name: String) -> String? {
        guard let value = values.first(where: { $0.0 == name })?.1.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        return value
    }

    /// A whole number in `range`, or nil when absent.
    func number(_ name: String, in range: ClosedRange<Int>) throws(WorkbenchError) -> Int? {
        guard let text = self[name] else { return nil }
        guard let number = Int(text), range.contains(number) else {
            throw .badParameter(name: name, value: text, expected: "a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return number
    }

    /// Whether a check box is ticked (`1`, `on`, `true`, `yes`).
    func flag(_ name: String) -> Bool { ["1", "on", "true", "yes"].contains(self[name]?.lowercased() ?? "") }

    /// The timeline filters, under the names of the command line's options.
    var timelineQuery: TimelineQuery {
        TimelineQuery(place: self["place"], person: self["person"], organisation: self["organisation"], site: self["site"], region: self["region"],
                      type: self["type"], from: self["from"], to: self["to"], text: self["text"], includeUndated: flag("include_undated"))
    }

    /// A path parameter as typed into a link: percent-decoded.
    static func pathComponent(_ text: Substring?) -> String? {
        guard let text, !text.isEmpty else { return nil }
        return String(text).removingPercentEncoding ?? String(text)
    }
}
