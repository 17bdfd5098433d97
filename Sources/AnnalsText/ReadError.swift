/// Why a report could not be read, with a stable code and a message a
/// historian can act on.
///
/// Every case names the file; the CLI prints `description`, e.g.
/// `E104: cannot decode report.txt: not UTF-8 and not GB18030 (byte 0xFF at offset 1,203)`.
public enum ReadError: Error, Equatable, Sendable, CustomStringConvertible {
    case fileNotFound(path: String)
    case isDirectory(path: String)
    case unreadable(path: String, reason: String)
    case emptyFile(path: String)
    case binaryData(path: String, offset: Int)
    case undecodable(path: String, byte: UInt8, offset: Int)
    case truncatedUTF16(path: String, detail: String)
    case htmlUnreadable(path: String, reason: String)
    case notAPDF(path: String, start: String)
    case pdfToolMissing(path: String)
    case pdfToolFailed(path: String, status: Int32, message: String)
    case noText(path: String, format: String)
    case unsupportedType(path: String, fileExtension: String)
    case tooLarge(path: String, bytes: Int)
    case wordUnreadable(path: String, reason: String)
    case wordToolMissing(path: String)

    /// Stable code for scripts and tests (`E101` …).
    public var code: String {
        switch self {
        case .fileNotFound: "E101"
        case .isDirectory: "E102"
        case .unreadable: "E103"
        case .emptyFile: "E104"
        case .binaryData: "E105"
        case .undecodable: "E106"
        case .truncatedUTF16: "E107"
        case .htmlUnreadable: "E108"
        case .notAPDF: "E109"
        case .pdfToolMissing: "E110"
        case .pdfToolFailed: "E111"
        case .noText: "E112"
        case .unsupportedType: "E113"
        case .tooLarge: "E114"
        case .wordUnreadable: "E115"
        case .wordToolMissing: "E116"
        }
    }

    /// The file the error is about, as the user gave it.
    public var path: String {
        switch self {
        case .fileNotFound(let path), .isDirectory(let path), .unreadable(let path, _),
             .emptyFile(let path), .binaryData(let path, _), .undecodable(let path, _, _),
             .truncatedUTF16(let path, _), .htmlUnreadable(let path, _), .notAPDF(let path, _),
             .pdfToolMissing(let path), .pdfToolFailed(let path, _, _), .noText(let path, _),
             .unsupportedType(let path, _), .tooLarge(let path, _), .wordUnreadable(let path, _), .wordToolMissing(let path):
            path
        }
    }

    public var description: String {
        "\(code): " + message
    }

    private var message: String {
        switch self {
        case .fileNotFound(let path):
            "cannot read \(path): no such file"
        case .isDirectory(let path):
            "cannot read \(path): it is a folder, not a report file (name the files inside it)"
        case .unreadable(let path, let reason):
            "cannot read \(path): \(reason)"
        case .emptyFile(let path):
            "cannot read \(path): the file is empty"
        case .binaryData(let path, let offset):
            "cannot read \(path): binary data, not text (the first byte that is no text is at offset \(grouped(offset)))"
        case .undecodable(let path, let byte, let offset):
            "cannot decode \(path): not UTF-8 and not GB18030 (byte \(hex(byte)) at offset \(grouped(offset)))"
        case .truncatedUTF16(let path, let detail):
            "cannot decode \(path): truncated or damaged UTF-16 (\(detail))"
        case .htmlUnreadable(let path, let reason):
            "cannot read the web page \(path): \(reason)"
        case .notAPDF(let path, let start):
            "cannot read \(path): it is named .pdf but is not a PDF (it starts with \(start))"
        case .pdfToolMissing(let path):
            "cannot read \(path): reading PDF files needs pdftotext from poppler-utils; install it (Debian/Ubuntu: apt-get install poppler-utils; macOS: brew install poppler)"
        case .pdfToolFailed(let path, let status, let message):
            "cannot read \(path): pdftotext failed (exit status \(status))" + (message.isEmpty ? "" : ": \(message)")
        case .noText(let path, let format):
            format == "pdf"
                ? "cannot read \(path): the PDF has no text layer (a scanned image? run OCR first)"
                : "cannot read \(path): the \(format) file holds no text"
        case .unsupportedType(let path, let fileExtension):
            "cannot read \(path): unsupported file type '.\(fileExtension)' (Annals reads .txt, .html, .htm, .pdf, .docx and .doc; save the report as one of those first)"
        case .tooLarge(let path, let bytes):
            "cannot read \(path): \(grouped(bytes)) bytes is more than Annals reads in one report (4 GiB; 512 MiB of a Word file's text)"
        case .wordUnreadable(let path, let reason):
            "cannot read the Word file \(path): \(reason)"
        case .wordToolMissing(let path):
            "cannot read \(path): reading old Word (.doc) files needs antiword; install it (Debian/Ubuntu: apt-get install antiword), or save the report as .docx or PDF"
        }
    }
}

private func hex(_ byte: UInt8) -> String {
    "0x" + hexDigits([byte], uppercase: true)
}

/// Bytes as hexadecimal digits, two per byte (`[0xE4, 0xB8]` → `e4b8`).
func hexDigits<Bytes: Sequence<UInt8>>(_ bytes: Bytes, uppercase: Bool = false, separator: String = "") -> String {
    let digits = Array(uppercase ? "0123456789ABCDEF" : "0123456789abcdef")
    return bytes.map { String([digits[Int($0 >> 4)], digits[Int($0 & 0xF)]]) }.joined(separator: separator)
}

/// `1203` → `1,203`: offsets are easier to read grouped.
func grouped(_ value: Int) -> String {
    let digits = String(value.magnitude)
    var out = ""
    for (index, character) in digits.enumerated() {
        if index > 0 && (digits.count - index) % 3 == 0 { out.append(",") }
        out.append(character)
    }
    return value < 0 ? "-" + out : out
}
