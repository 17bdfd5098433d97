import AnnalsExtract
import AnnalsKnowledge
import AnnalsModel

/// Decides which node a mention is, across articles and reports.
///
/// - places: by gazetteer code (酉阳 / 酉阳县 / 酉阳土家族苗族自治县 are
///   `place/500242`); regions and features by name;
/// - organisations: by canonical name (市委 in a Chongqing bulletin and
///   中共重庆市委 elsewhere are one node);
/// - people: known people (贺龙, 陈敏尔) by name everywhere; others by name
///   within the province of the report's publisher, so that a 李明 of
///   Chongqing and a 李明 of Hunan stay apart;
/// - sites: by name and the place they are in; works by title.
struct NodeIdentity {
    let knowledge: KnowledgeBase
    /// The province of the report's publisher, or `cn` when unknown.
    let region: String

    init(knowledge: KnowledgeBase, extraction: Extraction) {
        self.knowledge = knowledge
        region = extraction.home.map { knowledge.divisions[knowledge.province(of: $0)].code } ?? "cn"
    }

    func key(for mention: Mention) -> String {
        switch mention.type {
        case .place:
            // A division of the past (大庸县) is its own node, not its successor's.
            if let division = mention.division, mention.placeKind != "region", !Mention.isHistoricalKind(mention.placeKind) {
                return "place/" + knowledge.divisions[division].code
            }
            return "place/" + (mention.placeKind ?? "place") + "/" + mention.name
        case .organisation:
            return "organisation/" + mention.name
        case .person:
            let known = knowledge.entries(for: mention.name).contains { $0.kind == .person && $0.form == .official }
            return "person/" + mention.name + "@" + (known ? "known" : region)
        case .site:
            return "site/" + mention.name + "@" + (mention.division.map { knowledge.divisions[$0].code } ?? "")
        case .work:
            return "work/" + mention.name
        case .date:
            return "date/" + mention.name
        }
    }
}
