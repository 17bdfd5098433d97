import CLibXML2
import Foundation

/// A streaming XML writer over libxml2's `xmlTextWriter`: elements go to
/// the file as they are written, libxml2 escapes every string, and text
/// from reports is first cleared of the characters XML 1.0 forbids
/// (control characters, U+FFFE, U+FFFF), which libxml2 would write
/// without complaint.
final class XMLStreamWriter {
    private var writer: xmlTextWriterPtr?
    let path: String
    private var failed = false

    init(path: String, indent: Bool = true) throws(ExportError) {
        self.path = path
        guard let writer = xmlNewTextWriterFilename(path, 0) else {
            throw .cannotWrite(path: path, reason: "libxml2 could not open it for writing")
        }
        self.writer = writer
        if indent {
            xmlTextWriterSetIndent(writer, 1)
            _ = "  ".withCString { xmlTextWriterSetIndentString(writer, UnsafeRawPointer($0).assumingMemoryBound(to: xmlChar.self)) }
        }
        check(xmlTextWriterStartDocument(writer, "1.0", "UTF-8", nil))
    }

    deinit { if let writer { xmlFreeTextWriter(writer) } }

    private func check(_ status: Int32) { if status < 0 { failed = true } }

    private func withXML<T>(_ text: String, _ body: (UnsafePointer<xmlChar>) -> T) -> T {
        text.withCString { body(UnsafeRawPointer($0).assumingMemoryBound(to: xmlChar.self)) }
    }

    /// `<name>`, or `<prefix:name>` (namespaces are declared as attributes).
    func start(_ name: String) {
        withXML(name) { check(xmlTextWriterStartElement(writer, $0)) }
    }

    func attribute(_ name: String, _ value: String) {
        let clean = Self.clean(value)
        withXML(name) { name in withXML(clean) { check(xmlTextWriterWriteAttribute(writer, name, $0)) } }
    }

    /// An attribute whose value is known to be clean (ASCII ids, numbers).
    func trustedAttribute(_ name: String, _ value: String) {
        withXML(name) { name in withXML(value) { check(xmlTextWriterWriteAttribute(writer, name, $0)) } }
    }

    /// `<name key="…">text</name>`, the shape of every GraphML `<data>`:
    /// one call into libxml2 for the element and its text.
    func dataElement(_ name: String, key: String, text value: String) {
        start(name)
        trustedAttribute("key", key)
        withXML(Self.clean(value)) { check(xmlTextWriterWriteString(writer, $0)) }
        end()
    }

    func text(_ value: String) {
        withXML(Self.clean(value)) { check(xmlTextWriterWriteString(writer, $0)) }
    }

    func end() { check(xmlTextWriterEndElement(writer)) }

    /// Markup assembled in an ``XMLChunk``, handed to libxml2 in one call.
    func write(_ chunk: XMLChunk) {
        chunk.bytes.withUnsafeBufferPointer { buffer in
            check(xmlTextWriterWriteRawLen(writer, buffer.baseAddress, Int32(buffer.count)))
        }
    }

    /// `<name attributes…/>` in one call.
    func empty(_ name: String, _ attributes: KeyValuePairs<String, String>) {
        start(name)
        for (key, value) in attributes { attribute(key, value) }
        end()
    }

    /// `<name attributes…>text</name>`.
    func element(_ name: String, _ attributes: KeyValuePairs<String, String>, text value: String) {
        start(name)
        for (key, value) in attributes { attribute(key, value) }
        text(value)
        end()
    }

    /// Closes every open element and the file; reports any write that failed.
    func finish() throws(ExportError) {
        check(xmlTextWriterEndDocument(writer))
        check(xmlTextWriterFlush(writer))
        xmlFreeTextWriter(writer)       // closes the file
        writer = nil
        if failed { throw .cannotWrite(path: path, reason: "libxml2 could not write it (disk full or file removed?)") }
    }

    /// The text without the characters XML 1.0 forbids.
    static func clean(_ text: String) -> String {
        func allowed(_ scalar: Unicode.Scalar) -> Bool {
            switch scalar.value {
            case 0x09, 0x0A, 0x0D: true
            case 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
            default: false
            }
        }
        // Fast path over the bytes: a forbidden character is a byte below
        // 0x20 (other than tab, LF, CR) or U+FFFE/U+FFFF, which start EF BF
        // (0xBF alone is an ordinary continuation byte of Chinese text).
        var suspicious = false
        var previous: UInt8 = 0
        for byte in text.utf8 {
            if (byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D) || (previous == 0xEF && byte == 0xBF) {
                suspicious = true
                break
            }
            previous = byte
        }
        if !suspicious || text.unicodeScalars.allSatisfy(allowed) { return text }
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: text.unicodeScalars.filter(allowed))
        return String(scalars)
    }
}

/// A piece of markup built in memory (a whole GraphML `<node>` or `<edge>`
/// with its `<data>`) and written with one libxml2 call, instead of four
/// calls per value. Names, ids and numbers, which are ASCII by
/// construction, are appended as they are; every other text has the
/// characters XML forbids removed and is escaped by libxml2
/// (`xmlEncodeSpecialChars`, the escaping `xmlTextWriterWriteString` does),
/// so the file is byte for byte what the element-by-element calls wrote.
struct XMLChunk {
    private(set) var bytes: [UInt8] = []

    init() { bytes.reserveCapacity(4096) }

    mutating func removeAll() { bytes.removeAll(keepingCapacity: true) }

    /// Markup or a value known to be clean ASCII: tags, key ids, node ids, numbers.
    mutating func markup(_ text: String) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }     // contiguous: a copy, not a walk
    }

    /// Text from the store, cleaned and escaped.
    mutating func text(_ value: String) {
        XMLStreamWriter.clean(value).withCString { raw in
            guard let escaped = xmlEncodeSpecialChars(nil, UnsafeRawPointer(raw).assumingMemoryBound(to: xmlChar.self)) else { return }
            defer { clibxml2_free(escaped) }
            let length = strlen(UnsafeRawPointer(escaped).assumingMemoryBound(to: CChar.self))
            bytes.append(contentsOf: UnsafeBufferPointer(start: escaped, count: length))
        }
    }

    /// `<data key="…">value</data>`: strings escaped, numbers as they are.
    mutating func data(key: String, _ value: AttributeValue) {
        markup("<data key=\"")
        markup(key)
        markup("\">")
        switch value {
        case .string(let text): self.text(text)
        case .int, .double: markup(value.text)
        }
        markup("</data>")
    }
}
