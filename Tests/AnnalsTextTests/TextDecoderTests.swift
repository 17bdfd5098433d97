import Testing
@testable import AnnalsText

@Suite("Encoding detection and decoding")
struct TextDecoderTests {
    let report = "中共重庆市委党史研究室编 2020 年 12 月 10 日\n酉阳县委常委、宣传部部长秦海峰致辞。"

    @Test func utf8WithoutByteOrderMarkIsDetectedAsValidUTF8() throws {
        let (text, decision) = try TextDecoder.decode(Array(report.utf8), path: "a.txt")
        #expect(decision.encoding == .utf8)
        #expect(decision.reason == "valid UTF-8")
        #expect(text.string == report)
    }

    @Test func utf8ByteOrderMarkIsSkippedAndOffsetsCountIt() throws {
        let (text, decision) = try TextDecoder.decode([0xEF, 0xBB, 0xBF] + Array(report.utf8), path: "a.txt")
        #expect(decision.encoding == .utf8WithBOM)
        #expect(text.string == report)
        #expect(text.rawStarts.first == 3)
        #expect(text.rawEnds.first == 6)     // 中 is three bytes
    }

    @Test(arguments: [false, true])
    func utf16WithByteOrderMarkDecodes(bigEndian: Bool) throws {
        let (text, decision) = try TextDecoder.decode(Fixtures.utf16(report, bigEndian: bigEndian), path: "a.txt")
        #expect(decision.encoding == (bigEndian ? .utf16BigEndian : .utf16LittleEndian))
        #expect(text.string == report)
        #expect(text.rawStarts[1] == 4 && text.rawEnds[1] == 6)
    }

    @Test func utf16WithoutByteOrderMarkIsRecognisedByItsNulBytes() throws {
        let (text, decision) = try TextDecoder.decode(Fixtures.utf16("Report 2020: 重庆", bigEndian: false, byteOrderMark: false), path: "a.txt")
        #expect(decision.encoding == .utf16LittleEndian)
        #expect(decision.reason.contains("without byte-order mark"))
        #expect(text.string == "Report 2020: 重庆")
    }

    @Test func gb18030IsChosenWhenTheBytesAreNotUTF8() throws {
        let bytes = Fixtures.gb18030(report)
        let (text, decision) = try TextDecoder.decode(bytes, path: "a.txt")
        #expect(decision.encoding == .gb18030)
        #expect(text.string == report)
        // 中 is two bytes in GB18030
        #expect(text.rawStarts[0] == 0 && text.rawEnds[0] == 2 && text.rawStarts[1] == 2)
    }

    @Test func gb18030FourByteCharactersKeepTheirRanges() throws {
        let rare = "𠀀€"      // a four-byte GB18030 sequence and a two-byte one
        let bytes = Fixtures.gb18030(rare)
        let (text, _) = try TextDecoder.decode(bytes, path: "a.txt", declared: .gb18030)
        #expect(text.string == rare)
        #expect(text.rawEnds[0] - text.rawStarts[0] == 4)
    }

    @Test func bytesThatAreNeitherUTF8NorGB18030AreRefusedWithTheOffset() {
        var bytes = Array("党史工作".utf8)
        bytes.append(0xFF)
        bytes += Array("简报".utf8)
        #expect(throws: ReadError.undecodable(path: "bad.txt", byte: 0xFF, offset: 12)) {
            try TextDecoder.decode(bytes, path: "bad.txt")
        }
        let message = (try? TextDecoder.decode(bytes, path: "bad.txt")) == nil
            ? ReadError.undecodable(path: "bad.txt", byte: 0xFF, offset: 12).description : ""
        #expect(message == "E106: cannot decode bad.txt: not UTF-8 and not GB18030 (byte 0xFF at offset 12)")
    }

    @Test func latin1TextIsNotMistakenForGB18030() {
        let latin1: [UInt8] = Array("Caf".utf8) + [0xE9] + Array("s and ".utf8) + [0xE9, 0x6C, 0xE8, 0x76, 0x65]
        #expect(throws: ReadError.self) { try TextDecoder.decode(latin1, path: "latin1.txt") }
    }

    @Test func truncatedUTF16IsReported() {
        var bytes = Fixtures.utf16(report, bigEndian: false)
        bytes.removeLast()
        #expect {
            try TextDecoder.decode(bytes, path: "cut.txt")
        } throws: { error in
            guard case ReadError.truncatedUTF16(let path, let detail) = error else { return false }
            return path == "cut.txt" && detail.contains("odd number of bytes")
        }
    }

    @Test func unpairedSurrogateInUTF16IsReported() {
        let bytes: [UInt8] = [0xFF, 0xFE, 0x2D, 0x4E, 0x00, 0xD8, 0x41, 0x00]
        #expect {
            try TextDecoder.decode(bytes, path: "cut.txt")
        } throws: { error in
            guard case ReadError.truncatedUTF16(_, let detail) = error else { return false }
            return detail.contains("unpaired surrogate at offset 4")
        }
    }

    @Test func binaryDataIsRefused() {
        var bytes: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        for index in 0..<400 { bytes.append(UInt8(truncatingIfNeeded: index * 7)) }
        #expect {
            try TextDecoder.decode(bytes, path: "image.txt")
        } throws: { error in
            guard case ReadError.binaryData(let path, _) = error else { return false }
            return path == "image.txt"
        }
    }

    @Test func aByteOrderMarkDoesNotMakeBinaryDataText() {
        // Valid UTF-16 after its mark, but code units spread over every
        // block of Unicode (a compressed image, say).
        var bytes: [UInt8] = [0xFF, 0xFE]
        var state: UInt32 = 12345
        for _ in 0..<2000 {
            state = state &* 1_103_515_245 &+ 12345
            let unit = UInt16(truncatingIfNeeded: state >> 8) % 0xD000
            bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)]
        }
        #expect {
            try TextDecoder.decode(bytes, path: "photo.txt")
        } throws: { error in
            guard case ReadError.binaryData(let path, _) = error else { return false }
            return path == "photo.txt"
        }
    }

    @Test func aFewControlCharactersInGoodTextAreNoReasonToRefuseIt() throws {
        let text = "2020年11月18日，市委党史研究室召开座谈会。\u{7}\u{1B}[31m会议强调\u{1B}[0m，要做好党史工作。\u{0}\n"
        let decoded = try TextDecoder.decode(Array(text.utf8), path: "terminal.txt")
        #expect(decoded.decision.encoding == .utf8)
        #expect(decoded.text.count == text.unicodeScalars.count)
    }

    @Test func textOfOtherScriptsAndSymbolsIsText() {
        for character in ["市", "A", "é", "Ж", "ア", "■", "①", "—", "《", "，", "２", "𠀀"] {
            #expect(TextDecoder.isTextCharacter(character.unicodeScalars.first!.value), "\(character)")
        }
        for value: UInt32 in [0x0, 0x7, 0xE000, 0xF8FF, 0x10FFFF] {
            #expect(!TextDecoder.isTextCharacter(value), "U+\(String(value, radix: 16))")
        }
    }

    @Test func emptyInputIsRefused() {
        #expect(throws: ReadError.emptyFile(path: "empty.txt")) { try TextDecoder.decode([], path: "empty.txt") }
    }
}
