/// Finds the text of parsed HTML nodes again in the page's source, so each
/// character keeps the byte range it was written with (`&amp;` included).
///
/// Text nodes arrive in document order, so a cursor moves forward through
/// the source, placed at the start of each element's line (libxml2 records
/// it): a node is first looked for verbatim from the cursor; failing that
/// (entity references), character by character, skipping markup and decoding
/// references. A character that cannot be found gets an empty range at the
/// cursor rather than a wrong one.
struct RawAligner {
    let raw: MappedText
    private(set) var cursor = 0
    /// Scalar index where each line of the source starts.
    private let lineStarts: [Int]
    /// How far past the cursor a verbatim search looks.
    private static let searchWindow = 1 << 20

    init(raw: MappedText) {
        self.raw = raw
        var starts = [0]
        for (index, value) in raw.scalars.enumerated() where value == 0x0A { starts.append(index + 1) }
        lineStarts = starts
    }

    /// Moves the cursor to the start of source line `line` (1-based, as
    /// libxml2 counts); with `forwardOnly`, never back. Unknown lines (0, or
    /// libxml2's 65535 cap) leave the cursor where it is.
    mutating func seek(line: Int, forwardOnly: Bool) {
        guard line > 0, line < 65535, line <= lineStarts.count else { return }
        let start = lineStarts[line - 1]
        cursor = forwardOnly ? max(cursor, start) : start
    }

    /// Appends `text` (a node's content as libxml2 decoded it) to `output`
    /// with the raw ranges it was found at.
    mutating func append(_ text: String, to output: inout MappedText) {
        let scalars = text.scalarValues
        guard !scalars.isEmpty else { return }
        if let start = find(scalars, from: cursor) {
            for offset in 0..<scalars.count {
                let index = start + offset
                output.append(scalars[offset], rawStart: Int(raw.rawStarts[index]), rawEnd: Int(raw.rawEnds[index]))
            }
            cursor = start + scalars.count
            return
        }
        for value in scalars {
            if let (start, end) = locate(value) {
                output.append(value, rawStart: Int(raw.rawStarts[start]), rawEnd: Int(raw.rawEnds[end - 1]))
                cursor = end
            } else {
                let at = cursor < raw.count ? Int(raw.rawStarts[cursor]) : Int(raw.rawEnds.last ?? 0)
                output.append(value, rawStart: at, rawEnd: at)
            }
        }
    }

    /// First index ≥ `from` where `needle` occurs verbatim in the source.
    private func find(_ needle: [UInt32], from: Int) -> Int? {
        let haystack = raw.scalars
        guard let first = needle.first, needle.count <= haystack.count else { return nil }
        var index = from
        let last = min(haystack.count - needle.count, from + Self.searchWindow)
        while index <= last {
            if haystack[index] == first {
                var matched = true
                for offset in 1..<needle.count where haystack[index + offset] != needle[offset] {
                    matched = false
                    break
                }
                if matched { return index }
            }
            index += 1
        }
        return nil
    }

    /// The source range (scalar indices) of the next occurrence of `value`
    /// outside markup, as itself or as a character reference, within a
    /// bounded distance of the cursor.
    private func locate(_ value: UInt32) -> (Int, Int)? {
        let scalars = raw.scalars
        var index = cursor
        let limit = min(scalars.count, cursor + 4096)
        while index < limit {
            let current = scalars[index]
            if current == 0x3C {                                  // <: skip the tag
                while index < limit && scalars[index] != 0x3E { index += 1 }
                index += 1
                continue
            }
            if current == 0x26, let (decoded, end) = Self.reference(in: scalars, at: index) {   // &
                if decoded == value || (value == 0xA0 && decoded == 0x20) { return (index, end) }
                index = end
                continue
            }
            if current == value || (ScalarClass.isSpace(value) && (ScalarClass.isSpace(current) || current == 0x0A || current == 0x0D)) {
                return (index, index + 1)
            }
            index += 1
        }
        return nil
    }

    /// Decodes a character reference (`&amp;`, `&#20013;`, `&#x4E2D;`)
    /// starting at `index`: its value and the index after the `;`.
    static func reference(in scalars: [UInt32], at index: Int) -> (UInt32, Int)? {
        var end = index + 1
        while end < scalars.count && end - index <= 12 && scalars[end] != 0x3B { end += 1 }
        guard end < scalars.count, scalars[end] == 0x3B else { return nil }
        let body = String(scalars: scalars[(index + 1)..<end])
        let value: UInt32?
        if body.hasPrefix("#x") || body.hasPrefix("#X") {
            value = UInt32(body.dropFirst(2), radix: 16)
        } else if body.hasPrefix("#") {
            value = UInt32(body.dropFirst())
        } else {
            value = namedReferences[body]
        }
        guard let value else { return nil }
        return (value, end + 1)
    }

    static let namedReferences: [String: UInt32] = [
        "amp": 0x26, "lt": 0x3C, "gt": 0x3E, "quot": 0x22, "apos": 0x27, "nbsp": 0xA0, "ensp": 0x2002,
        "emsp": 0x2003, "thinsp": 0x2009, "middot": 0xB7, "mdash": 0x2014, "ndash": 0x2013, "hellip": 0x2026,
        "ldquo": 0x201C, "rdquo": 0x201D, "lsquo": 0x2018, "rsquo": 0x2019, "copy": 0xA9, "reg": 0xAE,
        "bull": 0x2022, "times": 0xD7, "laquo": 0xAB, "raquo": 0xBB,
    ]
}
