#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The character encoding a report was read in.
public enum TextEncoding: String, Sendable, Codable, CaseIterable {
    case utf8 = "utf-8"
    case utf8WithBOM = "utf-8-bom"
    case utf16LittleEndian = "utf-16le"
    case utf16BigEndian = "utf-16be"
    case gb18030 = "gb18030"
}

/// How an encoding was chosen, for `--verbose`: Annals never guesses silently.
public struct EncodingDecision: Sendable, Equatable {
    public var encoding: TextEncoding
    /// A short reason, e.g. "byte-order mark" or "valid UTF-8".
    public var reason: String
}

/// Detects the encoding of raw report bytes and decodes them into a
/// ``MappedText`` whose every scalar keeps its byte range.
///
/// Detection order: byte-order marks (UTF-8, UTF-16), a UTF-16 text without
/// one (NUL bytes in every other position), valid UTF-8, then GB18030 (a
/// superset of GBK and GB2312) when the bytes are valid GB18030 and read as
/// ordinary Chinese. Anything else is an error naming the first bad byte.
public enum TextDecoder {
    /// Decodes `bytes` read from `path` (the path only names the file in errors).
    /// - Parameter declared: an encoding the container names (an HTML `<meta
    ///   charset>`); used when the bytes are not valid UTF-8.
    public static func decode(
        _ bytes: [UInt8], path: String, declared: TextEncoding? = nil
    ) throws(ReadError) -> (text: MappedText, decision: EncodingDecision) {
        let decoded = try decodeBytes(bytes, path: path, declared: declared)
        try requireText(decoded.text, path: path)
        return decoded
    }

    /// The bytes decoded in the encoding they show, before the check that
    /// what they decode to is text.
    private static func decodeBytes(
        _ bytes: [UInt8], path: String, declared: TextEncoding?
    ) throws(ReadError) -> (text: MappedText, decision: EncodingDecision) {
        if bytes.isEmpty { throw .emptyFile(path: path) }
        if bytes.count >= UInt32.max { throw .tooLarge(path: path, bytes: bytes.count) }

        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            let text = try decodeUTF8(bytes, from: 3, path: path)
            return (text, EncodingDecision(encoding: .utf8WithBOM, reason: "UTF-8 byte-order mark"))
        }
        if bytes.starts(with: [0xFF, 0xFE]) {
            let text = try decodeUTF16(bytes, from: 2, bigEndian: false, path: path)
            return (text, EncodingDecision(encoding: .utf16LittleEndian, reason: "UTF-16 byte-order mark (little-endian)"))
        }
        if bytes.starts(with: [0xFE, 0xFF]) {
            let text = try decodeUTF16(bytes, from: 2, bigEndian: true, path: path)
            return (text, EncodingDecision(encoding: .utf16BigEndian, reason: "UTF-16 byte-order mark (big-endian)"))
        }
        if let bigEndian = utf16WithoutBOM(bytes) {
            let text = try decodeUTF16(bytes, from: 0, bigEndian: bigEndian, path: path)
            return (text, EncodingDecision(
                encoding: bigEndian ? .utf16BigEndian : .utf16LittleEndian,
                reason: "UTF-16 without byte-order mark (NUL bytes at every other position)"))
        }
        // Chinese in UTF-16 without a mark has too few NULs for the test
        // above (only its ASCII has them), and is never valid UTF-8: read
        // as UTF-16, it is almost all CJK, punctuation and ASCII.
        func utf16Text(_ bigEndian: Bool) throws(ReadError) -> (text: MappedText, decision: EncodingDecision) {
            let text = try decodeUTF16(bytes, from: 0, bigEndian: bigEndian, path: path)
            return (text, EncodingDecision(
                encoding: bigEndian ? .utf16BigEndian : .utf16LittleEndian,
                reason: "UTF-16 without byte-order mark (its code units are Chinese text)"))
        }
        if let offset = firstBinaryByte(bytes) {
            if let bigEndian = utf16ByContent(bytes) { return try utf16Text(bigEndian) }
            throw .binaryData(path: path, offset: offset)
        }
        let utf8Error: Int
        do {
            let text = try decodeUTF8(bytes, from: 0, path: path)
            return (text, EncodingDecision(encoding: .utf8, reason: "valid UTF-8"))
        } catch {
            guard case .undecodable(_, _, let offset) = error else { throw error }
            utf8Error = offset
        }
        if let bigEndian = utf16ByContent(bytes) { return try utf16Text(bigEndian) }
        if let text = decodeGB18030(bytes), declared == .gb18030 || readsAsChinese(bytes) {
            let reason = declared == .gb18030 ? "declared GB18030/GBK charset" : "not UTF-8; valid GB18030"
            return (text, EncodingDecision(encoding: .gb18030, reason: reason))
        }
        throw .undecodable(path: path, byte: bytes[utf8Error], offset: utf8Error)
    }

    /// Decodes bytes already known to be in `encoding` (used to re-read a raw
    /// span of a report in its own encoding).
    public static func decode(_ bytes: [UInt8], as encoding: TextEncoding) -> MappedText? {
        switch encoding {
        case .utf8, .utf8WithBOM: try? decodeUTF8(bytes, from: 0, path: "")
        case .utf16LittleEndian: try? decodeUTF16(bytes, from: 0, bigEndian: false, path: "")
        case .utf16BigEndian: try? decodeUTF16(bytes, from: 0, bigEndian: true, path: "")
        case .gb18030: decodeGB18030(bytes)
        }
    }

    // MARK: - UTF-8

    static func decodeUTF8(_ bytes: [UInt8], from start: Int, path: String) throws(ReadError) -> MappedText {
        let capacity = bytes.count - start
        var failure: Int?
        var produced = 0
        // Three flat arrays filled through raw buffers: appending element by
        // element costs a uniqueness check per scalar.
        var starts: [UInt32] = []
        var ends: [UInt32] = []
        let scalars = [UInt32](unsafeUninitializedCapacity: capacity) { scalarBuffer, scalarCount in
            starts = [UInt32](unsafeUninitializedCapacity: capacity) { startBuffer, startCount in
                ends = [UInt32](unsafeUninitializedCapacity: capacity) { endBuffer, endCount in
                    bytes.withUnsafeBufferPointer { buffer in
                        let count = buffer.count
                        var index = start
                        var out = 0
                        decoding: while index < count {
                            let lead = buffer[index]
                            if lead < 0x80 {
                                scalarBuffer[out] = UInt32(lead)
                                startBuffer[out] = UInt32(truncatingIfNeeded: index)
                                endBuffer[out] = UInt32(truncatingIfNeeded: index + 1)
                                out += 1
                                index += 1
                                continue
                            }
                            var length = 0
                            var value: UInt32 = 0
                            var minimum: UInt32 = 0
                            switch lead {
                            case 0xC2...0xDF: length = 2; value = UInt32(lead & 0x1F); minimum = 0x80
                            case 0xE0...0xEF: length = 3; value = UInt32(lead & 0x0F); minimum = 0x800
                            case 0xF0...0xF4: length = 4; value = UInt32(lead & 0x07); minimum = 0x10000
                            default: failure = index; break decoding
                            }
                            if index + length > count { failure = index; break decoding }
                            for next in 1..<length {
                                let byte = buffer[index + next]
                                if byte & 0xC0 != 0x80 { failure = index + next; break decoding }
                                value = value << 6 | UInt32(byte & 0x3F)
                            }
                            if value < minimum || value > 0x10FFFF || (0xD800...0xDFFF).contains(value) {
                                failure = index
                                break decoding
                            }
                            scalarBuffer[out] = value
                            startBuffer[out] = UInt32(truncatingIfNeeded: index)
                            endBuffer[out] = UInt32(truncatingIfNeeded: index + length)
                            out += 1
                            index += length
                        }
                        produced = out
                    }
                    endCount = produced
                }
                startCount = produced
            }
            scalarCount = produced
        }
        if let failure { throw .undecodable(path: path, byte: bytes[failure], offset: failure) }
        var text = MappedText()
        text.scalars = scalars
        text.rawStarts = starts
        text.rawEnds = ends
        return text
    }

    // MARK: - UTF-16

    static func decodeUTF16(_ bytes: [UInt8], from start: Int, bigEndian: Bool, path: String) throws(ReadError) -> MappedText {
        if (bytes.count - start) % 2 != 0 {
            throw .truncatedUTF16(path: path, detail: "odd number of bytes, \(grouped(bytes.count)); the file was cut off")
        }
        var text = MappedText(reservingCapacity: (bytes.count - start) / 2)
        var index = start
        func unit(_ at: Int) -> UInt32 {
            bigEndian ? UInt32(bytes[at]) << 8 | UInt32(bytes[at + 1])
                : UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at])
        }
        while index < bytes.count {
            let first = unit(index)
            if (0xD800...0xDBFF).contains(first) {
                guard index + 4 <= bytes.count else {
                    throw .truncatedUTF16(path: path, detail: "a surrogate pair is cut off at offset \(grouped(index))")
                }
                let second = unit(index + 2)
                guard (0xDC00...0xDFFF).contains(second) else {
                    throw .truncatedUTF16(path: path, detail: "unpaired surrogate at offset \(grouped(index))")
                }
                text.append(0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00), rawStart: index, rawEnd: index + 4)
                index += 4
            } else if (0xDC00...0xDFFF).contains(first) {
                throw .truncatedUTF16(path: path, detail: "unpaired surrogate at offset \(grouped(index))")
            } else {
                text.append(first, rawStart: index, rawEnd: index + 2)
                index += 2
            }
        }
        return text
    }

    /// `true`/`false` (big/little endian) when the bytes look like UTF-16
    /// text without a byte-order mark: an even length and NUL bytes in at
    /// least a third of one parity of positions and almost none in the other
    /// (ASCII characters in UTF-16), or `nil`.
    /// Whether the bytes read as UTF-16 (big-endian: true) give text: at
    /// least 95 % of the first 32,768 code units CJK ideographs, CJK or
    /// full-width punctuation, or printable ASCII and line ends.
    static func utf16ByContent(_ bytes: [UInt8]) -> Bool? {
        guard bytes.count >= 8, bytes.count % 2 == 0 else { return nil }
        let units = min(bytes.count / 2, 1 << 15)
        func score(bigEndian: Bool) -> Int {
            var good = 0
            for index in 0..<units {
                let unit = bigEndian ? UInt16(bytes[2 * index]) << 8 | UInt16(bytes[2 * index + 1])
                                     : UInt16(bytes[2 * index + 1]) << 8 | UInt16(bytes[2 * index])
                switch unit {
                case 0x0A, 0x0D, 0x09, 0x20...0x7E, 0x3000...0x303F, 0x4E00...0x9FFF, 0xFF00...0xFFEF, 0x2000...0x206F: good += 1
                default: break
                }
            }
            return good
        }
        let threshold = units * 95 / 100
        if score(bigEndian: false) >= threshold { return false }
        if score(bigEndian: true) >= threshold { return true }
        return nil
    }

    static func utf16WithoutBOM(_ bytes: [UInt8]) -> Bool? {
        guard bytes.count >= 4, bytes.count % 2 == 0 else { return nil }
        let sample = min(bytes.count, 1 << 16)
        var evenZeros = 0
        var oddZeros = 0
        for index in 0..<sample where bytes[index] == 0 {
            if index % 2 == 0 { evenZeros += 1 } else { oddZeros += 1 }
        }
        let pairs = sample / 2
        if evenZeros * 3 >= pairs && oddZeros * 20 <= pairs { return true }
        if oddZeros * 3 >= pairs && evenZeros * 20 <= pairs { return false }
        return nil
    }

    /// The first C0 control byte that no text file holds (NUL, or control
    /// codes other than tab, line feed, vertical tab, form feed, carriage
    /// return and escape) when such bytes make up more than 1 in 20, else
    /// nil. Fewer, in good text (a bell, a NUL pasted from a terminal), are
    /// dropped by the normaliser.
    static func firstBinaryByte(_ bytes: [UInt8]) -> Int? {
        var first: Int?
        var count = 0
        bytes.withUnsafeBufferPointer { buffer in
            for index in 0..<buffer.count where buffer[index] < 0x20 {
                switch buffer[index] {
                case 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1B: continue
                default:
                    count += 1
                    if first == nil { first = index }
                }
            }
        }
        guard let first else { return nil }
        return count * 20 > bytes.count ? first : nil
    }

    /// Refuses as binary data what decodes to something other than text:
    /// more than a quarter of its characters neither Chinese, Latin, Greek,
    /// Cyrillic or kana letters, digits, punctuation, common symbols nor
    /// whitespace. A byte-order mark followed by an image decodes without
    /// error, to characters scattered over every block of Unicode; real
    /// reports, emoji and stray controls included, stay far below a quarter.
    static func requireText(_ text: MappedText, path: String) throws(ReadError) {
        var other = 0
        var firstOther: Int?
        text.scalars.withUnsafeBufferPointer { scalars in
            for index in scalars.indices where !isTextCharacter(scalars[index]) {
                other += 1
                if firstOther == nil { firstOther = index }
            }
        }
        if let firstOther, other * 4 > text.scalars.count {
            throw .binaryData(path: path, offset: Int(text.rawStarts[firstOther]))
        }
    }

    /// Whether a character is one that text is written in (see ``requireText(_:path:)``).
    static func isTextCharacter(_ value: UInt32) -> Bool {
        switch value {
        case 0x09, 0x0A, 0x0C, 0x0D, 0x20...0x7E,
             0xA0...0x24F,          // Latin-1, Latin Extended A and B
             0x370...0x4FF,         // Greek, Cyrillic
             0x2000...0x27BF,       // punctuation, symbols, arrows, shapes (■ □ ● ◎ ★ ①)
             0x2E80...0x33FF,       // CJK radicals, punctuation, kana, bopomofo, enclosed
             0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF,
             0xFE10...0xFE1F, 0xFE30...0xFE4F, 0xFF00...0xFFEF,
             0x20000...0x3134F:     // CJK extensions B–G
            return true
        default:
            return false
        }
    }

    // MARK: - GB18030

    /// Decodes GB18030 (and so GBK and GB2312) bytes, or nil when they are
    /// not valid GB18030.
    ///
    /// The sequence lengths come from the lead and second bytes (1, 2 or 4
    /// bytes); the code points from the C library's iconv, in one call.
    static func decodeGB18030(_ bytes: [UInt8]) -> MappedText? {
        var starts: [UInt32] = []
        starts.reserveCapacity(bytes.count)
        var index = 0
        let count = bytes.count
        while index < count {
            starts.append(UInt32(index))
            let lead = bytes[index]
            if lead < 0x80 { index += 1; continue }
            guard lead >= 0x81, lead <= 0xFE, index + 1 < count else { return nil }
            let second = bytes[index + 1]
            if (0x40...0x7E).contains(second) || (0x80...0xFE).contains(second) {
                index += 2
            } else if (0x30...0x39).contains(second) {
                guard index + 3 < count,
                      (0x81...0xFE).contains(bytes[index + 2]),
                      (0x30...0x39).contains(bytes[index + 3]) else { return nil }
                index += 4
            } else {
                return nil
            }
        }
        guard let values = iconvToUTF32(bytes, from: "GB18030"), values.count == starts.count else { return nil }
        var text = MappedText()
        text.scalars = values
        text.rawStarts = starts
        text.rawEnds = Array(starts.dropFirst()) + [UInt32(count)]
        return text
    }

    /// Whether GB18030-valid bytes read as ordinary Chinese: most two-byte
    /// characters fall in GB2312's hanzi and punctuation rows (both bytes
    /// ≥ 0xA1), as in real Chinese text, unlike Latin-1 or mixed binary data
    /// that happens to be valid.
    static func readsAsChinese(_ bytes: [UInt8]) -> Bool {
        var common = 0
        var other = 0
        var index = 0
        while index + 1 < bytes.count {
            let lead = bytes[index]
            if lead < 0x80 { index += 1; continue }
            let second = bytes[index + 1]
            if (0x30...0x39).contains(second) {
                other += 1
                index += 4
                continue
            }
            if lead >= 0xA1 && second >= 0xA1 { common += 1 } else { other += 1 }
            index += 2
        }
        return common > 0 && common >= 4 * other
    }

    private static func iconvToUTF32(_ bytes: [UInt8], from encoding: String) -> [UInt32]? {
        let converter = iconv_open("UTF-32LE", encoding)
        guard let converter, converter != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(converter) }
        var output = [UInt32](repeating: 0, count: bytes.count + 1)
        var input = bytes
        var produced = 0
        let ok: Bool = input.withUnsafeMutableBufferPointer { inputBuffer in
            output.withUnsafeMutableBytes { outputBuffer in
                var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inputBuffer.baseAddress!)
                    .assumingMemoryBound(to: CChar.self)
                var inLeft = inputBuffer.count
                var outPointer: UnsafeMutablePointer<CChar>? = outputBuffer.baseAddress!.assumingMemoryBound(to: CChar.self)
                var outLeft = outputBuffer.count
                let result = iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
                produced = (outputBuffer.count - outLeft) / 4
                return result != -1 && inLeft == 0
            }
        }
        guard ok else { return nil }
        output.removeLast(output.count - produced)
        return output
    }
}
