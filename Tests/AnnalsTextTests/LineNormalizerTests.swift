import Testing
@testable import AnnalsText

@Suite("Character-level normalisation")
struct LineNormalizerTests {
    func lines(_ text: String) -> [String] {
        let mapped = try! TextDecoder.decodeUTF8(Array(text.utf8), from: 0, path: "t.txt")
        let normalized = LineNormalizer.normalize(mapped)
        return normalized.lines.map(normalized.string)
    }

    @Test func terminalColourCodesAndControlCharactersAreRemovedAndCounted() throws {
        let text = "\u{1B}[1;31m红岩精神\u{1B}[0m宣讲\u{7}进校园\u{1B}c，\u{1B}[2K共12场。"
        let mapped = try TextDecoder.decodeUTF8(Array(text.utf8), from: 0, path: "t.txt")
        let normalized = LineNormalizer.normalize(mapped)
        #expect(normalized.lines.map(normalized.string) == ["红岩精神宣讲进校园，共12场。"])
        #expect(normalized.controlsRemoved == 5)
        // An ESC that starts no sequence goes alone; what follows stays.
        #expect(lines("会议\u{1B}召开") == ["会议召开"])
    }

    @Test func spacesBetweenDigitsAndChineseAreRemoved() {
        #expect(lines("2020 年 11 月 18 日，市委党史研究室") == ["2020年11月18日，市委党史研究室"])
    }

    @Test func spacesBetweenChineseCharactersAndPunctuationAreRemoved() {
        #expect(lines("中共中央西南局历史陈列展 （一期） 正式开展") == ["中共中央西南局历史陈列展（一期）正式开展"])
        #expect(lines("“四史” 学习教育") == ["“四史”学习教育"])
    }

    @Test func spacesBetweenLatinWordsStayAsOneSpace() {
        #expect(lines("Annals   reads   PDF 2020") == ["Annals reads PDF 2020"])
    }

    @Test func fullWidthDigitsAndLettersBecomeASCIIButPunctuationStays() {
        #expect(lines("２０２０年，ＣＣＴＶ播出（一期）") == ["2020年，CCTV播出（一期）"])
    }

    @Test func ideographicSpaceAndNoBreakSpaceAreSpaces() {
        #expect(lines("　　徐塞声\u{00A0}同志") == ["徐塞声同志"])
    }

    @Test func controlAndZeroWidthCharactersAreDropped() {
        #expect(lines("党\u{200B}史\u{0007}工作\u{FEFF}") == ["党史工作"])
    }

    @Test func blankLinesArCountedAndPageBreaksMarked() {
        let (mapped, _) = try! TextDecoder.decode(Array("第一行\n\n\n第二行\n 第三行\n- 2 -\n第四行\u{0C}第五行".utf8), path: "t.txt")
        let normalized = LineNormalizer.normalize(mapped)
        #expect(normalized.lines.map(normalized.string) == ["第一行", "第二行", "第三行", "第四行", "第五行"])
        #expect(normalized.lines.map(\.blankLinesBefore) == [0, 2, 0, 0, 0])
        #expect(normalized.lines.map(\.startsPage) == [false, false, true, true, true])
    }

    @Test func windowsAndOldMacLineEndsSplitLines() {
        #expect(lines("甲\r\n乙\r丙") == ["甲", "乙", "丙"])
    }

    @Test func widthCountsIdeographsAsTwoColumns() {
        let (mapped, _) = try! TextDecoder.decode(Array("2020年".utf8), path: "t.txt")
        #expect(LineNormalizer.normalize(mapped).lines.first?.width == 6)
    }

    @Test func everyNormalisedCharacterMapsToItsRawBytes() throws {
        let raw = "　2020 年 11 月，酉阳"
        let bytes = Array(raw.utf8)
        let (mapped, _) = try TextDecoder.decode(bytes, path: "t.txt")
        let normalized = LineNormalizer.normalize(mapped)
        for index in 0..<normalized.text.count {
            let slice = bytes[Int(normalized.text.rawStarts[index])..<Int(normalized.text.rawEnds[index])]
            #expect(String(decoding: slice, as: UTF8.self).unicodeScalars.first?.value == normalized.text.scalars[index])
        }
    }

    @Test func paragraphNormaliserJoinsWrappedLines() {
        #expect(TextNormalizer.paragraph("2020 年 11 月 18 日，\n\n市委党史研究室") == "2020年11月18日，市委党史研究室")
        #expect(TextNormalizer.paragraph("the Red\nArmy") == "the Red Army")
    }
}
