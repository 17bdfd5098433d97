import AnnalsModel
import Testing
import AnnalsKnowledge
import AnnalsText
@testable import AnnalsExtract

func names(_ article: ExtractedArticle, _ type: MentionType) -> Set<String> {
    Set(article.mentions.filter { $0.type == type }.map(\.name))
}

func texts(_ article: ExtractedArticle, _ type: MentionType) -> Set<String> {
    Set(article.mentions.filter { $0.type == type }.map(\.text))
}

@Suite("People")
struct PersonRecognizerTests {
    @Test func titlesBeforeNamesGiveNamesOfTheRightLength() throws {
        let article = try extract("市委党史研究室主任徐塞声主持会议并讲话。酉阳县委常委、宣传部部长秦海峰致辞。北碚区委书记周旭致辞。涪陵区委党史研究室主任周烽关于近年工作作了汇报。")
        #expect(names(article, .person) == ["徐塞声", "秦海峰", "周旭", "周烽"])
        let qin = try #require(article.mentions.first { $0.name == "秦海峰" })
        #expect(qin.roles == ["酉阳县委常委", "宣传部部长"])
    }

    @Test func titlesAfterNamesAndKnownGivenNames() throws {
        let article = try extract("会上，徐塞声同志传达了敏尔书记讲话精神。")
        #expect(names(article, .person) == ["徐塞声", "陈敏尔"])
    }

    @Test func knownPeopleAndListsOfNames() throws {
        let article = try extract("贺龙、关向应率领的红三军与任弼时、萧克、王震率领的红六军团会师。挖掘谢唯进、黄家富、白深富等党史人物事迹。")
        #expect(names(article, .person) == ["贺龙", "关向应", "任弼时", "萧克", "王震", "谢唯进", "黄家富", "白深富"])
    }

    @Test func wordsThatLookLikeNamesAreNot() throws {
        let article = try extract("带领室机关有关同志深入基层。传达了市委常委会议精神和敏尔书记讲话精神。西南服务团老干部代表、专家学者参加。黔江、武隆、丰都、垫江、石柱等区县党史部门负责同志参加会议。")
        #expect(names(article, .person) == ["陈敏尔"])
        #expect(names(article, .place).isSuperset(of: ["黔江区", "武隆区", "丰都县", "垫江县", "石柱县"]))
    }
}

@Suite("Places")
struct PlaceRecognizerTests {
    @Test func shortFormsResolveToTheGazetteer() throws {
        let article = try extract("在酉阳南腰界成功会师。2020年11月19日在湖南张家界市签订协议。")
        let places = article.mentions.filter { $0.type == .place }
        #expect(Set(places.map(\.name)) == ["酉阳县", "南腰界镇", "湖南省", "张家界市"])
        #expect(places.first { $0.name == "酉阳县" }.flatMap(\.division).map { try! KnowledgeBase.shared().divisions[$0].code } == "500242")
    }

    @Test func ambiguousTownIsResolvedByItsCounty() throws {
        let article = try extract("旧址位于北碚区澄江镇缙云山。")
        let town = try #require(article.mentions.first { $0.name == "澄江镇" })
        let knowledge = try KnowledgeBase.shared()
        let county = try #require(town.division.flatMap { knowledge.divisions[$0].parent })
        #expect(knowledge.divisions[county].name == "北碚区")
        #expect(names(article, .place).contains("缙云山"))
    }

    @Test func regionsAndNicknames() throws {
        let article = try extract("湘鄂川黔革命根据地为长征胜利作出贡献。红军转战渝东南。迷雾笼罩下的山城走向新生。")
        #expect(names(article, .place) == ["湘鄂川黔革命根据地", "渝东南", "重庆市"])
    }

    @Test func directionsAreNotRegions() throws {
        let article = try extract("旧址位于镇政府东北方向，邓小平、刘伯承主政西南时曾在此办公。")
        #expect(names(article, .place) == ["西南"])
    }

    @Test func placesInsideOrganisationNamesAreNotPlaces() throws {
        let article = try extract("重庆市委宣传部、酉阳县委党史研究室联合举办活动。")
        #expect(names(article, .place).isEmpty)
        #expect(names(article, .organisation) == ["中共重庆市委宣传部", "中共重庆市酉阳县委党史研究室"])
    }
}

@Suite("Organisations")
struct OrganisationRecognizerTests {
    @Test func bareCommitteesTakeTheirPlaceFromContext() throws {
        let article = try extract("2020年11月24日，区委书记周旭主持召开区委常委会会议，贯彻落实市委部署。", title: "北碚区委常委会专题听取全区党史工作汇报")
        let organisations = names(article, .organisation)
        #expect(organisations.contains("中共重庆市北碚区委"))
        #expect(organisations.contains("中共重庆市委"))
        #expect(texts(article, .organisation).contains("区委常委会"))
    }

    @Test func grammarExpandsAbbreviations() throws {
        let article = try extract("市委直属机关工委、市委党史研究室举行报告会。重庆市人民政府公布名单。")
        #expect(names(article, .organisation) == ["中共重庆市委直属机关工作委员会", "中共重庆市委党史研究室", "重庆市人民政府"])
    }

    @Test func redArmyUnitsAndTheirContractions() throws {
        let article = try extract("红二、六军团在酉阳南腰界会师，红三军后改称红二军团。第二野战军进军西南。")
        #expect(names(article, .organisation).isSuperset(of: ["红二军团", "红六军团", "红三军", "第二野战军"]))
    }

    @Test func knownOrganisationsWithTheirBodies() throws {
        let article = try extract("西南大学党委副书记潘洵作报告。摄制组赴中央档案馆、中国革命军事档案馆查阅资料。")
        let organisations = names(article, .organisation)
        #expect(organisations.isSuperset(of: ["西南大学", "中央档案馆", "中国革命军事档案馆"]))
        #expect(names(article, .person) == ["潘洵"])
    }
}

@Suite("Sites and works")
struct SiteAndWorkRecognizerTests {
    @Test func booksAndExhibitionsAreWorks() throws {
        let article = try extract("向区委党校赠送《永恒的铭记——璧山红色故事选编》1000册。中共中央西南局历史陈列展（一期）正式开展。做好展览相关工作。")
        #expect(names(article, .work) == ["永恒的铭记——璧山红色故事选编", "中共中央西南局历史陈列展"])
        // A place inside a title is part of the title.
        #expect(!names(article, .place).contains("璧山区"))
    }

    @Test func sitesEndInASiteWordAndStartAfterAVerb() throws {
        let article = try extract("实地考察党史资料陈列室。以及第五保育院旧址等红色资源。展陈在中共中央西南局缙云山办公地旧址开放。下集讲述白公馆渣滓洞的革命志士。")
        #expect(names(article, .site).isSuperset(of: ["党史资料陈列室", "第五保育院旧址", "中共中央西南局缙云山办公地旧址", "白公馆", "渣滓洞"]))
    }
}

@Suite("Reports from other districts and periods")
struct GeneralisationTests {
    @Test func nineteenThirtiesNarrativeWithoutMasthead() throws {
        let article = try extract("""
        1934年10月24日，贺龙、关向应率领的红三军在贵州省印江县木黄与任弼时、萧克、王震率领的红六军团会师。25日，两军团召开会师大会。26日，部队抵达酉阳县南腰界。11月，红二、六军团攻占湖南永顺县城，创建湘鄂川黔革命根据地。1935年11月19日，红二、六军团从桑植县刘家坪出发，开始长征。
        """, title: "红二、六军团会师与湘鄂川黔革命根据地的创建", published: nil)
        #expect(values(article) == ["1934-10-24", "1934-10-25", "1934-10-26", "1934-11", "1935-11-19"])
        #expect(names(article, .person) == ["贺龙", "关向应", "任弼时", "萧克", "王震"])
        #expect(names(article, .place).isSuperset(of: ["贵州省", "印江县", "酉阳县", "南腰界镇", "湖南省", "永顺县", "湘鄂川黔革命根据地", "桑植县"]))
        #expect(names(article, .organisation).isSuperset(of: ["红三军", "红六军团", "红二军团"]))
        #expect(article.date?.value == "1934-10-24")
    }

    @Test func wanzhouVisitWithTownCommittee() throws {
        let article = try extract("2021年3月5日，万州区委党史研究室主任赵文清带领有关同志到龙驹镇开展红色资源调查，实地考察了龙驹镇革命烈士纪念碑。龙驹镇党委书记李明陪同调研。", title: "万州区委党史研究室开展红色资源调查", published: "2021年3月31日")
        #expect(names(article, .person) == ["赵文清", "李明"])
        #expect(names(article, .organisation).isSuperset(of: ["中共重庆市万州区委党史研究室"]))
        #expect(names(article, .site).contains("龙驹镇革命烈士纪念碑"))
        #expect(names(article, .place).isSuperset(of: ["龙驹镇"]))
        #expect(article.date?.value == "2021-03-05")
    }
}

@Suite("A bulletin from Hunan")
struct HunanBulletinTests {
    static let bulletin = """
    中共湘西土家族苗族自治州委党史研究室编 2021年7月15日

    永顺县召开塔卧革命旧址保护利用工作推进会

    2021年6月28日，永顺县委副书记、县长彭武长主持召开塔卧革命旧址保护利用工作推进会。州委党史研究室主任向东、县委常委、宣传部部长田应辉出席会议。会议指出，塔卧是湘鄂川黔革命根据地的中心，1935年1月至11月，湘鄂川黔省委曾驻塔卧。

    （供稿：永顺县委党史研究室）

    州委党史研究室赴龙山县调研

    7月2日，州委党史研究室副主任张海波一行深入龙山县茨岩塘镇，实地察看红二方面军总指挥部旧址和茨岩塘红军烈士陵园。龙山县委常委、组织部部长黄伟陪同。

    （州委党史研究室办公室供稿）
    """

    @Test func prefectureCommitteesPeopleAndSitesOutsideChongqing() throws {
        let document = try ReportReader().read(bytes: Array(Self.bulletin.utf8), path: "xiangxi.txt")
        let extraction = Extractor(knowledge: try KnowledgeBase.shared()).extract(document)
        #expect(extraction.articles.count == 2)
        let first = extraction.articles[0], second = extraction.articles[1]
        #expect(names(first, .person) == ["彭武长", "向东", "田应辉"])
        #expect(names(first, .site) == ["塔卧革命旧址"])
        #expect(names(first, .organisation).contains("中共湘西州委党史研究室"))
        #expect(values(first) == ["2021-06-28", "1935-01/1935-11"])
        #expect(names(second, .person) == ["张海波", "黄伟"])
        #expect(names(second, .site) == ["红二方面军总指挥部旧址", "茨岩塘红军烈士陵园"])
        #expect(names(second, .place).isSuperset(of: ["龙山县", "茨岩塘镇"]))
        #expect(second.date?.value == "2021-07-02")
    }

    @Test func traditionalScriptReportIsRecognisedOnItsSimplifiedText() throws {
        let text = "紅二、六軍團在酉陽南腰界會師\n一九三四年十月二十六日，賀龍、任弼時率領紅二、六軍團在酉陽縣南腰界召開會師大會。\n"
        let document = try ReportReader().read(bytes: Array(text.utf8), path: "fanti.txt")
        let article = try #require(Extractor(knowledge: try KnowledgeBase.shared()).extract(document).articles.first)
        #expect(names(article, .person) == ["贺龙", "任弼时"])
        #expect(names(article, .place).isSuperset(of: ["酉阳县", "南腰界镇"]))
        #expect(values(article) == ["1934-10-26"])
        // The surface as written is kept through the offsets.
        let he = try #require(article.mentions.first { $0.name == "贺龙" })
        #expect(document.originalString(he.range) == "賀龍")
    }
}

@Suite("Common given-name characters")
struct GivenNameTests {
    /// Regression: 国, 军, 中 were listed as never inside names, which cut
    /// 王建国 to 王建.
    @Test func namesWithGuoJunZhongKeepAllTheirCharacters() throws {
        let article = try extract("黔江区委党史研究室主任王建国带领有关同志调研。区委副书记李建军、区长张中华陪同。")
        #expect(names(article, .person) == ["王建国", "李建军", "张中华"])
    }
}

@Suite("More reports from other places and times")
struct MoreGeneralisationTests {
    @Test func liberationOfChongqingNarrative() throws {
        let article = try extract("""
        1949年11月，中国人民解放军第二野战军发起川黔战役。11月30日，解放军进入重庆市区，重庆宣告解放。在重庆解放前夕，国民党特务在歌乐山白公馆、渣滓洞制造了大屠杀，江竹筠、许晓轩、陈然等革命志士英勇就义。1950年1月，中共中央西南局在重庆成立，邓小平任第一书记，刘伯承任第二书记。1988年，歌乐山烈士陵园被列为全国重点烈士纪念建筑物保护单位。
        """, title: "重庆解放始末", published: nil)
        // 任第一书记 holds no name; 烈士纪念建筑物 neither.
        #expect(names(article, .person) == ["江竹筠", "许晓轩", "陈然", "邓小平", "刘伯承"])
        #expect(values(article) == ["1949-11", "1949-11-30", "1950-01", "1988"])
        #expect(names(article, .site).isSuperset(of: ["白公馆", "渣滓洞", "歌乐山烈士陵园"]))
        #expect(names(article, .organisation).isSuperset(of: ["第二野战军", "中共中央西南局"]))
        #expect(article.events.contains { $0.type == .designation && $0.temporal?.value == "1988" })
    }

    @Test func zunyiBulletinWithCityCommitteesAndTheRedArmy() throws {
        let text = """
        中共遵义市委党史研究室编 2022年1月20日

        遵义会议纪念馆举办纪念遵义会议召开87周年系列活动

        2022年1月15日，遵义会议纪念馆举办纪念活动。遵义市委常委、宣传部部长王飞出席并讲话，市委党史研究室主任杨文华主持活动。党员干部参观了遵义会议会址、红军总政治部旧址。

        1935年1月15日至17日，中共中央政治局在遵义召开扩大会议，确立了毛泽东在党中央和红军的领导地位。

        （供稿：市委党史研究室宣教科）
        """
        let document = try ReportReader().read(bytes: Array(text.utf8), path: "zunyi.txt")
        let article = try #require(Extractor(knowledge: try KnowledgeBase.shared()).extract(document).articles.first)
        #expect(names(article, .person) == ["王飞", "杨文华", "毛泽东"])
        #expect(names(article, .organisation).isSuperset(of: ["中共遵义市委", "中共遵义市委党史研究室", "中共中央政治局", "中国工农红军"]))
        #expect(names(article, .site).isSuperset(of: ["遵义会议纪念馆", "遵义会议会址", "红军总政治部旧址"]))
        #expect(values(article).contains("1935-01-15/1935-01-17"))
        #expect(article.date?.value == "2022-01-15")
        let main = try #require(article.events.first)
        #expect(main.participants.contains { article.mentions[$0.mention].name == "杨文华" && $0.role == .chaired })
    }
}

@Suite("Web page and traditional script, end to end")
struct PageAndScriptTests {
    @Test func webPageOfACountyGovernment() throws {
        let page = """
        <html><head><meta charset="utf-8"><title>秀山县开展“重走红军路”主题党日活动_秀山土家族苗族自治县人民政府</title></head>
        <body><div class="nav"><a>首页</a><a>政务公开</a></div>
        <div class="main"><h1>秀山县开展“重走红军路”主题党日活动</h1>
        <div class="info">发布时间：2021-06-18 来源：秀山县委组织部</div>
        <div class="content">
        <p>　　6月16日，秀山县委组织部组织机关党员干部前往川河盖红三军司令部旧址，开展主题党日活动。</p>
        <p>　　1934年6月，贺龙率领红三军进驻秀山川河盖，创建了黔东革命根据地。县委组织部部长吴明亮带领党员重温入党誓词。</p>
        </div></div><div class="footer">主办：秀山土家族苗族自治县人民政府办公室</div></body></html>
        """
        let document = try ReportReader().read(bytes: Array(page.utf8), path: "xiushan.html")
        let article = try #require(Extractor(knowledge: try KnowledgeBase.shared()).extract(document).articles.first)
        #expect(article.date?.value == "2021-06-16")     // the year from the page's date
        #expect(names(article, .person) == ["贺龙", "吴明亮"])
        // Not the 红三军司令部旧址 of 南腰界 the site list knows.
        #expect(names(article, .site) == ["川河盖红三军司令部旧址"])
        #expect(names(article, .organisation).isSuperset(of: ["中共重庆市秀山县委组织部", "红三军"]))
        #expect(names(article, .place).isSuperset(of: ["秀山县", "黔东革命根据地"]))
    }

    @Test func traditionalScriptBulletin() throws {
        let text = "重慶紅岩革命紀念館舉辦專題展覽\n2021年7月1日，重慶紅岩革命紀念館舉辦《紅岩魂》專題展覽。紀念館館長王浩主持開幕式，重慶市委宣傳部副部長李華出席並講話。\n"
        let document = try ReportReader().read(bytes: Array(text.utf8), path: "hongyan.txt")
        let article = try #require(Extractor(knowledge: try KnowledgeBase.shared()).extract(document).articles.first)
        #expect(names(article, .person) == ["王浩", "李华"])
        #expect(names(article, .work) == ["红岩魂"])
        #expect(names(article, .organisation).contains("中共重庆市委宣传部"))
        #expect(names(article, .site).contains("红岩革命纪念馆"))
    }
}

@Suite("Government departments and bare level words")
struct DepartmentTests {
    @Test func departmentsAfterAPlaceOrABareLevelWord() throws {
        let article = try extract("2021年4月8日，市委党史研究室与市档案馆、市地方志办公室联合召开推进会。市档案馆馆长刘明出席会议。北碚区文化旅游委、区退役军人事务局有关同志列席。为社区党组织作专题辅导。", title: "全市党史资料征集工作推进会召开", published: "2021年4月30日")
        #expect(names(article, .organisation) == ["中共重庆市委党史研究室", "重庆市档案馆", "重庆市地方志办公室",
                                                 "重庆市北碚区文化和旅游发展委员会", "重庆市北碚区退役军人事务局"])
        #expect(names(article, .person) == ["刘明"])
    }
}

@Suite("Mention order")
struct MentionOrderTests {
    /// Recognisers add mentions in their own order; the article's are by
    /// start, those starting together in the order they were found.
    @Test func mentionsGoByStartAndTiesKeepTheOrderFound() {
        let found: [(start: Int, name: String)] = [(5, "北碚区委"), (2, "徐塞声"), (5, "北碚区"), (0, "2020年"), (2, "徐塞声同志"), (9, "缙云山"), (1, "11月")]
        var mentions = found.map { Mention(type: .person, range: $0.start..<($0.start + 1), sameTextAndName: $0.name) }
        Extractor.sortByStart(&mentions)
        #expect(mentions.map(\.name) == ["2020年", "11月", "徐塞声", "徐塞声同志", "北碚区委", "北碚区", "缙云山"])
        var single = [Mention(type: .place, range: 3..<6, sameTextAndName: "酉阳县")]
        Extractor.sortByStart(&single)
        #expect(single.map(\.name) == ["酉阳县"])
    }
}
