/// A text's characters once more as one UTF-8 string, with the byte offset
/// of every character, so that the string of any range of characters is a
/// copy of bytes already known to be valid.
///
/// The recognisers make a string for every mention they find (its text, its
/// name, a person's titles, an event's clause). Built from scalar values,
/// each string was encoded and then validated again by the standard
/// library, some 850 instructions a string on the benchmark's bulletins; a
/// slice of a string that is valid already is copied without validation.
/// Built once per document, it costs 7 bytes a character beside the
/// 12 of ``MappedText``.
public final class UTF8Text: Sendable {
    /// All the characters.
    let whole: String
    /// The byte offset in ``whole`` of each character, and the byte count
    /// after the last.
    let offsets: [Int32]

    /// The UTF-8 form of `scalars` (a surrogate or a value beyond U+10FFFF
    /// becomes U+FFFD, as in `String(scalars:)`).
    public init(_ scalars: [UInt32]) {
        precondition(scalars.count < Int(Int32.max) / 4, "text too long for 32-bit offsets")
        var offsets = [Int32]()
        offsets.reserveCapacity(scalars.count + 1)
        var length: Int32 = 0
        for value in scalars {
            offsets.append(length)
            length &+= value < 0x80 ? 1 : value < 0x800 ? 2 : value < 0x10000 || value > 0x10FFFF ? 3 : 4
        }
        offsets.append(length)
        self.offsets = offsets
        whole = String(scalars: scalars)
    }

    /// The number of characters.
    public var count: Int { offsets.count - 1 }

    /// The characters in `range` as a `String`.
    public func string(_ range: Range<Int>) -> String {
        precondition(range.lowerBound >= 0 && range.upperBound < offsets.count, "range outside the text")
        let bytes = whole.utf8
        let start = bytes.index(bytes.startIndex, offsetBy: Int(offsets[range.lowerBound]))
        let end = bytes.index(bytes.startIndex, offsetBy: Int(offsets[range.upperBound]))
        return String(whole[start..<end])
    }
}
