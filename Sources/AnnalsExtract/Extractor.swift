import AnnalsKnowledge
import AnnalsModel
import AnnalsText

/// The entities found in one article, and the date of its main event.
public struct ExtractedArticle: Sendable {
    public var article: Article
    /// Mentions in text order.
    public var mentions: [Mention]
    /// The date of what the article reports: its first full date close
    /// before the issue date, else its first full date, else its first month.
    public var date: TemporalValue?
    /// The article's main event first, then the other happenings it states.
    public var events: [Event] = []
}

/// A document with what the recognisers found in each article.
public struct Extraction: Sendable {
    public var document: Document
    public var articles: [ExtractedArticle]
    /// The division the publisher belongs to (重庆市 for
    /// 中共重庆市委党史研究室), if the publisher names one.
    public var home: Int?
}

/// Runs its recognisers (``Recognizer``), in order, over every article of a
/// document, then gives sites their places, dates the article and finds its
/// events from the mentions. The standard list
/// (``standardRecognizers(knowledge:)``) lets the more specific claim their
/// text first: works (《…》), dates, sites, organisations, people, places.
public struct Extractor: Sendable {
    public let knowledge: KnowledgeBase
    /// The recognisers, in the order they run.
    package let recognizers: [any Recognizer]
    let tables: RecognitionTables
    /// Made once: the standard recognisers share it.
    let resolver: PlaceResolver

    public init(knowledge: KnowledgeBase) {
        let resolver = PlaceResolver(knowledge: knowledge)
        self.init(knowledge: knowledge, recognizers: Self.standardRecognizers(resolver: resolver), resolver: resolver)
    }

    /// An extractor with its own list of recognisers (a new one tried
    /// beside the standard ones, say).
    package init(knowledge: KnowledgeBase, recognizers: [any Recognizer]) {
        self.init(knowledge: knowledge, recognizers: recognizers, resolver: PlaceResolver(knowledge: knowledge))
    }

    private init(knowledge: KnowledgeBase, recognizers: [any Recognizer], resolver: PlaceResolver) {
        self.knowledge = knowledge
        self.recognizers = recognizers
        self.resolver = resolver
        tables = RecognitionTables(knowledge: knowledge, recognizers: recognizers)
    }

    public func extract(_ document: Document) -> Extraction {
        var document = document
        let home = homeDivision(of: document)
        document.publisher = canonicalPublisher(of: document, home: home)
        var homeProvinces = DivisionSet()
        if let home { homeProvinces.insert(knowledge.province(of: home)) }

        var articles: [ExtractedArticle] = []
        // One article's match table at a time, in memory kept from one to the next.
        let buffers = MatchBuffers()
        for article in document.articles {
            // Short county names count in the provinces this article is about.
            let scope = ArticleScope(document: document, article: article, knowledge: knowledge, tables: tables,
                                     home: home, provinces: homeProvinces, buffers: buffers)
            scope.provinces.formUnion(namedProvinces(in: scope))
            if let credit = article.creditRange { scope.claim(credit.lowerBound..<min(credit.upperBound + 1, article.range.upperBound)) }
            scope.localDivision = localDivision(of: article, in: scope, resolver: resolver)
            for (recognizer, starts) in zip(recognizers, tables.startMasks) {
                recognizer.recognise(in: scope, starts: starts)
            }
            var mentions = scope.takeMentions()
            Self.sortByStart(&mentions)
            locateSites(&mentions, localDivision: scope.localDivision, resolver: resolver)
            // The article's event words, found once: the date leaves out what
            // a work is about, and each sentence's events take their own.
            let words = EventWords(in: scope)
            let date = mainDate(mentions, published: document.published) { words.isNarrated($0.range.lowerBound, in: scope) }
            let events = EventRecognizer().events(in: scope, mentions: mentions, date: date, words: words)
            // The article is dated by the day its event began (9月5日 of
            // 9月5日至9日); the event keeps the whole span.
            let firstDay = date.flatMap { $0.precision == .day && $0.isRange ? TemporalValue.day($0.start.year, $0.start.month, $0.start.day) : $0 }
            articles.append(ExtractedArticle(article: article, mentions: mentions, date: firstDay, events: events))
        }
        return Extraction(document: document, articles: articles, home: home)
    }

    /// Puts mentions in text order, ties in the order found. Mentions are
    /// large and hold strings: their starts are sorted, then each mention
    /// is moved into place along the permutation's cycles, once, without
    /// copying (a copy retains every string it holds; a swap moved each
    /// mention three times). Each sort key is one number, start << 32 |
    /// index, so the sort needs no closure and ties keep their order; a
    /// key set to its own slot marks that slot placed.
    static func sortByStart(_ mentions: inout [Mention]) {
        guard mentions.count > 1 else { return }
        var order = mentions.indices.map { UInt64(mentions[$0].range.lowerBound) << 32 | UInt64($0) }
        order.sort()
        let index = { (key: UInt64) in Int(truncatingIfNeeded: key & 0xFFFF_FFFF) }
        mentions.withUnsafeMutableBufferPointer { mentions in
            let base = mentions.baseAddress!
            for start in order.indices where index(order[start]) != start {
                // The cycle through `start`: each slot takes the mention
                // that belongs there, moved out of its own slot (already
                // emptied by then, or `start`'s, held aside).
                let held = (base + start).move()
                var slot = start
                while index(order[slot]) != start {
                    let source = index(order[slot])
                    (base + slot).moveInitialize(from: base + source, count: 1)
                    order[slot] = UInt64(slot)
                    slot = source
                }
                (base + slot).initialize(to: held)
                order[slot] = UInt64(slot)
            }
        }
    }

    /// Gives each site the place it is in: its known county, else the first
    /// place named in its sentence (`…旧址位于北碚区澄江镇`), else the
    /// article's own district.
    func locateSites(_ mentions: inout [Mention], localDivision: Int?, resolver: PlaceResolver) {
        for index in mentions.indices where mentions[index].type == .site {
            var division = mentions[index].division
            if division == nil {
                let sentence = mentions[index].sentence, end = mentions[index].range.upperBound
                let places = mentions.indices.filter { mentions[$0].type == .place && mentions[$0].sentence == sentence && mentions[$0].division != nil }
                division = (places.first { mentions[$0].range.lowerBound >= end } ?? places.last).flatMap { mentions[$0].division } ?? localDivision
            }
            guard let division else { continue }
            mentions[index].division = division
            mentions[index].locatedIn = resolver.canonicalName(division)
        }
    }

    /// The division the publisher belongs to: 重庆市 for 中共重庆市委党史研究室.
    /// When the publisher names none (`县委党史研究室`), the site's owner,
    /// the source or the newspaper may (`宜章县人民政府网`).
    func homeDivision(of document: Document) -> Int? {
        let metadata = document.metadata
        for name in [document.publisher, metadata.siteOwner, metadata.source, metadata.newspaper, metadata.signatory, metadata.account] {
            if let name, let found = division(namedIn: name) { return found }
        }
        return nil
    }

    /// A party-history office by its canonical name, when the report makes
    /// it certain: `江津区委党史研究室` on a page of 江津区 is
    /// `中共重庆市江津区委党史研究室`, `县委党史研究室` on 宜章县's site is
    /// `中共宜章县委党史研究室`. Other publishers stay as written.
    func canonicalPublisher(of document: Document, home: Int?) -> String? {
        guard let publisher = document.publisher, let home else { return document.publisher }
        var name = Substring(publisher)
        if name.hasPrefix("中共") { name = name.dropFirst(2) }
        // `…县委党史研究室`: the level before 委 must be the home division's.
        guard let committee = name.range(of: "委党史") ?? name.range(of: "委史志"), committee.lowerBound > name.startIndex else { return publisher }
        let levelIndex = name.index(before: committee.lowerBound)
        let level = name[levelIndex]
        let written = name[name.startIndex..<levelIndex]
        let division = knowledge.divisions[home]
        guard division.name.last == level, written.isEmpty || division.name.hasPrefix(written) || division.commonName.hasPrefix(written) else { return publisher }
        return "中共" + resolver.organisationPrefix(home) + name[committee.lowerBound...]
    }

    /// The first division `name` names in full, or a province or
    /// prefecture by its short form (六盘水 in 六盘水日报, 遵义 in 遵义日报:
    /// few such names are shared, and a publisher's name starts with its
    /// place).
    private func division(namedIn name: String) -> Int? {
        let text = scalars(name)
        var found: Int?
        text.withUnsafeBufferPointer { buffer in
            for start in 0..<buffer.count where found == nil {
                var best: Int?
                knowledge.forEachMatch(in: buffer, at: start) { _, entries in
                    if let entry = entries.first(where: { $0.kind == .division && $0.form != .short }) {
                        best = Int(entry.index)
                    } else if start == 0, entries.filter({ $0.kind == .division }).count == 1,
                              let entry = entries.first(where: { $0.kind == .division && [.province, .city].contains(knowledge.divisions[Int($0.index)].level) }) {
                        best = Int(entry.index)
                    }
                }
                found = best
            }
        }
        return found
    }

    /// Provinces of the divisions an article names unambiguously in full:
    /// each form that names exactly one division other than by a short
    /// form, if the form is three characters or longer or the division is
    /// a province. One look-up a match, over the article's whole match
    /// table (claimed text counts: 重庆 inside 重庆市委 names 重庆市 too).
    func namedProvinces(in scope: ArticleScope) -> DivisionSet {
        var provinces = DivisionSet()
        tables.namedProvince.withUnsafeBufferPointer { namedProvince in
            scope.forEveryMatch { length, surface in
                let named = namedProvince[surface]
                if named >= 0 && (length >= 3 || named & 1 != 0) { provinces.insert(Int(named >> 1)) }
            }
        }
        return provinces
    }

    /// The district or county an article is about: the first one its title
    /// names, else the first its text names in full.
    func localDivision(of article: Article, in scope: ArticleScope, resolver: PlaceResolver) -> Int? {
        let areas: [Range<Int>] = [article.titleRange, article.range]
        for area in areas {
            func next(_ index: Int) -> Int { scope.nextCandidate(from: index, .place, unclaimed: false, before: area.upperBound) }
            var index = next(area.lowerBound)
            while index < area.upperBound {
                // The longest form naming counties: its entries, and whether
                // one is named in full.
                var best = LexiconEntries(start: nil, count: 0)
                var strong = false
                scope.forEachMatch(at: index) { _, entries in
                    var hasCounty = false, full = false
                    for entry in entries where Self.isCounty(entry, knowledge) {
                        hasCounty = true
                        if entry.form != .short { full = true }
                    }
                    if hasCounty {
                        best = entries
                        strong = full
                    }
                }
                // In the text, only a county named in full counts: the
                // candidates are gathered only where they can decide.
                guard !best.isEmpty, area == article.titleRange || strong else {
                    index = next(index + 1)
                    continue
                }
                let counties = best.filter { Self.isCounty($0, knowledge) }.map { Int($0.index) }
                let candidates = counties.filter { scope.provinces.contains(knowledge.province(of: $0)) }
                if let chosen = resolver.choose(candidates.isEmpty && strong ? counties : candidates, mentioned: DivisionSet(), provinces: scope.provinces, home: scope.home) {
                    return chosen
                }
                index = next(index + 1)
            }
        }
        return nil
    }

    @inline(__always)
    private static func isCounty(_ entry: LexiconEntry, _ knowledge: KnowledgeBase) -> Bool {
        entry.kind == .division && knowledge.divisions[Int(entry.index)].level == .county
    }

    /// The date of the article's own event:
    /// - a report on today's work: its first day (or span of days) within
    ///   a year before the issue (`9月5日至9日`), else its first month there
    ///   (`3月中旬以来` is March);
    /// - a history told, which opens on its subject's time (`1934年春`,
    ///   `1934年5月`): that first date, even when it ends on a day of today;
    /// - else the first day, else the first month.
    /// Dates the caller marks `isContent` are left out: what a work or a
    /// talk is about (该书记述了1949年11月…).
    func mainDate(_ mentions: [Mention], published: CalendarDay?, isContent: (Mention) -> Bool) -> TemporalValue? {
        let dated = mentions.filter { $0.type == .date && $0.temporal?.modifier != "after" && !isContent($0) }
        let dates = dated.compactMap(\.temporal)
        let days = dates.filter { $0.precision == .day }
        if let published {
            func isRecent(_ value: TemporalValue) -> Bool { value.start <= published && value.start.year >= published.year - 1 }
            let first = mentions.first(where: { $0.type == .date && $0.sentence > 0 && !isContent($0) })?.temporal
            // A narrative opens on its history (`1934年10月下旬，…`) and may end
            // on today's commemoration (`今年11月26日，纪念座谈会…`): it is
            // dated by its opening.
            let opensOnHistory = first.map { !isRecent($0) && $0.modifier != "after" && $0.precision <= .season } ?? false
            if !opensOnHistory, let recent = days.first(where: isRecent) { return recent }
            // A report that opens on a month of today's work (`2022年7月至8月`,
            // `3月中旬以来`) before any history it recalls.
            if let first, first.precision <= .month, isRecent(first) {
                // The month a period since then began in.
                return first.modifier == "after" ? TemporalValue.month(first.start.year, first.start.month) ?? first : first
            }
            if opensOnHistory || !dates.contains(where: isRecent),
               let opening = dated.first(where: { $0.sentence > 0 && ($0.temporal?.precision ?? .century) <= .season })?.temporal {
                return opening
            }
        }
        return days.first { !$0.isRange } ?? days.first ?? dates.first { $0.precision == .month && !$0.isRange }
    }
}
