import Testing
@testable import AnnalsText

@Suite("Strings of text ranges")
struct UTF8TextTests {
    let line = "2020年11月18日，红三军在酉阳南腰界𠀋会师。"

    @Test func rangesGiveTheCharactersTheyCover() {
        let scalars = line.unicodeScalars.map(\.value)
        let text = UTF8Text(scalars)
        #expect(text.count == scalars.count)
        #expect(text.string(0..<4) == "2020")
        #expect(text.string(12..<15) == "红三军")
        #expect(text.string(16..<21) == "酉阳南腰界")
        // A character outside the basic plane takes four bytes.
        #expect(text.string(20..<24) == "界𠀋会师")
        #expect(text.string(0..<scalars.count) == line)
        #expect(text.string(7..<7) == "")
    }

    @Test func everyRangeAgreesWithTheScalarsItCovers() {
        let scalars = line.unicodeScalars.map(\.value)
        let text = UTF8Text(scalars)
        for start in 0...scalars.count {
            for end in start...scalars.count {
                #expect(text.string(start..<end) == String(scalars: scalars[start..<end]))
            }
        }
    }

    @Test func invalidValuesBecomeTheReplacementCharacter() {
        let text = UTF8Text([0x7EA2, 0xD800, 0x110000, 0x519B])
        #expect(text.string(0..<4) == "红\u{FFFD}\u{FFFD}军")
        #expect(text.string(3..<4) == "军")
    }

    @Test func aReportsParagraphsAndTitlesAreItsText() throws {
        let report = "党史工作简报\n\n北碚区委常委会专题学习党史\n\n11月18日，北碚区委常委会召开会议。\n"
        let document = try ReportReader().read(bytes: Array(report.utf8), path: "t.txt")
        #expect(document.articles.contains { !$0.paragraphs.isEmpty && !$0.title.isEmpty })
        for article in document.articles {
            #expect(article.title == document.string(article.titleRange))
            for paragraph in article.paragraphs { #expect(paragraph.text == String(scalars: document.text.scalars[paragraph.range])) }
        }
    }
}
