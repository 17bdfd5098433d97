import Foundation
import Testing

/// Whatever historians find: broken encodings, half files, hostile HTML,
/// absurd numbers, odd paths, unusable stores. Each case is built next to
/// a good bulletin and run through `annals build`: exit status, message
/// (the file's name and the error code), the store's content (the good
/// report always, the hostile one only when it is readable, never half of
/// it) and a time bound are asserted.
@Suite("Hostile input", .serialized)
struct HostileInputTests {
    enum Expected: Sendable {
        /// Refused with this code; nothing of it stored.
        case refused(String)
        /// Read and stored; then this check on its `annals extract` JSON.
        case stored(@Sendable (_ articles: [[String: Any]]) -> Bool)
    }

    struct Case: CustomStringConvertible, Sendable {
        var name: String
        var file: String
        var bytes: @Sendable () -> [UInt8]
        var expected: Expected
        var description: String { name }
    }

    static let bulletin = """
        中共重庆市委党史研究室编 2020 年 12 月 10 日

        【工作动态】

        市委党史研究室召开渝东南片区党史部门座谈会

        2020年11月18日，市委党史研究室在酉阳县召开座谈会。市委党史研究室主任徐塞声主持会议并讲话。
        （市委党史研究室供稿）

        """

    static func utf8(_ text: String) -> [UInt8] { Array(text.utf8) }

    /// Every date value the articles carry.
    static func dates(_ articles: [[String: Any]]) -> [String] {
        articles.flatMap { ($0["entities"] as? [[String: Any]] ?? []).filter { $0["type"] as? String == "date" }.compactMap { $0["value"] as? String } }
    }

    static let cases: [Case] = [
        Case(name: "invalid UTF-8 in the middle of a valid file", file: "invalid-utf8.txt",
             bytes: { utf8(bulletin.prefix(60).description) + [0xFF, 0xFE, 0xFD] + utf8(bulletin.dropFirst(60).description) }, expected: .refused("E106")),
        Case(name: "GBK and UTF-8 mixed in one file", file: "mixed.txt",
             // 党史研究室召开座谈会 in GBK, then the bulletin in UTF-8.
             bytes: { [0xB5, 0xB3, 0xCA, 0xB7, 0xD1, 0xD0, 0xBE, 0xBF, 0xCA, 0xD2, 0xD5, 0xD9, 0xBF, 0xAA, 0xD7, 0xF9, 0xCC, 0xB8, 0xBB, 0xE1] + utf8(bulletin) },
             expected: .refused("E106")),
        Case(name: "UTF-16 without a byte-order mark", file: "utf16.txt",
             bytes: { bulletin.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] } },
             expected: .stored { dates($0).contains("2020-11-18") }),
        Case(name: "NUL bytes inside the text", file: "nul.txt",
             bytes: { utf8(bulletin.prefix(40).description) + [0, 0, 0] + utf8(bulletin.dropFirst(40).description) },
             expected: .stored { articles in
                 dates(articles).contains("2020-11-18") && !articles.flatMap { $0["paragraphs"] as? [String] ?? [] }.joined().contains("\u{0}")
             }),
        Case(name: "terminal escape and bell characters", file: "control.txt",
             bytes: { utf8(bulletin.replacingOccurrences(of: "。", with: "\u{7}\u{1B}[31m。\u{1B}[0m")) },
             expected: .stored { articles in
                 let text = articles.flatMap { $0["paragraphs"] as? [String] ?? [] }.joined()
                 return dates(articles).contains("2020-11-18") && !text.contains("[31m") && !text.contains("[0m") && !text.contains("\u{7}")
             }),
        Case(name: "a UTF-16 byte-order mark followed by binary bytes", file: "bom-binary.txt",
             bytes: {
                 // Code units scattered over the Basic Multilingual Plane,
                 // none a surrogate: valid UTF-16, but no text.
                 var random = SeededRandom(seed: 2260)
                 return [0xFF, 0xFE] + (0..<3000).flatMap { _ -> [UInt8] in
                     let unit = UInt16(truncatingIfNeeded: random.next()) % 0xD000
                     return [UInt8(unit & 0xFF), UInt8(unit >> 8)]
                 }
             },
             expected: .refused("E105")),
        Case(name: "a PNG image named .txt", file: "image.txt",
             bytes: { [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + (0..<2048).map { UInt8($0 % 256) } }, expected: .refused("E105")),
        Case(name: "an empty file", file: "empty.txt", bytes: { [] }, expected: .refused("E104")),
        Case(name: "one million empty lines", file: "blank.txt", bytes: { [UInt8](repeating: 0x0A, count: 1_000_000) }, expected: .refused("E112")),
        Case(name: "UTF-16 cut in the middle of a character", file: "truncated.txt",
             bytes: { [0xFF, 0xFE] + bulletin.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] } + [0x41] }, expected: .refused("E107")),
        // A single line of 1 MB here (the tests run a debug build); 200 MB
        // in release takes 59 s and 8 GB (BENCHMARKS.md).
        Case(name: "a single line of 1 MB", file: "long-line.txt",
             bytes: { utf8("2020年11月18日，") + [UInt8](repeating: 0x61, count: 1 << 20) },
             expected: .stored { articles in
                 dates(articles).contains("2020-11-18") && articles.flatMap { $0["paragraphs"] as? [String] ?? [] }.joined().count > 1 << 20
             }),
        Case(name: "HTML billion laughs: entities are not expanded", file: "laughs.html",
             bytes: { utf8(#"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;"><!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;"><!ENTITY lol9 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">]><html><body><h1>座谈会</h1><p>&lol9;</p><p>2020年11月18日，市委党史研究室召开座谈会。</p></body></html>"#) },
             expected: .stored { articles in
                 let text = articles.flatMap { $0["paragraphs"] as? [String] ?? [] }.joined()
                 return !text.contains("lollol") && dates(articles).contains("2020-11-18")
             }),
        Case(name: "HTML external entity: not fetched", file: "xxe.html",
             bytes: { utf8(#"<?xml version="1.0"?><!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><html><body><h1>座谈会</h1><p>&xxe;</p><p>2020年11月18日，市委党史研究室召开座谈会。</p></body></html>"#) },
             expected: .stored { articles in !articles.flatMap { $0["paragraphs"] as? [String] ?? [] }.joined().contains("root:") }),
        Case(name: "HTML nested 100,000 elements deep", file: "deep.html",
             bytes: { utf8("<html><body>" + String(repeating: "<div>", count: 100_000) + "2020年11月18日，会议召开。" + String(repeating: "</div>", count: 100_000) + "</body></html>") },
             expected: .refused("E112")),
        Case(name: "a PDF that is not a PDF", file: "report.pdf", bytes: { utf8("<html>this is a web page</html>") }, expected: .refused("E109")),
        Case(name: "a damaged Word archive", file: "report.docx", bytes: { [0x50, 0x4B, 0x03, 0x04] + [UInt8](repeating: 0, count: 64) }, expected: .refused("E115")),
        Case(name: "an unclosed 《", file: "unclosed.txt",
             bytes: { utf8(bulletin.replacingOccurrences(of: "召开座谈会。", with: "召开《党史座谈会。")) },
             expected: .stored { articles in
                 let works = articles.flatMap { ($0["entities"] as? [[String: Any]] ?? []).filter { $0["type"] as? String == "work" } }
                 return works.allSatisfy { ($0["text"] as? String ?? "").count < 40 } && dates(articles).contains("2020-11-18")
             }),
        Case(name: "impossible dates: 2020年13月45日 and 0000年", file: "dates.txt",
             bytes: { utf8(bulletin.replacingOccurrences(of: "2020年11月18日", with: "2020年13月45日、0000年、2020年2月30日")) },
             expected: .stored { articles in dates(articles).allSatisfy { !$0.hasPrefix("0000") && !$0.contains("-13") && !$0.contains("02-30") } }),
        Case(name: "a number of 40 digits", file: "digits.txt",
             bytes: { utf8(bulletin.replacingOccurrences(of: "2020年11月18日", with: String(repeating: "9", count: 40) + "年11月18日，2020年11月18日")) },
             expected: .stored { articles in dates(articles).allSatisfy { $0.count <= 10 } }),
        Case(name: "a title of 10,000 characters", file: "long-title.txt",
             bytes: { utf8(bulletin.replacingOccurrences(of: "市委党史研究室召开渝东南片区党史部门座谈会\n", with: String(repeating: "党", count: 10_000) + "\n")) },
             expected: .stored { articles in !articles.isEmpty }),
        Case(name: "a path with spaces and Chinese characters", file: "重庆 党史 工作动态 2020.txt", bytes: { utf8(bulletin) },
             expected: .stored { articles in dates(articles).contains("2020-11-18") }),
    ]

    @Test(arguments: cases)
    func hostileFileNextToAGoodOne(_ hostile: Case) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("annals-hostile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let good = folder.appendingPathComponent("good.txt")
        try Data(Self.bulletin.utf8).write(to: good)
        let path = folder.appendingPathComponent(hostile.file)
        try Data(hostile.bytes()).write(to: path)
        let store = folder.appendingPathComponent("store.sqlite").path

        let build = try AnnalsProcess.run(["build", good.path, path.path, "--store", store])
        let stored = try Self.sqlite(store, "SELECT path FROM sources ORDER BY path").split(separator: "\n").map(String.init)
        #expect(try Self.sqlite(store, "PRAGMA integrity_check") == "ok")
        #expect(try Self.sqlite(store, "SELECT COUNT(*) FROM sources s WHERE s.article_count != (SELECT COUNT(*) FROM articles a WHERE a.source_id = s.id)") == "0")
        switch hostile.expected {
        case .refused(let code):
            #expect(build.status == 1, "\(hostile)")
            #expect(build.stderr.contains(hostile.file) && build.stderr.contains(code), "\(hostile): \(build.stderr)")
            #expect(stored == [good.path], "\(hostile)")
        case .stored(let check):
            #expect(build.status == 0, "\(hostile): \(build.stderr)")
            #expect(Set(stored) == [good.path, path.path], "\(hostile)")
            let extract = try AnnalsProcess.run(["extract", path.path, "--format", "json"])
            let json = try JSONSerialization.jsonObject(with: Data(extract.stdout.utf8)) as? [String: Any]
            let articles = ((json?["documents"] as? [[String: Any]])?.first?["articles"] as? [[String: Any]]) ?? []
            #expect(check(articles), "\(hostile)")
        }
    }

    @Test func aStoreThatIsNotADatabaseIsRefusedAndLeftAlone() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("annals-hostile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let report = folder.appendingPathComponent("good.txt")
        try Data(Self.bulletin.utf8).write(to: report)
        let store = folder.appendingPathComponent("notes.sqlite")
        let notes = Data("这是我的读书笔记，不是数据库。".utf8)
        try notes.write(to: store)
        let build = try AnnalsProcess.run(["build", report.path, "--store", store.path])
        #expect(build.status != 0)
        #expect(build.stderr.contains("E302") && build.stderr.contains("notes.sqlite"))
        #expect(try Data(contentsOf: store) == notes)
        // A folder where the store should be.
        let blocked = try AnnalsProcess.run(["build", report.path, "--store", folder.path])
        #expect(blocked.status != 0 && blocked.stderr.contains("E302"))
    }

    static func sqlite(_ store: String, _ sql: String) throws -> String { try AnnalsProcess.sqlite(store, sql) }
}
