import AnnalsKnowledge

/// Chooses among divisions that share a name (澄江镇 is in eight counties,
/// 江北区 in two cities) and writes their canonical names.
struct PlaceResolver {
    let knowledge: KnowledgeBase
    /// ``organisationPrefix(_:)`` of the divisions whose prefix is not
    /// their own name (the districts and counties of the municipalities),
    /// made once per extractor rather than joined at every organisation.
    private let municipalPrefixes: [Int: String]

    /// Counties whose full name reads as a word and a level word (会同县,
    /// 和县), found once: see ``readsAsWord(_:at:in:)``.
    private let wordLikeCounties: [Bool]

    /// Towns known for the history they saw, found once: see ``isNotable(_:)``.
    private let notableTowns: [Bool]

    init(knowledge: KnowledgeBase) {
        self.knowledge = knowledge
        municipalPrefixes = Self.municipalPrefixes(in: knowledge)
        wordLikeCounties = Self.wordLikeCounties(in: knowledge)
        notableTowns = Self.notableTowns(in: knowledge)
    }

    /// Whether a town is known for the history reports tell of it: a site of
    /// the knowledge in its county bears its short name (南腰界 in
    /// 南腰界红三军司令部旧址, 忠堡 in 忠堡大捷遗址), or a curated happening is
    /// named by it (忠堡战斗). Such a town is named without its county in
    /// narratives (`6月在忠堡、8月在板栗园`), where a town of no note would not be.
    func isNotable(_ town: Int) -> Bool { notableTowns[town] }

    private static func notableTowns(in knowledge: KnowledgeBase) -> [Bool] {
        let divisions = knowledge.divisions
        var found = [Bool](repeating: false, count: divisions.count)
        var townsOf: [Int: [Int]] = [:]
        var townsByForm: [String: [Int]] = [:]
        for index in divisions.indices where divisions[index].level == .town {
            guard let parent = divisions[index].parent else { continue }
            townsOf[parent, default: []].append(index)
            for form in shortForms(of: divisions[index]) { townsByForm[form, default: []].append(index) }
        }
        for site in knowledge.sites + knowledge.features {
            guard let place = site.place else { continue }
            let county = divisions[place].level == .town ? divisions[place].parent ?? place : place
            for town in townsOf[county] ?? [] where shortForms(of: divisions[town]).contains(where: { form in
                site.name.contains(form) || site.aliases.contains { $0.contains(form) }
            }) {
                found[town] = true
            }
        }
        // A cue that is also a county's name (沿河, 酉阳) names the county.
        var higherForms: Set<String> = []
        for division in divisions where division.level != .town {
            higherForms.insert(division.name)
            higherForms.formUnion(division.aliases)
        }
        for event in knowledge.knownEvents {
            for cue in event.cues.joined() where !higherForms.contains(cue) {
                for town in townsByForm[cue] ?? [] { found[town] = true }
            }
        }
        return found
    }

    /// A town's names without its level word, of two characters or more
    /// (南腰界 of 南腰界镇, 刘家坪 of 刘家坪白族乡).
    private static func shortForms(of town: Division) -> [String] {
        town.aliases.filter { alias in
            alias.count >= 2 && !["镇", "乡", "街道"].contains { alias.hasSuffix($0) }
        }
    }

    private static func wordLikeCounties(in knowledge: KnowledgeBase) -> [Bool] {
        var found = [Bool](repeating: false, count: knowledge.divisions.count)
        for (index, record) in knowledge.divisions.enumerated() where record.level == .county {
            let stem = record.name.unicodeScalars.dropLast()
            if stem.count == 1, let only = stem.first {
                if knowledge.isConjunction(only.value) { found[index] = true }
            } else if knowledge.entries(for: String(String.UnicodeScalarView(stem))).contains(where: { $0.kind == .nameBoundary }) {
                found[index] = true
            }
        }
        return found
    }

    /// The divisions of `knowledge` under a municipality (重庆市北碚区),
    /// with the prefix their organisations' names start with.
    static func municipalPrefixes(in knowledge: KnowledgeBase) -> [Int: String] {
        var prefixes: [Int: String] = [:]
        let divisions = knowledge.divisions
        for index in divisions.indices where divisions[index].level == .county || divisions[index].level == .town {
            guard let parent = divisions[index].parent, Division.isMunicipality(level: divisions[parent].level, name: divisions[parent].name) else { continue }
            prefixes[index] = divisions[parent].commonName + divisions[index].commonName
        }
        return prefixes
    }

    /// Whether a county's full name also reads as a word and a level word
    /// (会同县 as 会同 "together with" + 县, 和县 as 和 + 县): outside the
    /// provinces a report is about, or right after a body or person (the
    /// subject of 会同), `…研究室会同县文物管理所` is the local 县's.
    func readsAsWord(_ division: Int, at index: Int, in scope: ArticleScope) -> Bool {
        guard wordLikeCounties[division] else { return false }
        let afterSubject = index > scope.range.lowerBound && scope.isClaimed(index - 1)
        return afterSubject || !scope.provinces.contains(knowledge.province(of: division))
    }

    /// The candidate that fits the context best: one whose ancestor is
    /// already mentioned, else one in a province the document is about,
    /// else one in the home province, else the highest-level one.
    func choose(_ candidates: [Int], mentioned: DivisionSet, provinces: DivisionSet, home: Int?) -> Int? {
        guard candidates.count > 1 else { return candidates.first }
        let homeProvince = home.map { knowledge.province(of: $0) }
        func score(_ index: Int) -> (Int, Int, Int, Int) {
            var related = 0
            var ancestor = knowledge.divisions[index].parent
            while let current = ancestor {
                if mentioned.contains(current) {
                    related = 1
                    break
                }
                ancestor = knowledge.divisions[current].parent
            }
            let province = knowledge.province(of: index)
            let inProvinces = provinces.contains(province) ? 1 : 0
            let inHome = homeProvince == province ? 1 : 0
            let level = 3 - levelRank(knowledge.divisions[index].level)
            return (related, inProvinces, inHome, level)
        }
        // Each candidate scored once; the first of the best wins (as max(by:) does).
        var best = candidates[0]
        var bestScore = score(best)
        for candidate in candidates.dropFirst() {
            let candidateScore = score(candidate)
            if bestScore < candidateScore {
                best = candidate
                bestScore = candidateScore
            }
        }
        return best
    }

    func levelRank(_ level: Division.Level) -> Int {
        switch level {
        case .province: 0
        case .city: 1
        case .county: 2
        case .town: 3
        }
    }

    /// The name documents use: `酉阳县`, `北碚区`, `重庆市`.
    func canonicalName(_ index: Int) -> String {
        knowledge.divisions[index].commonName
    }

    /// The organisation prefix of division `index`, or `fallback` when
    /// there is none (a region or feature).
    func organisationPrefix(_ index: Int, fallback: String) -> String {
        index >= 0 && index < knowledge.divisions.count ? organisationPrefix(index) : fallback
    }

    /// The place chain an organisation name starts with: `重庆市北碚区`
    /// for a district of a municipality, `张家界市` for a prefecture,
    /// `桑植县` for a county in a province.
    func organisationPrefix(_ index: Int) -> String {
        municipalPrefixes[index] ?? knowledge.divisions[index].commonName
    }

    func kind(_ index: Int) -> String {
        Division.placeKind(level: knowledge.divisions[index].level, name: knowledge.divisions[index].name)
    }
}
