import AnnalsModel
import Testing
import AnnalsKnowledge
import AnnalsText
@testable import AnnalsExtract

/// Where and when the happenings of a narrative and a day's report were:
/// the place a story was last at, a place pointed back to, the successor of
/// a division of the past, and what the day's party did besides.
@Suite("Events: places carried on, and the day's other doings")
struct EventPlaceAndDayTests {
    func places(_ article: ExtractedArticle, _ event: Event) -> [String] {
        event.places.map { article.mentions[$0].name }
    }

    /// The places `annals extract --format json` lists for an article's events.
    func listedPlaces(_ body: String, title: String, published: String) throws -> [[String]] {
        let text = "中共重庆市委党史研究室编 \(published)\n\(title)\n\(body)\n"
        let document = try ReportReader().read(bytes: Array(text.utf8), path: "test.txt")
        let knowledge = try KnowledgeBase.shared()
        let article = try #require(Extractor(knowledge: knowledge).extract(document).articles.first)
        return article.events.map { EventRecord($0, mentions: article.mentions, in: document, knowledge: knowledge).places }
    }

    @Test func aStretchWithNoPlaceHappenedWhereTheSentenceWasLast() throws {
        let article = try extract("""
        1966年，中央决定在白涛兴建一座化工厂，1984年6月工厂停建。
        """, title: "涪陵三线建设往事", published: "2023年3月28日")
        let stopped = try #require(article.events.first { $0.temporal?.value == "1984-06" })
        #expect(places(article, stopped).contains("白涛街道"))
    }

    @Test func aSentenceWithNoPlaceHappenedWhereItsParagraphWasLast() throws {
        let article = try extract("""
        1934年11月26日，中共湘鄂川黔边省委在大庸县城宣告成立。12月1日，湘鄂川黔边省革命委员会成立，贺龙任主席。
        """, title: "红旗漫卷武陵山", published: "2024年11月28日")
        let committee = try #require(article.events.first { $0.temporal?.value == "1934-12-01" })
        #expect(places(article, committee) == ["大庸县"])
        // 大庸县 is today's 永定区: the event lists both.
        let listed = try listedPlaces("1934年11月26日，中共湘鄂川黔边省委在大庸县城宣告成立。12月1日，湘鄂川黔边省革命委员会成立。",
                                      title: "红旗漫卷武陵山", published: "2024年11月28日")
        #expect(listed.last == ["大庸县", "永定区"])
    }

    @Test func hereAndABareSiteKindPointBack() throws {
        let article = try extract("""
        1934年11月，红军占领永顺县城。1993年12月，湘鄂川黔革命根据地纪念馆在塔卧建成开馆。如今，永顺县每年在这里开展纪念活动。今年11月26日，纪念湘鄂川黔省委成立90周年座谈会在纪念馆举行。
        """, title: "红旗漫卷武陵山", published: "2024年11月28日")
        let meeting = try #require(article.events.first { $0.temporal?.value == "2024-11-26" })
        // 在纪念馆: the memorial hall named before, not the county named since.
        #expect(places(article, meeting).first == "湘鄂川黔革命根据地纪念馆")
    }

    @Test func aBookDescriptionDatesItsHappeningsButNotTheReport() throws {
        let article = try extract("""
        日前，《黔江党史大事记》通过终审并付印。该书记述了1949年11月黔江解放至2022年底的主要史实，其中包括1952年黔江专区撤销等节点。
        """, title: "《黔江党史大事记》付印", published: "2023年5月12日")
        #expect(article.date == nil)
        let dated = article.events.filter { !$0.isMain }.map { $0.temporal?.value }
        #expect(dated.contains("1949-11"))
    }

    @Test func aDescriptionEndsAtTheNounItQualifiesAndAtADateThatOpensAClause() throws {
        let article = try extract("""
        为深化对红岩精神的研究阐释，11月10日，市委党史研究室举行专题报告会。反映重庆解放历史的纪录片《破晓》于11月28日首播。
        """, title: "专题报告会解读红岩精神")
        #expect(article.date?.value == "2020-11-10")
    }

    @Test func aWordQuotedAloneIsTheHappeningsName() throws {
        let article = try extract("""
        1932年，国民党军对湘鄂西革命根据地发动第四次“围剿”。
        """, title: "洪湖岁月", published: "2021年3月1日")
        #expect(article.events.contains { $0.type == .military && $0.temporal?.value == "1932" })
    }

    @Test func theDaysPartyVisitingIsAnEventOfTheDay() throws {
        let article = try extract("""
        2023年9月7日，全市党史工作推进会在芷江县召开。会后，与会人员参观了芷江受降纪念馆。
        市委党史研究室此前组织专家审读展陈大纲，并在布展完成后又前往芷江县进行实地检查指导。
        """, title: "全市党史工作推进会在芷江召开", published: "2023年9月10日")
        let visits = article.events.filter { $0.type == .visitInspection }
        #expect(visits.count == 1)
        #expect(visits.first?.temporal?.value == "2023-09-07")
        #expect(visits.first.map { places(article, $0) }?.contains("中国人民抗日战争胜利受降纪念馆") == true)
    }

    @Test func aMonthDayAfterAWordOfTheFutureIsThisYear() throws {
        let article = try extract("8月20日，岳池农村变革史料展在县档案馆开展。展览将持续至9月30日。", title: "史料展开展", published: "2024年8月21日")
        #expect(values(article).contains("2024-09-30"))
    }
}
