import AnnalsModel
import Foundation
import Testing
@testable import AnnalsText

@Suite("Bulletin segmentation")
struct BulletinSegmenterTests {
    /// The sample bulletin's titles, sections and credits as the gold file has them.
    static let sampleArticles: [(title: String, section: String, contributors: [String])] = [
        ("市委党史研究室召开渝东南片区党史部门座谈会传达学习贯彻市委常委会议精神", "工作动态", ["市委党史研究室办公室"]),
        ("湘鄂川黔渝五省市党史部门签订湘鄂川黔革命根据地历史研究合作框架协议", "工作动态", ["市委党史研究室办公室"]),
        ("市委党史研究室主任徐塞声赴垫江县调研党史工作", "工作动态", ["市委党史研究室办公室", "垫江县委党史研究室"]),
        ("中共中央西南局历史陈列展（一期）正式开展", "工作动态", ["市委党史研究室宣教处"]),
        ("市直机关“四史”专题报告会解读红岩精神", "工作动态", ["市委党史研究室宣教处"]),
        ("电视文献纪录片《破晓——重庆解放密档》在重庆卫视首播", "工作动态", ["市委党史研究室宣教处"]),
        ("北碚区委常委会专题听取全区党史工作汇报", "工作动态", ["北碚区委党史研究室"]),
        ("渝北区委常委会专题听取全区党史工作汇报", "工作动态", ["渝北区委党史研究室"]),
        ("涪陵区委常委、宣传部部长宫辉调研党史工作", "工作动态", ["涪陵区委党史研究室"]),
        ("市委党史研究室举行党的十九届五中全会精神专题宣讲", "学习宣传贯彻党的十九届五中全会精神", ["市委党史研究室办公室"]),
        ("璧山区委党史研究室认真学习贯彻党的十九届五中全会精神", "学习宣传贯彻党的十九届五中全会精神", ["璧山区委党史研究室"]),
    ]

    func read(_ text: String, named name: String = "report.txt") throws -> Document {
        try ReportReader().read(bytes: Array(text.utf8), path: name)
    }

    @Test func sampleBulletinHasElevenArticlesWithExactTitlesSectionsAndCredits() throws {
        let document = try ReportReader().read(Fixtures.samplePath)
        #expect(document.published?.description == "2020-12-10")
        #expect(document.publisher == "中共重庆市委党史研究室")
        #expect(document.articles.count == 11)
        for (article, expected) in zip(document.articles, Self.sampleArticles) {
            #expect(article.title == expected.title)
            #expect(article.section == expected.section)
            #expect(article.contributors == expected.contributors)
        }
        #expect(document.contents.count == 11)
        #expect(document.contents[0].title == Self.sampleArticles[0].title)
        #expect(document.contents[9].section == "学习宣传贯彻党的十九届五中全会精神")
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: Fixtures.goldPath), "the shared gold file (../shared/gold) is not beside the project"))
    func sampleBulletinMatchesTheSharedGoldFile() throws {
        let data = try #require(FileManager.default.contents(atPath: Fixtures.goldPath))
        struct Gold: Decodable {
            struct Article: Decodable { var title: String; var section: String?; var contributors: [String] }
            var published: String
            var publisher: String
            var articles: [Article]
        }
        let gold = try JSONDecoder().decode(Gold.self, from: data)
        let document = try ReportReader().read(Fixtures.samplePath)
        #expect(document.published?.description == gold.published)
        #expect(document.publisher == gold.publisher)
        #expect(document.articles.map(\.title) == gold.articles.map(\.title))
        #expect(document.articles.map(\.section) == gold.articles.map(\.section))
        #expect(document.articles.map(\.contributors) == gold.articles.map(\.contributors))
    }

    @Test func sampleParagraphsJoinWrappedLinesAcrossPageBreaks() throws {
        let document = try ReportReader().read(Fixtures.samplePath)
        let first = document.articles[0]
        #expect(first.paragraphs[0].text.hasPrefix("继召开全市部分区县党史部门座谈会后，2020年11月18日，市委党史研究室在酉阳县组织召开渝东南片区党史工作部门座谈会，"))
        #expect(first.paragraphs[0].text.hasSuffix("8个区县党史工作部门负责同志参加会议。"))
        // " 100 周年" opened a new PDF page in the middle of a sentence.
        #expect(first.paragraphs.contains { $0.text.contains("紧紧围绕庆祝建党100周年和“四史”学习教育，在统筹做好") })
        // The enumerated paragraphs of the last article stay apart.
        let last = document.articles[10]
        #expect(last.paragraphs.map { String($0.text.prefix(3)) } == ["党的十", "一是主", "二是加", "三是抢"])
    }

    @Test func bulletinOfAnotherDistrictWithMastheadContentsAndColophon() throws {
        let document = try read(Fixtures.wanzhouBulletin)
        #expect(document.publisher == "中共重庆市万州区委党史研究室")
        #expect(document.published?.description == "2021-06-30")
        #expect(document.contents.map(\.title) == ["万州区召开党史学习教育动员大会", "区委党史研究室赴恩施州学习考察红色资源保护利用工作经验", "《万州革命史》出版发行"])
        #expect(document.articles.map(\.title) == document.contents.map(\.title))
        #expect(document.articles.map(\.contributors) == [["区委党史研究室"], ["区委党史研究室办公室"], ["区委党史研究室编研科"]])
        #expect(document.articles.allSatisfy { $0.section == nil })

        let meeting = document.articles[0].paragraphs.map(\.text)
        #expect(meeting == [
            "2021年3月5日，万州区召开党史学习教育动员大会。区委书记李明华出席会议并讲话，区委副书记、区长陈国栋主持会议。会议强调，要把党史学习教育同推动高质量发展结合起来。",
            "区委党史研究室主任赵文清参加会议。全区各级党组织负责同志共300余人参加会议。",
        ])
        let book = document.articles[2].paragraphs.map(\.text)
        #expect(book == ["近日，由区委党史研究室编写的《万州革命史》由重庆出版社出版发行。全书共35万字，记述了1925年至1949年万州人民的革命斗争历史。"])
        #expect(!document.text.string.contains("共印"))
    }

    @Test func historyNarrativeWithoutMastheadIsOneArticle() throws {
        let document = try read(Fixtures.huishiNarrative)
        #expect(document.published == nil)
        #expect(document.articles.count == 1)
        let article = try #require(document.articles.first)
        #expect(article.title == "红二、六军团南腰界会师")
        #expect(article.section == nil)
        #expect(article.paragraphs.map(\.text) == [
            "1934年10月24日，红二、六军团在贵州印江木黄会师。10月26日，两军团在酉阳南腰界召开会师庆祝大会，贺龙、任弼时、萧克、王震等出席。会后，两军团发起湘西攻势。",
            "这次会师，恢复和创建了湘鄂川黔革命根据地，对中央红军长征起到了战略配合作用。",
        ])
    }

    @Test func numberedPartsOfANarrativeInAJournalStayInItsArticle() throws {
        let text = """
        万州党史　　2022年第2期（总第46期）　　2022年6月20日出版

        【史海钩沉】

        从接管建政到专区初创

        谭明远

        1949年12月8日，万县和平解放。本文梳理这一时期万县地区建立人民政权的过程。

        一、南下途中的准备

        1949年7月下旬，第二野战军在南京部署进军西南的任务。9月中旬，部队从皖南启程南下。

        二、万县城迎来解放

        12月中旬，万县专区正式设立，专员公署驻万县市。
        """
        let document = try read(text)
        #expect(document.articles.map(\.title) == ["从接管建政到专区初创"])
        let article = try #require(document.articles.first)
        #expect(article.section == "史海钩沉")
        #expect(article.asides.filter { $0.kind == .subheading }.map(\.text).filter { $0.contains("、") } == ["一、南下途中的准备", "二、万县城迎来解放"])
        #expect(article.paragraphs.last?.text == "12月中旬，万县专区正式设立，专员公署驻万县市。")
    }

    @Test func numberedContentsEndAtTheirRuleAndBareSectionsHeadTheReports() throws {
        let text = """
        怀化党史工作

        2023年第9期（总第112期）

        中共怀化市委党史研究室　　　　2023年9月28日

        本期要目
        1．全市党史工作推进会在芷江召开
        2．《怀化红色文化遗址通览》出版发行

        ━━━━━━━━━━━━━━━━━━━━

        工作动态

        全市党史工作推进会在芷江召开

        9月7日，全市党史工作推进会在芷江侗族自治县召开，各县党史部门负责同志40余人参加。

        党史研究

        《怀化红色文化遗址通览》出版发行

        近日，由市委党史研究室编纂的《怀化红色文化遗址通览》由湖南人民出版社出版发行。
        """
        let document = try read(text)
        #expect(document.contents.map(\.title) == ["全市党史工作推进会在芷江召开", "《怀化红色文化遗址通览》出版发行"])
        #expect(document.articles.map(\.title) == document.contents.map(\.title))
        #expect(document.articles.map(\.section) == ["工作动态", "党史研究"])
    }

    @Test func aSourceLineWithABareDateIsMetadataNotAMasthead() throws {
        let text = """
        黔东特区：乌江东岸的红色政权

        来源：沿河县委党史研究室　　2024-07-22

        九十年前的夏天，在贵州东北部乌江东岸，诞生了一个红色政权。
        """
        let document = try read(text)
        #expect(document.articles.map(\.title) == ["黔东特区：乌江东岸的红色政权"])
        #expect(document.published?.description == "2024-07-22")
        #expect(document.metadata.source == "沿河县委党史研究室")
    }

    @Test func aReprintNoteGivesTheDateAndPaperAndEndsNoReport() throws {
        let text = """
        红旗漫卷武陵山

        1934年10月下旬，红二、六军团在黔东会师后，决定挥师东进。

        今年11月26日，纪念座谈会在纪念馆举行。

        （原载《团结报》2024年12月3日第3版）
        """
        let document = try read(text)
        #expect(document.published?.description == "2024-12-03")
        #expect(document.metadata.newspaper == "团结报")
        #expect(document.articles.map(\.title) == ["红旗漫卷武陵山"])
        #expect(document.articles[0].paragraphs.count == 2)
    }

    @Test func textWithOneParagraphPerLineKeepsItsParagraphs() throws {
        let text = """
        重庆谈判旧址群保护利用工作推进会召开
        2021年4月8日，市文物局在渝中区召开重庆谈判旧址群保护利用工作推进会，会议由市文物局副局长刘华主持，各相关单位负责同志参加。
        会议通报了桂园、红岩村、曾家岩50号等旧址的修缮进展，并对下一步展陈提升工作作出安排。
        与会人员实地察看了桂园旧址修缮现场。
        """
        let document = try read(text)
        #expect(document.articles.count == 1)
        #expect(document.articles[0].title == "重庆谈判旧址群保护利用工作推进会召开")
        #expect(document.articles[0].paragraphs.count == 3)
        #expect(document.articles[0].paragraphs[2].text == "与会人员实地察看了桂园旧址修缮现场。")
    }

    @Test func creditLineFormsAreRecognised() {
        func credit(_ line: String) -> [String]? {
            let (mapped, _) = try! TextDecoder.decode(Array(line.utf8), path: "t.txt")
            let lines = LineNormalizer.normalize(mapped)
            return BulletinSegmenter.credit(lines, lines.lines[0])
        }
        #expect(credit("（市委党史研究室办公室、垫江县委党史研究室供稿）") == ["市委党史研究室办公室", "垫江县委党史研究室"])
        #expect(credit("（供稿：璧山区委党史研究室）") == ["璧山区委党史研究室"])
        #expect(credit("(供稿单位: 万州区委党史研究室)") == ["万州区委党史研究室"])
        #expect(credit("来源：重庆日报 作者：李明") == ["重庆日报"])
        #expect(credit("（一期）") == nil)
        #expect(credit("来源于群众，服务于群众。") == nil)
    }

    @Test func theMastheadsOfficeIsTheLastWordBeforeItsDate() {
        func publisher(_ line: String) -> String? {
            let (mapped, _) = try! TextDecoder.decode(Array(line.utf8), path: "t.txt")
            let lines = LineNormalizer.normalize(mapped)
            return BulletinSegmenter.publisher(lines, lines.lines[0].range)
        }
        #expect(publisher("中共重庆市委党史研究室编") == "中共重庆市委党史研究室")
        #expect(publisher("第12期 中共酉阳县委党史研究室") == "中共酉阳县委党史研究室")
        #expect(publisher("第1期　　总第36期　　中共叙永县委党史研究室") == "中共叙永县委党史研究室")
        #expect(publisher("主办：中共黔江区委党史研究室") == "中共黔江区委党史研究室")
        #expect(publisher("编") == nil)
        #expect(publisher("2022年第4期（总第33期）") == nil)
    }

    @Test func calendarDaysAreFoundInEveryWrittenForm() {
        func find(_ text: String) -> String? { CalendarDay.find(in: text.scalarValues[...])?.day.description }
        #expect(find("编 2020年12月10日") == "2020-12-10")
        #expect(find("一九三四年十月二十四日") == "1934-10-24")
        #expect(find("二〇二〇年十二月十日") == "2020-12-10")
        #expect(find("发布时间：2020-11-23 10:00") == "2020-11-23")
        #expect(find("2020年13月45日") == nil)
        #expect(find("2021年2月29日") == nil)
        #expect(find("12345年1月1日") == nil)
    }
}
