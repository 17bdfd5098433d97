import Foundation
import Testing
import ZIPFoundation
@testable import AnnalsText

/// Word reports: `.docx` through a zip reader and libxml2, `.doc` through antiword.
@Suite struct WordReaderTests {
    /// A `.docx` archive, written with a real zip writer, whose body has one
    /// `<w:p>` a line of `text`. The runs are split inside lines and carry
    /// what Word writes around text: run properties, a tab, a field code and
    /// a tracked deletion, none of which is text.
    static func docx(lines: [String]) throws -> [UInt8] {
        func escaped(_ text: String) -> String {
            text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
        }
        var body = ""
        for line in lines {
            let characters = Array(line)
            let half = characters.count / 2
            body += "<w:p><w:pPr><w:jc w:val=\"both\"/></w:pPr>"
            body += "<w:r><w:rPr><w:rFonts w:eastAsia=\"仿宋\"/></w:rPr><w:t xml:space=\"preserve\">\(escaped(String(characters[..<half])))</w:t></w:r>"
            body += "<w:r><w:instrText> PAGE </w:instrText></w:r><w:del><w:r><w:delText>删去的字</w:delText></w:r></w:del>"
            body += "<w:r><w:t>\(escaped(String(characters[half...])))</w:t></w:r></w:p>\n"
        }
        let document = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>
        \(body)<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>
        """
        let types = """
        <?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>
        """
        let archive = try Archive(data: Data(), accessMode: .create)
        for (name, text) in [("[Content_Types].xml", types), ("word/document.xml", document)] {
            let data = Data(text.utf8)
            try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return [UInt8](archive.data!)
    }

    static func fixtureLines(_ name: String) throws -> [String] {
        let text = try String(contentsOf: LayoutFixtureTests.folder.appendingPathComponent(name), encoding: .utf8)
        return text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
    }

    @Test(arguments: ["cq-beibei-2022-09-web", "hb-macheng-2022-08-report", "hn-yongshun-2024-11-bulletin"])
    func aWordFileReadsAsTheSameReportSavedAsText(_ name: String) throws {
        let text = try ReportReader().read(LayoutFixtureTests.folder.appendingPathComponent("\(name).txt").path)
        let bytes = try Self.docx(lines: Self.fixtureLines("\(name).txt"))
        let word = try ReportReader().read(bytes: bytes, path: "\(name).docx")
        #expect(word.format == .docx)
        #expect(word.published == text.published)
        #expect(word.publisher == text.publisher)
        #expect(word.metadata == text.metadata)
        #expect(word.articles.map(\.title) == text.articles.map(\.title))
        #expect(word.articles.map { $0.paragraphs.map(\.text) } == text.articles.map { $0.paragraphs.map(\.text) })
        #expect(word.setAside.map(\.kind) == text.setAside.map(\.kind))
        #expect(!word.articles.contains { $0.paragraphs.contains { $0.text.contains("删去的字") || $0.text.contains("PAGE") } })
    }

    @Test func offsetsOfAWordFilePointIntoItsDocumentXML() throws {
        let bytes = try Self.docx(lines: ["红军长征过綦江", "1935年1月，中央红军一部经过綦江石壕一带，留下了R&D之外的足迹。"])
        let document = try ReportReader().read(bytes: bytes, path: "qijiang.docx")
        let xml = try WordReader.documentXML(bytes, path: "qijiang.docx")
        let paragraph = try #require(document.articles.first?.paragraphs.first)
        let raw = String(decoding: xml[paragraph.span.start..<paragraph.span.end], as: UTF8.self)
        #expect(raw.hasPrefix("1935年1月"))
        #expect(raw.hasSuffix("的足迹。"))
        // The entity reference is the text's own `&`, not expanded further.
        #expect(paragraph.text.contains("R&D"))
    }

    @Test func aFileNamedDocxThatIsNoWordFileIsRefusedByName() throws {
        #expect(throws: ReadError.self) { try ReportReader().read(bytes: Array("不是压缩文件".utf8), path: "报告.docx") }
        do {
            _ = try ReportReader().read(bytes: Array("不是压缩文件".utf8), path: "报告.docx")
        } catch {
            #expect(error.code == "E115")
            #expect(error.description.contains("报告.docx"))
            #expect(error.description.contains("not a zip archive"))
        }
        // A zip archive without word/document.xml.
        let archive = try Archive(data: Data(), accessMode: .create)
        let data = Data("其他".utf8)
        try archive.addEntry(with: "readme.txt", type: .file, uncompressedSize: Int64(data.count)) { position, size in
            data.subdata(in: Int(position)..<Int(position) + size)
        }
        do {
            _ = try ReportReader().read(bytes: [UInt8](archive.data!), path: "汇编.docx")
            Issue.record("a zip without word/document.xml was read")
        } catch {
            #expect(error.description.contains("no word/document.xml"))
        }
    }

    @Test func anOldWordFileWithoutAntiwordSaysWhatToInstall() throws {
        let ole: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + Array(repeating: 0, count: 504)
        let reader = ReportReader(antiwordPath: "/nonexistent/antiword")
        do {
            _ = try reader.read(bytes: ole, path: "简报.doc")
            Issue.record("read without antiword")
        } catch {
            #expect(error.code == "E116")
            #expect(error.description.contains("apt-get install antiword"))
        }
        do {
            _ = try reader.read(bytes: Array("纯文本".utf8), path: "简报.doc")
            Issue.record("a text file named .doc was read as Word")
        } catch {
            #expect(error.code == "E115")
        }
    }
}
