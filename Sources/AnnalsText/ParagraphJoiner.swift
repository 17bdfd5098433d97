import AnnalsModel

/// Joins the lines of an article body into paragraphs, undoing the line
/// wrapping of PDF extraction.
///
/// In hard-wrapped text a line ends its paragraph when it ends a sentence
/// (。！？；： or a closing quote) and stops short of the wrap width, or when
/// the next line opens an enumeration (`二是`, `（三）`, `3.`) after a full
/// stop. A blank line ends a paragraph unless the text is double-spaced
/// (blank lines between nearly all lines, as in the sample bulletin) or it
/// comes with a page break. Text
/// that is not hard-wrapped keeps each line as a paragraph.
///
/// Known limit: a paragraph whose last line happens to fill the whole width
/// and end in 。 is joined with the next one; PDF extraction keeps no
/// indentation to tell them apart.
enum ParagraphJoiner {
    static func paragraphs(of body: [Int], in lines: NormalizedLines, layout: LineLayout) -> [[Int]] {
        var result: [[Int]] = []
        var current: [Int] = []
        for index in body {
            if let previous = current.last,
               endsParagraph(lines.lines[previous], before: lines.lines[index], in: lines, layout: layout,
                             crossesPage: lines.lines[(previous + 1)...index].contains { $0.startsPage }) {
                result.append(current)
                current = []
            }
            current.append(index)
        }
        if !current.isEmpty { result.append(current) }
        return result
    }

    /// - Parameter crossesPage: a page break (a page number, a running
    ///   header) stands between the lines, so the blank lines around it say
    ///   nothing about paragraphs.
    static func endsParagraph(_ line: NormalizedLine, before next: NormalizedLine, in lines: NormalizedLines, layout: LineLayout,
                              crossesPage: Bool = false) -> Bool {
        guard layout.wrapWidth != nil else { return true }
        if next.blankLinesBefore > 0 && !layout.doubleSpaced && !crossesPage { return true }
        guard let last = lines.last(line), ScalarClass.endsSentence(last) else { return false }
        if !layout.isFull(line) { return true }
        return opensEnumeration(lines.text.scalars[next.range])
    }

    /// `一是…`, `二、…`, `（三）…`, `(4)…`, `5.…`, `5、…`.
    static func opensEnumeration(_ line: ArraySlice<UInt32>) -> Bool {
        guard line.count >= 3 else { return false }
        let first = line[line.startIndex]
        let second = line[line.startIndex + 1]
        let third = line[line.startIndex + 2]
        if CalendarDay.chineseDigit(first) != nil || first == 0x5341 {              // 一 … 十
            return second == 0x662F || second == 0x3001                             // 是 、
        }
        if ScalarClass.isDigit(first) {
            return second == 0x2E || second == 0x3001 || second == 0xFF0E
        }
        if first == 0xFF08 || first == 0x28 {                                       // （ (
            let inner = CalendarDay.chineseDigit(second) != nil || second == 0x5341 || ScalarClass.isDigit(second)
            return inner && (third == 0xFF09 || third == 0x29)
        }
        return false
    }

    /// Whether joining two wrapped lines needs a space between them: only
    /// between Latin letters or a letter and a digit (`Hello` / `world`);
    /// Chinese text and numbers (`1000` / `册`) join directly.
    static func needsSpace(between left: UInt32, and right: UInt32) -> Bool {
        guard ScalarClass.isASCIILetterOrDigit(left), ScalarClass.isASCIILetterOrDigit(right) else { return false }
        return !(ScalarClass.isDigit(left) && ScalarClass.isDigit(right))
    }
}
