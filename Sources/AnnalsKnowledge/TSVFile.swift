import Foundation

/// Why curated knowledge could not be loaded.
public enum KnowledgeError: Error, Equatable, CustomStringConvertible {
    case folderNotFound(searched: [String])
    case unreadable(file: String)
    case malformed(file: String, line: Int, problem: String)
    /// A name longer than the lexicon's match table can hold (255 characters).
    case nameTooLong(String)

    public var code: String {
        switch self {
        case .folderNotFound: "E201"
        case .unreadable: "E202"
        case .malformed: "E203"
        case .nameTooLong: "E204"
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
        case .nameTooLong(let name):
            "\(code): a name in the knowledge files is \(name.unicodeScalars.count) characters long, more than the 255 Annals can match: \(name.prefix(20))…"
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
        // Split on bytes: tab and line feed never occur inside UTF-8
        // sequences, and splitting Characters is slow over the gazetteer's
        // 46,000 lines.
        let bytes = [UInt8](data)
        var header: [String] = []
        var rows: [[Substring]] = []
        rows.reserveCapacity(bytes.count / 40)
        var lineStart = 0
        var lineNumber = 0
        while lineStart < bytes.count {
            lineNumber += 1
            var lineEnd = lineStart
            while lineEnd < bytes.count && bytes[lineEnd] != 0x0A { lineEnd += 1 }
            defer { lineStart = lineEnd + 1 }
            var end = lineEnd
            if end > lineStart && bytes[end - 1] == 0x0D { end -= 1 }
            guard end > lineStart else { continue }
            var fields: [Substring] = []
            fields.reserveCapacity(max(header.count, 2))
            var fieldStart = lineStart
            for index in lineStart...end where index == end || bytes[index] == 0x09 {
                fields.append(Substring(String(decoding: bytes[fieldStart..<index], as: UTF8.self)))
                fieldStart = index + 1
            }
            if fields[0].hasPrefix("#") {
                if header.isEmpty {
                    fields[0] = fields[0].dropFirst()
                    header = fields.map(String.init)
                }
                continue
            }
            if !header.isEmpty && fields.count != header.count {
                throw .malformed(file: path, line: lineNumber, problem: "\(fields.count) fields, the header names \(header.count)")
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
        isEmpty ? [] : utf8.split(separator: UInt8(ascii: "|")).map { String(decoding: $0, as: UTF8.self) }
    }
}
