import Foundation
import Testing
@testable import AnnalsText

@Suite("Reading report files")
struct ReportReaderTests {
    let reader = ReportReader()

    func sampleBytes() throws -> [UInt8] {
        try #require(FileManager.default.contents(atPath: Fixtures.samplePath).map { [UInt8]($0) })
    }

    /// Titles, sections, contributors and paragraphs: what must not depend on the encoding.
    func content(_ document: Document) -> [[String]] {
        document.articles.map { [$0.title, $0.section ?? "", $0.contributors.joined(separator: "|")] + $0.paragraphs.map(\.text) }
    }

    @Test func sampleSavedAsGB18030AndUTF16GivesIdenticalArticles() throws {
        let text = String(decoding: try sampleBytes(), as: UTF8.self)
        let utf8 = try reader.read(Fixtures.samplePath)
        let gb = try reader.read(Fixtures.write(Fixtures.gb18030(text), named: "gb.txt"))
        let utf16 = try reader.read(Fixtures.write(Fixtures.utf16(text, bigEndian: false), named: "utf16.txt"))
        let utf16be = try reader.read(Fixtures.write(Fixtures.utf16(text, bigEndian: true), named: "utf16be.txt"))
        #expect(gb.encoding.encoding == .gb18030)
        #expect(utf16.encoding.encoding == .utf16LittleEndian)
        #expect(content(gb) == content(utf8))
        #expect(content(utf16) == content(utf8))
        #expect(content(utf16be) == content(utf8))
        #expect(gb.published == utf8.published && utf16.publisher == utf8.publisher)
    }

    @Test(arguments: ["utf-8", "gb18030", "utf-16"])
    func rawBytesAtEveryParagraphSpanNormaliseBackToTheParagraph(encoding: String) throws {
        let text = String(decoding: try sampleBytes(), as: UTF8.self)
        let bytes: [UInt8] = switch encoding {
        case "gb18030": Fixtures.gb18030(text)
        case "utf-16": Fixtures.utf16(text, bigEndian: false)
        default: Array(text.utf8)
        }
        let document = try reader.read(bytes: bytes, path: "sample.txt")
        var checked = 0
        for article in document.articles {
            for paragraph in article.paragraphs {
                let slice = Array(bytes[paragraph.span.start..<paragraph.span.end])
                let decoded = try #require(TextDecoder.decode(slice, as: document.encoding.encoding))
                #expect(TextNormalizer.paragraph(decoded).string == paragraph.text)
                checked += 1
            }
            let title = article.titleRange
            let titleSpan = document.text.rawSpan(of: title)
            let decodedTitle = try #require(TextDecoder.decode(Array(bytes[titleSpan.start..<titleSpan.end]), as: document.encoding.encoding))
            #expect(TextNormalizer.paragraph(decodedTitle).string == article.title)
        }
        #expect(checked >= 30)
    }

    @Test func everyCharacterOfTheDocumentTextMapsToTheRawCharacterItCameFrom() throws {
        let bytes = try sampleBytes()
        let document = try reader.read(bytes: bytes, path: "sample.txt")
        let text = document.text
        for index in 0..<text.count where text.rawStarts[index] != text.rawEnds[index] {
            let raw = String(decoding: bytes[Int(text.rawStarts[index])..<Int(text.rawEnds[index])], as: UTF8.self)
            let expected = ScalarClass.foldingFullWidth(raw.unicodeScalars.first!.value)
            #expect(expected == text.scalars[index] || (text.scalars[index] == 0x20 && ScalarClass.isSpace(expected)))
        }
    }

    @Test func articleSpansCoverTitleToCreditLine() throws {
        let bytes = try sampleBytes()
        let document = try reader.read(bytes: bytes, path: "sample.txt")
        let first = document.articles[0]
        let raw = String(decoding: bytes[first.span.start..<first.span.end], as: UTF8.self)
        #expect(raw.hasPrefix("市委党史研究室召开渝东南片区党史部门座谈会"))
        #expect(raw.hasSuffix("（市委党史研究室办公室供稿）"))
        #expect(zip(document.articles, document.articles.dropFirst()).allSatisfy { $0.span.end <= $1.span.start })
    }

    @Test func sha256IdentifiesTheRawFile() throws {
        let document = try reader.read(Fixtures.samplePath)
        #expect(document.sha256.count == 64)
        #expect(ReportReader.sha256(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    // MARK: - Traditional script

    @Test func traditionalScriptReportYieldsSimplifiedTextAndKeepsTheOriginal() throws {
        let text = """
        紅二、六軍團在酉陽南腰界會師

        一九三四年十月，賀龍、關嚮應率領的紅三軍與任弼時、蕭克、王震率領的紅六軍團在貴州省印江縣木黃會師，隨後在酉陽南腰界召開會師大會。
        """
        let document = try reader.read(bytes: Array(text.utf8), path: "fanti.txt")
        #expect(document.script == .traditional)
        let article = try #require(document.articles.first)
        #expect(article.title == "红二、六军团在酉阳南腰界会师")
        // 關嚮應 is left out: ICU, used when OpenCC is not installed, makes it
        // 关响应 (openCCIsMoreAccurateThanICUOnNames checks the names).
        #expect(article.paragraphs[0].text.contains("率领的红三军与任弼时、萧克、王震率领的红六军团在贵州省印江县木黄会师"))
        let record = ArticleRecord(article, in: document)
        #expect(record.originalTitle == "紅二、六軍團在酉陽南腰界會師")
        #expect(record.originalParagraphs?.first?.contains("賀龍、關嚮應") == true)
        // Same characters, same offsets.
        #expect(document.originalScalars?.count == document.text.count)
    }

    @Test func simplifiedReportIsLeftAsWritten() throws {
        let document = try reader.read(Fixtures.samplePath)
        #expect(document.script == .simplified)
        #expect(document.originalScalars == nil)
    }

    @Test(.enabled(if: ScriptConverter.shared.engine == .openCC, "OpenCC is not installed (tools/setup installs it)"))
    func openCCIsMoreAccurateThanICUOnNames() throws {
        let openCC = ScriptConverter()
        let icu = ScriptConverter(preferICU: true)
        let names = ["乾縣": "乾县", "關嚮應": "关向应", "乾隆": "乾隆", "酉陽土家族苗族自治縣": "酉阳土家族苗族自治县", "鄧小平": "邓小平"]
        let openCCRight = names.filter { openCC.convert($0.key) == $0.value }.count
        let icuRight = names.filter { icu.convert($0.key) == $0.value }.count
        #expect(openCCRight == names.count)
        #expect(icuRight < openCCRight)
    }

    // MARK: - Web pages

    static let webPage = """
    <!DOCTYPE html>
    <html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
    <title>红岩革命纪念馆举办“红岩魂”陈列展_重庆党史网</title>
    <meta name="PubDate" content="2021-03-12 09:30">
    <style>.nav { color: red } p { margin: 0 }</style>
    <script>var menu = "首页 党史动态 红色资源"; document.write(menu);</script>
    </head><body>
    <div class="top-nav"><a href="/">首页</a> | <a href="/dt">党史动态</a> | <a href="/zy">红色资源</a></div>
    <div class="breadcrumb">当前位置：首页 &gt; 党史动态</div>
    <div class="article">
      <h1>红岩革命纪念馆举办“红岩魂”陈列展</h1>
      <div class="info">来源：红岩联线 发布时间：2021-03-12</div>
      <div class="TRS_Editor">
        <p>&nbsp;&nbsp;2021年3月12日，红岩革命纪念馆在渝中区举办“红岩魂”陈列展，展出文物&amp;史料300余件。</p>
        <p>展览分为“黎明前的战斗”“狱中斗争”两个部分，<br>再现了白公馆、渣滓洞革命志士的斗争历程。</p>
      </div>
    </div>
    <div class="footer">版权所有：中共重庆市委党史研究室 渝ICP备05000000号</div>
    </body></html>
    """

    @Test func webPageInGB2312IsOneCleanArticleWithTitleAndDate() throws {
        let bytes = Fixtures.gb18030(Self.webPage)
        let document = try reader.read(bytes: bytes, path: "page.html")
        #expect(document.format == .html)
        #expect(document.encoding.encoding == .gb18030)
        #expect(document.published?.description == "2021-03-12")
        #expect(document.articles.count == 1)
        let article = try #require(document.articles.first)
        #expect(article.title == "红岩革命纪念馆举办“红岩魂”陈列展")
        #expect(article.paragraphs.map(\.text) == [
            "2021年3月12日，红岩革命纪念馆在渝中区举办“红岩魂”陈列展，展出文物&史料300余件。",
            "展览分为“黎明前的战斗”“狱中斗争”两个部分，",
            "再现了白公馆、渣滓洞革命志士的斗争历程。",
        ])
        let all = document.text.string
        for boilerplate in ["首页", "版权所有", "document.write", "color: red", "当前位置"] {
            #expect(!all.contains(boilerplate))
        }
    }

    @Test func webPageCharactersMapToTheirBytesIncludingEntities() throws {
        let bytes = Array(Self.webPage.utf8)
        let document = try reader.read(bytes: bytes, path: "page.html")
        let text = document.text
        var entities = 0
        for index in 0..<text.count where text.rawStarts[index] != text.rawEnds[index] {
            let raw = String(decoding: bytes[Int(text.rawStarts[index])..<Int(text.rawEnds[index])], as: UTF8.self)
            if raw.hasPrefix("&") {
                entities += 1
                #expect(raw == "&amp;" && text.scalars[index] == 0x26)
            } else {
                #expect(raw.unicodeScalars.first?.value == text.scalars[index])
            }
        }
        #expect(entities == 1)
        let title = document.articles[0].titleRange
        let span = text.rawSpan(of: title)
        #expect(String(decoding: bytes[span.start..<span.end], as: UTF8.self) == "红岩革命纪念馆举办“红岩魂”陈列展")
    }

    @Test func webPageWithoutHeadingTakesItsTitleFromTheTitleElement() throws {
        let page = "<html><head><title>酉阳县开展红色教育 - 酉阳县人民政府</title></head><body><p>2021年5月4日，酉阳县组织青年参观南腰界红三军司令部旧址。</p></body></html>"
        let document = try reader.read(bytes: Array(page.utf8), path: "page.htm")
        #expect(document.articles.first?.title == "酉阳县开展红色教育")
        #expect(document.articles.first?.paragraphs.map(\.text) == ["2021年5月4日，酉阳县组织青年参观南腰界红三军司令部旧址。"])
    }

    @Test func entityExpansionBombIsNeitherExpandedNorSlow() throws {
        var entities = "<!ENTITY lol \"lol\">"
        for level in 1...9 {
            let previous = level == 1 ? "lol" : "lol\(level - 1)"
            entities += "<!ENTITY lol\(level) \"" + String(repeating: "&\(previous);", count: 10) + "\">"
        }
        let page = "<!DOCTYPE html [\(entities)]><html><body><h1>党史工作简报</h1><p>正文&lol9;结束。</p><p>酉阳县委党史研究室召开会议。</p></body></html>"
        let document = try reader.read(bytes: Array(page.utf8), path: "bomb.html")
        // Fully expanded, &lol9; would be a billion characters.
        #expect(document.text.count < 2000)
        #expect(!document.text.string.contains("lollollol"))
        #expect(document.articles.first?.paragraphs.contains { $0.text == "酉阳县委党史研究室召开会议。" } == true)
    }

    @Test func externalEntityIsNotFetched() throws {
        let page = "<!DOCTYPE html [<!ENTITY secret SYSTEM \"file:///etc/passwd\">]><html><body><h1>测试报告</h1><p>内容&secret;结束。</p></body></html>"
        let document = try reader.read(bytes: Array(page.utf8), path: "xxe.html")
        #expect(!document.text.string.contains("root:"))
    }

    // MARK: - PDF

    @Test(.enabled(if: PDFTextLayer.findOnPath("pdftotext") != nil, "pdftotext is not installed (tools/setup installs poppler-utils)"))
    func pdfWithChineseTextIsOneCleanArticle() throws {
        let pdf = MinimalPDF.make(lines: [
            "黔江区委党史研究室开展红色资源普查",
            "2021年6月1日，黔江区委党史研究室组织开展全区红色资源普查工",
            "作，共登记革命旧址遗址26处。",
        ])
        let document = try reader.read(Fixtures.write(pdf, named: "黔江 报告.pdf"))
        #expect(document.format == .pdf)
        #expect(document.articles.count == 1)
        #expect(document.articles[0].title == "黔江区委党史研究室开展红色资源普查")
        #expect(document.articles[0].paragraphs.map(\.text) == ["2021年6月1日，黔江区委党史研究室组织开展全区红色资源普查工作，共登记革命旧址遗址26处。"])
    }

    // MARK: - Bad input

    @Test func missingFileIsNamedInTheError() {
        #expect(throws: ReadError.fileNotFound(path: "/no/such/report.txt")) { try reader.read("/no/such/report.txt") }
    }

    @Test func folderIsRefused() {
        let folder = Fixtures.temporaryFolder().path
        #expect(throws: ReadError.isDirectory(path: folder)) { try reader.read(folder) }
    }

    @Test func emptyFileIsRefused() {
        let path = Fixtures.write([], named: "empty.txt")
        #expect(throws: ReadError.emptyFile(path: path)) { try reader.read(path) }
    }

    @Test func fileWithOnlyWhitespaceHoldsNoText() {
        let path = Fixtures.write(" \n\n\u{3000}\n", named: "blank.txt")
        #expect(throws: ReadError.noText(path: path, format: "text")) { try reader.read(path) }
    }

    @Test func pdfThatIsNotAPDFIsRefused() {
        let path = Fixtures.write("这不是PDF文件", named: "fake.pdf")
        #expect {
            try reader.read(path)
        } throws: { error in
            guard case ReadError.notAPDF(let named, _) = error else { return false }
            return named == path && error.localizedDescription.isEmpty == false
        }
    }

    @Test func missingPdftotextTellsTheUserToInstallPoppler() {
        let path = Fixtures.write(MinimalPDF.make(lines: ["测试"]), named: "a.pdf")
        let noTool = ReportReader(pdfToTextPath: "/nonexistent/pdftotext")
        #expect {
            try noTool.read(path)
        } throws: { error in
            guard let error = error as? ReadError, case .pdfToolMissing = error else { return false }
            return error.description.contains("poppler-utils")
        }
    }

    @Test func unsupportedExtensionFallsBackToTextOnlyWhenTheContentIsText() throws {
        let path = Fixtures.write(Array("酉阳县委党史研究室召开会议。".utf8), named: "report.md")
        #expect(try reader.read(path).articles.count == 1)
    }
}
