import AnnalsExtract
import AnnalsKnowledge
import AnnalsModel
import AnnalsText
import Testing

/// A recogniser defined here, outside AnnalsExtract, through the package
/// API alone: titles in corner brackets (「红岩魂」), as reports copied from
/// traditional-script sources write them, are works.
struct CornerBracketTitleRecognizer: Recognizer {
    static let open: UInt32 = 0x300C     // 「
    static let close: UInt32 = 0x300D    // 」

    var name: String { "titles in corner brackets" }
    var produces: [MentionType] { [.work] }
    var needs: RecognizerNeeds { RecognizerNeeds(startCharacters: { $0 == Self.open }) }

    func recognise(in scope: ArticleScope, starts: Candidates) {
        var index = scope.nextCandidate(from: scope.range.lowerBound, starts)
        while index < scope.range.upperBound {
            var end = index + 1
            while end < scope.range.upperBound, end - index <= 30, scope.text[end] != Self.close, scope.text[end] != Self.open { end += 1 }
            let span = index..<(end + 1)
            if end < scope.range.upperBound, scope.text[end] == Self.close, end > index + 1, scope.isFree(span) {
                scope.add(Mention(type: .work, range: span, text: scope.string(span), name: scope.string((index + 1)..<end)))
            }
            index = scope.nextCandidate(from: end, starts)
        }
    }
}

@Suite("Recognisers as components")
struct RecognizerPipelineTests {
    static let report = """
        中共重庆市委党史研究室编 2021年3月5日
        市委党史研究室举办专题党课
        2021年3月2日，市委党史研究室举办专题党课，播放了「重庆谈判」专题片，并推荐阅读《红岩》。
        """

    func firstArticle(_ extractor: Extractor) throws -> ExtractedArticle {
        let document = try ReportReader().read(bytes: Array(Self.report.utf8), path: "report.txt")
        return try #require(extractor.extract(document).articles.first)
    }

    func works(_ article: ExtractedArticle) -> Set<String> {
        Set(article.mentions.filter { $0.type == .work }.map(\.name))
    }

    @Test func aRecogniserFromOutsideJoinsTheListAndClaimsItsText() throws {
        let knowledge = try KnowledgeBase.shared()
        let standard = Extractor(knowledge: knowledge)
        let extended = Extractor(knowledge: knowledge,
                                 recognizers: [CornerBracketTitleRecognizer()] + Extractor.standardRecognizers(knowledge: knowledge))
        let before = try firstArticle(standard)
        let after = try firstArticle(extended)
        #expect(works(before) == ["红岩"])
        #expect(works(after) == ["红岩", "重庆谈判"])
        // Claimed first, 重庆 inside the title is no longer a place.
        #expect(before.mentions.contains { $0.type == .place && $0.text == "重庆" })
        #expect(!after.mentions.contains { $0.type == .place && $0.text == "重庆" })
        // Everything else is found as before.
        let others = { (article: ExtractedArticle) in article.mentions.filter { $0.type != .work && $0.text != "重庆" }.map(\.text) }
        #expect(others(after) == others(before))
    }

    @Test func theStandardListRunsTheMoreSpecificFirst() throws {
        let recognizers = Extractor.standardRecognizers(knowledge: try KnowledgeBase.shared())
        #expect(recognizers.map(\.name) == ["works", "dates", "sites", "organisations", "people", "places", "lists of names"])
        #expect(recognizers.flatMap(\.produces) == [.work, .date, .site, .organisation, .person, .place, .person])
    }

    @Test func aScanStopsOnlyWhereItsOwnStartCharactersStand() throws {
        /// Records where its scan stops, and adds nothing.
        final class Probe: Recognizer, @unchecked Sendable {
            var stops: [UInt32] = []
            var name: String { "probe" }
            var produces: [MentionType] { [] }
            var needs: RecognizerNeeds { RecognizerNeeds(startCharacters: { $0 == 0x300A }) }   // 《
            func recognise(in scope: ArticleScope, starts: Candidates) {
                var index = scope.nextCandidate(from: scope.range.lowerBound, starts, unclaimed: false)
                while index < scope.range.upperBound {
                    stops.append(scope.text[index])
                    index = scope.nextCandidate(from: index + 1, starts, unclaimed: false)
                }
            }
        }
        let probe = Probe()
        _ = try firstArticle(Extractor(knowledge: try KnowledgeBase.shared(), recognizers: [probe]))
        #expect(probe.stops == [0x300A])
    }
}
