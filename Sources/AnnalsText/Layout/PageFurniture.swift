import AnnalsModel
import Foundation

/// Finds the lines of a report that are not article text — navigation,
/// metadata, bylines, footers, WeChat cards, page furniture, a report's
/// addressee, attachments and 落款 — and reads what they say about the
/// report into ``ReportMetadata``.
///
/// It runs before the segmenter, which then lays out articles from the
/// lines left, and never sees a `【打印】` or a `发布时间：` line. Bulletin
/// parts that need the whole layout (masthead, contents, sections,
/// distribution lists) stay with ``BulletinSegmenter``.
struct PageFurniture {
    enum Role: Equatable {
        case text
        case setAside(SetAsideLine.Kind)
        /// A photograph's caption inside the body.
        case caption
    }

    var roles: [Role]
    var metadata = ReportMetadata()
    /// The writers and sources a line names (`来源：…`, `作者：…`, a byline),
    /// by line: the segmenter gives them to the article the line belongs to.
    var writers: [Int: [String]] = [:]

    static func find(_ lines: NormalizedLines) -> PageFurniture {
        var page = PageFurniture(roles: Array(repeating: .text, count: lines.lines.count))
        page.classifyLines(lines)
        page.findSiteHeader(lines)
        page.findAccountCard(lines)
        page.findRunningHeaders(lines)
        page.findReportParts(lines)
        return page
    }

    // MARK: - Line by line

    private mutating func classifyLines(_ lines: NormalizedLines) {
        for (index, line) in lines.lines.enumerated() {
            let text = lines.text.scalars[line.range]
            // Furniture is short; a body paragraph skips the string tests.
            let short = text.count <= 120
            if short, let kind = Self.fixedKind(text) {
                roles[index] = .setAside(kind)
            } else if short, let reprint = Self.reprintNote(text) {
                roles[index] = .setAside(.sourceNote)
                metadata.newspaper = metadata.newspaper ?? reprint.paper
                metadata.published = metadata.published ?? reprint.date
            } else if index < 3, let header = Self.newspaperHeader(lines, line, above: index > 0 ? lines.lines[index - 1] : nil) {
                roles[index] = .setAside(.pageHeader)
                if header.paperAbove { roles[index - 1] = .setAside(.pageHeader) }
                metadata.newspaper = metadata.newspaper ?? header.paper
                metadata.published = metadata.published ?? header.date
            } else if short, let owner = Self.footerOwner(text) {
                roles[index] = .setAside(.footer)
                if let owner, metadata.siteOwner == nil || Self.ownerRank(text) > 0 { metadata.siteOwner = owner }
            } else if let header = Self.weChatHeader(lines, line) {
                roles[index] = .setAside(.account)
                metadata.account = metadata.account ?? header.account
                metadata.published = metadata.published ?? header.date
                if let author = header.author {
                    metadata.authors.append(author)
                    writers[index] = [author]
                }
            } else if Self.isCaption(text) {
                roles[index] = .caption
                metadata.photographers += Self.captionPhotographers(lines, line)
            } else if let decoration = Self.bylineDecoration(text) {
                if readFields(lines, line, at: index, byline: true, skipping: decoration) {
                    roles[index] = .setAside(.byline)
                }
            } else if Self.mayHoldFields(text) {
                let byline = Self.startsWithRole(text)
                if readFields(lines, line, at: index, byline: byline, skipping: 0) {
                    roles[index] = .setAside(byline ? .byline : .metadata)
                }
            }
            if roles[index] == .text, let dateline = Self.datelineCredits(lines, line) {
                // `本报讯（记者 … 通讯员 …）` opens a paragraph: the names are
                // read, the paragraph keeps them.
                apply(dateline, lines: lines, at: index)
            }
        }
    }

    /// Reads a line of fields into the metadata; false when it is not one.
    private mutating func readFields(_ lines: NormalizedLines, _ line: NormalizedLine, at index: Int, byline: Bool, skipping: Int) -> Bool {
        var trimmed = line
        trimmed.range = (line.range.lowerBound + skipping)..<line.range.upperBound
        if skipping > 0, let first = lines.text.scalars[safe: trimmed.range.lowerBound], first == 0x20 {
            trimmed.range = (trimmed.range.lowerBound + 1)..<trimmed.range.upperBound
        }
        guard !trimmed.range.isEmpty else { return false }
        if let fields = MetadataFields.parse(lines, trimmed, byline: byline) {
            // A credit of supplied text alone (`（供稿：…）`, `来源：…`) is left
            // to the segmenter, which ends an article at it.
            if fields.allSatisfy({ $0.role == .supplied || $0.role == .source }), BulletinSegmenter.credit(lines, line) != nil {
                return false
            }
            apply(fields, lines: lines, at: index)
            return true
        }
        // `◎ 田茂林`: a decorated byline with names alone.
        guard skipping > 0 else { return false }
        let names = MetadataFields.names(lines, trimmed.range)
        guard !names.isEmpty, names.allSatisfy({ $0.unicodeScalars.count <= 5 && $0.unicodeScalars.allSatisfy { ScalarClass.isIdeograph($0.value) || $0 == "·" } }) else { return false }
        metadata.authors += names
        writers[index, default: []] += names
        return true
    }

    private mutating func apply(_ fields: [MetadataFields.Field], lines: NormalizedLines, at index: Int) {
        for field in fields {
            switch field.role {
            case .published:
                if metadata.published == nil { metadata.published = Self.date(lines.text.scalars[field.value]) }
            case .source:
                guard let value = MetadataFields.value(lines, field.value) else { continue }
                metadata.source = metadata.source ?? value
                writers[index, default: []].append(value)
            case .author, .reporter, .correspondent:
                // `作者：记者 王鑫 通讯员 李娟`: the words 记者 and 通讯员 say what
                // the names after them are, and are no names.
                var role = field.role
                var names: [String] = []
                for name in MetadataFields.names(lines, field.value) {
                    if let said = Self.creditWords[name] {
                        role = said
                        continue
                    }
                    names.append(name)
                    switch role {
                    case .author: metadata.authors.append(name)
                    case .reporter: metadata.reporters.append(name)
                    default: metadata.correspondents.append(name)
                    }
                }
                writers[index, default: []] += names
            case .supplied:
                writers[index, default: []] += MetadataFields.names(lines, field.value)
            case .photographer:
                metadata.photographers += MetadataFields.names(lines, field.value)
            case .editor:
                metadata.editors += MetadataFields.names(lines, field.value)
            case .reviewer:
                metadata.reviewers += MetadataFields.names(lines, field.value)
            case .imageSource:
                metadata.imageSource = metadata.imageSource ?? MetadataFields.value(lines, field.value)
            case .sourceNote, .contact, .ignored:
                continue
            }
        }
    }

    /// A date in a field's value: `2022-09-14 10:02`, `2023/05/12`, `2022年8月8日`.
    static func date(_ value: ArraySlice<UInt32>) -> CalendarDay? {
        CalendarDay.find(in: value)?.day
    }

    // MARK: - Kinds of line

    /// Lines known by their words alone.
    static func fixedKind(_ text: ArraySlice<UInt32>) -> SetAsideLine.Kind? {
        if isRule(text) { return .separator }
        // Whole lines of furniture are short (`长按识别二维码关注我们` has eleven
        // characters); longer lines are told by their first words, so that
        // a body line costs one short string, not a string of all of it.
        let whole = text.count <= 16 ? String(scalars: text) : nil
        if let whole {
            if separators.contains(whole) { return .separator }
            if navigationLines.contains(whole) { return .navigation }
            if weChatFurniture.contains(whole) || (whole.hasSuffix("篇原创内容") && whole.count <= 12) { return .account }
            if ["特此报告。", "特此报告", "特此请示。", "特此请示", "特此函告。"].contains(whole) { return .closing }
        }
        let head = whole ?? String(scalars: text.prefix(8))
        if navigationPrefixes.contains(where: { head.hasPrefix($0) }) { return .navigation }
        if text.count <= 60 && text.contains(where: { $0 == 0x3E || $0 == 0xFF1E || $0 == 0xBB }) && isBreadcrumb(String(scalars: text)) {   // > ＞ »
            return .navigation
        }
        if isMenu(text) || isButtonLine(text) { return .navigation }
        if head.hasPrefix("附件：") || head.hasPrefix("附件:") { return .attachment }
        for (prefixes, kind) in noteKinds where prefixes.contains(where: { head.hasPrefix($0) }) { return kind }
        return nil
    }

    static let separators: Set<String> = ["—END—", "-END-", "END", "— END —", "图片", "（完）", "(完)", "【完】"]
    static let navigationLines: Set<String> = ["阅读原文", "分享收藏点赞在看", "点击上方蓝字关注我们", "点击蓝字关注我们", "点击上方蓝字关注",
                                               "长按识别二维码关注我们", "长按二维码关注", "扫码关注", "返回顶部", "打印本页", "关闭窗口"]
    static let navigationPrefixes = ["上一篇", "下一篇", "相关链接", "相关阅读", "相关新闻", "当前位置", "您当前的位置", "您的位置", "您现在的位置", "所在位置"]
    static let weChatFurniture: Set<String> = ["公众号", "微信公众号", "微信号"]
    static let noteKinds: [([String], SetAsideLine.Kind)] = [
        (["（联系人", "(联系人", "联系人：", "联系电话：", "（联系电话"], .contact),
        (["（资料来源", "(资料来源", "资料来源：", "（作者单位", "(作者单位", "作者单位：", "（史料来源"], .sourceNote),
    ]

    /// `（原载《团结报》2024年12月3日第3版）`, `（本文选自《红岩春秋》2021年第6期）`:
    /// a note, wholly in brackets, of where the text first appeared; its
    /// paper and date stand for the report's when the page gives none.
    static func reprintNote(_ text: ArraySlice<UInt32>) -> (paper: String?, date: CalendarDay?)? {
        guard text.count >= 6, let first = text.first, let last = text.last,
              (first == 0xFF08 && last == 0xFF09) || (first == 0x28 && last == 0x29) else { return nil }
        let inner = text.dropFirst().dropLast()
        let head = String(scalars: inner.prefix(6))
        guard reprintWords.contains(where: { head.hasPrefix($0) }) else { return nil }
        var paper: String?
        if let open = inner.firstIndex(of: 0x300A), let close = inner[open...].firstIndex(of: 0x300B), close > open + 1 {
            paper = String(scalars: inner[(open + 1)..<close])
        }
        return (paper, CalendarDay.find(in: inner)?.day)
    }
    private static let reprintWords = ["原载", "本文原载", "转载自", "本文转载自", "选自", "本文选自", "原刊于", "刊于"]

    /// `━━━━`, `────`, `＊＊＊`: a rule alone on its line.
    static func isRule(_ text: ArraySlice<UInt32>) -> Bool {
        text.count >= 3 && text.allSatisfy { [0x2501, 0x2500, 0x2014, 0x2015, 0x2D, 0x3D, 0x2A, 0xFF0A, 0x7E, 0xFF5E, 0x5F, 0xB7, 0x2027, 0x2550, 0x20].contains($0) }
    }

    /// `首页 > 工作动态 > 区县动态`, `首页 >> 部门动态`.
    static func isBreadcrumb(_ string: String) -> Bool {
        let arrows = string.components(separatedBy: ">").count - 1 + string.components(separatedBy: "＞").count - 1
            + string.components(separatedBy: "»").count - 1
        return arrows >= 1 && string.count <= 60 && !string.contains("。")
    }

    /// `首页 | 机构概况 | 工作动态 | 党史研究`: three or more short items between bars.
    static func isMenu(_ text: ArraySlice<UInt32>) -> Bool {
        guard text.contains(where: { $0 == 0x7C || $0 == 0xFF5C }) else { return false }
        let items = text.split(whereSeparator: { $0 == 0x7C || $0 == 0xFF5C }).map { MetadataFields.trimmed($0) }
        return items.count >= 3 && items.allSatisfy { !$0.isEmpty && $0.count <= 8 }
    }

    /// A line of page buttons: `【打印】【关闭】`, `【关闭】　【返回顶部】`, `字号：大 中 小`.
    static func isButtonLine(_ text: ArraySlice<UInt32>) -> Bool {
        guard text.count <= 40 else { return false }
        let words = text.split(whereSeparator: { $0 == 0x3010 || $0 == 0x3011 || $0 == 0x20 || $0 == 0x5B || $0 == 0x5D })
        guard !words.isEmpty else { return false }
        return words.allSatisfy { MetadataFields.buttons.contains(Array($0)) }
    }

    /// `主办单位：…`, `中共某某县委党史研究室 主办`, `Copyright © … 版权所有`,
    /// `备案号：…`: a footer, and the site owner it names (nil inside when
    /// the footer names none).
    static func footerOwner(_ text: ArraySlice<UInt32>) -> String?? {
        // Every footer holds one of these words: other lines make no string.
        guard text.count <= 120, footerWords.contains(where: { text.contains(scalarsOf: $0) }) else { return nil }
        let string = String(scalars: text)
        let labels = ["主办单位：", "主办单位:", "主办：", "主办:", "版权所有：", "版权所有:"]
        for label in labels where string.hasPrefix(label) {
            return .some(ownerName(String(string.dropFirst(label.count))))
        }
        if let range = string.range(of: "版权所有") {
            var owner = String(string[..<range.lowerBound])
            for mark in ["Copyright", "copyright", "COPYRIGHT", "©", "(C)", "(c)"] { owner = owner.replacingOccurrences(of: mark, with: "") }
            owner = owner.trimmingCharacters(in: .whitespaces)
            // `Copyright © 2022 某某`: a year before the owner.
            while let first = owner.unicodeScalars.first, ScalarClass.isDigit(first.value) || first == "-" || first == " " { owner.removeFirst() }
            return .some(owner.isEmpty ? nil : owner)
        }
        if string.hasSuffix("主办"), string.count <= 40, !string.contains("，"), !string.contains("。") {
            return .some(ownerName(String(string.dropLast(2))))
        }
        let furniture = ["承办：", "承办单位：", "协办：", "备案号", "ICP备", "技术支持", "网站标识码", "公网安备", "网站地图", "联系我们"]
        if furniture.contains(where: { string.hasPrefix($0) }) || (string.contains("ICP备") && string.count <= 80) { return .some(nil) }
        return nil
    }

    private static let footerWords = ["主办", "版权所有", "承办", "协办", "备案号", "ICP备", "技术支持", "网站标识码", "公网安备", "网站地图", "联系我们"].map(\.scalarValues)

    /// 主办 outranks 版权所有 as the owner's word.
    static func ownerRank(_ text: ArraySlice<UInt32>) -> Int {
        String(scalars: text).hasPrefix("主办") ? 1 : 0
    }

    /// The owner in `中共某某县委党史研究室　承办：…`: up to the next label.
    private static func ownerName(_ value: String) -> String? {
        var name = Substring(value)
        for label in ["承办", "协办", "备案号", "技术支持", "地址", "电话", "联系电话", "邮编"] {
            if let range = name.range(of: label) { name = name[..<range.lowerBound] }
        }
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        return trimmed.isEmpty ? nil : trimmed
    }

    /// `黄冈日报　2021年11月8日　星期一　第3版　综合新闻`: the paper and the day.
    /// A digital edition puts the paper on the line above
    /// (`广安日报数字报` / `2024年08月21日　星期三　第03版：要闻`): `paperAbove`.
    static func newspaperHeader(_ lines: NormalizedLines, _ line: NormalizedLine, above: NormalizedLine?) -> (paper: String, date: CalendarDay, paperAbove: Bool)? {
        let text = lines.text.scalars[line.range]
        guard text.count <= 80, let found = CalendarDay.find(in: text) else { return nil }
        let string = String(scalars: text)
        guard string.contains("星期") || string.contains("版") else { return nil }
        let before = String(scalars: text[text.startIndex..<found.range.lowerBound]).trimmingCharacters(in: .whitespaces)
        let paperAbove = before.isEmpty
        // Alone on its line, the date is a newspaper's only with a weekday or
        // a page number (`第03版`), not a bulletin's `…出版`.
        if paperAbove, !string.contains("星期"), !text.indices.contains(where: { text[$0] == 0x7248 && $0 > text.startIndex && ScalarClass.isDigit(text[$0 - 1]) }) { return nil }   // 版
        guard let paperLine = paperAbove ? above.map({ lines.string($0) }) : before else { return nil }
        var paper = paperLine.trimmingCharacters(in: .whitespaces)
        for edition in ["数字报", "电子版", "数字版"] where paper.hasSuffix(edition) { paper = String(paper.dropLast(edition.count)) }
        guard paper.count <= 16, paper.hasSuffix("报") || paper.hasSuffix("报社") else { return nil }
        return (paper, found.day, paperAbove)
    }

    /// `原创 陈思远 习水党史 2023-03-05 18:30 发表于贵州`: the WeChat account
    /// (the word before the date), the author when another name stands
    /// before it, and the date.
    static func weChatHeader(_ lines: NormalizedLines, _ line: NormalizedLine) -> (account: String, author: String?, date: CalendarDay)? {
        let text = lines.text.scalars[line.range]
        guard text.count <= 80, text.starts(with: Self.original) || text.starts(with: Self.reposted) || text.contains(scalarsOf: Self.postedOn),
              let found = CalendarDay.find(in: text) else { return nil }
        let before = MetadataFields.names(lines, (line.range.lowerBound)..<found.range.lowerBound)
            .filter { $0 != "原创" && $0 != "转载" }
        guard let account = before.last else { return nil }
        let author = before.count >= 2 && before[before.count - 2] != account ? before[before.count - 2] : nil
        return (account, author, found.day)
    }

    /// Words inside an author field that say what the names after them are.
    private static let creditWords: [String: MetadataFields.Role] = ["记者": .reporter, "本报记者": .reporter, "特约记者": .reporter,
                                                                     "通讯员": .correspondent, "特约通讯员": .correspondent]

    private static let original = "原创".scalarValues, reposted = "转载".scalarValues, postedOn = "发表于".scalarValues

    /// `▲…`, `△…`, `图为…`: a caption under a photograph.
    static func isCaption(_ text: ArraySlice<UInt32>) -> Bool {
        guard let first = text.first, text.count <= 120 else { return false }
        if first == 0x25B2 || first == 0x25B3 { return true }            // ▲ △
        return text.count <= 80 && text.starts(with: "图为".scalarValues)
    }

    /// The photographer a caption credits: `（摄影：刘 畅）` or `　李 想 摄`.
    static func captionPhotographers(_ lines: NormalizedLines, _ line: NormalizedLine) -> [String] {
        let text = lines.text.scalars
        let range = line.range
        if let open = text[range].lastIndex(where: { $0 == 0xFF08 || $0 == 0x28 }) {
            var inner = NormalizedLine(range: (open + 1)..<range.upperBound, blankLinesBefore: 0, startsPage: false, width: 0)
            if let last = text[safe: range.upperBound - 1], last == 0xFF09 || last == 0x29 { inner.range = (open + 1)..<(range.upperBound - 1) }
            if let fields = MetadataFields.parse(lines, inner), let field = fields.first(where: { $0.role == .photographer }) {
                return MetadataFields.names(lines, field.value)
            }
        }
        // `… 李 想 摄`: the names after the last gap before 摄.
        guard range.count > 2, text[range.upperBound - 1] == 0x6444 else { return [] }   // 摄
        var start = range.upperBound - 1
        while start > range.lowerBound, text[start - 1] != 0x3002, text[start - 1] != 0xFF01 { start -= 1 }
        let names = MetadataFields.names(lines, start..<(range.upperBound - 1))
        return names.count <= 3 && names.allSatisfy { $0.count <= 4 } ? names : []
    }

    /// The decoration a byline starts with (□ ■ ◎ ☆), as a count of scalars to skip.
    static func bylineDecoration(_ text: ArraySlice<UInt32>) -> Int? {
        guard let first = text.first, [0x25A1, 0x25A0, 0x25CE, 0x2606, 0x25C6, 0x25C7].contains(first), text.count <= 60 else { return nil }
        return 1
    }

    static func startsWithRole(_ text: ArraySlice<UInt32>) -> Bool {
        MetadataFields.bylineRoles.contains { text.starts(with: $0) } || text.starts(with: "文/".scalarValues)
    }

    /// A cheap test before parsing fields: a label's separator is present.
    static func mayHoldFields(_ text: ArraySlice<UInt32>) -> Bool {
        text.count <= 200 && text.contains { $0 == 0xFF1A || $0 == 0x3A || $0 == 0xFF5C || $0 == 0x7C || $0 == 0x2F || $0 == 0x3010 }
            || startsWithRole(text)
    }

    /// `本报讯（记者 胡晓燕 通讯员 程立新 王勇）`, `新华社成都5月29日电（记者 …）`
    /// at the start of a paragraph: the fields inside the brackets.
    static func datelineCredits(_ lines: NormalizedLines, _ line: NormalizedLine) -> [MetadataFields.Field]? {
        let text = lines.text.scalars
        let range = line.range
        guard range.count > 6, let open = text[range.prefix(30)].firstIndex(where: { $0 == 0xFF08 || $0 == 0x28 }), open > range.lowerBound,
              text[open - 1] == 0x8BAF || text[open - 1] == 0x7535,                                    // 讯 电
              let close = text[open..<range.upperBound].prefix(60).firstIndex(where: { $0 == 0xFF09 || $0 == 0x29 }) else { return nil }
        var inner = line
        inner.range = (open + 1)..<close
        return MetadataFields.parse(lines, inner, byline: true)
    }

    // MARK: - Lines known by their neighbours

    /// The site's name above its menu or breadcrumb (`中共武汉市委党史研究室`,
    /// `宜章县人民政府网`), or the first crumb of a breadcrumb.
    private mutating func findSiteHeader(_ lines: NormalizedLines) {
        guard let navigation = roles.prefix(4).firstIndex(of: .setAside(.navigation)) else { return }
        for index in 0..<navigation where roles[index] == .text {
            let text = lines.text.scalars[lines.lines[index].range]
            guard text.count <= 30, !text.contains(where: { ScalarClass.continuesSentence($0) || ScalarClass.endsSentence($0) }) else { continue }
            roles[index] = .setAside(.siteHeader)
            if metadata.siteOwner == nil { metadata.siteOwner = String(scalars: text) }
        }
        // `江津区人民政府 > 政务公开 > 部门动态`: the site is the first crumb.
        let crumbs = lines.string(lines.lines[navigation]).components(separatedBy: CharacterSet(charactersIn: ">＞»")).map { $0.trimmingCharacters(in: .whitespaces) }
        if metadata.siteOwner == nil, crumbs.count > 1, let first = crumbs.first, !first.isEmpty,
           !["首页", "网站首页", "当前位置：首页", "当前位置:首页"].contains(first), !first.hasPrefix("当前位置"), !first.hasPrefix("您") {
            metadata.siteOwner = first
        }
    }

    /// A WeChat account's card: its name on a line alone, `…官方公众号`.
    private mutating func findAccountCard(_ lines: NormalizedLines) {
        guard let account = metadata.account else { return }
        for (index, line) in lines.lines.enumerated() where roles[index] == .text {
            let string = lines.string(line)
            if string == account || (string.hasSuffix("公众号") && string.count <= 24) { roles[index] = .setAside(.account) }
        }
    }

    /// A running header: a line that opens a page after a page break and
    /// comes again at the top of another page, or starts with the report's
    /// first line (the bulletin's name).
    private mutating func findRunningHeaders(_ lines: NormalizedLines) {
        let starts = lines.lines.indices.filter { lines.lines[$0].startsPage && roles[$0] == .text && $0 > 0 }
        guard !starts.isEmpty else { return }
        var seen: [String: Int] = [:]
        for index in starts { seen[lines.string(lines.lines[index]), default: 0] += 1 }
        let name = lines.lines.first.map { lines.string($0) } ?? ""
        for index in starts {
            let string = lines.string(lines.lines[index])
            guard string.count <= 40, !string.contains("。") else { continue }
            if seen[string, default: 0] > 1 || (name.count >= 4 && string.hasPrefix(name) && string != name) {
                roles[index] = .setAside(.pageFurniture)
            }
        }
    }

    /// A report's addressee under its title, its attachments and its 落款.
    private mutating func findReportParts(_ lines: NormalizedLines) {
        let text = lines.lines.indices.filter { roles[$0] == .text }
        // `中共某某县委：` on the line after the title.
        if text.count > 2 {
            let line = lines.lines[text[1]]
            if let last = lines.last(line), last == 0xFF1A || last == 0x3A, line.range.count <= 30,
               !lines.text.scalars[line.range].dropLast().contains(where: { ScalarClass.continuesSentence($0) || ScalarClass.endsSentence($0) }) {
                roles[text[1]] = .setAside(.addressee)
            }
        }
        // Attachments listed under `附件：` (`2.陈列大纲（初稿）`).
        for index in lines.lines.indices where roles[index] == .setAside(.attachment) {
            var next = index + 1
            while next < lines.lines.count, roles[next] == .text, Self.isListItem(lines.text.scalars[lines.lines[next].range]) {
                roles[next] = .setAside(.attachment)
                next += 1
            }
        }
        // The 落款: an office on one line and a date alone on the next, near the end.
        let remaining = lines.lines.indices.filter { roles[$0] == .text }
        for position in remaining.indices.reversed().prefix(4) where position > 0 {
            let dateLine = remaining[position], officeLine = remaining[position - 1]
            let dateText = lines.text.scalars[lines.lines[dateLine].range]
            guard let found = CalendarDay.find(in: dateText), found.range == dateText.indices else { continue }
            let office = lines.string(lines.lines[officeLine])
            guard Self.isOfficeName(office) else { continue }
            roles[dateLine] = .setAside(.signature)
            roles[officeLine] = .setAside(.signature)
            metadata.signatory = office
            metadata.signed = found.day
            break
        }
    }

    /// `1.猴场会议会址现状照片`, `2、…`: a short numbered item.
    static func isListItem(_ text: ArraySlice<UInt32>) -> Bool {
        guard text.count <= 40, let first = text.first, ScalarClass.isDigit(first) || CalendarDay.chineseDigit(first) != nil,
              text.count > 2 else { return false }
        let second = text[text.startIndex + 1]
        return second == 0x2E || second == 0x3001 || second == 0xFF0E
    }

    /// An office's name standing alone: `中共麻城市委党史研究室`.
    static func isOfficeName(_ string: String) -> Bool {
        guard (4...30).contains(string.count), !string.contains(where: { "，。：；、！？".contains($0) }) else { return false }
        return ["室", "办", "院", "委", "会", "局", "部", "中心", "政府", "馆", "所", "处", "科", "股", "组"].contains { string.hasSuffix($0) }
    }
}

extension ArraySlice where Element == UInt32 {
    /// Whether the scalars hold `word` somewhere (a scan, no string made).
    func contains(scalarsOf word: [UInt32]) -> Bool {
        guard let first = word.first, count >= word.count else { return false }
        var index = startIndex
        while index <= endIndex - word.count {
            if self[index] == first && self[index..<(index + word.count)].elementsEqual(word) { return true }
            index += 1
        }
        return false
    }
}

