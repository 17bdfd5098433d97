import AnnalsModel

/// Where the segmenter found each part of a report, as indices into
/// ``NormalizedLines/lines``.
struct ReportLayout: Sendable, Equatable {
    struct ArticleLayout: Sendable, Equatable {
        var section: String?
        var titleLines: [Int] = []
        /// Scalars at the start of the title that number it (`（一）`): kept
        /// in the text, left out of the title.
        var titleNumbering = 0
        /// Body lines in order, asides among them.
        var bodyLines: [Int] = []
        /// The body lines that are a subtitle, subheading or caption.
        var asides: [Int: ArticleAside.Kind] = [:]
        var creditLine: Int?
        var contributors: [String] = []

        var isEmpty: Bool { titleLines.isEmpty && bodyLines.isEmpty && creditLine == nil }
    }

    var publisher: String?
    var published: CalendarDay?
    var issue: String?
    var totalIssue: String?
    var contents: [ContentsEntry] = []
    var articles: [ArticleLayout] = []
    /// The lines the segmenter kept out of the articles itself (masthead,
    /// contents, section headings, distribution lists), with why.
    var setAside: [Int: SetAsideLine.Kind] = [:]
}

/// How the lines of a report are laid out: whether they were hard-wrapped
/// at a fixed width (PDF extraction) and whether blank lines mean anything.
struct LineLayout: Sendable, Equatable {
    /// The width (half-width columns) of a full wrapped line, or nil when
    /// lines are not hard-wrapped (each line is a paragraph).
    var wrapWidth: Int?
    /// Blank lines stand between almost every pair of lines (double-spaced
    /// extraction), so they say nothing about paragraphs.
    var doubleSpaced: Bool

    /// A line this much narrower than the wrap width was not wrapped: it ends
    /// its paragraph (when it ends a sentence) and may be a title.
    static let shortMargin = 4

    func isFull(_ line: NormalizedLine) -> Bool {
        guard let wrapWidth else { return false }
        return line.width >= wrapWidth - LineLayout.shortMargin
    }

    /// Measures the layout of `lines`.
    /// - Parameter mayBeWrapped: false for sources whose lines are already
    ///   paragraphs (HTML blocks).
    static func measure(_ lines: NormalizedLines, mayBeWrapped: Bool) -> LineLayout {
        let all = lines.lines
        let gaps = all.dropFirst().reduce(0) { $0 + ($1.blankLinesBefore > 0 ? 1 : 0) }
        let doubleSpaced = all.count > 4 && gaps * 2 >= all.count - 1
        guard mayBeWrapped else { return LineLayout(wrapWidth: nil, doubleSpaced: doubleSpaced) }

        // In hard-wrapped text most long lines stop mid-sentence at the same
        // width; in text with one paragraph per line they end sentences.
        var midSentence: [Int] = []
        var long = 0
        for line in all where line.width >= 20 {
            long += 1
            if let last = lines.last(line), !ScalarClass.endsSentence(last) { midSentence.append(line.width) }
        }
        guard !midSentence.isEmpty, midSentence.count * 10 >= long * 3 else {
            return LineLayout(wrapWidth: nil, doubleSpaced: doubleSpaced)
        }
        midSentence.sort()
        // The upper quartile: wrapped lines are full; the odd shorter line
        // ending mid-sentence (a title, a list item) pulls the median down.
        let wrapWidth = midSentence[(midSentence.count * 3) / 4]
        // Wrapped text has (almost) no line wider than its wrap width; text
        // with one paragraph per line has many, whatever its short lines say.
        let wider = all.reduce(0) { $0 + ($1.width > wrapWidth + shortMargin ? 1 : 0) }
        guard wider * 10 <= long else { return LineLayout(wrapWidth: nil, doubleSpaced: doubleSpaced) }
        return LineLayout(wrapWidth: wrapWidth, doubleSpaced: doubleSpaced)
    }
}

/// Splits a bulletin (or a single report) into masthead, table of contents,
/// sections and articles.
///
/// Rules, in order:
/// - **Masthead**: among the first lines, one ending in an issue date
///   (`中共重庆市委党史研究室编 2020年12月10日`) gives publisher and date;
///   lines above it (bulletin name, issue number) belong to it.
/// - **Contents**: ● (◆ ■ ★ …) lines under 【section】 headings, a wrapped
///   entry continuing on the next line; they end where a heading repeats or a
///   line is neither.
/// - **Body**: 【heading】 lines set the section; a credit line
///   (`（…供稿）`, `（供稿：…）`, `来源：…`) ends an article; a title is the
///   next contents entry when the lines spell it, otherwise up to three short
///   lines that do not end a sentence. Distribution lists at the end
///   (`报：…`, `送：…`, `（共印…份）`) are dropped.
enum BulletinSegmenter {
    static func segment(_ lines: NormalizedLines, layout: LineLayout, furniture: PageFurniture) -> ReportLayout {
        var report = ReportLayout()
        let count = lines.lines.count
        var cursor = 0
        let isText = { (index: Int) in furniture.roles[index] == .text || furniture.roles[index] == .caption }

        let masthead = findMasthead(lines, isText: isText)
        if let masthead {
            report.publisher = masthead.publisher
            report.published = masthead.date
            report.issue = masthead.issue
            report.totalIssue = masthead.totalIssue
            for index in 0..<masthead.endLine where isText(index) { report.setAside[index] = .masthead }
            cursor = masthead.endLine
        }
        let contents = findContents(lines, from: cursor, isText: isText)
        if !contents.entries.isEmpty {
            for index in (masthead == nil ? contents.startLine : cursor)..<contents.endLine where isText(index) { report.setAside[index] = .contents }
            report.contents = contents.entries.map { ContentsEntry(section: $0.section, title: $0.title) }
            cursor = contents.endLine
        }
        // Numbered sections (`一、工作动态`) are a bulletin's; in a single
        // report they are subheadings.
        let isBulletin = masthead != nil || !contents.entries.isEmpty
        let contentKeys = contents.entries.map(\.key)

        var section: String?
        var current = ReportLayout.ArticleLayout()
        var expectTitle = true
        var nextEntry = 0
        /// Writers named before the first article's title.
        var pendingWriters: [String] = []
        /// The report puts each credit under its article's title.
        var creditsUnderTitles = false

        func close() {
            if !current.isEmpty {
                if current.section == nil { current.section = section }
                current.contributors = pendingWriters + current.contributors
                pendingWriters = []
                report.articles.append(current)
            }
            current = ReportLayout.ArticleLayout(section: section)
            expectTitle = true
        }
        /// Names from a line go to the article it stands in, or the one
        /// before it, or the first one.
        func attribute(_ names: [String]) {
            if !current.isEmpty { current.contributors += names }
            else if !report.articles.isEmpty { report.articles[report.articles.count - 1].contributors += names }
            else { pendingWriters += names }
        }

        var index = cursor
        while index < count {
            let line = lines.lines[index]
            defer { index += 1 }
            if let names = furniture.writers[index] { attribute(names) }
            if case .setAside = furniture.roles[index] { continue }
            if furniture.roles[index] == .caption {
                if current.isEmpty && !report.articles.isEmpty { report.articles[report.articles.count - 1].bodyLines.append(index); report.articles[report.articles.count - 1].asides[index] = .caption }
                else { current.bodyLines.append(index); current.asides[index] = .caption }
                continue
            }
            if let heading = sectionHeading(lines, line)
                ?? (isBulletin && !numbersArticleBody(lines, at: index, in: current, layout: layout, isText: isText) ? numberedSection(lines, line) : nil) {
                close()
                section = heading
                current.section = section
                report.setAside[index] = .section
                continue
            }
            // `工作动态` alone above the next report's title: a section of a
            // bulletin whose contents list no sections.
            if nextEntry < contentKeys.count, line.range.count <= 10, isPlainEntry(lines, line),
               matchContents(lines, at: index, keys: contentKeys, from: nextEntry) == nil,
               let following = ((index + 1)..<count).first(where: isText),
               matchContents(lines, at: following, keys: contentKeys, from: nextEntry) != nil {
                close()
                section = lines.string(line)
                current.section = section
                report.setAside[index] = .section
                continue
            }
            if isColophon(lines, line) {
                close()
                report.setAside[index] = .distribution
                continue
            }
            if let contributors = credit(lines, line) ?? (!current.bodyLines.isEmpty ? nameCredit(lines, line) : nil) {
                // Credits under titles (`（供稿：…）` before the body): a credit
                // after body text means its line above was the next title.
                if creditsUnderTitles, let last = current.bodyLines.last, current.asides[last] != .caption,
                   titleLineCount(lines, at: last, layout: layout, isText: isText) == 1 {
                    current.bodyLines.removeLast()
                    current.asides[last] = nil
                    close()
                    current.titleLines = [last]
                    current.titleNumbering = numbering(lines.text.scalars[lines.lines[last].range])
                    expectTitle = false
                }
                if current.creditLine == nil, current.bodyLines.isEmpty, !current.titleLines.isEmpty { creditsUnderTitles = true }
                current.contributors.append(contentsOf: contributors)
                if current.creditLine == nil { current.creditLine = index } else { current.bodyLines.append(index) }
                // A source line under the title of a web article does not end it.
                if !current.bodyLines.isEmpty { close() }
                continue
            }
            if nextEntry < contentKeys.count,
               let (entry, length) = matchContents(lines, at: index, keys: contentKeys, from: nextEntry) {
                // A title with nothing under it goes on in the next entry: the
                // contents wrapped it as the page did (`…调研红色资源保护` / `利用工作`).
                if entry == nextEntry, !current.titleLines.isEmpty, current.bodyLines.isEmpty, current.creditLine == nil {
                    current.titleLines += Array(index..<index + length)
                    nextEntry = entry + 1
                    index += length - 1
                    continue
                }
                close()
                current.section = contents.entries[entry].section ?? section
                current.titleLines = Array(index..<index + length)
                current.titleNumbering = numbering(lines.text.scalars[line.range])
                nextEntry = entry + 1
                expectTitle = false
                index += length - 1
                continue
            }
            if expectTitle {
                expectTitle = false
                let titleLength = titleLineCount(lines, at: index, layout: layout, isText: isText)
                if titleLength > 0 {
                    if !current.bodyLines.isEmpty || !current.titleLines.isEmpty { close(); expectTitle = false }
                    current.titleLines = Array(index..<index + titleLength)
                    current.titleNumbering = numbering(lines.text.scalars[line.range])
                    index += titleLength - 1
                    continue
                }
            }
            current.bodyLines.append(index)
            if let kind = asideKind(lines, at: index, in: current, layout: layout, isBulletin: isBulletin, isText: isText) {
                current.asides[index] = kind
            }
        }
        close()
        if !pendingWriters.isEmpty, !report.articles.isEmpty { report.articles[0].contributors = pendingWriters + report.articles[0].contributors }
        for position in report.articles.indices {
            var seen: Set<String> = []
            report.articles[position].contributors = report.articles[position].contributors.filter { seen.insert($0).inserted }
        }
        return report
    }

    /// A body line that is a subtitle (`——…` under the title), a numbered
    /// subheading (`一、基本情况`) or, in text with a paragraph to a line,
    /// a short line that ends no sentence between paragraphs (`回师黔北`,
    /// `1935年`).
    static func asideKind(_ lines: NormalizedLines, at index: Int, in article: ReportLayout.ArticleLayout, layout: LineLayout,
                          isBulletin: Bool, isText: (Int) -> Bool) -> ArticleAside.Kind? {
        let line = lines.lines[index]
        let text = lines.text.scalars[line.range]
        if article.bodyLines.count == 1, !article.titleLines.isEmpty, text.starts(with: [0x2014, 0x2014]) || text.starts(with: [0x2015, 0x2015]) {
            return .subtitle
        }
        guard let last = text.last, text.count <= 24, !text.contains(0x3002), !ScalarClass.endsSentence(last),
              !ScalarClass.continuesSentence(last), !layout.isFull(line) else { return nil }
        // Something must follow: a short last line is a paragraph's end.
        guard ((index + 1)..<lines.lines.count).contains(where: isText) else { return nil }
        // In wrapped text only a numbered heading is known to stand alone.
        if layout.wrapWidth != nil, !(ParagraphJoiner.opensEnumeration(text) && text.count <= 20) { return nil }
        return .subheading
    }

    /// Whether a numbered line (`一、南下途中的准备`) heads a part of the
    /// article it stands in rather than a section of the bulletin: the
    /// article has its title and body already, and body text, not a
    /// title, comes next. A bulletin's section is followed by the title
    /// of its first report.
    static func numbersArticleBody(_ lines: NormalizedLines, at index: Int, in article: ReportLayout.ArticleLayout,
                                   layout: LineLayout, isText: (Int) -> Bool) -> Bool {
        guard !article.titleLines.isEmpty, !article.bodyLines.isEmpty,
              let next = ((index + 1)..<lines.lines.count).first(where: isText) else { return false }
        return titleLineCount(lines, at: next, layout: layout, isText: isText) == 0
    }

    /// `（一）`, `一、`, `1.` at the start of a bulletin's title: the scalars it takes.
    static func numbering(_ text: ArraySlice<UInt32>) -> Int {
        guard ParagraphJoiner.opensEnumeration(text), let first = text.first else { return 0 }
        if first == 0xFF08 || first == 0x28 { return 3 }
        return text.dropFirst(2).isEmpty ? 0 : 2
    }

    /// `一、工作动态` in a bulletin: a numbered section.
    static func numberedSection(_ lines: NormalizedLines, _ line: NormalizedLine) -> String? {
        let text = lines.text.scalars[line.range]
        guard text.count >= 3, text.count <= 14, let first = text.first, CalendarDay.chineseDigit(first) != nil || first == 0x5341,
              text[text.startIndex + 1] == 0x3001, !text.dropFirst(2).contains(where: { ScalarClass.endsSentence($0) || ScalarClass.continuesSentence($0) }) else { return nil }
        return String(scalars: text.dropFirst(2))
    }

    /// `（县委党史办　李春燕）`, `（向德明）`: a credit line of names alone,
    /// wholly in brackets, after an article's body.
    static func nameCredit(_ lines: NormalizedLines, _ line: NormalizedLine) -> [String]? {
        let text = lines.text.scalars[line.range]
        guard text.count >= 3, text.count <= 32, let first = text.first, let last = text.last,
              (first == 0xFF08 && last == 0xFF09) || (first == 0x28 && last == 0x29) else { return nil }
        let inner = (line.range.lowerBound + 1)..<(line.range.upperBound - 1)
        guard !lines.text.scalars[inner].contains(where: { ScalarClass.endsSentence($0) || ScalarClass.continuesSentence($0) || $0 == 0xFF08 || ScalarClass.isDigit($0) }) else { return nil }
        let names = MetadataFields.names(lines, inner)
        return names.isEmpty ? nil : names
    }

    // MARK: - Masthead

    struct Masthead: Equatable {
        var publisher: String?
        var date: CalendarDay
        var endLine: Int
        var issue: String?
        var totalIssue: String?
    }

    /// The issue-date line among the first eight, if its date ends it (a body
    /// line would go on after the date: `2020年11月18日，市委…`). The lines
    /// above it are the bulletin's name, issue and issuing office.
    static func findMasthead(_ lines: NormalizedLines, isText: (Int) -> Bool) -> Masthead? {
        var seen: [Int] = []
        for index in lines.lines.indices.prefix(10) where isText(index) {
            let line = lines.lines[index]
            if isBullet(lines.first(line)) || sectionHeading(lines, line) != nil { return nil }
            seen.append(index)
            if seen.count > 6 { return nil }
            let scalars = lines.text.scalars[line.range]
            // A masthead stands above the body: a sentence before the date
            // line means the report has begun (and `（原载《团结报》2024年12月3日
            // 第3版）` under a short report is its source note).
            if scalars.contains(0x3002) { return nil }   // 。
            if scalars.first == 0xFF08 || scalars.first == 0x28 { continue }
            guard let found = CalendarDay.find(in: scalars) else { continue }
            let after = String(scalars: scalars[found.range.upperBound...])
            let trailing = after.trimming(" 　出版印发编印")
            guard trailing.isEmpty || trailing.hasPrefix("第") else { continue }
            // The office stands before the date, or alone on the line above it.
            var office = publisher(lines, line.range.lowerBound..<found.range.lowerBound)
            if office == nil, seen.count >= 2 {
                let above = lines.lines[seen[seen.count - 2]]
                office = publisher(lines, above.range)
            }
            var masthead = Masthead(publisher: office, date: found.day, endLine: index + 1)
            for position in seen {
                let (issue, total) = issueNumbers(lines.string(lines.lines[position]))
                masthead.issue = masthead.issue ?? issue
                masthead.totalIssue = masthead.totalIssue ?? total
            }
            return masthead
        }
        return nil
    }

    /// `2022年第4期（总第33期）` → (`2022年第4期`, `总第33期`).
    static func issueNumbers(_ line: String) -> (issue: String?, total: String?) {
        var issue: String?
        var total: String?
        let scalars = Array(line.unicodeScalars)
        var index = 0
        while index < scalars.count {
            guard scalars[index] == "第" else { index += 1; continue }
            var end = index + 1
            while end < scalars.count, ScalarClass.isDigit(scalars[end].value) || CalendarDay.chineseDigit(scalars[end].value) != nil || scalars[end] == "十" { end += 1 }
            guard end > index + 1, end < scalars.count, scalars[end] == "期" else { index += 1; continue }
            let isTotal = index > 0 && scalars[index - 1] == "总"
            var start = isTotal ? index - 1 : index
            // `2022年第3期`: the year belongs to the issue.
            if !isTotal, start >= 5, scalars[start - 1] == "年", scalars[(start - 5)..<(start - 1)].allSatisfy({ ScalarClass.isDigit($0.value) }) { start -= 5 }
            let text = String(String.UnicodeScalarView(scalars[start...end]))
            if isTotal { total = total ?? text } else { issue = issue ?? text }
            index = end + 1
        }
        return (issue, total)
    }

    /// The issuing office in `range`: `中共重庆市委党史研究室编` →
    /// `中共重庆市委党史研究室`, the last word when a bulletin's name or
    /// issue stands before it; nil when what is left is no office.
    static func publisher(_ lines: NormalizedLines, _ range: Range<Int>) -> String? {
        var words: [[UInt32]] = [[]]
        for index in range {
            let value = lines.text.scalars[index]
            if value == 0x20 || (index > range.lowerBound && lines.hasGap(before: index)) { words.append([]) }
            if value != 0x20 { words[words.count - 1].append(value) }
        }
        guard let last = words.last(where: { !$0.isEmpty }) else { return nil }
        var name = String(scalars: last)
        for label in ["主办单位：", "主办：", "编印单位：", "编印：", "编辑单位：", "主办:", "编印:"] where name.hasPrefix(label) {
            name = String(name.dropFirst(label.count))
        }
        for suffix in ["编印", "主办", "编辑", "印发", "编"] where name.hasSuffix(suffix) {
            name = String(name.dropLast(suffix.count))
            break
        }
        guard name.count >= 4, issueNumbers(name) == (nil, nil), PageFurniture.isOfficeName(name) else { return nil }
        return name
    }

    // MARK: - Contents

    struct ContentsBlock {
        struct Entry { var section: String?; var title: String; var key: [UInt32] }
        var entries: [Entry] = []
        var startLine = 0
        var endLine = 0
    }

    static let bullets: Set<UInt32> = [0x25CF, 0x25C6, 0x25A0, 0x2605, 0x25CB, 0x25C7, 0x25A1, 0x2606, 0x2022, 0x25B2, 0x25B6, 0x25BA, 0x25CE, 0x2666]

    static func isBullet(_ value: UInt32?) -> Bool {
        guard let value else { return false }
        return bullets.contains(value)
    }

    static func findContents(_ lines: NormalizedLines, from start: Int, isText: (Int) -> Bool) -> ContentsBlock {
        enum Kind { case heading, bullet, continuation }
        var taken: [(index: Int, kind: Kind)] = []
        var seenHeadings: Set<String> = []
        var index = start
        var continuationsInRow = 0
        // Under a 目录 heading, entries need no bullet.
        var titled = false
        var mayContinue = false
        scan: while index < lines.lines.count {
            let line = lines.lines[index]
            defer { index += 1 }
            if !isText(index) {
                // A rule under the entries closes the contents.
                if taken.contains(where: { $0.kind == .bullet }), PageFurniture.isRule(lines.text.scalars[line.range]) { break scan }
                continue
            }
            if ["目录", "目 录", "本期目录", "本期要目", "要目", "本期导读", "本期内容"].contains(lines.string(line)) {
                titled = true
                continue
            }
            if let heading = sectionHeading(lines, line) {
                // The body starts where a heading of the contents comes again.
                if seenHeadings.contains(heading) && taken.contains(where: { $0.kind == .bullet }) { break scan }
                seenHeadings.insert(heading)
                taken.append((index, .heading))
                continuationsInRow = 0
            } else if isBullet(lines.first(line)) {
                taken.append((index, .bullet))
                continuationsInRow = 0
                mayContinue = true
            } else if numberedEntry(lines, line) != nil || (titled && !mayContinue && isPlainEntry(lines, line)) {
                // The body starts where an entry comes again as a title.
                let key = entryKey(lines, line)
                if taken.contains(where: { $0.kind == .bullet && entryKey(lines, lines.lines[$0.index]) == key }) { break scan }
                taken.append((index, .bullet))
                continuationsInRow = 0
                // Numbered entries with leaders and plain ones do not wrap.
                mayContinue = false
            } else if mayContinue, let last = taken.last, last.kind != .heading, continuationsInRow < 2 {
                taken.append((index, .continuation))
                continuationsInRow += 1
            } else {
                break scan
            }
        }
        guard taken.contains(where: { $0.kind == .bullet }) else { return ContentsBlock(startLine: start, endLine: start) }
        // A heading after the last entry opens the body.
        while let last = taken.last, last.kind == .heading { taken.removeLast() }

        // A continuation follows a wrapped entry, which is as wide as the
        // widest; after a shorter one, the line already belongs to the body.
        let widest = taken.filter { $0.kind == .bullet }.map { lines.lines[$0.index].width }.max() ?? 0
        var end = taken.last.map { $0.index + 1 } ?? start
        for (position, item) in taken.enumerated() where item.kind == .continuation {
            if lines.lines[taken[position - 1].index].width < widest - LineLayout.shortMargin {
                end = item.index
                break
            }
        }
        var block = ContentsBlock(startLine: start, endLine: end)
        var section: String?
        for item in taken where item.index < end {
            let line = lines.lines[item.index]
            let scalars = lines.text.scalars[line.range]
            switch item.kind {
            case .heading:
                section = sectionHeading(lines, line)
            case .bullet:
                let title = numberedEntry(lines, line) ?? (isBullet(lines.first(line)) ? scalars.dropFirst() : withoutNumber(scalars))
                block.entries.append(.init(section: section, title: String(scalars: title).trimming(" "), key: titleKey(title)))
            case .continuation:
                block.entries[block.entries.count - 1].title += String(scalars: scalars)
                block.entries[block.entries.count - 1].key += titleKey(scalars)
            }
        }
        return block
    }

    /// The title key of a contents line, without bullet, number and page.
    static func entryKey(_ lines: NormalizedLines, _ line: NormalizedLine) -> [UInt32] {
        let scalars = lines.text.scalars[line.range]
        return titleKey(numberedEntry(lines, line) ?? (isBullet(lines.first(line)) ? scalars.dropFirst() : withoutNumber(scalars)))
    }

    /// A plain entry without its number: `1．全市党史工作推进会在芷江召开`,
    /// `（二）…`, `三、…` → the title.
    static func withoutNumber(_ scalars: ArraySlice<UInt32>) -> ArraySlice<UInt32> {
        guard ParagraphJoiner.opensEnumeration(scalars) else { return scalars }
        var start = scalars.startIndex
        if scalars[start] == 0xFF08 || scalars[start] == 0x28 { return scalars.dropFirst(3) }
        while start < scalars.endIndex, ScalarClass.isDigit(scalars[start]) { start += 1 }
        // `1．`: past the digits and the stop; `三、`: past the numeral and 、.
        return scalars[(start == scalars.startIndex ? start + 2 : start + 1)...]
    }

    /// A contents entry without bullet: a short line that ends no sentence.
    static func isPlainEntry(_ lines: NormalizedLines, _ line: NormalizedLine) -> Bool {
        guard let last = lines.last(line), line.range.count <= 40 else { return false }
        return !ScalarClass.endsSentence(last) && !ScalarClass.continuesSentence(last) && !lines.text.scalars[line.range].contains(0x3002)
    }

    /// `1.区委党史研究室举办…纪念活动…………1`: a numbered contents entry
    /// with a dotted leader and its page; returns the title.
    static func numberedEntry(_ lines: NormalizedLines, _ line: NormalizedLine) -> ArraySlice<UInt32>? {
        let text = lines.text.scalars[line.range]
        guard text.count > 4, let first = text.first, ScalarClass.isDigit(first) else { return nil }
        var start = text.startIndex
        while start < text.endIndex, ScalarClass.isDigit(text[start]) { start += 1 }
        guard start < text.endIndex, [0x2E, 0x3001, 0xFF0E].contains(text[start]) else { return nil }
        guard let leader = text.firstIndex(of: 0x2026), leader > start + 1 else { return nil }   // …
        return text[(start + 1)..<leader]
    }

    /// Letters, digits and ideographs only: the key titles are compared by.
    static func titleKey(_ scalars: ArraySlice<UInt32>) -> [UInt32] {
        scalars.filter { ScalarClass.isIdeograph($0) || ScalarClass.isASCIILetterOrDigit($0) }
    }

    /// Whether lines `index…` spell one of the next three contents entries;
    /// returns the entry and the number of lines.
    static func matchContents(_ lines: NormalizedLines, at index: Int, keys: [[UInt32]], from first: Int) -> (Int, Int)? {
        let firstLine = titleKey(lines.text.scalars[lines.lines[index].range])
        guard !firstLine.isEmpty else { return nil }
        for entry in first..<min(keys.count, first + 3) {
            let key = keys[entry]
            guard key.starts(with: firstLine) else { continue }
            var joined = firstLine
            var length = 1
            while joined.count < key.count, length < 4, index + length < lines.lines.count {
                joined += titleKey(lines.text.scalars[lines.lines[index + length].range])
                length += 1
                if !key.starts(with: joined) { break }
            }
            if joined == key { return (entry, length) }
        }
        return nil
    }

    // MARK: - Line kinds

    /// `【工作动态】` → `工作动态`.
    static func sectionHeading(_ lines: NormalizedLines, _ line: NormalizedLine) -> String? {
        guard let first = lines.first(line), let last = lines.last(line), line.range.count > 2, line.range.count <= 40 else { return nil }
        let pairs: [(UInt32, UInt32)] = [(0x3010, 0x3011), (0x3016, 0x3017), (0x3014, 0x3015)]   // 【】 〖〗 〔〕
        guard pairs.contains(where: { $0.0 == first && $0.1 == last }) else { return nil }
        let inner = lines.text.scalars[(line.range.lowerBound + 1)..<(line.range.upperBound - 1)]
        guard !inner.contains(where: { $0 == first || $0 == last }) else { return nil }
        return String(scalars: inner).trimming(" ")
    }

    /// Contributors named by a credit line, or nil when `line` is not one.
    /// `（市委党史研究室办公室、垫江县委党史研究室供稿）` → both offices;
    /// `（供稿：璧山区委党史研究室）`, `来源：重庆日报` likewise.
    static func credit(_ lines: NormalizedLines, _ line: NormalizedLine) -> [String]? {
        guard let first = lines.first(line), line.range.count <= 80 else { return nil }
        let opensParenthesis = first == 0xFF08 || first == 0x28
        guard opensParenthesis || first == 0x6765 || first == 0x4F9B || first == 0x7A3F || first == 0x4FE1 else { return nil }  // 来 供 稿 信
        // All on scalars: this runs on every line, and Character-level
        // string operations are too slow for that.
        var text = lines.text.scalars[line.range]
        if opensParenthesis {
            guard let last = text.last, last == 0xFF09 || last == 0x29 else { return nil }   // ） )
            text = text.dropFirst().dropLast()
        }
        text = trimmingSpaces(text)
        var names: ArraySlice<UInt32>
        if text.ends(with: Credit.supplied) {
            names = text.dropLast(Credit.supplied.count)
        } else if let label = Credit.labels.first(where: { text.starts(with: $0) }),
                  let colon = text.dropFirst(label.count).first, colon == 0xFF1A || colon == 0x3A {   // ： :
            names = text.dropFirst(label.count + 1)
            // `来源：重庆日报 作者：…` — the source ends at the next label.
            for next in Credit.followingLabels {
                if let found = names.firstRange(of: next), found.lowerBound > names.startIndex { names = names[..<found.lowerBound] }
            }
        } else {
            return nil
        }
        let parts = MetadataFields.names(lines, names.startIndex..<names.endIndex)
        return parts.isEmpty ? nil : parts
    }

    /// The words credit lines are made of, as scalar values.
    private enum Credit {
        static let supplied = "供稿".scalarValues
        static let labels = ["供稿单位", "供稿", "稿件来源", "信息来源", "来源"].map(\.scalarValues)
        static let followingLabels = ["作者", "记者", "通讯员", "责任编辑", "编辑", "发布时间", "发布日期", "时间", "日期", "浏览", "点击"].map(\.scalarValues)
    }

    static func trimmingSpaces(_ text: ArraySlice<UInt32>) -> ArraySlice<UInt32> {
        var text = text
        while text.first == 0x20 { text = text.dropFirst() }
        while text.last == 0x20 { text = text.dropLast() }
        return text
    }

    /// Distribution lists and print runs at the end of a bulletin.
    static func isColophon(_ lines: NormalizedLines, _ line: NormalizedLine) -> Bool {
        guard let first = lines.first(line), line.range.count <= 200 else { return false }
        // 报 送 发 抄 印 责 编 审 签 （ (
        guard [0x62A5, 0x9001, 0x53D1, 0x6284, 0x5370, 0x8D23, 0x7F16, 0x5BA1, 0x7B7E, 0xFF08, 0x28].contains(first) else { return false }
        // A label ends with a colon within five characters, or it is a print run.
        let head = lines.text.scalars[line.range].prefix(6)
        guard head.contains(where: { $0 == 0xFF1A || $0 == 0x3A }) || head.contains(0x5370) else { return false }   // ： : 印
        let text = lines.string(line)
        for label in ["报：", "送：", "发：", "抄送：", "抄报：", "印发：", "责任编辑：", "编辑：", "审核：", "签发：", "审稿：", "校对："] where text.hasPrefix(label) {
            return true
        }
        return (text.hasPrefix("（共印") || text.hasPrefix("(共印")) && text.hasSuffix("份）")
    }

    /// How many lines from `index` form a title: up to three lines that are
    /// short of the wrap width, end in no comma or stop and hold no full stop,
    /// followed by at least one more line.
    static func titleLineCount(_ lines: NormalizedLines, at index: Int, layout: LineLayout, isText: (Int) -> Bool) -> Int {
        var length = 0
        var characters = 0
        while length < 3, index + length < lines.lines.count - 1, isText(index + length) {
            let line = lines.lines[index + length]
            guard let last = lines.last(line), !ScalarClass.continuesSentence(last),
                  line.range.count <= 40, !layout.isFull(line),
                  !lines.text.scalars[line.range].contains(0x3002),    // 。
                  sectionHeading(lines, line) == nil, credit(lines, line) == nil else { break }
            if layout.wrapWidth == nil && length == 1 { break }   // unwrapped text: one line, one title
            characters += line.range.count
            length += 1
        }
        return characters >= 4 ? length : 0
    }
}

extension String {
    func trimming(_ set: String) -> String {
        var scalars = Substring(self)
        while let first = scalars.first, set.contains(first) { scalars = scalars.dropFirst() }
        while let last = scalars.last, set.contains(last) { scalars = scalars.dropLast() }
        return String(scalars)
    }

    func removingPrefix(_ prefix: String) -> String? {
        hasPrefix(prefix) ? String(dropFirst(prefix.count)) : nil
    }

    func removingSuffix(_ suffix: String) -> String? {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) : nil
    }
}

extension ArraySlice where Element: Equatable {
    func ends(with suffix: [Element]) -> Bool {
        count >= suffix.count && self.suffix(suffix.count).elementsEqual(suffix)
    }
}
