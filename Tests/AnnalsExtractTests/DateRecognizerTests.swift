import AnnalsModel
import Testing
import AnnalsKnowledge
import AnnalsText
@testable import AnnalsExtract

/// Reads a one-article report from text and extracts it.
func extract(_ body: String, title: String = "测试报告", published: String? = "2020年12月10日") throws -> ExtractedArticle {
    let masthead = published.map { "中共重庆市委党史研究室编 \($0)\n" } ?? ""
    let text = masthead + title + "\n" + body + "\n"
    let document = try ReportReader().read(bytes: Array(text.utf8), path: "test.txt")
    let extraction = Extractor(knowledge: try KnowledgeBase.shared()).extract(document)
    return try #require(extraction.articles.first)
}

func values(_ article: ExtractedArticle, _ type: MentionType = .date) -> [String] {
    article.mentions.filter { $0.type == type }.map(\.name)
}

@Suite("Dates")
struct DateRecognizerTests {
    @Test func fullDatesInArabicAndChineseNumerals() throws {
        let article = try extract("2020年11月18日，会议召开。一九三四年十月，红军出发。二〇二〇年是关键一年。")
        #expect(values(article) == ["2020-11-18", "1934-10", "2020"])
        #expect(article.date?.value == "2020-11-18")
    }

    @Test func numeralsThatStartNoDateAreSkippedAndDatesAmongThemStillRead() throws {
        // 一行, 三是, 统一, 十分, 五中全会, 2个: numerals with no 世 年 月 日 号
        // after them; the dates between them in every written form,
        // those starting with 十 too (they were read from the next numeral:
        // 十一月 as 一月).
        let article = try extract("一行三人，三是统一思想，十分重要。二〇二〇年十月二十五日召开五中全会，2个小组于十一月3号汇报。1950年代建成。十二月一日闭幕。")
        #expect(values(article) == ["2020-10-25", "2020-11-03", "195X", "2020-12-01"])
    }

    @Test func yearIsInheritedFromPublicationDate() throws {
        let article = try extract("11月17日，涪陵区委党史研究室召开会议。")
        #expect(values(article) == ["2020-11-17"])
    }

    @Test func partialDatesTakeTheYearOfARelativeYearBeforeThem() throws {
        let article = try extract("今年以来成效显著。明年将编写新书，并于3月上旬召开启动会。", published: "2021年11月30日")
        #expect(values(article) == ["2021", "2022", "2022-03"])
    }

    @Test func monthAfterIssueMonthBelongsToPreviousYear() throws {
        let article = try extract("12月28日，会议召开。", published: "2021年1月5日")
        #expect(values(article) == ["2020-12-28"])
    }

    @Test func dayAloneTakesMonthFromTheNarrative() throws {
        let article = try extract("1934年10月24日，红二、六军团在木黄会师。25日，部队休整。26日，召开庆祝大会。次日出发。")
        #expect(values(article) == ["1934-10-24", "1934-10-25", "1934-10-26", "1934-10-27"])
    }

    @Test func rangesPartsAndOpenEndedPeriods() throws {
        let article = try extract("1934年8月至10月，红军转战。5月上旬，召开会议。2017年以来，成效显著。2019年年初开始拍摄。4月12日至14日赴恩施考察。")
        let found = article.mentions.filter { $0.type == .date }
        // 4月12日 takes its year from the nearest year before it (2019年年初).
        #expect(found.map(\.name) == ["1934-08/1934-10", "1934-05", "2017", "2019", "2019-04-12/2019-04-14"])
        #expect(found[1].temporal?.modifier == "start")
        #expect(found[1].temporal?.end.description == "1934-05-10")
        #expect(found[2].temporal?.modifier == "after")
    }

    @Test func decadesCenturiesRelativeYearsAndPlans() throws {
        let article = try extract("修建于20世纪50年代。20世纪，中国发生巨变。今年是建党99周年，明年重点工作，去年成绩。讲清楚“十四五”规划。")
        #expect(values(article) == ["195X", "19XX", "2020", "2021", "2019", "2021/2025"])
    }

    /// Found by `tools/fuzz` (Fuzz/Regressions/FuzzDates/third-century-year-200):
    /// early centuries gave `20XX` for the 3rd century, which is the 21st.
    @Test func earlyCenturiesAndDecadesKeepFourDigitYears() throws {
        let article = try extract("公元3世纪，佛教传入。3世纪50年代，寺庙兴建。")
        #expect(values(article) == ["02XX", "025X"])
    }

    @Test func expressionsWithoutCalendarValueAreNotDates() throws {
        let article = try extract("近年来，当前工作扎实。庆祝建党100周年，1000余张照片，190余万人次，党的十九届五中全会。")
        #expect(values(article).isEmpty)
    }

    /// Curated dates and query bounds are written in ISO form.
    @Test func isoValuesParseWithTheirPrecisionAndRejectOtherShapes() {
        #expect(TemporalValue(iso: "1934") == .year(1934))
        #expect(TemporalValue(iso: "1934-10") == .month(1934, 10))
        #expect(TemporalValue(iso: "1934-10-24") == .day(1934, 10, 24))
        #expect(TemporalValue(iso: "1934-08/1934-10")?.value == "1934-08/1934-10")
        #expect(TemporalValue(iso: "1934-10-24/1934-10-26")?.end == CalendarDay(year: 1934, month: 10, day: 26))
        for malformed in ["", "34", "1934-1", "1934-10-4", "1934-13", "1934-02-30", "19３4", "1934/1935/1936", "1935/1934", "1934-10-24-01", "1934年"] {
            #expect(TemporalValue(iso: malformed) == nil, "\(malformed)")
        }
    }

    @Test func impossibleDatesAreRejected() throws {
        let article = try extract("2020年13月45日，会议召开。")
        #expect(!values(article).contains { $0.hasPrefix("2020-13") })
    }
}
