import AnnalsKnowledge
import AnnalsModel

/// Finds places: gazetteer divisions with their short forms, historical and
/// informal regions, and natural features, each resolved to one entry.
///
/// - Full names and level-word forms (酉阳县, 澄江镇, 重庆市) count anywhere;
///   a name shared by several divisions is resolved by the document's other
///   places (see ``PlaceResolver``).
/// - Bare short forms count in context only: provinces and prefectures
///   (湖南, 张家界) anywhere; counties (酉阳, 北碚) when their province is
///   one the document is about; towns (南腰界) right after their county
///   (`酉阳南腰界`).
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
                scope.add(mention)
                return length
            }
            index = next(index + (taken ?? 1))
        }
    }

    private func place(_ span: Range<Int>, entries: LexiconEntries, in scope: ArticleScope, knowledge: KnowledgeBase) -> Mention? {
        if let region = entries.first(where: { $0.kind == .region }) {
            let record = knowledge.regions[Int(region.index)]
            // 东北, 西南 … as directions (村子东北方, 西南角) are no regions.
            if span.count == 2, let next = scope.scalar(span.upperBound), Self.directionContinuations.contains(next) { return nil }
            // 山城, 雾都: a nickname of a division is that division.
            if record.kind == "nickname", let member = record.members.first {
                return Mention(type: .place, range: span, text: scope.string(span), name: resolver.canonicalName(member), division: member, placeKind: resolver.kind(member))
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
        if fullNames == 1 { return mention(of: firstFullName, span, in: scope) }
        var candidates = fullNames == 0 ? [] : entries.filter { $0.kind == .division && $0.form != .short }.map { Int($0.index) }
        if candidates.isEmpty {
            candidates = entries.lazy.filter { $0.kind == .division }.map { Int($0.index) }.filter { index in
                switch knowledge.divisions[index].level {
                case .province, .city:
                    return true
                case .county:
                    return scope.provinces.contains(knowledge.province(of: index))
                case .town:
                    // Right after its county: 酉阳南腰界.
                    guard let parent = knowledge.divisions[index].parent else { return false }
                    return scope.lastMentionEnds(at: span.lowerBound, in: parent)
                }
            }
        }
        guard let chosen = resolver.choose(candidates, mentioned: scope.mentionedDivisions, provinces: scope.provinces, home: scope.home) else { return nil }
        return mention(of: chosen, span, in: scope)
    }

    private func mention(of division: Int, _ span: Range<Int>, in scope: ArticleScope) -> Mention {
        Mention(type: .place, range: span, text: scope.string(span), name: resolver.canonicalName(division), division: division, placeKind: resolver.kind(division))
    }
}
