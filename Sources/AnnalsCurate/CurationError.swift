import AnnalsGraph
import AnnalsQuery
import AnnalsText

/// Why a curation decision was not applied, in words a historian can act
/// on. Nothing of a refused decision is stored or written.
public enum CurationError: Error, CustomStringConvertible, Equatable, Sendable {
    /// A name that names no node, or several (the query's E401 / E402).
    case name(QueryError)
    /// Merging a node into itself, or into a node already merged into it.
    case sameNode(String)
    /// A rename to nothing, a retype to no node type, a text with a tab or
    /// line break (the decisions file could not hold it).
    case badValue(String)
    /// A report the decision must rewrite is no longer where it was built
    /// from, or no longer reads.
    case reportUnreadable(source: String, reason: String)
    /// The journal has no decision with this number in force.
    case noSuchDecision(Int64)
    /// The decisions file could not be written.
    case decisionsFile(path: String, reason: String)
    /// The store refused the change.
    case store(String)

    public var code: String {
        switch self {
        case .name(let error): error.code
        case .sameNode: "E701"
        case .badValue: "E702"
        case .reportUnreadable: "E703"
        case .noSuchDecision: "E704"
        case .decisionsFile: "E705"
        case .store: "E706"
        }
    }

    public var description: String {
        switch self {
        case .name(let error): "\(error)"
        case .sameNode(let name): "\(code): \(name) is that node already; nothing to merge"
        case .badValue(let problem): "\(code): \(problem)"
        case .reportUnreadable(let source, let reason):
            "\(code): the decision rewrites \(source), which cannot be read (\(reason)); put the file back where it was built from, or remove the report first"
        case .noSuchDecision(let number): "\(code): no decision \(number) is in force; `annals curate list` shows the journal"
        case .decisionsFile(let path, let reason): "\(code): cannot write the decisions file \(path): \(reason); nothing was changed"
        case .store(let message): "\(code): the store refused the change: \(message); nothing was changed"
        }
    }
}
