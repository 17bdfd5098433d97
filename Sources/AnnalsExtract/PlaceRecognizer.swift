import AnnalsKnowledge
import AnnalsModel
import AnnalsText

/// Finds places: gazetteer divisions with their short forms, historical and
/// informal regions, and natural features, each resolved to one entry.
///
/// - Full names and level-word forms (酉阳县, 澄江镇, 重庆市) count anywhere;
///   a name shared by several divisions is resolved by the document's other
///   places (see ``PlaceResolver``).
/// - Bare short forms count in context only: provinces and prefectures
///   (湖南, 张家界) anywhere; counties (酉阳, 北碚) when their province is
///   one the document is about, or where a locative or a list makes them
///   places (`经酉阳、秀山`); towns (南腰界) right after their county
///   (`酉阳南腰界`), or in such a context when their county is the report's
///   or the town is one of note (see ``PlaceResolver/isNotable(_:)``).
/// - Regions (湘鄂川黔, 渝东南, 山城) and features (缙云山) count anywhere.
/// Places inside organisation or site names were claimed before this runs.
struct PlaceRecognizer: Recognizer {
    var name: String { "places" }
    var produces: [MentionType] { [.place] }
    var needs: RecognizerNeeds { RecognizerNeeds(lexicon: .place) }

    let resolver: PlaceResolver

    /// 方 角 侧 部 面 向 边 after a two-character region name make it a direction.
    static let directionContinuations: Set<UInt32> = [0x65B9, 0x89D2, 0x4FA7, 0x90E8, 0x9762, 0x5411, 0x8FB9]

    func recognise(in scope: ArticleScope, starts: Candidates) {
        let knowledge = scope.knowledge
        func next(_ index: Int) -> Int { scope.nextCandidate(from: index, starts) }
        var index = next(scope.range.lowerBound)
        while index < scope.range.upperBound {
            // The longest form that can be a place here; the mention is
            // built once, for it, and added where it is built, so that it
            // is not copied out of the search.
            let taken = scope.longestFirst(at: index, of: .place) { length, entries -> Int? in
                let span = index..<(index + length)
                guard scope.isFree(span), let mention = place(span, entries: entries, in: scope, knowledge: knowledge) else { return nil }
                if let division = mention.division {
                    scope.provinces.insert(knowledge.province(of: division))
                }
                let isDivision = mention.division != nil && !Mention.isHistoricalKind(mention.placeKind)
                scope.add(mention)
                // 沿河铅厂坝, 李家河镇利福田村: a locality right after its county or town.
                if isDivision, let locality = Self.locality(after: span.upperBound, in: scope) {
                    scope.add(Mention(type: .place, range: locality, text: scope.string(locality), name: scope.string(locality), placeKind: "locality"))
                    return locality.upperBound - index
                }
                return length
            }
            index = next(index + (taken ?? 1))
        }
    }

    private static let levelCharacters: [UInt32] = "省市县区乡镇村街".unicodeScalars.map(\.value)
    private static var wordKinds: KindMask { KindMask(.title, .organisationWord, .siteSuffix, .nameFollower, .nameBoundary, .eventWord) }

    /// Characters that end the names of villages and localities: 村, 坝, 湾, 坪 ….
    private static let localityEnds: [UInt32] = "村坝湾坪垭沟岭寨塘坳溪冲铺塬".unicodeScalars.map(\.value)

    /// A village or locality the gazetteer does not hold, named right after
    /// its county or town: two or three free characters and a character that
    /// ends such names, followed by punctuation, a mention, or a word that
    /// follows names or places (召开, 的, 等, 一带).
    static func locality(after start: Int, in scope: ArticleScope) -> Range<Int>? {
        for length in [3, 4] {
            let end = start + length
            guard end <= scope.range.upperBound, let last = scope.scalar(end - 1), localityEnds.contains(last) else { continue }
            guard (start..<end).allSatisfy({ ScalarClass.isIdeograph(scope.text[$0]) && !scope.isClaimed($0) }) else { continue }
            // Not a level word run on (乡牌坊村 after 协兴, 县城) nor a word of the
            // lexicons (委员, 召开).
            if levelCharacters.contains(scope.text[start]) || scope.hasMatch(at: start, of: wordKinds) { continue }
            guard let next = scope.scalar(end) else { return start..<end }
            if !ScalarClass.isIdeograph(next) || scope.isClaimed(end)
                || scope.hasMatch(at: end, of: KindMask(.nameFollower, .nameBoundary, .eventWord))
                || ["的", "等", "一带", "召开"].contains(where: { scope.has($0, at: end) }) {
                return start..<end
            }
        }
        return nil
    }

    private func place(_ span: Range<Int>, entries: LexiconEntries, in scope: ArticleScope, knowledge: KnowledgeBase) -> Mention? {
        // A division of the past (大庸, 万县) yields to a division of today
        // named in full by the same form (沙市 is 沙市区 now).
        if let region = Self.region(among: entries, in: scope),
           !(knowledge.regions[Int(region.index)].isHistoricalDivision && entries.contains(where: { $0.kind == .division && $0.form != .short })) {
            let record = knowledge.regions[Int(region.index)]
            // 东北, 西南 … as directions (村子东北方, 西南角) are no regions.
            if span.count == 2, let next = scope.scalar(span.upperBound), Self.directionContinuations.contains(next) { return nil }
            // 山城, 雾都: a nickname of a division is that division.
            if record.kind == "nickname", let member = record.members.first {
                return Mention(type: .place, range: span, text: scope.string(span), name: resolver.canonicalName(member), division: member, placeKind: resolver.kind(member))
            }
            // A division of the past names what it was, and the division of
            // today that covers it (大庸县 → 永定区).
            if record.isHistoricalDivision {
                // By a short form (渡口, also a ferry's landing) only in the
                // provinces the article is about, as a county's short form.
                if region.form != .official, let successor = record.members.first,
                   !scope.provinces.contains(knowledge.province(of: successor)) { return nil }
                return Mention(type: .place, range: span, text: scope.string(span), name: record.name, division: record.members.first, placeKind: record.kind)
            }
            return Mention(type: .place, range: span, text: scope.string(span), name: record.name, placeKind: "region")
        }
        if let feature = entries.first(where: { $0.kind == .feature }) {
            let record = knowledge.features[Int(feature.index)]
            return Mention(type: .place, range: span, text: scope.string(span), name: record.name, division: record.place, placeKind: record.kind)
        }
        // Full names first; short forms only in context. Most forms name
        // one division in full, which is then chosen without an array.
        var anyDivision = false
        var fullNames = 0, firstFullName = 0
        for entry in entries where entry.kind == .division {
            anyDivision = true
            if entry.form != .short {
                if fullNames == 0 { firstFullName = Int(entry.index) }
                fullNames += 1
            }
        }
        guard anyDivision else { return nil }
        if fullNames == 1 {
            if resolver.readsAsWord(firstFullName, at: span.lowerBound, in: scope) { return nil }
            if Self.endsInSettlementNoun(span, in: scope) && knowledge.divisions[firstFullName].level == .town
                && !Self.placeContext(around: span, in: scope) && !Self.startsAfterBoundary(span.lowerBound, in: scope) { return nil }
            return mention(of: firstFullName, span, in: scope)
        }
        var candidates = fullNames == 0 ? [] : entries.filter { $0.kind == .division && $0.form != .short }.map { Int($0.index) }
        if candidates.isEmpty {
            candidates = entries.lazy.filter { $0.kind == .division }.map { Int($0.index) }.filter { index in
                switch knowledge.divisions[index].level {
                case .province, .city:
                    return true
                case .county:
                    // In the provinces the report is about, or where the text
                    // makes it a place (`经酉阳、秀山进入湘西` in a report on 湖南).
                    return scope.provinces.contains(knowledge.province(of: index)) || Self.placeContext(around: span, in: scope)
                case .town:
                    // Right after its county (酉阳南腰界), or where the
                    // report is about its county and the text makes it a
                    // place (`进驻濯水`, `保家、桑柘、郁山等乡镇`).
                    guard let parent = knowledge.divisions[index].parent else { return false }
                    if scope.lastMentionEnds(at: span.lowerBound, in: parent) { return true }
                    // A town of note where the text makes it a place (`在忠堡`).
                    if resolver.isNotable(index) && Self.placeContext(around: span, in: scope) { return true }
                    return (scope.localDivision == parent || scope.mentionedDivisions.contains(parent)) && Self.placeContext(around: span, in: scope)
                }
            }
        }
        guard let chosen = resolver.choose(candidates, mentioned: scope.mentionedDivisions, provinces: scope.provinces, home: scope.home),
              !resolver.readsAsWord(chosen, at: span.lowerBound, in: scope) else { return nil }
        return mention(of: chosen, span, in: scope)
    }

    /// The region a form names. Of several divisions of the past by one
    /// name (大庸 the county until 1985, the city until 1994), the one in
    /// use at the last date the article gave, else the earliest: reports
    /// cite such names for the history they tell.
    static func region(among entries: LexiconEntries, in scope: ArticleScope) -> LexiconEntry? {
        let regions = scope.knowledge.regions
        guard let first = entries.first(where: { $0.kind == .region }) else { return nil }
        var formerCount = 0
        for entry in entries where entry.kind == .region && regions[Int(entry.index)].isHistoricalDivision { formerCount += 1 }
        guard formerCount > 1 else { return first }
        let former = entries.filter { $0.kind == .region && regions[Int($0.index)].isHistoricalDivision }
        let year = scope.lastMention(where: { $0.type == .date }).flatMap { scope.mentions[$0].temporal?.start.year }
        if let year, let inUse = former.first(where: { (regions[Int($0.index)].from ?? Int.min) <= year && year <= (regions[Int($0.index)].until ?? Int.max) }) {
            return inUse
        }
        return former.min { (regions[Int($0.index)].until ?? Int.max) < (regions[Int($1.index)].until ?? Int.max) }
    }

    /// Words before a place that make the next name one (`进驻濯水`, `到郁山`).
    private static let locatives = ["进驻", "抵达", "来到", "途经", "转战", "前往", "进入", "攻占", "经过", "到", "在", "赴", "至", "经", "驻", "抵", "从", "由"].map(scalars)
    /// After a list of towns: `等乡镇`, `等地`, `等村`.
    private static let listClosers = ["等乡镇", "等地", "等镇", "等乡", "等村", "一带", "地区"].map(scalars)

    /// Whether the text around `span` makes it a place: a locative word
    /// right before, a place listed right before it (`保家、桑柘`), or a
    /// list closer or a place listed after (`桑柘、郁山等乡镇`).
    static func placeContext(around span: Range<Int>, in scope: ArticleScope) -> Bool {
        for word in locatives where span.lowerBound - word.count >= scope.range.lowerBound && scope.has(word, at: span.lowerBound - word.count) {
            return true
        }
        if scope.scalar(span.lowerBound - 1) == 0x3001, let last = scope.mentions.last, last.type == .place, last.range.upperBound == span.lowerBound - 1 {
            return true
        }
        var end = span.upperBound
        // Through the rest of a list: `、桑柘、郁山等乡镇`.
        while scope.scalar(end) == 0x3001 {
            guard let next = stride(from: end + 2, to: min(end + 5, scope.range.upperBound), by: 1)
                .first(where: { scope.scalar($0) == 0x3001 || scope.has("等", at: $0) }) else { break }
            end = next
        }
        return listClosers.contains { scope.has($0, at: end) }
    }

    /// 乡镇, 集镇, 城镇 at the end of a name: `部分乡镇` holds no 分乡镇, `小集镇` no town.
    private static let settlementNouns = ["乡镇", "集镇", "城镇", "村镇"].map(scalars)

    static func endsInSettlementNoun(_ span: Range<Int>, in scope: ArticleScope) -> Bool {
        span.count >= 3 && scope.text[span.upperBound - 1] == 0x9547 && settlementNouns.contains { scope.has($0, at: span.upperBound - 2) }   // 镇
    }

    /// Whether a name may start at `index`: the start, after punctuation or
    /// a recognised mention, after a place that ends there.
    static func startsAfterBoundary(_ index: Int, in scope: ArticleScope) -> Bool {
        guard index > scope.range.lowerBound else { return true }
        let previous = scope.text[index - 1]
        return !ScalarClass.isIdeograph(previous) || scope.isClaimed(index - 1)
    }

    private func mention(of division: Int, _ span: Range<Int>, in scope: ArticleScope) -> Mention {
        Mention(type: .place, range: span, text: scope.string(span), name: resolver.canonicalName(division), division: division, placeKind: resolver.kind(division))
    }
}
