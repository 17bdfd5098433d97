/// A text's characters once more as UTF-8, with the byte offset of every
/// character, so that the string of any range of characters is a copy of
/// bytes encoded once for the whole text.
///
/// The recognisers make a string for every mention they find (its text, its
/// name, a person's titles, an event's clause). A string made from these
/// bytes is only validated by the standard library, not encoded from scalar
/// values as well; a slice of one whole-text `String` would skip the
/// validation but pay as much in index checks. Built once per document, it
/// holds the UTF-8 bytes and a 32-bit offset per character beside the
/// arrays of ``MappedText``.
final class UTF8Text: Sendable {
    /// All the characters, encoded.
    let bytes: [UInt8]
    /// The byte offset in ``bytes`` of each character, and the byte count
    /// after the last.
    let offsets: [Int32]

    /// The UTF-8 form of `scalars` (see ``ScalarUTF8``), encoded once.
    init(_ scalars: [UInt32]) {
        precondition(scalars.count < Int(Int32.max) / 4, "text too long for 32-bit offsets")
        var offsets = [Int32]()
        offsets.reserveCapacity(scalars.count + 1)
        var length = 0
        for value in scalars {
            offsets.append(Int32(truncatingIfNeeded: length))
            length += ScalarUTF8.length(of: value)
        }
        offsets.append(Int32(truncatingIfNeeded: length))
        self.offsets = offsets
        bytes = [UInt8](unsafeUninitializedCapacity: length) { bytes, written in
            for value in scalars { written += ScalarUTF8.write(value, to: bytes.baseAddress! + written) }
        }
    }

    /// The number of characters.
    var count: Int { offsets.count - 1 }

    /// The characters in `range` as a `String`.
    func string(_ range: Range<Int>) -> String {
        precondition(range.lowerBound >= 0 && range.upperBound < offsets.count, "range outside the text")
        let start = Int(offsets[range.lowerBound]), end = Int(offsets[range.upperBound])
        return bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[start..<end]), as: UTF8.self) }
    }
}
