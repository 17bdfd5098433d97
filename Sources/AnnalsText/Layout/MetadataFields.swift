import AnnalsModel

/// Reads label–value lines (`发布时间：2022-09-14 10:02　来源：某某　作者：某某`,
/// `【发布日期】：…`, `来源｜…`, `文/ 某某　图/ 某某`, `（责任编辑：某某）`) into
/// fields.
///
/// A line is metadata only when all of it is made of such fields (with a
/// bare date and time, and `【打印】` buttons, allowed among them): a title
/// such as `娄山关：长征途中的一场大胜仗` has a colon but no label before it,
/// so it stays a title.
enum MetadataFields {
    /// What a field says.
    enum Role: Sendable, Equatable {
        case published, source, author, reporter, correspondent, photographer, editor, reviewer, imageSource
        /// `作者单位`, `资料来源`: a note on where the text comes from.
        case sourceNote
        /// `联系人`, `电话`.
        case contact
        /// `供稿：`, `供稿单位：`: the article's contributors.
        case supplied
        /// Counters and buttons: `浏览：312`, `字号：大 中 小`.
        case ignored
    }

    struct Field: Sendable, Equatable {
        var role: Role
        /// The value's characters, without the label and its separator.
        var value: Range<Int>
    }

    /// Labels, longest first so that `责任编辑` wins over `编辑`.
    static let labels: [(label: [UInt32], role: Role)] = {
        let table: [(String, Role)] = [
            ("发布时间", .published), ("发布日期", .published), ("发表时间", .published), ("发稿时间", .published),
            ("更新时间", .published), ("发文日期", .published), ("时间", .published), ("日期", .published),
            ("信息来源", .source), ("稿件来源", .source), ("文章来源", .source), ("新闻来源", .source), ("来源", .source),
            ("图片来源", .imageSource),
            ("作者单位", .sourceNote), ("资料来源", .sourceNote), ("史料来源", .sourceNote),
            ("作者", .author), ("文字", .author), ("撰稿", .author), ("撰文", .author), ("文", .author),
            ("本报记者", .reporter), ("融媒体记者", .reporter), ("记者", .reporter),
            ("通讯员", .correspondent),
            ("摄影", .photographer), ("摄像", .photographer), ("图片", .photographer), ("摄", .photographer), ("图", .photographer),
            ("责任编辑", .editor), ("本期编辑", .editor), ("责编", .editor), ("编辑", .editor),
            ("一审", .reviewer), ("二审", .reviewer), ("三审", .reviewer), ("终审", .reviewer), ("审核", .reviewer),
            ("审校", .reviewer), ("审稿", .reviewer),
            ("联系人", .contact), ("联系电话", .contact), ("电话", .contact), ("邮箱", .contact),
            ("供稿单位", .supplied), ("供稿", .supplied),
            ("字号", .ignored), ("字体", .ignored), ("浏览次数", .ignored), ("浏览量", .ignored), ("浏览", .ignored),
            ("阅读次数", .ignored), ("阅读量", .ignored), ("阅读", .ignored), ("点击数", .ignored), ("点击量", .ignored),
            ("点击率", .ignored), ("点击", .ignored), ("访问量", .ignored), ("访问次数", .ignored), ("分享到", .ignored),
            ("校对", .ignored),
        ]
        return table.map { ($0.0.scalarValues, $0.1) }.sorted { $0.label.count > $1.label.count }
    }()

    /// Roles that a byline may name without a colon (`■本报记者 某某　通讯员 某某`).
    static let bylineRoles: Set<[UInt32]> = Set(["本报记者", "融媒体记者", "记者", "通讯员", "摄影", "作者"].map(\.scalarValues))

    /// Page buttons that may stand among fields: `【打印】`, `【关闭窗口】`.
    static let buttons: Set<[UInt32]> = Set(["打印", "关闭", "打印本页", "关闭窗口", "返回顶部", "返回", "收藏", "分享",
                                             "大", "中", "小", "大中小", "保存", "纠错"].map(\.scalarValues))

    /// The fields of `line`, or nil when some part of it is not a field.
    /// - Parameter byline: the line is a byline (it starts with □ ■ ◎ or a
    ///   reporter's role), so roles may be followed by a space alone.
    static func parse(_ lines: NormalizedLines, _ line: NormalizedLine, byline: Bool = false) -> [Field]? {
        let text = lines.text.scalars
        var start = line.range.lowerBound
        var end = line.range.upperBound
        // A line wholly in brackets: `（责任编辑：唐小雨）`, `【责任编辑：吴艳】`.
        if end - start > 2, let pair = bracketPair(text[start]), text[end - 1] == pair,
           !text[(start + 1)..<(end - 1)].contains(text[start]) {
            start += 1
            end -= 1
        }
        var fields: [Field] = []
        var cursor = start
        while cursor < end {
            cursor = skipSeparators(text, cursor, end)
            guard cursor < end else { break }
            // 【label】：value or 【label：value】 or a button 【打印】.
            var bracketed = false
            if text[cursor] == 0x3010 {                              // 【
                guard let close = text[cursor..<end].firstIndex(of: 0x3011) else { return nil }   // 】
                if isButtonRun(text, (cursor + 1)..<close) {
                    cursor = close + 1
                    continue
                }
                bracketed = true
                cursor += 1
            }
            if fields.isEmpty || bracketed || lines.hasGap(before: cursor) || text[cursor - 1] == 0x20 || text[cursor - 1] == 0x3011 || text[cursor - 1] == 0x7C || text[cursor - 1] == 0xFF5C,
               let (role, valueStart) = label(text, at: cursor, end: end, lines: lines, byline: byline) {
                var valueEnd = valueEnd(lines, from: valueStart, end: end, bracketed: bracketed)
                fields.append(Field(role: role, value: valueStart..<valueEnd))
                if bracketed, valueEnd < end, text[valueEnd] == 0x3011 { valueEnd += 1 }
                cursor = valueEnd
                continue
            }
            // A bare date and time: `2022-11-14 08:56:12`.
            if !bracketed, let found = CalendarDay.find(in: text[cursor..<end]), found.range.lowerBound == cursor {
                var after = found.range.upperBound
                after = skipTime(text, after, end)
                fields.append(Field(role: .published, value: cursor..<after))
                cursor = after
                continue
            }
            return nil
        }
        return fields.isEmpty ? nil : fields
    }

    /// The label at `index`, and where its value starts.
    private static func label(_ text: [UInt32], at index: Int, end: Int, lines: NormalizedLines, byline: Bool) -> (Role, Int)? {
        for (label, role) in labels where index + label.count <= end && text[index..<(index + label.count)].elementsEqual(label) {
            var after = index + label.count
            if after < end, text[after] == 0x3011 { after += 1 }                  // 【来源】：
            if after == end { return (role, after) }                             // `作者：` at the end, empty
            switch text[after] {
            case 0xFF1A, 0x3A, 0xFF5C, 0x7C, 0x2F, 0xFF0F:                        // ： : ｜ | / ／
                return (role, after + 1)
            default:
                // In a byline a role stands before names with a space alone.
                if byline, bylineRoles.contains(label), lines.hasGap(before: after) || text[after] == 0x20 { return (role, after) }
                continue
            }
        }
        return nil
    }

    /// A value runs to the next field: a space or gap before a label, a
    /// bracket, or the end of the line.
    private static func valueEnd(_ lines: NormalizedLines, from start: Int, end: Int, bracketed: Bool) -> Int {
        let text = lines.text.scalars
        var index = start
        while index < end {
            let value = text[index]
            if value == 0x3010 || (bracketed && value == 0x3011) { return index }
            if lines.hasGap(before: index) || (index > start && text[index - 1] == 0x20) || value == 0x20,
               label(text, at: value == 0x20 ? index + 1 : index, end: end, lines: lines, byline: true) != nil {
                return index
            }
            // `来源：沿河县委党史研究室　　2024-07-22`: a bare date after a gap
            // is a field of its own, the date of publication.
            if index > start, lines.hasGap(before: index) || text[index - 1] == 0x20, ScalarClass.isDigit(value),
               let found = CalendarDay.find(in: text[index..<end]), found.range.lowerBound == index {
                return text[index - 1] == 0x20 ? index - 1 : index
            }
            index += 1
        }
        return end
    }

    private static func skipSeparators(_ text: [UInt32], _ index: Int, _ end: Int) -> Int {
        var index = index
        while index < end, [0x20, 0x7C, 0xFF5C, 0x3011, 0xFF0C, 0x2C, 0x3001].contains(text[index]) { index += 1 }
        return index
    }

    /// `10:02`, `08:56:12` after a date.
    private static func skipTime(_ text: [UInt32], _ index: Int, _ end: Int) -> Int {
        var index = index
        while index < end, text[index] == 0x20 { index += 1 }
        var cursor = index
        while cursor < end, ScalarClass.isDigit(text[cursor]) || text[cursor] == 0x3A || text[cursor] == 0xFF1A { cursor += 1 }
        return cursor > index && text[index..<cursor].contains(where: { $0 == 0x3A || $0 == 0xFF1A }) ? cursor : index
    }

    /// A button or a run of them: `打印`, `关闭窗口`, `大 中 小`.
    private static func isButtonRun(_ text: [UInt32], _ range: Range<Int>) -> Bool {
        let joined = Array(text[range].filter { $0 != 0x20 })
        return buttons.contains(joined)
    }

    static func bracketPair(_ open: UInt32) -> UInt32? {
        switch open {
        case 0xFF08: 0xFF09     // （）
        case 0x28: 0x29         // ()
        case 0x3010: 0x3011     // 【】
        case 0x5B: 0x5D         // []
        default: nil
        }
    }

    // MARK: - Values

    /// The names in a value, split where the page put spaces between them
    /// (`杨帆　泽仁拉姆`) or a list mark (`、`), with the padding inside a
    /// short name joined again (`李 娟` → `李娟`).
    static func names(_ lines: NormalizedLines, _ range: Range<Int>) -> [String] {
        let text = lines.text.scalars
        var pieces: [[UInt32]] = [[]]
        for index in range {
            let value = text[index]
            if value == 0x20 || [0x3001, 0xFF0C, 0x2C, 0xFF1B, 0x3B, 0x2F, 0xFF0F].contains(value) {
                if !(pieces.last!.isEmpty) { pieces.append([]) }
                continue
            }
            if index > range.lowerBound, lines.hasGap(before: index), !(pieces.last!.isEmpty) { pieces.append([]) }
            pieces[pieces.count - 1].append(value)
        }
        pieces.removeAll { $0.isEmpty }
        // A one-character piece is padding inside a name: `李 娟`, `胡 建 国`.
        var names: [[UInt32]] = []
        for piece in pieces {
            if let last = names.last, last.count == 1 || (piece.count == 1 && last.count < 3) {
                names[names.count - 1] += piece
            } else {
                names.append(piece)
            }
        }
        return names.map { String(scalars: $0[...]) }.filter { !$0.isEmpty }
    }

    /// A value as one string, spaces between Chinese characters dropped.
    static func value(_ lines: NormalizedLines, _ range: Range<Int>) -> String? {
        var scalars = lines.text.scalars[range]
        while let first = scalars.first, first == 0x20 || first == 0xFF1A || first == 0x3A { scalars = scalars.dropFirst() }
        while let last = scalars.last, last == 0x20 || last == 0x3011 { scalars = scalars.dropLast() }
        return scalars.isEmpty ? nil : String(scalars: scalars)
    }

    /// `text` without spaces at either end.
    static func trimmed(_ text: ArraySlice<UInt32>) -> ArraySlice<UInt32> {
        var text = text
        while text.first == 0x20 { text = text.dropFirst() }
        while text.last == 0x20 { text = text.dropLast() }
        return text
    }
}
