import AnnalsModel
import Testing
@testable import AnnalsText

/// Two layouts met in real reports: a page of a newspaper's digital edition,
/// and a bulletin whose contents wrap a long title as its page did.
@Suite("Newspaper pages and wrapped titles")
struct NewspaperAndWrappedTitleTests {
    func read(_ text: String) throws -> Document {
        try ReportReader().read(bytes: Array(text.utf8), path: "report.txt")
    }

    @Test func aDigitalNewspaperPageGivesPaperDateAndTheStorysTitle() throws {
        let document = try read("""
        武隆日报数字报
        2024年05月14日　星期二　　第02版：综合　　　　【上一版】【下一版】

        仙女山下寻红迹

        本报记者 李明

        本报讯　5月13日，区委党史研究室在白马镇开展革命遗址调查。

        调查组走访了老红军后代。
        """)
        #expect(document.publisher == "武隆日报")
        #expect(document.published?.description == "2024-05-14")
        #expect(document.articles.count == 1)
        #expect(document.articles.first?.title == "仙女山下寻红迹")
    }

    @Test func aTitleWrappedInTheContentsIsOneTitle() throws {
        let document = try read("""
        党史工作动态

        中共重庆市黔江区委党史研究室编　　　　2023年5月12日

        本期目录

        【工作动态】

        市委党史研究室调研组到濯水调研红色资源保护

        利用工作

        全区党史工作会议召开

        【工作动态】

        市委党史研究室调研组到濯水调研红色资源保护

        利用工作

        4月26日至27日，市委党史研究室调研组到黔江区调研红色资源保护利用工作。

        （办公室供稿）

        全区党史工作会议召开

        4月20日，黔江区2023年党史工作会议在区委党校召开。

        （办公室供稿）
        """)
        #expect(document.articles.map(\.title) == ["市委党史研究室调研组到濯水调研红色资源保护利用工作", "全区党史工作会议召开"])
    }
}
