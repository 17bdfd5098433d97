/// A byte range `start..<end` in the raw file a report was read from.
///
/// For `.txt` and `.html` reports these are offsets into the file itself; for
/// `.pdf` reports, into the UTF-8 text layer that `pdftotext -enc UTF-8 -eol unix`
/// extracts (a PDF's own bytes are compressed streams).
public struct RawSpan: Hashable, Sendable, Codable, CustomStringConvertible {
    public var start: Int
    public var end: Int

    public init(start: Int, end: Int) {
        precondition(start <= end, "a raw span cannot end before it starts")
        self.start = start
        self.end = end
    }

    public var count: Int { end - start }
    public var description: String { "\(start)..<\(end)" }
}

/// Text as Unicode scalar values, each tied to the byte range of the raw file
/// it came from.
///
/// This is the offset map of the pipeline: readers produce it, the normaliser
/// rewrites it (dropping, replacing and joining characters) and every stage
/// after can turn a range of characters back into raw bytes with
/// ``rawSpan(of:)``. Characters the pipeline inserts (a paragraph break, a
/// space joining two wrapped English words) get an empty range at the place
/// they stand for.
public struct MappedText: Sendable, Equatable {
    /// Unicode scalar values (not `Character`s: scanning scalars in a flat
    /// array is what keeps the pipeline fast).
    public internal(set) var scalars: [UInt32]
    /// For each scalar, the first raw byte it came from.
    public internal(set) var rawStarts: [UInt32]
    /// For each scalar, one past the last raw byte it came from.
    public internal(set) var rawEnds: [UInt32]

    public init() {
        scalars = []
        rawStarts = []
        rawEnds = []
    }

    init(reservingCapacity capacity: Int) {
        self.init()
        reserveCapacity(capacity)
    }

    public var count: Int { scalars.count }
    public var isEmpty: Bool { scalars.isEmpty }

    mutating func reserveCapacity(_ capacity: Int) {
        scalars.reserveCapacity(capacity)
        rawStarts.reserveCapacity(capacity)
        rawEnds.reserveCapacity(capacity)
    }

    @inline(__always)
    mutating func append(_ scalar: UInt32, rawStart: Int, rawEnd: Int) {
        scalars.append(scalar)
        rawStarts.append(UInt32(truncatingIfNeeded: rawStart))
        rawEnds.append(UInt32(truncatingIfNeeded: rawEnd))
    }

    /// Appends `other[range]` with its offsets.
    mutating func append(contentsOf other: MappedText, range: Range<Int>) {
        scalars.append(contentsOf: other.scalars[range])
        rawStarts.append(contentsOf: other.rawStarts[range])
        rawEnds.append(contentsOf: other.rawEnds[range])
    }

    /// Appends a character that has no raw counterpart (a paragraph break),
    /// placed at raw offset `at`.
    mutating func appendInserted(_ scalar: UInt32, at rawOffset: Int) {
        append(scalar, rawStart: rawOffset, rawEnd: rawOffset)
    }

    /// The raw byte range covered by the characters in `range`; an empty
    /// range maps to an empty span at the raw position of its start.
    public func rawSpan(of range: Range<Int>) -> RawSpan {
        precondition(range.lowerBound >= 0 && range.upperBound <= count, "range outside the text")
        if range.isEmpty {
            let at = range.lowerBound < count ? Int(rawStarts[range.lowerBound])
                : (count > 0 ? Int(rawEnds[count - 1]) : 0)
            return RawSpan(start: at, end: at)
        }
        // Offsets rise through the text; inserted characters (empty ranges)
        // at either edge are skipped so they cannot stretch the span.
        var first = range.lowerBound
        while first < range.upperBound - 1 && rawStarts[first] == rawEnds[first] { first += 1 }
        var last = range.upperBound - 1
        while last > first && rawStarts[last] == rawEnds[last] { last -= 1 }
        let start = Int(rawStarts[first])
        return RawSpan(start: start, end: max(start, Int(rawEnds[last])))
    }

    /// The characters in `range` as a `String`.
    public func string(_ range: Range<Int>) -> String {
        String(scalars: scalars[range])
    }

    /// All characters as a `String`.
    public var string: String { string(0..<count) }
}

/// UTF-8 as the text stage writes scalar values: a surrogate or a value
/// beyond U+10FFFF becomes U+FFFD (three bytes).
enum ScalarUTF8 {
    /// The bytes `value` takes.
    @inline(__always)
    static func length(of value: UInt32) -> Int {
        value < 0x80 ? 1 : value < 0x800 ? 2 : value < 0x10000 || value > 0x10FFFF ? 3 : 4
    }

    /// Writes `value` at `bytes`; returns the bytes written
    /// (``length(of:)``).
    @inline(__always)
    static func write(_ value: UInt32, to bytes: UnsafeMutablePointer<UInt8>) -> Int {
        switch value {
        case 0..<0x80:
            bytes[0] = UInt8(value)
            return 1
        case 0x80..<0x800:
            bytes[0] = UInt8(0xC0 | value >> 6)
            bytes[1] = UInt8(0x80 | value & 0x3F)
            return 2
        case 0x800..<0x10000 where !(0xD800...0xDFFF).contains(value):
            bytes[0] = UInt8(0xE0 | value >> 12)
            bytes[1] = UInt8(0x80 | (value >> 6) & 0x3F)
            bytes[2] = UInt8(0x80 | value & 0x3F)
            return 3
        case 0x10000...0x10FFFF:
            bytes[0] = UInt8(0xF0 | value >> 18)
            bytes[1] = UInt8(0x80 | (value >> 12) & 0x3F)
            bytes[2] = UInt8(0x80 | (value >> 6) & 0x3F)
            bytes[3] = UInt8(0x80 | value & 0x3F)
            return 4
        default:
            bytes[0] = 0xEF   // U+FFFD
            bytes[1] = 0xBF
            bytes[2] = 0xBD
            return 3
        }
    }
}

extension String {
    /// Builds a string from scalar values known to be valid (a surrogate or
    /// a value beyond U+10FFFF becomes U+FFFD).
    init<S: Collection>(scalars values: S) where S.Element == UInt32 {
        // Encoded straight into the string's own storage, sized exactly: a
        // capacity over 15 bytes always allocates, even where the text
        // would fit a small string, and an exact size keeps names of up to
        // five ideographs small strings, with no allocation and no
        // reference to count at every copy.
        var length = 0
        for value in values { length += ScalarUTF8.length(of: value) }
        self.init(unsafeUninitializedCapacity: length) { bytes in
            var count = 0
            for value in values { count += ScalarUTF8.write(value, to: bytes.baseAddress! + count) }
            return count
        }
    }

    /// The string's scalar values.
    var scalarValues: [UInt32] { unicodeScalars.map(\.value) }
}
