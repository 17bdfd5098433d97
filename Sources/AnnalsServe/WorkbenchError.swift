import AnnalsCurate
import AnnalsQuery
import HTTPTypes

/// Why the workbench could not answer a request, in words a historian can
/// act on; each has its E-code and HTTP status, and is shown as a page (or,
/// under `/api/`, as JSON), never as a stack trace.
public enum WorkbenchError: Error, CustomStringConvertible, Equatable, Sendable {
    /// A query failed: unknown or ambiguous name, bad date, unknown type (E401–E406).
    case query(QueryError)
    /// A parameter that is not what the page takes.
    case badParameter(name: String, value: String, expected: String)
    /// A page that does not exist.
    case noSuchPage(String)
    /// The report file an article was read from is no longer where it was.
    case sourceFileMissing(String)
    /// A JavaScript library from Debian that is not installed.
    case libraryMissing(package: String, path: String)
    /// A change asked of a workbench started with `--read-only`.
    case readOnly
    /// A change asked without the token a workbench bound beyond this machine requires.
    case tokenRequired
    /// A change posted by a page of another site.
    case crossSite(String)
    /// A correction that could not be applied (E7xx, or E401/E402 for its names).
    case curation(CurationError)

    public var code: String {
        switch self {
        case .query(let error): error.code
        case .badParameter: "E601"
        case .noSuchPage: "E602"
        case .libraryMissing: "E603"
        case .sourceFileMissing: "E606"
        case .readOnly: "E604"
        case .tokenRequired: "E605"
        case .crossSite: "E607"
        case .curation(let error): error.code
        }
    }

    public var description: String {
        switch self {
        case .query(let error):
            return error.description
        case .badParameter(let name, let value, let expected):
            return "\(code): \(name)=\(value) is not understood; \(name) takes \(expected)"
        case .noSuchPage(let path):
            return "\(code): the workbench has no page \(path); start from the timeline, the sites or the search box"
        case .libraryMissing(let package, let path):
            return "\(code): \(path) is missing; install Debian's \(package) (tools/setup does) for the maps and graphs"
        case .sourceFileMissing(let path):
            return "\(code): the report \(path) is no longer where it was read from; the store keeps its text, not the file"
        case .readOnly:
            return "\(code): this workbench was started with --read-only and takes no corrections"
        case .tokenRequired:
            return "\(code): corrections need the token the workbench printed when it started (this workbench is reachable from other machines); open the address it printed, with ?token=, once"
        case .crossSite(let origin):
            return "\(code): a correction sent from another site (\(origin)) was refused; make corrections on the workbench's own pages"
        case .curation(let error):
            return error.description
        }
    }

    /// Any error of answering a request: a query's as its E-code, anything
    /// else (a store that fails mid-read) as the store's E405.
    init(_ error: any Error) {
        switch error {
        case let error as WorkbenchError: self = error
        case let error as QueryError: self = .query(error)
        case let error as CurationError: self = .curation(error)
        default: self = .query(.store("\(error)"))
        }
    }

    var status: HTTPResponse.Status {
        switch self {
        case .query(.unknownName), .query(.unknownArticle), .noSuchPage, .sourceFileMissing: .notFound
        case .query(.store), .libraryMissing: .internalServerError
        case .query: .badRequest
        case .badParameter: .badRequest
        case .readOnly, .tokenRequired, .crossSite: .forbidden
        case .curation(.name(.unknownName)), .curation(.noSuchDecision): .notFound
        case .curation(.store), .curation(.decisionsFile): .internalServerError
        case .curation(.reportUnreadable): .conflict
        case .curation: .badRequest
        }
    }

    /// Names worth trying instead: the nearest to an unknown name; each
    /// candidate of an ambiguous one (asked for by its node key or gazetteer
    /// code). `asked` is the name asked for when the request can be repeated
    /// with another (a page's query, not a correction's form).
    var alternatives: (asked: String?, names: [QueryError.Candidate]) {
        func named(_ suggestions: [String]) -> [QueryError.Candidate] { suggestions.map(QueryError.Candidate.init) }
        switch self {
        case .query(.unknownName(_, let asked, let suggestions)): return (asked, named(suggestions))
        case .query(.ambiguousName(_, let asked, let candidates)): return (asked, candidates)
        case .curation(.name(.unknownName(_, _, let suggestions))): return (nil, named(suggestions))
        case .curation(.name(.ambiguousName(_, _, let candidates))): return (nil, candidates)
        default: return (nil, [])
        }
    }
}
