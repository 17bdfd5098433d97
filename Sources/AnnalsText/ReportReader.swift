import Crypto
import Foundation

/// Reads a report file — plain text, a web page, a PDF or a Word file — into a
/// ``Document``: the entry point of the text stage.
///
/// ```swift
/// let document = try ReportReader().read("graph/sources/cq-dangshi-2020-12-10.txt")
/// document.published        // 2020-12-10
/// document.articles.count   // 11
/// ```
public struct ReportReader: Sendable {
    public var converter: ScriptConverter
    /// Where to find `pdftotext`; nil looks it up on `PATH`.
    public var pdfToTextPath: String?
    /// Where to find `antiword` (old `.doc` files); nil looks it up on `PATH`.
    public var antiwordPath: String?

    public init(converter: ScriptConverter = .shared, pdfToTextPath: String? = nil, antiwordPath: String? = nil) {
        self.converter = converter
        self.pdfToTextPath = pdfToTextPath
        self.antiwordPath = antiwordPath
    }

    /// Reads the report at `path`.
    /// - Throws: ``ReadError`` naming the file and what is wrong with it.
    public func read(_ path: String) throws(ReadError) -> Document {
        let bytes = try Self.readBytes(path)
        return try read(bytes: bytes, path: path)
    }

    /// Reads a report from bytes already in memory; `path` names it (its
    /// extension picks the reader).
    public func read(bytes: [UInt8], path: String) throws(ReadError) -> Document {
        if bytes.isEmpty { throw .emptyFile(path: path) }
        let fileExtension = URL(fileURLWithPath: path).pathExtension.lowercased()
        if Self.unsupportedExtensions.contains(fileExtension) {
            throw .unsupportedType(path: path, fileExtension: fileExtension)
        }
        let source: SourceText
        switch Self.format(of: path, bytes: bytes) {
        case .text:
            let (text, decision) = try TextDecoder.decode(bytes, path: path)
            source = SourceText(text: text, format: .text, encoding: decision, mayBeWrapped: true)
        case .html:
            source = try HTMLReader.read(bytes, path: path)
        case .pdf:
            let layer = try PDFTextLayer.extract(bytes, path: path, tool: pdfToTextPath)
            let (text, decision) = try TextDecoder.decode(layer, path: path)
            source = SourceText(text: text, format: .pdf, encoding: decision, mayBeWrapped: true)
        case .docx:
            source = try WordReader.readDocx(bytes, path: path)
        case .doc:
            let layer = try WordReader.docText(bytes, path: path, tool: antiwordPath)
            let (text, decision) = try TextDecoder.decode(layer, path: path)
            source = SourceText(text: text, format: .doc, encoding: decision, mayBeWrapped: false)
        }
        let document = DocumentBuilder.build(source, path: path, sha256: Self.sha256(bytes), converter: converter)
        if document.articles.isEmpty { throw .noText(path: path, format: source.format.rawValue) }
        return document
    }

    /// Office documents, archives and images: named, they are refused
    /// before any decoding (save them as PDF or text first).
    static let unsupportedExtensions: Set<String> = [
        "wps", "xls", "xlsx", "ppt", "pptx", "odt", "rtf", "zip", "rar", "7z", "gz",
        "jpg", "jpeg", "png", "gif", "tif", "tiff", "bmp", "caj", "kdh", "nh",
    ]

    /// The reader for a file: by extension, or by content when the
    /// extension says nothing.
    static func format(of path: String, bytes: [UInt8]) -> SourceFormat {
        switch URL(fileURLWithPath: path).pathExtension.lowercased() {
        case "html", "htm", "xhtml", "shtml": return .html
        case "pdf": return .pdf
        case "docx": return .docx
        case "doc": return .doc
        case "txt", "text": return .text
        default:
            if bytes.starts(with: Array("%PDF-".utf8)) { return .pdf }
            let head = String(decoding: bytes.prefix(1024), as: UTF8.self).lowercased()
            if head.contains("<html") || head.contains("<!doctype html") { return .html }
            return .text
        }
    }

    static func readBytes(_ path: String) throws(ReadError) -> [UInt8] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .fileNotFound(path: path)
        }
        if isDirectory.boolValue { throw .isDirectory(path: path) }
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw .unreadable(path: path, reason: "permission denied")
        }
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: path), options: .mappedIfSafe)
            if data.count >= Int(UInt32.max) { throw ReadError.tooLarge(path: path, bytes: data.count) }
            return [UInt8](data)
        } catch let error as ReadError {
            throw error
        } catch {
            throw .unreadable(path: path, reason: error.localizedDescription)
        }
    }

    /// Lowercase hex SHA-256 of `bytes`.
    public static func sha256(_ bytes: [UInt8]) -> String {
        hexDigits(SHA256.hash(data: bytes))
    }
}
