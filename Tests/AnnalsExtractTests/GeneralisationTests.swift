import AnnalsModel
import Testing
import AnnalsKnowledge
import AnnalsText
@testable import AnnalsExtract

/// The rules that say why a span is no entity, and those that reach what
/// the earlier rules missed, each on a sentence written for it.
@Suite("Rules that generalise")
struct RulesThatGeneraliseTests {
    // MARK: People

    @Test func anOfficeAfterTheVerbRenIsNoPerson() throws {
        let article = try extract("1934年10月，红二军团恢复番号，贺龙任军团长，任弼时任政治委员，关向应任副政治委员；黔东独立师由王光泽任师长、段苏权任政治委员。")
        #expect(names(article, .person) == ["贺龙", "任弼时", "关向应", "王光泽", "段苏权"])
    }

    @Test func departmentsAndSubjectsListedBeforeDengAreNoPeople() throws {
        let article = try extract("要加强与档案、文史、宣传等部门协作。大会通过了关于土地、武装等决议。挖掘谢唯进、黄家富等党史人物事迹。")
        #expect(names(article, .person) == ["谢唯进", "黄家富"])
    }

    @Test func wordsRunningAcrossANameStartAreNoPeople() throws {
        let article = try extract("省委党史研究室有关负责同志出席。全体党员来到位于碧江区的纪念馆。黔东特区革命委员会在会上成立。")
        #expect(names(article, .person).isEmpty)
    }

    @Test func anOccupationBeforeANameGivesTheName() throws {
        let article = try extract("83岁的退休工人马德山1969年来到涪陵参加三线建设。")
        #expect(names(article, .person) == ["马德山"])
    }

    // MARK: Sites

    @Test func aSiteNameNeverStartsAtAVerbPhrase() throws {
        let article = try extract("一要加强革命遗址保护，二要统筹做好旧址利用，其中部分遗址已经灭失。师生们向革命烈士纪念碑敬献花篮。调研组察看了干田坝誓师大会旧址和瞿家湾张家祠堂旧址。")
        #expect(names(article, .site) == ["革命烈士纪念碑", "干田坝誓师大会旧址", "瞿家湾张家祠堂旧址"])
    }

    @Test func theCountysOwnLevelWordStandsForIt() throws {
        let article = try extract("近日，一批红军时期革命文物入藏县党史陈列室。", title: "桑植县征集红军时期革命文物")
        #expect(names(article, .site) == ["桑植县党史陈列室"])
    }

    @Test func aQuotedNameStartsInsideItsQuotes() throws {
        let article = try extract("曾家岩50号人称“周公馆”，是南方局的城内办公地。")
        #expect(!texts(article, .site).contains { $0.contains("人称") })
    }

    // MARK: Dates

    @Test func seasonsTakeTimexValues() throws {
        let article = try extract("1950年春，剿匪斗争取得胜利。1949年冬季，解放军进驻县城。1927年秋收起义后，部队上了井冈山。1935年春节前后，红军转战。")
        let found = values(article)
        #expect(found.contains("1950-SP"))
        #expect(found.contains("1949-WI"))
        #expect(!found.contains("1927-FA"))
        #expect(!found.contains("1935-SP"))
        let winter = try #require(article.mentions.first { $0.name == "1949-WI" }?.temporal)
        #expect(winter.precision == .season)
        #expect(winter.end.description == "1950-02-28")
    }

    @Test func aReportOnTodaysWorkDatesEachParagraphFromTheIssue() throws {
        let body = """
        4月15日至17日，调研组到宣恩县开展专题调研，重温1934年至1935年红二、六军团在鄂西南的战斗历程。

        4月16日，调研组转到沙道沟镇。1935年夏，国民党军调集重兵“围剿”根据地，红二、六军团8月3日在板栗园伏击敌军。

        研究室力争10月底前完成图志初稿。
        """
        let found = values(try extract(body, published: "2024年4月18日"))
        #expect(found.contains("2024-04-16"))
        #expect(found.contains("1935-08-03"))
        #expect(found.contains("2024-10"))
    }

    @Test func aNarrativeRunsItsMonthsOnFromTheYearItGave() throws {
        let body = """
        1933年1月，红四方面军攻克巴中。

        2月，川陕省临时革命委员会在通江成立。
        """
        let found = values(try extract(body, published: "2021年7月1日"))
        #expect(found.contains("1933-02"))
    }

    @Test func sameAndNextYearCountFromTheYearLastWrittenOut() throws {
        let article = try extract("""
        1949年12月中旬，万县专区正式设立，次年1月起隶属川东行署区。
        次年春，专区的中心工作是征收公粮和清剿土匪。到1952年，土地改革基本完成。同年，川东行署区撤销。年底，专区机关迁入新址。
        """, title: "从接管建政到专区初创", published: "2022年6月20日")
        let found = values(article)
        #expect(found.contains("1950-01") && found.contains("1950-SP"))
        #expect(found.filter { $0 == "1952" }.count == 3)
        // Without a date before it, 同年 tells nothing of when.
        let undated = try extract("同年，区委党史研究室完成了资料征集。", title: "测试报告", published: "2023年5月1日")
        #expect(values(undated).isEmpty)
    }

    // MARK: Places

    @Test func aCountyOutsideTheReportsProvincesCountsAfterALocative() throws {
        // (The test reports' masthead is 重庆's: 沿河 and 印江 are in 贵州.)
        let article = try extract("1934年6月，红三军经沿河、印江进入黔东。10月28日，两军团主力从南腰界出发。6月在忠堡、8月在板栗园又歼灭大量敌军。", title: "湖南省永顺县纪念湘鄂川黔革命根据地创建", published: "2024年12月3日")
        #expect(names(article, .place).isSuperset(of: ["沿河县", "印江县", "黔东", "南腰界镇", "忠堡镇", "板栗园"]))
        // A county named without a word that makes it a place stays a word.
        let plain = try extract("会议强调，要把印江精神传承好。", title: "湖南省永顺县召开党史工作会议", published: "2024年12月3日")
        #expect(!names(plain, .place).contains("印江县"))
    }

    @Test func regionsOfTheSourcesAreNotTodaysPrefectures() throws {
        let article = try extract("1934年6月，红三军进入黔东。10月，红二、六军团东进湘西，酉秀黔彭一带成为根据地的一部。1952年，湘西苗族自治区成立，1957年改设湘西州。", title: "湘鄂川黔革命根据地的创建", published: "2024年12月3日")
        let places = names(article, .place)
        #expect(places.isSuperset(of: ["黔东", "湘西", "酉秀黔彭", "湘西州"]))
        // 湘西 is the region, with no code of its own; 湘西州 the prefecture.
        #expect(article.mentions.first { $0.text == "湘西" }?.division == nil)
        #expect(article.mentions.first { $0.text == "湘西州" }?.division != nil)
    }

    @Test func aTownWithoutItsLevelWordCountsWhereItsCountyIsTheSubject() throws {
        let article = try extract("调研组先后到桑柘、郁山等乡镇，察看了剿匪战斗遗址。", title: "彭水县委党史研究室开展红色资源调研")
        #expect(names(article, .place).isSuperset(of: ["桑柘镇", "郁山镇"]))
    }

    @Test func aVillageOrLocalityRightAfterItsCountyOrTown() throws {
        let article = try extract("1934年9月，黔东特区第一次工农兵苏维埃代表大会在沿河铅厂坝召开。调研组来到宣恩县李家河镇利福田村，察看了红军桥。", title: "贵州省沿河县纪念黔东特区创建")
        #expect(names(article, .place).isSuperset(of: ["铅厂坝", "利福田村"]))
        #expect(article.mentions.first { $0.name == "铅厂坝" }?.placeKind == "locality")
    }

    @Test func noTownIsCutOutOfACommonNoun() throws {
        let article = try extract("部分乡镇的遗址保护不到位，一些小集镇也缺少标识。", title: "印江自治县开展革命遗址调查")
        #expect(names(article, .place).allSatisfy { !$0.hasSuffix("乡镇") && !$0.hasSuffix("集镇") })
    }

    @Test func aCountyNameThatReadsAsAVerbIsTheVerb() throws {
        let article = try extract("县委党史研究室会同县文物管理所组成调研组。", title: "彭水县开展红色资源调研")
        #expect(!names(article, .place).contains("会同县"))
        #expect(!names(article, .organisation).contains { $0.hasPrefix("会同县") })
    }

    @Test func aDivisionOfThePastNamesWhatItWasAndTodaysSuccessor() throws {
        let article = try extract("1934年11月，红二、六军团攻占大庸县城，中共湘鄂川黔边省委在大庸成立。", title: "湘鄂川黔革命根据地的创建")
        let dayong = try #require(article.mentions.first { $0.type == .place && $0.text == "大庸" })
        #expect(dayong.placeKind == "former_county")
        let knowledge = try KnowledgeBase.shared()
        #expect(dayong.division.map { knowledge.divisions[$0].name } == "永定区")
    }

    @Test func aHistoricalShortFormThatIsAlsoAWordNeedsItsProvince() throws {
        let article = try extract("考察团成员在浑溪口渡口的纪念碑前听讲解。", title: "遵义市开展长征精神主题考察")
        #expect(names(article, .place).allSatisfy { !$0.hasPrefix("渡口") })
    }

    // MARK: Organisations

    @Test func aNewspapersPlaceGivesTheBareCommitteesTheirCity() throws {
        let page = "成果展开幕\n\n2023年11月09日　来源：六盘水日报　作者：记者 王鑫\n\n本报讯　11月8日，由市委党史研究室、市档案馆主办的口述史料成果展在三线建设博物馆开幕。\n"
        let document = try ReportReader().read(bytes: Array(page.utf8), path: "liupanshui.txt")
        let article = try #require(Extractor(knowledge: try KnowledgeBase.shared()).extract(document).articles.first)
        #expect(names(article, .organisation).isSuperset(of: ["中共六盘水市委党史研究室", "六盘水市档案馆"]))
    }

    @Test func armyUnitsTakeTheirSubunitsAndDepartments() throws {
        let article = try extract("1933年，红四方面军第三十军在通江作战，红四方面军总医院随军转移。1935年8月，红二、六军团在板栗园伏击国民党军第八十五师。", title: "川陕苏区与湘鄂川黔的红军", published: nil)
        #expect(names(article, .organisation).isSuperset(of: ["红四方面军第三十军", "红四方面军总医院", "国民党军第八十五师"]))
    }

    @Test func youthLeagueAndPrefectureCommittees() throws {
        let article = try extract("3月5日，区委宣传部、团区委联合启动宣讲活动。1949年11月，中共万县地委在湖南临澧召开第一次会议。", title: "黔江区启动红色故事宣讲活动", published: "2023年5月12日")
        #expect(names(article, .organisation).isSuperset(of: ["中共重庆市黔江区委宣传部", "共青团重庆市黔江区委员会", "中共万县地委"]))
    }

    @Test func anAliasEndingWhereAnotherWordStartsCutsNothing() throws {
        // 军长 runs across 中央红军|长征, but 长征 starts where the alias ends.
        let article = try extract("1934年12月，中央红军长征进入通道。1934年11月26日，中共湘鄂川黔边省委在大庸成立。第二汽车制造厂第一个基本车型投产。", title: "测试报告", published: "2024年12月3日")
        #expect(names(article, .organisation).isSuperset(of: ["红一方面军", "中共湘鄂川黔省委", "第二汽车制造厂"]))
    }

    @Test func aSiteNameNeverSpansAVerbOfTodaysWork() throws {
        let article = try extract("习水县加强红色遗址保护。调研组循着红军足迹摸清遗址家底，防止在开发中破坏遗址。", title: "测试报告", published: "2024年4月20日")
        #expect(names(article, .site).isEmpty)
    }

    @Test func anAliasThatWouldCutAWordInTwoIsNone() throws {
        let article = try extract("全市青年党员代表参加了主题党日活动。", title: "遵义市开展主题党日活动")
        #expect(!names(article, .organisation).contains("中国青年党"))
    }

    @Test func grammarBuildsPressesArchivesAndRevolutionaryBodies() throws {
        let article = try extract("《黔东革命根据地史料汇编》由贵州人民出版社出版。鹤峰县苏维埃政府和洪湖赤卫队在斗争中壮大。桑植县文物管理所参加调研。", title: "黔东革命根据地史料出版", published: "2022年7月1日")
        #expect(names(article, .organisation).isSuperset(of: ["贵州人民出版社", "鹤峰县苏维埃政府", "洪湖赤卫队", "桑植县文物管理所"]))
    }

    // MARK: Events

    @Test func triggersUsedAsNounsTimesPlansAndPurposesAreNoHappenings() throws {
        let article = try extract("新中国成立后，群众真正得到解放。下一步将建立红色资源数据库。这一行动为红二、六军团会师创造了条件。", title: "测试报告")
        #expect(article.events.filter { !$0.isMain }.isEmpty)
    }

    @Test func aMeetingThatFoundsABodyReportsTheFounding() throws {
        let article = try extract("2024年6月20日，沿河县召开座谈会。1934年9月，黔东特区第一次工农兵苏维埃代表大会在沿河铅厂坝召开，选举产生了黔东特区革命委员会。", title: "贵州省沿河县召开座谈会", published: "2024年7月1日")
        #expect(article.events.contains { $0.type == .founding && $0.temporal?.value == "1934-09" })
    }

    @Test func anArmyMovingIsAHappeningADelegationArrivingIsNot() throws {
        let article = try extract("2024年5月20日，调研组到达沿河县开展调研。1934年6月，红三军从川东南进入黔东。", title: "贵州省沿河县开展红色资源调研", published: "2024年6月1日")
        #expect(article.events.first?.type == .visitInspection)
        #expect(article.events.filter { $0.type == .military }.map { $0.temporal?.value } == ["1934-06"])
    }

    @Test func eachDatedClauseOfANarrativeIsAnEventOfItsOwn() throws {
        let article = try extract("""
        1935年春，国民党军集中八十多个团对根据地发动“围剿”。红二、六军团4月在陈家河、桃子溪接连告捷，6月在忠堡、8月在板栗园又歼灭大量敌军。
        会后，红三军发动群众打土豪、分田地，建立区乡苏维埃政权。
        """, title: "红旗漫卷武陵山", published: "2024年12月3日")
        let others = article.events.filter { !$0.isMain }
        #expect(others.map { $0.temporal?.value } == ["1935-04", "1935-06", "1935-08"])
        #expect(others.allSatisfy { $0.type == .military })
        try #require(others.count == 3)
        #expect(Set(others[0].places.map { article.mentions[$0].name }) == ["陈家河镇", "桃子溪"])
        #expect(others[1].places.map { article.mentions[$0].name } == ["忠堡镇"])
        #expect(others[2].places.map { article.mentions[$0].name } == ["板栗园"])
        // The undated founding (建立区乡苏维埃政权) has no place on a timeline.
        #expect(!article.events.contains { $0.type == .founding })
    }

    @Test func headingsNotesInBracketsAndMeetingsForABattle() throws {
        let article = try extract("""
        1934年10月24日，红六军团一部在印江县木黄与红三军会合。
        二、迎接红六军团
        10月26日，两军在南腰界猫洞召开会师庆祝大会。贺龙率领的红三军（后改称红二军团）驻南腰界。
        """, title: "红三军在南腰界", published: "2024年10月29日")
        #expect(!article.events.contains { $0.summary.contains("迎接") })
        let rally = try #require(article.events.first { $0.temporal?.value == "1934-10-26" })
        #expect(rally.type == .military)
        #expect(!article.events.contains { $0.type == .founding })
    }

    @Test func aHappeningTheTextPlacesNowhereHappenedWhereTheReportIs() throws {
        let article = try extract("2022年10月18日，十堰举行《车城记忆》首发座谈会。1975年7月，第一个基本车型2.5吨越野车投产；1978年7月，5吨民用载重车投产。", title: "十堰举行《车城记忆》首发座谈会", published: "2022年10月20日")
        let others = article.events.filter { !$0.isMain }
        #expect(others.map { $0.temporal?.value } == ["1975-07", "1978-07"])
        #expect(others.allSatisfy { $0.places.map { article.mentions[$0].name } == ["十堰市"] })
    }

    @Test func todaysWorkOnTheHistoryOfAFightIsNoBattle() throws {
        let article = try extract("为抢救留存珍贵史料，3月中旬以来，区委党史研究室组成口述史采访小组，先后走访了10位剿匪亲历者。1949年11月，黔江获得解放。", title: "区委党史研究室抢救性采访剿匪土改亲历者", published: "2023年5月12日")
        let main = try #require(article.events.first)
        #expect(article.date?.value == "2023-03")
        #expect(main.type != .military)
        #expect(article.events.contains { $0.type == .military && $0.temporal?.value == "1949-11" })
    }

    @Test func theLongestTriggerIsOneWordAndAMeetingNamedForAHappeningReportsIt() throws {
        let article = try extract("2022年10月18日，《车城记忆》首发座谈会在十堰举行。1993年12月，湘鄂川黔革命根据地纪念馆在塔卧建成开馆。", title: "《车城记忆》首发座谈会在十堰举行", published: "2022年10月20日")
        #expect(article.events.first?.type == .publication)
        #expect(article.events.contains { $0.type == .founding && $0.temporal?.value == "1993-12" })
    }

    @Test func aNarrativeIsDatedByItsOpeningEvenWhenItEndsToday() throws {
        let article = try extract("""
        1934年10月下旬，红二、六军团在黔东会师后，决定挥师东进。
        今年11月26日，纪念湘鄂川黔省委成立90周年座谈会在纪念馆举行。
        """, title: "红旗漫卷武陵山", published: "2024年12月3日")
        #expect(article.date?.value == "1934-10")
        #expect(article.events.contains { $0.type == .meeting && $0.temporal?.value == "2024-11-26" })
    }

    @Test func goingToASiteToHoldAnActivityIsAVisit() throws {
        let article = try extract("2022年7月1日，市委党史研究室党员到周逸群烈士故居开展“七一”主题党日活动。", title: "市委党史研究室开展主题党日活动", published: "2022年7月20日")
        #expect(article.events.first?.type == .visitInspection)
    }
}
