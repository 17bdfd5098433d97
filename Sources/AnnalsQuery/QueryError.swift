/// Why a query could not be answered, in words a historian can act on.
public enum QueryError: Error, CustomStringConvertible, Equatable, Sendable {
    /// No node and no gazetteer entry has this name; the nearest known names follow.
    case unknownName(kind: String, name: String, suggestions: [String])
    /// The name stands for several different nodes; the candidates follow.
    case ambiguousName(kind: String, name: String, candidates: [Candidate])
    /// A date bound that is not `1934`, `1934-10` or `1934-10-24`.
    case badDate(String)
    /// An event type Annals does not assign.
    case unknownEventType(String, known: [String])
    /// The store could not be read.
    case store(String)
    /// No article has this id (a link from an older store, or one typed by hand).
    case unknownArticle(String)

    /// One of the nodes an ambiguous name stands for: how it is shown
    /// (`城关镇 (500242T…, 酉阳县, 重庆市)`, `person/… (person)`) and the name
    /// that asks for it alone (its gazetteer code, its node key).
    public struct Candidate: Equatable, Sendable {
        public var label: String
        public var name: String

        public init(label: String, name: String) {
            self.label = label
            self.name = name
        }

        /// A candidate asked for by the name it is shown with.
        public init(_ name: String) { self.init(label: name, name: name) }
    }

    public var code: String {
        switch self {
        case .unknownName: "E401"
        case .ambiguousName: "E402"
        case .badDate: "E403"
        case .unknownEventType: "E404"
        case .store: "E405"
        case .unknownArticle: "E406"
        }
    }

    public var description: String {
        switch self {
        case .unknownName(let kind, let name, let suggestions):
            let hint = suggestions.isEmpty ? "" : "; did you mean " + suggestions.joined(separator: ", ") + "?"
            let looked = kind == "place" || kind == "region" ? "in the store, the gazetteer or the regions" : "in the store"
            return "\(code): no \(kind) named \(name) \(looked)\(hint)"
        case .ambiguousName(let kind, let name, let candidates):
            let shown = candidates.prefix(10).map(\.label).joined(separator: "; ") + (candidates.count > 10 ? "; and \(candidates.count - 10) more" : "")
            let advice = kind == "place" ? "give the code in brackets instead of the name" : "give the full name or the node key"
            return "\(code): \(name) names \(candidates.count) \(kind)s: \(shown); \(advice)"
        case .badDate(let text):
            return "\(code): \(text) is not a date; write 1934, 1934-10 or 1934-10-24"
        case .unknownEventType(let type, let known):
            return "\(code): \(type) is not an event type; the types are " + known.joined(separator: ", ")
        case .store(let message):
            return "\(code): could not read the store: \(message)"
        case .unknownArticle(let id):
            return "\(code): the store has no article \(id); it may have been removed or rebuilt since the link was made"
        }
    }
}
