import Foundation
#if canImport(Glibc)
import Glibc
#endif
@testable import AnnalsText

/// Test reports and the helpers that write them in other encodings and formats.
enum Fixtures {
    /// The project folder (three levels above this file).
    static let projectRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The bundled sample bulletin.
    static let samplePath = projectRoot.appendingPathComponent("graph/sources/cq-dangshi-2020-12-10.txt").path

    /// The shared gold annotation, when `../shared` is present.
    static let goldPath = projectRoot.deletingLastPathComponent()
        .appendingPathComponent("shared/gold/cq-dangshi-2020-12-10.gold.json").path

    /// A fresh temporary folder for one test.
    static func temporaryFolder() -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("annals-tests-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// Writes `bytes` to `name` in a fresh temporary folder; returns the path.
    static func write(_ bytes: [UInt8], named name: String) -> String {
        let url = temporaryFolder().appendingPathComponent(name)
        try! Data(bytes).write(to: url)
        return url.path
    }

    static func write(_ text: String, named name: String) -> String {
        write(Array(text.utf8), named: name)
    }

    /// `text` in GB18030, converted by the C library's iconv.
    static func gb18030(_ text: String) -> [UInt8] {
        let converter = iconv_open("GB18030", "UTF-8")!
        defer { iconv_close(converter) }
        var input = Array(text.utf8)
        var output = [UInt8](repeating: 0, count: input.count * 2 + 16)
        let written: Int = input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuffer.baseAddress!).assumingMemoryBound(to: CChar.self)
                var inLeft = inBuffer.count
                var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuffer.baseAddress!).assumingMemoryBound(to: CChar.self)
                var outLeft = outBuffer.count
                precondition(iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft) != -1, "iconv failed")
                return outBuffer.count - outLeft
            }
        }
        return Array(output.prefix(written))
    }

    /// `text` in UTF-16 with a byte-order mark (or without).
    static func utf16(_ text: String, bigEndian: Bool, byteOrderMark: Bool = true) -> [UInt8] {
        var bytes: [UInt8] = byteOrderMark ? (bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]) : []
        for unit in text.utf16 {
            let high = UInt8(unit >> 8), low = UInt8(unit & 0xFF)
            bytes += bigEndian ? [high, low] : [low, high]
        }
        return bytes
    }

    /// A bulletin of another district and year, laid out as PDF extraction
    /// gives it: wrapped at 28 characters, single-spaced, blank lines between
    /// paragraphs, a contents list with ◆ bullets and a distribution list.
    static let wanzhouBulletin = """
    党史工作简报
    第 5 期
    中共重庆市万州区委党史研究室编印            2021 年 6 月 30 日

    本期要目
    ◆万州区召开党史学习教育动员大会
    ◆区委党史研究室赴恩施州学习考察红色资源保护利用工作经
    验
    ◆《万州革命史》出版发行

    万州区召开党史学习教育动员大会

    2021 年 3 月 5 日，万州区召开党史学习教育动员大会。区委书
    记李明华出席会议并讲话，区委副书记、区长陈国栋主持会议。
    会议强调，要把党史学习教育同推动高质量发展结合起来。

    区委党史研究室主任赵文清参加会议。全区各级党组织负责同志
    共 300 余人参加会议。
    （供稿：区委党史研究室）

    区委党史研究室赴恩施州学习考察
    红色资源保护利用工作经验

    4 月 12 日至 14 日，区委党史研究室一行 5 人赴湖北省恩施土家
    族苗族自治州学习考察，先后参观了鄂西革命烈士陵园、湘鄂西
    革命根据地纪念馆等地。
    （区委党史研究室办公室供稿）

    《万州革命史》出版发行

    近日，由区委党史研究室编写的《万州革命史》由重庆出版社出
    版发行。全书共 35 万字，记述了 1925 年至 1949 年万州人民
    的革命斗争历史。
    来源：区委党史研究室编研科
    报：市委党史研究室
    送：区委各部门，各镇乡街道党（工）委
    （共印 150 份）
    """

    /// A history article with no masthead, contents or credit line: one
    /// article, wrapped lines, double-spaced as the sample is.
    static let huishiNarrative = """
    红二、六军团南腰界会师

    1934 年 10 月 24 日，红二、六军团在贵州印江木黄会师。10 月

    26 日，两军团在酉阳南腰界召开会师庆祝大会，贺龙、任弼时、

    萧克、王震等出席。会后，两军团发起湘西攻势。

    这次会师，恢复和创建了湘鄂川黔革命根据地，对中央红军长

    征起到了战略配合作用。
    """
}

/// A minimal PDF with a text layer: a Type0 font with a ToUnicode map, so
/// pdftotext extracts the Chinese text without any font program.
enum MinimalPDF {
    static func make(lines: [String]) -> [UInt8] {
        var codes: [UInt32: Int] = [:]
        var order: [UInt32] = []
        for scalar in lines.joined().unicodeScalars where codes[scalar.value] == nil {
            precondition(scalar.value <= 0xFFFF, "MinimalPDF maps BMP characters only")
            order.append(scalar.value)
            codes[scalar.value] = order.count
        }
        func hex4(_ value: Int) -> String {
            let digits = String(value, radix: 16, uppercase: true)
            return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
        }
        var content = "BT /F1 12 Tf 14 TL 72 770 Td\n"
        for line in lines {
            let glyphs = line.unicodeScalars.map { hex4(codes[$0.value]!) }.joined()
            content += "<\(glyphs)> Tj T*\n"
        }
        content += "ET\n"
        var cmap = """
        /CIDInit /ProcSet findresource begin
        12 dict begin
        begincmap
        /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
        /CMapName /Adobe-Identity-UCS def
        /CMapType 2 def
        1 begincodespacerange
        <0000> <FFFF>
        endcodespacerange

        """
        for start in stride(from: 0, to: order.count, by: 100) {
            let chunk = order[start..<min(order.count, start + 100)]
            cmap += "\(chunk.count) beginbfchar\n"
            for (offset, value) in chunk.enumerated() {
                cmap += "<\(hex4(start + offset + 1))> <\(hex4(Int(value)))>\n"
            }
            cmap += "endbfchar\n"
        }
        cmap += "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"

        let objects = [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
            "<< /Type /Font /Subtype /Type0 /BaseFont /AnnalsTest /Encoding /Identity-H /DescendantFonts [6 0 R] /ToUnicode 7 0 R >>",
            "<< /Length \(content.utf8.count) >>\nstream\n\(content)endstream",
            "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /AnnalsTest /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 8 0 R /DW 1000 >>",
            "<< /Length \(cmap.utf8.count) >>\nstream\n\(cmap)endstream",
            "<< /Type /FontDescriptor /FontName /AnnalsTest /Flags 4 /FontBBox [0 -200 1000 900] /ItalicAngle 0 /Ascent 900 /Descent -200 /CapHeight 700 /StemV 80 >>",
        ]
        var pdf = "%PDF-1.4\n"
        var offsets: [Int] = []
        for (index, object) in objects.enumerated() {
            offsets.append(pdf.utf8.count)
            pdf += "\(index + 1) 0 obj\n\(object)\nendobj\n"
        }
        let xref = pdf.utf8.count
        pdf += "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        for offset in offsets {
            let digits = String(offset)
            pdf += String(repeating: "0", count: 10 - digits.count) + digits + " 00000 n \n"
        }
        pdf += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        return Array(pdf.utf8)
    }
}
