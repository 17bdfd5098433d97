/// Writes JSON as it goes: values are appended to a byte buffer that is
/// handed to a sink whenever it grows past a threshold, so that a large
/// output (every article of thousands of reports) never sits in memory
/// whole. Escapes strings exactly as RFC 8259 requires (`"`, `\` and the
/// control characters U+0000–U+001F); everything else, Chinese included,
/// is written as UTF-8.
///
/// ```swift
/// let json = JSONWriter()
/// json.object {
///     json.field("title", "红岩精神")
///     json.field("count", 2)
/// }
/// // json.bytes: {"title":"红岩精神","count":2}
/// ```
///
/// The writer checks nothing about structure beyond commas: callers write
/// keys inside objects and values after keys, as ``JSONWritable`` types do.
public final class JSONWriter {
    /// What is written and not yet handed to the sink.
    public var bytes: [UInt8] { state.pointee.bytes }
    private let sink: (([UInt8]) throws -> Void)?
    private let threshold: Int
    /// What changes as values are written, behind a pointer the writer
    /// owns: a class's stored `var` is checked for exclusive access at
    /// every write, and a writer appends at every byte of its output.
    private struct State {
        var bytes: [UInt8] = []
        /// For each open container, whether it has a member yet (a comma is due).
        var needsComma: [Bool] = []
        /// Set after a key: the value that follows takes no comma.
        var afterKey = false
    }
    private let state: UnsafeMutablePointer<State>

    /// A writer that keeps everything in ``bytes``.
    public init() {
        sink = nil
        threshold = .max
        state = .allocate(capacity: 1)
        state.initialize(to: State())
    }

    /// A writer that hands its bytes to `sink` in pieces of about
    /// `threshold` bytes (and the rest on ``flush()``).
    public init(threshold: Int = 1 << 16, sink: @escaping ([UInt8]) throws -> Void) {
        self.sink = sink
        self.threshold = threshold
        state = .allocate(capacity: 1)
        state.initialize(to: State())
        state.pointee.bytes.reserveCapacity(threshold + 4096)
    }

    deinit {
        state.deinitialize(count: 1)
        state.deallocate()
    }

    /// Hands what is buffered to the sink.
    public func flush() throws {
        guard let sink, !state.pointee.bytes.isEmpty else { return }
        try sink(state.pointee.bytes)
        state.pointee.bytes.removeAll(keepingCapacity: true)
    }

    /// Flushes when the buffer is past its threshold: called between
    /// values that may be large (an article, a document).
    public func flushIfFull() throws {
        if state.pointee.bytes.count >= threshold { try flush() }
    }

    // MARK: - Containers

    public func object(_ members: () throws -> Void) rethrows {
        beginObject()
        try members()
        endObject()
    }

    public func array(_ elements: () throws -> Void) rethrows {
        beginArray()
        try elements()
        endArray()
    }

    /// Opens an object to be closed by ``endObject()``: for one whose
    /// members are written over time (a whole output), where a closure
    /// does not fit.
    public func beginObject() { open(UInt8(ascii: "{")) }
    public func endObject() { close(UInt8(ascii: "}")) }
    public func beginArray() { open(UInt8(ascii: "[")) }
    public func endArray() { close(UInt8(ascii: "]")) }

    /// An array of `items`, each written by `element`.
    public func array<Items: Sequence>(_ items: Items, _ element: (Items.Element) throws -> Void) rethrows {
        try array { for item in items { try element(item) } }
    }

    /// A member's key; its value follows.
    public func key(_ name: String) {
        beginValue()
        appendQuoted(name)
        state.pointee.bytes.append(UInt8(ascii: ":"))
        state.pointee.afterKey = true
    }

    // MARK: - Values

    public func string(_ text: String) {
        beginValue()
        appendQuoted(text)
    }

    public func int(_ value: Int) {
        beginValue()
        state.pointee.bytes.append(contentsOf: String(value).utf8)
    }

    /// A number in the shortest form that reads back as the same double;
    /// `null` for infinities and NaN, which JSON cannot write.
    public func double(_ value: Double) {
        beginValue()
        if value.isFinite {
            state.pointee.bytes.append(contentsOf: (value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : "\(value)").utf8)
        } else {
            state.pointee.bytes.append(contentsOf: "null".utf8)
        }
    }

    public func bool(_ value: Bool) {
        beginValue()
        state.pointee.bytes.append(contentsOf: (value ? "true" : "false").utf8)
    }

    public func null() {
        beginValue()
        state.pointee.bytes.append(contentsOf: "null".utf8)
    }

    /// A value that writes itself.
    public func value(_ value: some JSONWritable) throws {
        try value.write(to: self)
    }

    /// A complete value written beforehand by another writer (`other.bytes`):
    /// what lets values be written on several threads and put in order here.
    public func written(_ value: [UInt8]) {
        beginValue()
        state.pointee.bytes.append(contentsOf: value)
    }

    // MARK: - Members

    /// `"key":"text"`, or `"key":null` for nil.
    public func field(_ name: String, _ text: String?) {
        key(name)
        if let text { string(text) } else { null() }
    }

    public func field(_ name: String, _ number: Int) {
        key(name)
        int(number)
    }

    public func field(_ name: String, _ flag: Bool) {
        key(name)
        bool(flag)
    }

    /// `"key":[…]` of strings.
    public func field(_ name: String, _ texts: [String]) {
        key(name)
        array(texts) { string($0) }
    }

    /// A member written only when the value is there (as `encodeIfPresent`).
    public func optionalField(_ name: String, _ text: String?) {
        if let text { field(name, text) }
    }

    public func optionalField(_ name: String, _ number: Double?) {
        if let number {
            key(name)
            double(number)
        }
    }

    public func optionalField(_ name: String, _ texts: [String]?) {
        if let texts { field(name, texts) }
    }

    // MARK: - Plumbing

    private func open(_ bracket: UInt8) {
        beginValue()
        state.pointee.bytes.append(bracket)
        state.pointee.needsComma.append(false)
    }

    private func close(_ bracket: UInt8) {
        precondition(!state.pointee.needsComma.isEmpty, "JSONWriter: a container closed that was never opened")
        state.pointee.needsComma.removeLast()
        state.pointee.bytes.append(bracket)
    }

    private func beginValue() {
        if state.pointee.afterKey {
            state.pointee.afterKey = false
            return
        }
        if let last = state.pointee.needsComma.indices.last {
            if state.pointee.needsComma[last] { state.pointee.bytes.append(UInt8(ascii: ",")) }
            state.pointee.needsComma[last] = true
        }
    }

    private func appendQuoted(_ text: String) {
        state.pointee.bytes.append(UInt8(ascii: "\""))
        // Most text needs no escape: then it is copied whole.
        if text.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            state.pointee.bytes.append(contentsOf: Self.escaped(text))
        } else {
            state.pointee.bytes.append(contentsOf: text.utf8)
        }
        state.pointee.bytes.append(UInt8(ascii: "\""))
    }

    /// The text's UTF-8 with `"`, `\` and control characters escaped.
    private static func escaped(_ text: String) -> [UInt8] {
        var escaped: [UInt8] = []
        escaped.reserveCapacity(text.utf8.count + 16)
        let hex = Array("0123456789abcdef".utf8)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): escaped += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
            case UInt8(ascii: "\\"): escaped += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case 0x0A: escaped += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case 0x0D: escaped += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
            case 0x09: escaped += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
            case 0x00..<0x20: escaped += [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
            default: escaped.append(byte)
            }
        }
        return escaped
    }
}

/// A value with a JSON form of its own, written into a ``JSONWriter``.
public protocol JSONWritable {
    func write(to json: JSONWriter) throws
}
