import AnnalsExtract
import AnnalsKnowledge
import AnnalsModel
import AnnalsText
import FuzzChecks

/// The vocabulary of bulletin dates. Each fuzz byte picks one piece, so
/// that nearly every input is made of what dates are made of (a byte
/// stream of raw UTF-8 would almost never spell 年 after a number).
let pieces: [String] = [
    "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "19", "20", "2020", "1934", "0000", "9999",
    "〇", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "零", "两", "百", "千", "廿",
    "年", "月", "日", "号", "世纪", "年代", "初", "末", "底", "份", "上旬", "中旬", "下旬", "年初",
    "年底", "年末", "上半年", "下半年", "至", "到", "—", "-", "~", "以来", "今年", "明年", "去年", "前年",
    "后年", "本年度", "次日", "翌日", "第二天", "十四五", "十三五", "周年", "近年来", "当前", "卷", "期",
    "，", "。", "、", "（", "）", "\n", " ", "在", "召开", "红三军", "北碚区", "１", "２", "０", "年间",
    "１９３４", "12020", "40000000000000000000000000000000000000000",
]

/// Made once: an extractor compiles its tables from the knowledge, which
/// costs far more than one fuzz input.
let extractor: Extractor = {
    do { return Extractor(knowledge: try KnowledgeBase.shared()) } catch { fatalError("knowledge: \(error)") }
}()

/// One fuzz input as a bulletin article built from date pieces. The first
/// byte picks the issue date (or none); each later byte picks a piece.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDates(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let bytes = UnsafeRawBufferPointer(start: start, count: count)
    guard let first = bytes.first else { return 0 }
    let published = first < 200 ? "\(1900 + Int(first) / 2)年\(Int(first) % 12 + 1)月\(Int(first) % 28 + 1)日" : nil
    var body = ""
    for byte in bytes.dropFirst() { body += pieces[Int(byte) % pieces.count] }
    let masthead = published.map { "中共重庆市委党史研究室编 \($0)\n" } ?? ""
    let report = masthead + "测试报告\n" + body + "\n"
    guard let document = try? ReportReader().read(bytes: Array(report.utf8), path: "fuzz.txt") else { return 0 }
    let extraction = extractor.extract(document)
    for article in extraction.articles {
        for mention in article.mentions where mention.type == .date {
            check(mention, in: article.article, of: document)
        }
        if let date = article.date { checkValue(date, "article date") }
    }
    return 0
}

/// A date mention must cover its own text inside its article and carry a
/// well-formed TIMEX3 value whose interval runs forwards.
func check(_ mention: Mention, in article: Article, of document: Document) {
    expect(mention.range.lowerBound >= article.range.lowerBound && mention.range.upperBound <= article.range.upperBound, "date outside its article")
    expect(document.text.string(mention.range) == mention.text, "date text differs from the document")
    guard let value = mention.temporal else { fatalError("date \(mention.text) without a value") }
    checkValue(value, mention.text)
}

/// `2020-11-18`, `2020-11`, `2020`, `195X`, `19XX`, or two of them joined by
/// `/`; the first part agrees with the interval's start year.
func checkValue(_ value: TemporalValue, _ text: String) {
    expect(value.start <= value.end, "\(text): \(value.value) ends before it starts")
    let parts = value.value.split(separator: "/", omittingEmptySubsequences: false)
    expect(parts.count == 1 || parts.count == 2, "\(text): \(value.value) is not a TIMEX3 value")
    for part in parts {
        let characters = Array(part)
        let shapes = ["dddd-dd-dd", "dddd-dd", "dddd", "dddX", "ddXX"]
        let fits = shapes.contains { shape in
            shape.count == characters.count && zip(shape, characters).allSatisfy { pattern, character in
                pattern == "d" ? character.isASCII && character.isNumber : pattern == character
            }
        }
        expect(fits, "\(text): \(value.value) is not a TIMEX3 value")
    }
    let yearDigits = parts[0].prefix(4).prefix { $0 != "X" }
    let startYear = String(value.start.year)
    let padded = String(repeating: "0", count: max(0, 4 - startYear.count)) + startYear
    expect(padded.hasPrefix(yearDigits), "\(text): \(value.value) does not start in \(value.start.year)")
}
