import Foundation

/// A file written in 256 KB chunks, for the JSON and CSV exports.
final class TextOutput {
    let path: String
    private let handle: FileHandle
    private var buffer: [UInt8] = []

    init(path: String) throws(ExportError) {
        self.path = path
        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
            throw .cannotWrite(path: path, reason: "the file could not be created")
        }
        self.handle = handle
        buffer.reserveCapacity(1 << 18)
    }

    func write(_ text: String) throws(ExportError) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 18 { try flush() }
    }

    func flush() throws(ExportError) {
        do {
            try handle.write(contentsOf: buffer)
        } catch {
            throw .cannotWrite(path: path, reason: "\(error)")
        }
        buffer.removeAll(keepingCapacity: true)
    }

    func close() throws(ExportError) {
        try flush()
        do { try handle.close() } catch { throw .cannotWrite(path: path, reason: "\(error)") }
    }
}

/// JSON text for strings and values, written by hand so that exports can
/// stream (JSONEncoder needs the whole document in memory).
enum JSONText {
    static func string(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029 {
                    out += String(format: "\\u%04x", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    static func value(_ value: AttributeValue) -> String {
        switch value {
        case .string(let text): string(text)
        case .int(let number): String(number)
        case .double(let number): String(format: "%.6f", number)
        }
    }

    /// `{"key": value, …}` without the nil values.
    static func object(_ pairs: [(String, String?)]) -> String {
        "{" + pairs.compactMap { key, value in value.map { string(key) + ":" + $0 } }.joined(separator: ",") + "}"
    }
}
