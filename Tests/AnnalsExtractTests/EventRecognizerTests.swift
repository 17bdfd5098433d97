import AnnalsModel
import Testing
import AnnalsKnowledge
import AnnalsText
@testable import AnnalsExtract

@Suite("Events")
struct EventRecognizerTests {
    func roles(_ article: ExtractedArticle, _ event: Event) -> [String] {
        event.participants.map { "\(article.mentions[$0.mention].name):\($0.role.rawValue)" }
    }

    @Test func mainEventTakesTypeFromTheTitleAndRolesFromTheSentence() throws {
        let article = try extract("""
        2020年11月18日，市委党史研究室在酉阳县组织召开渝东南片区党史工作部门座谈会。市委党史研究室主任徐塞声主持会议并讲话。酉阳县委常委、宣传部部长秦海峰致辞。
        他强调，要深入贯彻落实习近平总书记重要指示精神。
        """, title: "市委党史研究室召开渝东南片区党史部门座谈会")
        let main = try #require(article.events.first)
        #expect(main.isMain && main.type == .meeting && main.temporal?.value == "2020-11-18")
        #expect(roles(article, main) == ["徐塞声:chaired", "徐塞声:spoke", "秦海峰:spoke"])
        #expect(main.places.map { article.mentions[$0].name }.contains("酉阳县"))
        #expect(main.summary == "市委党史研究室召开渝东南片区党史部门座谈会")
    }

    @Test func datedHappeningsElsewhereAreEventsOfTheirOwn() throws {
        let article = try extract("""
        2020年11月23日，陈列展在中共中央西南局缙云山办公地旧址正式开展。
        中共中央西南局缙云山办公地旧址位于北碚区澄江镇，修建于20世纪50年代。该旧址保存完好，2009年12月被重庆市人民政府公布为市级文物保护单位。2021年是中国共产党成立100周年。
        """, title: "中共中央西南局历史陈列展正式开展")
        let events = article.events
        #expect(events.map(\.type) == [.exhibition, .other, .designation])
        #expect(events.map { $0.temporal?.value } == ["2020-11-23", "195X", "2009-12"])
        // 该旧址: the designation is about the site named before.
        let designation = events[2]
        #expect(designation.places.map { article.mentions[$0].name }.contains("中共中央西南局缙云山办公地旧址"))
        let knowledge = try KnowledgeBase.shared()
        #expect(events[1].divisions.map { knowledge.divisions[$0].name }.contains("北碚区"))
    }

    @Test func historicalHappeningsOnePerClauseDatedByTheKnownEvents() throws {
        let article = try extract("""
        2020年11月19日，五省市党史部门签订合作框架协议。
        贺龙、关向应率领的红三军与任弼时、萧克、王震率领的红六军团转战渝东南广大地区，特别是红二、六军团在酉阳南腰界成功会师，恢复和创建湘鄂川黔边革命根据地，为根据地的创建和发展作出重要贡献。
        """, title: "五省市党史部门签订合作框架协议")
        let historical = article.events.filter { !$0.isMain }
        #expect(historical.map(\.type) == [.military, .military, .founding])
        // The text gives no date; the curated known events do, and say so.
        #expect(historical.map { $0.temporal?.value } == ["1934-05/1934-10", "1934-10-24/1934-10-26", "1934-11"])
        #expect(historical.map(\.dateSource) == ["knowledge:hong3-qiandong-campaign", "knowledge:nanyaojie-reunion", "knowledge:xiangechuanqian-base-founding"])
        #expect(historical.allSatisfy { $0.dateText == nil })
        let meeting = historical[1]
        #expect(Set(meeting.places.map { article.mentions[$0].name }) == ["酉阳县", "南腰界镇"])
        #expect(Set(meeting.organisations.map { article.mentions[$0].name }) == ["红二军团", "红六军团"])
        #expect(roles(article, historical[0]).contains("贺龙:led"))
    }

    @Test func knownHappeningsNamedInPassingButNotTopicsOrAttributes() throws {
        let article = try extract("""
        2020年11月28日，纪录片在重庆卫视首播。
        该旧址修建于20世纪50年代，是中共中央西南局入驻重庆后的重要办公地点。摄制组采访了当年参与重庆解放的将士，从多种视角解密“重庆解放”这一重大历史事件。
        """, title: "纪录片在重庆卫视首播")
        let others = article.events.filter { !$0.isMain }
        // 入驻重庆后: a happening of its own, dated 1949-12 by the known events.
        #expect(others.map { $0.temporal?.value } == ["195X", "1949-12"])
        #expect(others.last?.dateSource == "knowledge:southwest-bureau-chongqing")
        // 参与重庆解放的将士 (an attribute) and “重庆解放” (a topic) are no events.
        #expect(!article.events.contains { $0.summary.contains("将士") || $0.summary.contains("解密") })
    }

    @Test func referencesToLeadersAreNotParticipation() throws {
        let article = try extract("为深入贯彻落实习近平总书记重要指示精神，2020年11月10日，市委党史研究室举行专题报告会。西南大学教授潘洵作专题报告。", title: "市委党史研究室举行专题报告会")
        let main = try #require(article.events.first)
        #expect(main.type == .lecture)
        #expect(roles(article, main) == ["潘洵:spoke"])
    }
}

@Suite("Roles shared along a list of titled names")
struct SharedRoleTests {
    @Test func namesListedWithTitlesShareTheVerbAfterTheLast() throws {
        let article = try extract("2021年11月5日，座谈会在四川省广安市召开。四川省委党史研究室主任王建军、重庆市委党史研究室主任徐塞声分别致辞。广安市委副书记、市长赵世勇，重庆大学教授黄蓉生等出席会议。", title: "川渝两地党史部门召开座谈会", published: "2021年11月30日")
        let main = try #require(article.events.first)
        let roles = main.participants.map { "\(article.mentions[$0.mention].name):\($0.role.rawValue)" }
        #expect(roles == ["王建军:spoke", "徐塞声:spoke", "赵世勇:attended", "黄蓉生:attended"])
    }
}
