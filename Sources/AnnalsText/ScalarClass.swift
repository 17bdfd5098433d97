/// Character classes the normaliser and segmenter decide by, over raw scalar
/// values (no `Character`, no `Regex`: this runs on every character read).
package enum ScalarClass {
    /// Whether the scalar is set "wide" in Chinese typography: ideographs,
    /// kana, hangul, CJK and full-width punctuation, and the quotes, dashes,
    /// ellipses and bullets Chinese text uses. Spaces next to a wide character
    /// are artefacts of PDF extraction and are removed.
    @inline(__always)
    package static func isWide(_ value: UInt32) -> Bool {
        switch value {
        case 0x2E80...0x9FFF, 0xF900...0xFAFF, 0xFE10...0xFE1F, 0xFE30...0xFE4F,
             0xFF00...0xFFEF, 0x1100...0x11FF, 0xAC00...0xD7AF, 0x20000...0x3FFFF:
            return true
        case 0x2014, 0x2015, 0x2016, 0x2018...0x201F, 0x2026, 0x00B7, 0x2022, 0x2027,
             0x25A0...0x25FF, 0x2600...0x26FF:
            return true
        default:
            return false
        }
    }

    /// Ideographs only (the characters names and titles are made of).
    @inline(__always)
    @inlinable
    package static func isIdeograph(_ value: UInt32) -> Bool {
        switch value {
        case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x3FFFF, 0x3007:
            return true
        default:
            return false
        }
    }

    /// Whitespace the normaliser collapses (line breaks are handled apart).
    @inline(__always)
    package static func isSpace(_ value: UInt32) -> Bool {
        switch value {
        case 0x20, 0x09, 0x0B, 0xA0, 0x1680, 0x2000...0x200A, 0x202F, 0x205F, 0x3000:
            return true
        default:
            return false
        }
    }

    /// Characters with no place in report text: control codes, zero-width
    /// marks, soft hyphens, byte-order marks and non-characters.
    @inline(__always)
    package static func isDropped(_ value: UInt32) -> Bool {
        switch value {
        case 0x00...0x08, 0x0E...0x1F, 0x7F...0x9F, 0xAD, 0x200B...0x200F, 0x2028, 0x2029,
             0x202A...0x202E, 0x2060...0x2064, 0xFEFF, 0xFFFE, 0xFFFF, 0xFFF9...0xFFFB:
            return true
        default:
            return false
        }
    }

    /// Full-width digits and Latin letters fold to ASCII (`２０２０` → `2020`);
    /// full-width punctuation stays, it is Chinese punctuation.
    @inline(__always)
    package static func foldingFullWidth(_ value: UInt32) -> UInt32 {
        switch value {
        case 0xFF10...0xFF19, 0xFF21...0xFF3A, 0xFF41...0xFF5A:
            return value - 0xFEE0
        default:
            return value
        }
    }

    /// Punctuation that may end a paragraph: 。！？；：…, closing quotes and
    /// brackets after them.
    @inline(__always)
    package static func endsSentence(_ value: UInt32) -> Bool {
        switch value {
        case 0x3002, 0xFF01, 0xFF1F, 0xFF1B, 0xFF1A, 0x2026, 0x21, 0x3F, 0x3B, 0x3A, 0x2E,
             0x201D, 0x2019, 0x300D, 0x300F, 0xFF09, 0x29, 0x300B, 0x3011:
            return true
        default:
            return false
        }
    }

    /// Punctuation after which a title line cannot stop (a title has no
    /// commas or full stops at its end).
    @inline(__always)
    package static func continuesSentence(_ value: UInt32) -> Bool {
        switch value {
        case 0xFF0C, 0x3001, 0x2C, 0x3002, 0xFF1B, 0x3B, 0xFF1A, 0x3A, 0x2026:
            return true
        default:
            return false
        }
    }

    @inline(__always)
    @inlinable
    package static func isASCIILetterOrDigit(_ value: UInt32) -> Bool {
        (0x30...0x39).contains(value) || (0x41...0x5A).contains(value) || (0x61...0x7A).contains(value)
    }

    @inline(__always)
    @inlinable
    package static func isDigit(_ value: UInt32) -> Bool {
        (0x30...0x39).contains(value)
    }

    /// Display width in half-width columns, as a PDF line is laid out.
    @inline(__always)
    package static func width(_ value: UInt32) -> Int {
        isWide(value) ? 2 : 1
    }
}
