import AnnalsKnowledge

/// Chooses among divisions that share a name (澄江镇 is in eight counties,
/// 江北区 in two cities) and writes their canonical names.
struct PlaceResolver {
    let knowledge: KnowledgeBase

    /// The candidate that fits the context best: one whose ancestor is
    /// already mentioned, else one in a province the document is about,
    /// else one in the home province, else the highest-level one.
    func choose(_ candidates: [Int], mentioned: Set<Int>, provinces: Set<Int>, home: Int?) -> Int? {
        guard candidates.count > 1 else { return candidates.first }
        func score(_ index: Int) -> (Int, Int, Int, Int) {
            let ancestors = knowledge.ancestors(of: index)
            let related = ancestors.contains(where: mentioned.contains) ? 1 : 0
            let province = knowledge.province(of: index)
            let inProvinces = provinces.contains(province) ? 1 : 0
            let inHome = home.map { knowledge.province(of: $0) == province } == true ? 1 : 0
            let level = 3 - levelRank(knowledge.divisions[index].level)
            return (related, inProvinces, inHome, level)
        }
        return candidates.max { score($0) < score($1) }
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
        let division = knowledge.divisions[index]
        let name = canonicalName(index)
        guard division.level == .county || division.level == .town, let parent = division.parent else { return name }
        let parentDivision = knowledge.divisions[parent]
        if parentDivision.isMunicipality {
            return canonicalName(parent) + name
        }
        return name
    }

    func kind(_ index: Int) -> String {
        knowledge.divisions[index].placeKind
    }
}
