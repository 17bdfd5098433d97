import Foundation

/// Why curated knowledge could not be loaded.
public enum KnowledgeError: Error, Equatable, CustomStringConvertible {
    case folderNotFound(searched: [String])
    case unreadable(file: String)
    case malformed(file: String, line: Int, problem: String)

    public var code: String {
        switch self {
        case .folderNotFound: "E201"
        case .unreadable: "E202"
        case .malformed: "E203"
        }
    }

    public var description: String {
        switch self {
        case .folderNotFound(let searched):
            "\(code): cannot find the knowledge folder graph/knowledge (looked in \(searched.joined(separator: ", "))); set ANNALS_KNOWLEDGE to its path"
        case .unreadable(let file):
            "\(code): cannot read knowledge file \(file)"
        case .malformed(let file, let line, let problem):
            "\(code): knowledge file \(file), line \(line): \(problem)"
        }
    }
}

/// A tab-separated data file of `graph/knowledge`: a `#` header naming the
/// columns, then one record per line, `|` between the values of a field.
struct TSVFile {
    let path: String
    let columns: [String]
    let rows: [[Substring]]

    /// Reads `path`; a missing optional file gives no rows.
    init(path: String, optional: Bool = false) throws(KnowledgeError) {
        self.path = path
        guard let data = FileManager.default.contents(atPath: path) else {
            if optional {
                columns = []
                rows = []
                return
            }
            throw .unreadable(file: path)
        }
        let text = String(decoding: data, as: UTF8.self)
        var header: [String] = []
        var rows: [[Substring]] = []
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.isEmpty { continue }
            if line.hasPrefix("#") {
                if header.isEmpty { header = line.dropFirst().split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
                continue
            }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            if !header.isEmpty && fields.count != header.count {
                throw .malformed(file: path, line: number + 1, problem: "\(fields.count) fields, the header names \(header.count)")
            }
            rows.append(fields)
        }
        columns = header
        self.rows = rows
    }

    /// The index of `column`, or an error naming the file.
    func column(_ name: String) throws(KnowledgeError) -> Int {
        guard let index = columns.firstIndex(of: name) else {
            throw .malformed(file: path, line: 1, problem: "no column '\(name)'")
        }
        return index
    }
}

extension Substring {
    /// `a|b|c` → `["a", "b", "c"]`; empty → `[]`.
    var listValues: [String] {
        isEmpty ? [] : split(separator: "|").map(String.init)
    }
}
