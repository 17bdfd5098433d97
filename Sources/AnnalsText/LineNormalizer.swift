/// One line of a report after character-level normalisation.
struct NormalizedLine: Sendable, Equatable {
    /// The line's characters in ``NormalizedLines/text``.
    var range: Range<Int>
    /// Empty lines between this line and the previous one.
    var blankLinesBefore: Int
    /// The line follows a page break (a form feed, a dropped page number, or
    /// the leading space PDF extraction leaves at the top of a page).
    var startsPage: Bool
    /// Display width in half-width columns (an ideograph counts 2).
    var width: Int
}

/// A report's lines after character-level normalisation, all in one buffer.
struct NormalizedLines: Sendable {
    var text: MappedText
    var lines: [NormalizedLine]
    /// Control characters and terminal escape sequences removed (each
    /// sequence counts once).
    var controlsRemoved = 0
    /// Offsets in ``text`` where a run of whitespace between two Chinese
    /// characters was removed, in order. The text no longer shows them, but
    /// a byline such as `通讯员　杨帆　泽仁拉姆` names two people only because
    /// of them.
    var gaps: [Int32] = []
    /// Lines dropped as page numbers (`- 3 -`, `·1·`), kept so that the
    /// reader can account for every character.
    var pageNumbers: [DroppedLine] = []

    /// A line the normaliser dropped: its characters and where it was.
    struct DroppedLine: Sendable, Equatable {
        var scalars: [UInt32]
        var span: RawSpan
    }

    /// Whether a removed whitespace run stood just before `offset`.
    func hasGap(before offset: Int) -> Bool {
        var low = 0, high = gaps.count
        while low < high {
            let middle = (low + high) / 2
            if Int(gaps[middle]) < offset { low = middle + 1 } else { high = middle }
        }
        return low < gaps.count && Int(gaps[low]) == offset
    }

    func string(_ line: NormalizedLine) -> String { text.string(line.range) }

    func first(_ line: NormalizedLine) -> UInt32? { line.range.isEmpty ? nil : text.scalars[line.range.lowerBound] }
    func last(_ line: NormalizedLine) -> UInt32? { line.range.isEmpty ? nil : text.scalars[line.range.upperBound - 1] }
}

/// Character-level normalisation of decoded report text, line by line, with
/// the offset map carried along.
///
/// - full-width digits and letters become ASCII (`２０２０` → `2020`);
/// - whitespace next to a Chinese character or punctuation is removed
///   (`2020 年 11 月 18 日` → `2020年11月18日`), other runs become one space,
///   lines are trimmed;
/// - control characters, zero-width marks and byte-order marks are dropped,
///   and so are terminal escape sequences (`ESC[31m`: text copied from a
///   terminal keeps its colour codes), which are counted;
/// - line breaks (LF, CRLF, CR, form feed, U+2028) split lines; lines that
///   hold only a page number (`- 3 -`, `第 3 页`) are dropped as page breaks.
///
/// Lines are joined into paragraphs later, by ``ParagraphJoiner``, once the
/// segmenter knows which lines are titles and which are body text.
enum LineNormalizer {
    static func normalize(_ raw: MappedText) -> NormalizedLines {
        let capacity = raw.count
        var lines: [NormalizedLine] = []
        lines.reserveCapacity(capacity / 16)
        var produced = 0
        var controlsRemoved = 0
        var gaps: [Int32] = []
        var pageNumbers: [NormalizedLines.DroppedLine] = []
        var starts: [UInt32] = []
        var ends: [UInt32] = []

        // Uninitialised buffers as large as the input (the output is never
        // longer), filled in one pass.
        let scalars = [UInt32](unsafeUninitializedCapacity: capacity) { outScalars, scalarCount in
            starts = [UInt32](unsafeUninitializedCapacity: capacity) { outStarts, startCount in
                ends = [UInt32](unsafeUninitializedCapacity: capacity) { outEnds, endCount in
                    raw.scalars.withUnsafeBufferPointer { input in
                        raw.rawStarts.withUnsafeBufferPointer { inStarts in
                            raw.rawEnds.withUnsafeBufferPointer { inEnds in
                                var writer = Writer(scalars: outScalars, starts: outStarts, ends: outEnds)
                                let count = input.count
                                var index = 0
                                while index < count {
                                    let value = input[index]
                                    switch value {
                                    case 0x0A, 0x85, 0x2028, 0x2029:
                                        writer.finishLine(into: &lines)
                                    case 0x0D:
                                        writer.finishLine(into: &lines)
                                        if index + 1 < count && input[index + 1] == 0x0A { index += 1 }
                                    case 0x0C:
                                        writer.finishLine(into: &lines)
                                        writer.pendingPageBreak = true
                                    case 0x1B:
                                        index += escapeSequenceLength(input, at: index) - 1
                                        controlsRemoved += 1
                                    case 0x00...0x08, 0x0E...0x1A, 0x1C...0x1F, 0x7F:
                                        controlsRemoved += 1
                                    default:
                                        if ScalarClass.isSpace(value) {
                                            if writer.count == writer.lineStart {
                                                writer.leadingSpace = true
                                            } else if writer.pendingSpace < 0 {
                                                writer.pendingSpace = index
                                            }
                                        } else if !ScalarClass.isDropped(value) {
                                            let folded = ScalarClass.foldingFullWidth(value)
                                            if writer.pendingSpace >= 0 {
                                                if !ScalarClass.isWide(writer.lastScalar) && !ScalarClass.isWide(folded) {
                                                    writer.append(0x20, inStarts[writer.pendingSpace], inEnds[writer.pendingSpace])
                                                } else {
                                                    writer.gaps.append(Int32(writer.count))
                                                }
                                                writer.pendingSpace = -1
                                            }
                                            writer.append(folded, inStarts[index], inEnds[index])
                                        }
                                    }
                                    index += 1
                                }
                                writer.finishLine(into: &lines)
                                produced = writer.count
                                gaps = writer.gaps
                                pageNumbers = writer.pageNumbers
                            }
                        }
                    }
                    endCount = produced
                }
                startCount = produced
            }
            scalarCount = produced
        }
        var text = MappedText()
        text.scalars = scalars
        text.rawStarts = starts
        text.rawEnds = ends
        return NormalizedLines(text: text, lines: lines, controlsRemoved: controlsRemoved, gaps: gaps, pageNumbers: pageNumbers)
    }

    /// How many scalars the escape sequence at `index` (an ESC) spans: a
    /// control sequence `ESC [ parameters final` (`ESC[31m`, `ESC[0;1m`,
    /// `ESC[2K`), a two-character escape (`ESC c`), or the ESC alone.
    static func escapeSequenceLength(_ input: UnsafeBufferPointer<UInt32>, at index: Int) -> Int {
        guard index + 1 < input.count else { return 1 }
        let next = input[index + 1]
        if next == 0x5B {      // [
            var end = index + 2
            // Parameter and intermediate bytes, then one final byte.
            while end < input.count, (0x20...0x3F).contains(input[end]), end - index < 32 { end += 1 }
            return end < input.count && (0x40...0x7E).contains(input[end]) ? end - index + 1 : 1
        }
        return (0x40...0x7E).contains(next) ? 2 : 1
    }

    /// The normaliser's output cursor and per-line state, writing straight
    /// into preallocated buffers (the output is never longer than the input).
    private struct Writer {
        let scalars: UnsafeMutableBufferPointer<UInt32>
        let starts: UnsafeMutableBufferPointer<UInt32>
        let ends: UnsafeMutableBufferPointer<UInt32>
        var count = 0
        var lineStart = 0
        var width = 0
        var blankLines = 0
        var pendingPageBreak = false
        var leadingSpace = false
        /// Input index of the first space of a pending run, or -1.
        var pendingSpace = -1
        var lastScalar: UInt32 = 0
        var gaps: [Int32] = []
        var pageNumbers: [NormalizedLines.DroppedLine] = []

        init(scalars: UnsafeMutableBufferPointer<UInt32>, starts: UnsafeMutableBufferPointer<UInt32>, ends: UnsafeMutableBufferPointer<UInt32>) {
            self.scalars = scalars
            self.starts = starts
            self.ends = ends
        }

        @inline(__always)
        mutating func append(_ value: UInt32, _ start: UInt32, _ end: UInt32) {
            scalars[count] = value
            starts[count] = start
            ends[count] = end
            count += 1
            width += ScalarClass.width(value)
            lastScalar = value
        }

        mutating func finishLine(into lines: inout [NormalizedLine]) {
            if count == lineStart {
                blankLines += 1
            } else if LineNormalizer.isPageNumber(UnsafeBufferPointer(rebasing: scalars[lineStart..<count])) {
                pageNumbers.append(.init(scalars: Array(scalars[lineStart..<count]),
                                         span: RawSpan(start: Int(starts[lineStart]), end: Int(ends[count - 1]))))
                while let last = gaps.last, Int(last) >= lineStart { gaps.removeLast() }
                count = lineStart
                pendingPageBreak = true
            } else {
                lines.append(NormalizedLine(
                    range: lineStart..<count, blankLinesBefore: blankLines,
                    startsPage: pendingPageBreak || leadingSpace, width: width))
                blankLines = 0
                pendingPageBreak = false
            }
            lineStart = count
            width = 0
            leadingSpace = false
            pendingSpace = -1
            lastScalar = 0
        }
    }

    /// A line that holds only a page number: one to three digits with dashes,
    /// dots, slashes, spaces or 第…页 around them.
    static func isPageNumber<Line: Collection<UInt32>>(_ line: Line) -> Bool {
        guard line.count <= 12 else { return false }
        var digits = 0
        for value in line {
            switch value {
            case 0x30...0x39: digits += 1
            case 0x2D, 0x2014, 0x2013, 0x2012, 0x2015, 0xB7, 0x2027, 0x2F, 0x20, 0x7B2C, 0x9875, 0x2E:
                continue
            default:
                return false
            }
        }
        return (1...3).contains(digits)
    }
}

/// The normaliser applied to a stretch of raw text taken as one paragraph:
/// character-level normalisation, then its lines joined as wrapped lines are.
///
/// Re-reading a paragraph's raw span through this gives the paragraph again:
/// ```swift
/// TextNormalizer.paragraph("2020 年 11 月 18 日，\n\n市委党史研究室")   // "2020年11月18日，市委党史研究室"
/// ```
public enum TextNormalizer {
    public static func paragraph(_ raw: String) -> String {
        var mapped = MappedText()
        for (offset, value) in raw.unicodeScalars.enumerated() {
            mapped.append(value.value, rawStart: offset, rawEnd: offset + 1)
        }
        return paragraph(mapped).string
    }

    public static func paragraph(_ raw: MappedText) -> MappedText {
        let lines = LineNormalizer.normalize(raw)
        var result = MappedText(reservingCapacity: lines.text.count)
        for line in lines.lines {
            if let left = result.scalars.last, let right = lines.first(line), ParagraphJoiner.needsSpace(between: left, and: right) {
                result.appendInserted(0x20, at: Int(result.rawEnds.last ?? 0))
            }
            result.append(contentsOf: lines.text, range: line.range)
        }
        return result
    }
}
