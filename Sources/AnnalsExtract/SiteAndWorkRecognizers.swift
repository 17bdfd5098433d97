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
            // An opening quote “ ends the run: the name starts inside it
            // (`人称“周公馆”`). 、 between numerals belongs to a unit's name
            // (`红二、六军团木黄会师纪念馆`).
            let numeralList = previous == 0x3001 && start - 2 >= scope.range.lowerBound
                && isNumeral(scope.text[start - 2]) && isNumeral(scope.text[start])
            let isNamePart = ScalarClass.isIdeograph(previous) || ScalarClass.isASCIILetterOrDigit(previous)
                || previous == 0x201D || previous == 0xB7 || numeralList
            guard isNamePart, !scope.isClaimed(start - 1) || scope.mentions.contains(where: { $0.range.contains(start - 1) && $0.type != .date }) else { break }
            if boundaryEnds(at: start, in: scope) { break }
            start -= 1
        }
        // A boundary word may also end right at the start found.
        return start
    }

    /// 一 to 十: the numerals of unit names.
    static func isNumeral(_ value: UInt32) -> Bool { numerals.contains(value) }
    private static let numerals: Set<UInt32> = Set("一二三四五六七八九十".unicodeScalars.map(\.value))

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
///
/// A name ending in a site word starts at a name, never at a verb phrase:
/// right after a word that introduces one (考察, 位于: ``NameStart``), else
/// where evidence of a name begins (``nameBegins(at:before:residence:in:)``);
/// without either there is no site (`加强革命遗址`, `统筹做好旧址`).
struct SiteRecognizer: Recognizer {
    var name: String { "sites" }
    var produces: [MentionType] { [.site] }
    var needs: RecognizerNeeds { RecognizerNeeds(lexicon: .site) }

    let resolver: PlaceResolver

    /// Kinds whose forms name something: a site's name may start with one.
    private static var namingKinds: KindMask {
        KindMask(bits: LexiconEntry.Kind.division.bit | LexiconEntry.Kind.region.bit | LexiconEntry.Kind.feature.bit
                 | LexiconEntry.Kind.organisation.bit | LexiconEntry.Kind.person.bit | LexiconEntry.Kind.site.bit)
    }
    /// Characters that end place names (坝, 湾, 山 …): `干田坝誓师大会旧址`,
    /// `困牛山战斗遗址` start with a toponym the gazetteer does not hold.
    private static let toponymEnds: Set<UInt32> = Set("山坝湾坪岭溪沟垭口桥寨村坡塘河洞关堡场岩庙寺祠院楼街巷峡江湖界田坳垴堰滩城镇乡营屯庄铺园台池井坊阁亭".unicodeScalars.map(\.value))
    private static let levelWords: Set<UInt32> = [0x53BF, 0x533A, 0x5E02]   // 县 区 市
    private static let family: UInt32 = 0x5BB6                                // 家

    /// What a site's name begins with: a name, or the level word of the
    /// article's own county (县 in `县党史陈列室`), which stands for it.
    enum Beginning { case name, localLevelWord }

    /// How a site's name begins at `start` (before the site word at `end`):
    /// with a known name (a place, body, person or site), a numeral or
    /// digit (八一, 816), a surname and 家 (张家祠堂), a person's name before
    /// 故居/旧居, a toponym (干田坝, 困牛山), or the level word of the
    /// article's own county (`县党史陈列室` in a report on 桑植县). Nil
    /// where none of these begins (a verb, an adverb, a quantifier).
    static func nameBegins(at start: Int, before end: Int, residence: Bool, in scope: ArticleScope) -> Beginning? {
        let first = scope.text[start]
        // Digits, 第 and numerals that run on (八一, 二七; not 二要 of a list
        // of tasks) begin names of units and days.
        if ScalarClass.isASCIILetterOrDigit(first) || first == 0x7B2C { return .name }   // 第
        if NameStart.isNumeral(first), let second = scope.scalar(start + 1), NameStart.isNumeral(second) || second == 0x3001 { return .name }
        // 革命烈士纪念碑, 烈士陵园: the memorial of the place reported on.
        if memorialWords.contains(where: { scope.has($0, at: start) }) && end - start <= 4 { return .name }
        if scope.anyMatch(at: start, of: namingKinds, where: { $0 <= end }) { return .name }
        if scope.knowledge.isSingleSurname(first), let second = scope.scalar(start + 1) {
            if second == family { return .name }
            if residence && (2...3).contains(end - start) { return .name }
        }
        for offset in 1...3 where start + offset < end {
            if toponymEnds.contains(scope.text[start + offset]) && start + offset + 1 < end { return .name }
        }
        return nil
    }

    private static let memorialWords = ["革命烈士", "烈士"]

    /// Whether `start` holds the level word of the article's own county
    /// standing for it (`县党史陈列室`, not the 县 of 桑植县).
    static func localLevelWord(at start: Int, in scope: ArticleScope) -> Bool {
        guard levelWords.contains(scope.text[start]), let local = scope.localDivision,
              scope.knowledge.divisions[local].name.unicodeScalars.last?.value == scope.text[start] else { return false }
        return !scope.hasMatch(endingAt: start + 1, of: .place)
    }

    private static let residenceWords = ["故居", "旧居"]

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
                var division: Int?
                if index > scope.range.lowerBound, scope.text[index - 1] == 0x201D,
                   let open = (scope.range.lowerBound..<(index - 1)).last(where: { scope.text[$0] == 0x201C }), index - open <= NameStart.maximumLength {
                    start = open
                    name = scope.string((open + 1)..<(index - 1)) + scope.string(index..<end)
                } else {
                    start = NameStart.find(before: index, in: scope)
                    // Cut to where a name begins; none: no site.
                    let residence = Self.residenceWords.contains(where: { scope.has($0, at: index) })
                    var beginning: Beginning?
                    // The county's own level word wins: what runs before
                    // it (`红军时期革命文物入藏`) is the sentence, not the name.
                    if start < index, let level = (start..<index).last(where: { Self.localLevelWord(at: $0, in: scope) }) {
                        start = level
                        beginning = .localLevelWord
                    } else if NameStart.boundaryEnds(at: start, in: scope) {
                        // Right after a word that introduces a name (考察, 位于):
                        // the object is the name (`考察党史资料陈列室`).
                        beginning = .name
                    }
                    while beginning == nil && start < index - 1 {
                        beginning = Self.nameBegins(at: start, before: index, residence: residence, in: scope)
                        if beginning != nil { break }
                        start += 1
                    }
                    if beginning == .localLevelWord, let local = scope.localDivision {
                        division = local
                        name = resolver.canonicalName(local) + scope.string((start + 1)..<end)
                    } else {
                        name = scope.string(start..<end)
                    }
                    if beginning == nil { start = index }
                }
                // 革命旧址, 红色遗址: a common noun, not a site.
                let generic = scope.knowledge.genericSiteQualifiers.contains(scope.string(start..<index))
                if index - start >= 2 && !generic && scope.isFree(start..<end) {
                    let span = start..<end
                    scope.add(Mention(type: .site, range: span, text: scope.string(span), name: name, division: division))
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
