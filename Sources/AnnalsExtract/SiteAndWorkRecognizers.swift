import AnnalsKnowledge
import AnnalsModel
import AnnalsText

/// Finds where a name that ends in a keyword (旧址, 陈列展) begins: it runs
/// back over ideographs, digits and quotes until punctuation, a boundary
/// word (在, 位于, 考察, 以及 …) or the length limit.
struct NameStart {
    static let maximumLength = 20

    static func find(before end: Int, in scope: ArticleScope) -> Int {
        var start = end
        while start > scope.range.lowerBound, end - start < maximumLength {
            let previous = scope.text[start - 1]
            let isNamePart = ScalarClass.isIdeograph(previous) || ScalarClass.isASCIILetterOrDigit(previous)
                || previous == 0x201C || previous == 0x201D || previous == 0xB7
            guard isNamePart, !scope.isClaimed(start - 1) || scope.mentions.contains(where: { $0.range.contains(start - 1) && $0.type != .date }) else { break }
            if boundaryEnds(at: start, in: scope) { break }
            start -= 1
        }
        // A boundary word may also end right at the start found.
        return start
    }

    /// Whether a boundary word ends at `index` (and so a name starts there):
    /// a boundary word (在, 位于, 考察), or a verb that follows names
    /// (召开, 主持). Titles are not boundaries: 总指挥部旧址 holds one.
    static func boundaryEnds(at index: Int, in scope: ArticleScope) -> Bool {
        guard scope.hasMatch(endingAt: index, of: .boundary) else { return false }
        for length in 1...4 where index - length >= scope.range.lowerBound {
            var found = false
            scope.forEachMatch(at: index - length) { matchLength, entries in
                if matchLength == length && entries.contains(where: { $0.kind == .nameBoundary || ($0.kind == .nameFollower && matchLength >= 2) }) {
                    found = true
                }
            }
            if found { return true }
        }
        return false
    }
}

/// Finds revolutionary and memorial sites: known ones (白公馆, 渣滓洞) and
/// names ending in a site word (旧址, 故居, 纪念馆, 陈列室, 烈士陵园 …),
/// with the place each is in.
struct SiteRecognizer: Recognizer {
    var name: String { "sites" }
    var produces: [MentionType] { [.site] }
    var needs: RecognizerNeeds { RecognizerNeeds(lexicon: .site) }

    func recognise(in scope: ArticleScope, starts: Candidates) {
        func next(_ index: Int) -> Int { scope.nextCandidate(from: index, starts) }
        var index = next(scope.range.lowerBound)
        while index < scope.range.upperBound {
            // A known site — but a short alias with a longer name running on
            // to the left is another site: 川河盖红三军司令部旧址 is not the
            // 红三军司令部旧址 of 南腰界 that the list knows.
            if let (length, entry) = scope.longestMatch(at: index, .site),
               entry.form == .official || NameStart.find(before: index, in: scope) == index {
                let span = index..<(index + length)
                let site = scope.knowledge.sites[Int(entry.index)]
                scope.add(Mention(type: .site, range: span, text: scope.string(span), name: site.name, division: site.place))
                index = next(index + length)
                continue
            }
            if let (length, _) = scope.longestMatch(at: index, .siteSuffix) {
                let end = index + length
                // “中共中央西南局历史陈列”主展厅: the quoted name and the word.
                var start: Int
                var name: String
                if index > scope.range.lowerBound, scope.text[index - 1] == 0x201D,
                   let open = (scope.range.lowerBound..<(index - 1)).last(where: { scope.text[$0] == 0x201C }), index - open <= NameStart.maximumLength {
                    start = open
                    name = scope.string((open + 1)..<(index - 1)) + scope.string(index..<end)
                } else {
                    start = NameStart.find(before: index, in: scope)
                    name = scope.string(start..<end)
                }
                // 革命旧址, 红色遗址: a common noun, not a site.
                let generic = scope.knowledge.genericSiteQualifiers.contains(scope.string(start..<index))
                if index - start >= 2 && !generic && scope.isFree(start..<end) {
                    let span = start..<end
                    scope.add(Mention(type: .site, range: span, text: scope.string(span), name: name))
                    index = next(end)
                    continue
                }
            }
            index = next(index + 1)
        }
    }
}

/// Finds titled works: everything in 《》 (books, films, documents,
/// agreements, lectures), and exhibitions named without quotes
/// (`中共中央西南局历史陈列展（一期）`).
struct WorkRecognizer: Recognizer {
    var name: String { "works" }
    var produces: [MentionType] { [.work] }
    var needs: RecognizerNeeds { RecognizerNeeds(startCharacters: Self.mayStartWork) }

    /// Whether the name from `index` to `end` starts with a known name that
    /// ends close to `end` (中共中央西南局 + 历史陈列展; not 北碚区 +
    /// 相关部门做好 + 展览).
    static func startsWithKnownName(at index: Int, before end: Int, in scope: ArticleScope) -> Bool {
        var known = false
        scope.forEachMatch(at: index) { length, entries in
            if length >= 2, end - (index + length) <= 2,
               entries.contains(where: { Self.namingKinds.contains($0.kind) && $0.form != .short }) {
                known = true
            }
        }
        return known
    }

    private static var namingKinds: KindMask { KindMask(bits: LexiconEntry.Kind.division.bit | LexiconEntry.Kind.region.bit | LexiconEntry.Kind.organisation.bit | LexiconEntry.Kind.person.bit | LexiconEntry.Kind.site.bit) }
    private static let open: UInt32 = 0x300A    // 《
    private static let close: UInt32 = 0x300B   // 》
    private static let exhibitionWords = ["历史陈列展", "陈列展", "图片展", "专题展", "展览"].map(scalars)
    private static let exhibitionFirsts = exhibitionWords.compactMap(\.first)

    /// Whether a work can start with `value`: 《 or an exhibition word's
    /// first character.
    static func mayStartWork(_ value: UInt32) -> Bool {
        value == open || exhibitionFirsts.contains(value)
    }

    func recognise(in scope: ArticleScope, starts: Candidates) {
        // Read once: a static array is a lazily initialised global.
        let exhibitionWords = Self.exhibitionWords
        // Only where 《 or an exhibition word's first character stands
        // (claimed or not: works are found first).
        func next(_ index: Int) -> Int { scope.nextCandidate(from: index, starts, unclaimed: false) }
        var index = next(scope.range.lowerBound)
        while index < scope.range.upperBound {
            if scope.text[index] == Self.open,
               let end = ((index + 1)..<min(scope.range.upperBound, index + 80)).first(where: { scope.text[$0] == Self.close || scope.text[$0] == 0x0A }),
               scope.text[end] == Self.close, end > index + 1 {
                let span = index..<(end + 1)
                scope.add(Mention(type: .work, range: span, text: scope.string(span), name: scope.string((index + 1)..<end)))
                index = next(end + 1)
                continue
            }
            if let word = exhibitionWords.first(where: { scope.has($0, at: index) }) {
                let start = NameStart.find(before: index, in: scope)
                var end = index + word.count
                let name = scope.string(start..<end)
                // （一期）: a part of the exhibition, kept in the surface.
                if scope.scalar(end) == 0xFF08, let closing = (end..<min(scope.range.upperBound, end + 8)).first(where: { scope.text[$0] == 0xFF09 }) {
                    end = closing + 1
                }
                // An exhibition is named after someone or something known:
                // 中共中央西南局历史陈列展, not 做好展览.
                if index - start >= 4 && scope.isFree(start..<end) && Self.startsWithKnownName(at: start, before: index, in: scope) {
                    scope.add(Mention(type: .work, range: start..<end, text: scope.string(start..<end), name: name))
                    index = next(end)
                    continue
                }
            }
            index = next(index + 1)
        }
    }
}
