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
        check(xmlTextWriterWriteRawLen(writer, chunk.start, Int32(chunk.count)))
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
        var text = text
        let suspicious = text.withUTF8 { bytes in
            var previous: UInt8 = 0
            for byte in bytes {
                if (byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D) || (previous == 0xEF && byte == 0xBF) { return true }
                previous = byte
            }
            return false
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
/// so the file is byte for byte what the element-by-element calls would write.
///
/// A class over a buffer it owns: appends of a few bytes (a quote, a tag)
/// are most of an export's work, and an array's append checks uniqueness
/// and goes through a generic copy each time.
final class XMLChunk {
    private var storage: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private(set) var count = 0

    init(capacity: Int = 1 << 17) {
        self.capacity = capacity
        storage = .allocate(capacity: capacity)
    }

    deinit { storage.deallocate() }

    var start: UnsafePointer<UInt8> { UnsafePointer(storage) }

    /// A copy of the bytes so far.
    var bytes: [UInt8] { Array(UnsafeBufferPointer(start: storage, count: count)) }

    func removeAll() { count = 0 }

    @inline(__always)
    private func reserve(_ length: Int) {
        guard count + length > capacity else { return }
        let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: max(capacity * 2, count + length))
        larger.update(from: storage, count: count)
        storage.deallocate()
        storage = larger
        capacity = max(capacity * 2, count + length)
    }

    @inline(__always)
    private func append(_ source: UnsafePointer<UInt8>, count length: Int) {
        reserve(length)
        if length <= 16 {
            // Most pieces are a few bytes: a loop beats a call to memcpy.
            for offset in 0..<length { storage[count + offset] = source[offset] }
        } else {
            (storage + count).update(from: source, count: length)
        }
        count += length
    }

    @inline(__always)
    func append(_ byte: UInt8) {
        reserve(1)
        storage[count] = byte
        count += 1
    }

    /// Markup written in the source: a tag, a quote (ASCII).
    @inline(__always)
    func tag(_ text: StaticString) {
        append(text.utf8Start, count: text.utf8CodeUnitCount)
    }

    /// Markup or a value known to be clean ASCII: tags, key ids, node ids, numbers.
    func markup(_ text: String) {
        if let done: Void = text.utf8.withContiguousStorageIfAvailable({ buffer in
            if let base = buffer.baseAddress { append(base, count: buffer.count) }
        }) {
            return done
        }
        var text = text
        text.withUTF8 { buffer in if let base = buffer.baseAddress { append(base, count: buffer.count) } }
    }

    /// Text from the store, cleaned and escaped.
    func text(_ value: String) {
        XMLStreamWriter.clean(value).withCString { raw in
            guard let escaped = xmlEncodeSpecialChars(nil, UnsafeRawPointer(raw).assumingMemoryBound(to: xmlChar.self)) else { return }
            defer { clibxml2_free(escaped) }
            append(escaped, count: strlen(UnsafeRawPointer(escaped).assumingMemoryBound(to: CChar.self)))
        }
    }

    /// Text ``text(_:)`` has already cleaned and escaped.
    func append(escaped: [UInt8]) {
        escaped.withUnsafeBufferPointer { buffer in if let base = buffer.baseAddress { append(base, count: buffer.count) } }
    }

    /// A node id as ``GraphStream/nodeID(_:_:)`` writes it (`person-000123`),
    /// digit by digit.
    func nodeID(kind: String, id: Int64) {
        var kind = kind
        kind.withUTF8 { nodeID(kind: $0, id: id) }
    }

    /// The same with the kind as bytes (ASCII by construction).
    func nodeID(kind: UnsafeBufferPointer<UInt8>, id: Int64) {
        guard id >= 0, id < 1_000_000 else { return markup(GraphStream.nodeID(String(decoding: kind, as: UTF8.self), id)) }
        if let base = kind.baseAddress { append(base, count: kind.count) }
        append(UInt8(ascii: "-"))
        digits(UInt64(id), width: 6)
    }

    /// An integer in decimal, as `String(value)` writes it.
    func integer(_ value: Int64) {
        guard value >= 0 else { return markup(String(value)) }
        digits(UInt64(value), width: 1)
    }

    /// `value` in decimal, zero-padded to `width`, written from the last
    /// digit back (division by the constant 10 is a multiplication).
    private func digits(_ value: UInt64, width: Int) {
        var length = 1
        var rest = value / 10
        while rest > 0 {
            length += 1
            rest /= 10
        }
        length = max(length, width)
        reserve(length)
        rest = value
        for offset in stride(from: length - 1, through: 0, by: -1) {
            storage[count + offset] = UInt8(ascii: "0") + UInt8(rest % 10)
            rest /= 10
        }
        count += length
    }

    /// `opening` (a `<data key="…">` tag) + escaped text + `</data>`.
    func data(_ opening: [UInt8], escaped: [UInt8]) {
        append(escaped: opening)
        append(escaped: escaped)
        tag("</data>")
    }

    /// An integer value.
    func data(_ opening: [UInt8], integer: Int64) {
        append(escaped: opening)
        self.integer(integer)
        tag("</data>")
    }

    /// A whole number written as a double value with six decimals, as
    /// `AttributeValue.double(Double(n)).text` gives it (`3.000000`).
    func data(_ opening: [UInt8], decimal whole: Int64) {
        append(escaped: opening)
        if whole >= 0 && whole < 1 << 53 {
            integer(whole)
            tag(".000000")
        } else {
            markup(AttributeValue.double(Double(whole)).text)
        }
        tag("</data>")
    }

    /// A value: strings escaped, numbers as they are.
    func data(_ opening: [UInt8], _ value: AttributeValue) {
        append(escaped: opening)
        switch value {
        case .string(let text): self.text(text)
        case .int, .double: markup(value.text)
        }
        tag("</data>")
    }
}

/// Escaped forms of the texts an export repeats on every edge (the edge
/// type, a role, the report's path, the article's title), each escaped by
/// libxml2 (``XMLChunk/text(_:)``) the first time it is met.
struct EscapedTexts {
    /// Short texts with few distinct values (types, roles), by their bytes.
    private var texts: [(raw: [UInt8], escaped: [UInt8])] = []
    /// More distinct short texts than this are escaped each time.
    private static let textLimit = 64
    /// What a text looked up by a row's id is of.
    enum Slot: Hashable { case report, article }
    /// The last text of each kind, by the row's id.
    private var rows: [Slot: (id: Int64, escaped: [UInt8]?)] = [:]

    /// A text as SQLite holds it (nil: none, escaped as "").
    mutating func escaped(_ raw: UnsafeBufferPointer<UInt8>?) -> [UInt8] {
        guard let raw, !raw.isEmpty else { return [] }
        for entry in texts where entry.raw.count == raw.count && entry.raw.withUnsafeBufferPointer({ memcmp($0.baseAddress!, raw.baseAddress!, raw.count) == 0 }) {
            return entry.escaped
        }
        let escaped = Self.escape(String(decoding: raw, as: UTF8.self))
        if texts.count < Self.textLimit { texts.append((Array(raw), escaped)) }
        return escaped
    }

    /// The text of row `id` (a report's path: `text` looks it up),
    /// escaped once for consecutive uses of the same row.
    mutating func escaped(slot: Slot, id: Int64?, _ text: () throws -> String?) rethrows -> [UInt8]? {
        guard let id else { return try text().map(Self.escape) }
        if let cached = rows[slot], cached.id == id { return cached.escaped }
        let escaped = try text().map(Self.escape)
        rows[slot] = (id, escaped)
        return escaped
    }

    /// As ``XMLChunk/text(_:)`` writes it.
    private static func escape(_ text: String) -> [UInt8] {
        let chunk = XMLChunk(capacity: text.utf8.count * 2 + 16)
        chunk.text(text)
        return chunk.bytes
    }
}
