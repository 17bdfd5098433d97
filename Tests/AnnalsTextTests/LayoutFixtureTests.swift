import Foundation
import Testing
@testable import AnnalsText

/// The reading fixtures of `corpus/layouts/`: one report a file, each in a
/// layout real party-history reports have, with what a careful reader takes
/// from it in `NAME.expected.json` (see `corpus/layouts/README.md`).
@Suite struct LayoutFixtureTests {
    static let folder = Fixtures.projectRoot.appendingPathComponent("corpus/layouts")

    /// The fixtures' expectation files, by file name.
    static let expectationFiles: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".expected.json") }.sorted()
    }()

    struct Expected: Decodable {
        struct Article: Decodable {
            var title: String
            var section: String?
            var contributors: [String]
            var paragraphs: Int
            var first_paragraph_starts: String
            var first_paragraph_starts_after_dateline: String?
            var last_paragraph_ends: String
        }
        var file: String
        var layout: String
        var variant_of: String?
        var published: String?
        var publisher: String?
        var metadata: [String: Metadata]
        var articles: [Article]

        /// A metadata value: one name or a list.
        enum Metadata: Decodable, Equatable {
            case one(String)
            case many([String])
            init(from decoder: Decoder) throws {
                let container = try decoder.singleValueContainer()
                if let text = try? container.decode(String.self) { self = .one(text) } else { self = .many(try container.decode([String].self)) }
            }
        }
    }

    static func expectation(_ name: String) throws -> Expected {
        let data = try Data(contentsOf: folder.appendingPathComponent(name))
        return try JSONDecoder().decode(Expected.self, from: data)
    }

    @Test func thereAreAtLeastTwentyFiveLayoutsFromFiveProvinces() throws {
        let expectations = try Self.expectationFiles.map(Self.expectation)
        #expect(Set(expectations.filter { $0.variant_of == nil }.map(\.layout)).count >= 25)
        #expect(Set(expectations.compactMap { $0.file.split(separator: "-").first }).isSuperset(of: ["cq", "hn", "hb", "gz", "sc"]))
    }

    @Test(arguments: expectationFiles)
    func fixtureIsReadAsItsExpectationsSay(_ name: String) throws {
        let expected = try Self.expectation(name)
        let document = try ReportReader().read(Self.folder.appendingPathComponent(expected.file).path)

        #expect(document.published?.description == expected.published, "published")
        #expect(Self.sameOffice(document.publisher, expected.publisher), "publisher \(document.publisher ?? "nil") for \(expected.publisher ?? "nil")")
        #expect(Self.roles(document.metadata) == expected.metadata, "metadata")
        try #require(document.articles.count == expected.articles.count, "articles: \(document.articles.map(\.title))")
        for (article, want) in zip(document.articles, expected.articles) {
            #expect(Self.squeezed(article.title) == Self.squeezed(want.title))
            #expect(article.section == want.section, "section of \(want.title)")
            #expect(article.contributors.map(Self.squeezed) == want.contributors.map(Self.squeezed), "contributors of \(want.title)")
            #expect(article.paragraphs.count == want.paragraphs, "paragraphs of \(want.title): \(article.paragraphs.map { String($0.text.prefix(12)) })")
            let first = Self.squeezed(article.paragraphs.first?.text ?? "")
            #expect(first.hasPrefix(Self.squeezed(want.first_paragraph_starts))
                    || want.first_paragraph_starts_after_dateline.map { first.hasPrefix(Self.squeezed($0)) } == true, "first paragraph of \(want.title)")
            let last = Self.squeezed(article.paragraphs.last?.text ?? "")
            #expect(last.hasSuffix(Self.squeezed(want.last_paragraph_ends)), "last paragraph of \(want.title)")
        }
    }

    /// Nothing lost, nothing invented: the characters of the articles'
    /// text and of the lines set aside are, together, the characters of the
    /// file, each once (whitespace aside; full-width digits and letters
    /// folded, as the reader does).
    @Test(arguments: expectationFiles)
    func everyCharacterIsInTheArticlesOrSetAsideExactlyOnce(_ name: String) throws {
        let expected = try Self.expectation(name)
        let document = try ReportReader().read(Self.folder.appendingPathComponent(expected.file).path)
        // A GB18030 variant holds the same text as the file it was made from.
        let textFile = expected.file.contains(".gb18030.") ? expected.variant_of! : expected.file
        let written = try String(contentsOf: Self.folder.appendingPathComponent(textFile), encoding: .utf8)

        var read = document.articles.map { document.originalString($0.range) }.joined()
        read += document.setAside.map(\.text).joined()
        let missing = Self.characterCounts(written).subtracting(Self.characterCounts(read))
        let invented = Self.characterCounts(read).subtracting(Self.characterCounts(written))
        #expect(missing.isEmpty, "lost: \(missing.sorted().prefix(40))")
        #expect(invented.isEmpty, "invented: \(invented.sorted().prefix(40))")
    }

    @Test func setAsideLinesSayWhyTheyAreNotText() throws {
        let document = try ReportReader().read(Self.folder.appendingPathComponent("cq-beibei-2022-09-web.txt").path)
        let kinds = Dictionary(grouping: document.setAside, by: \.kind).mapValues { $0.map(\.text) }
        #expect(kinds[.navigation]?.contains("首页>工作动态>区县动态") == true)
        #expect(kinds[.metadata]?.contains { $0.hasPrefix("发布时间：2022-09-14") } == true)
        #expect(document.setAside.filter { $0.text.hasSuffix("【打印】【关闭】") }.count == 2)
        #expect(kinds[.footer]?.count == 2)
        #expect(document.metadata.siteOwner == "中共重庆市北碚区委党史研究室")
    }

    @Test func aReportSignedAtTheEndTakesItsDateAndOfficeFromTheSignature() throws {
        let document = try ReportReader().read(Self.folder.appendingPathComponent("hb-macheng-2022-08-report.txt").path)
        #expect(document.metadata.signatory == "中共麻城市委党史研究室")
        #expect(document.metadata.signed?.description == "2022-08-03")
        #expect(document.setAside.filter { $0.kind == .signature }.count == 2)
        #expect(document.articles[0].asides.map(\.text) == ["一、基本情况", "二、存在的问题", "三、对策建议"])
    }

    @Test func creditWordsInsideAnAuthorFieldSayWhatTheNamesAre() throws {
        let page = "“三线记忆”口述史料成果展开幕\n\n2023年11月09日 17:20　来源：六盘水日报　作者：记者 王鑫\n\n本报讯　11月8日，口述史料成果展在三线建设博物馆开幕，展出老照片和实物320余件。\n"
        let document = try ReportReader().read(bytes: Array(page.utf8), path: "liupanshui.txt")
        #expect(document.metadata.authors.isEmpty)
        #expect(document.metadata.reporters == ["王鑫"])
    }

    // MARK: - Helpers

    /// The metadata roles the expectations list, and only those present.
    static func roles(_ metadata: ReportMetadata) -> [String: Expected.Metadata] {
        var roles: [String: Expected.Metadata] = [:]
        if let source = metadata.source { roles["source"] = .one(source) }
        if let account = metadata.account { roles["account"] = .one(account) }
        if let imageSource = metadata.imageSource { roles["image_source"] = .one(imageSource) }
        for (key, names) in [("authors", metadata.authors), ("reporters", metadata.reporters), ("correspondents", metadata.correspondents),
                             ("photographers", metadata.photographers), ("editors", metadata.editors), ("reviewers", metadata.reviewers)]
        where !names.isEmpty {
            roles[key] = .many(names)
        }
        return roles
    }

    /// The reader gives an office as the page writes it (`江津区委党史研究室`);
    /// the expectations give the canonical name when the report makes it
    /// certain (`中共重庆市江津区委党史研究室`), which needs the gazetteer and
    /// is the extractor's to give (tested with `annals extract`).
    static func sameOffice(_ read: String?, _ expected: String?) -> Bool {
        guard let read, let expected else { return read == expected }
        let bare = read.hasPrefix("中共") ? String(read.dropFirst(2)) : read
        return read == expected || (expected.hasPrefix("中共") && expected.hasSuffix(bare))
    }

    static func squeezed(_ text: String) -> String {
        String(text.unicodeScalars.filter { !$0.properties.isWhitespace }.map(Character.init))
    }

    static func characterCounts(_ text: String) -> Counts {
        var counts = Counts()
        for scalar in text.unicodeScalars where !scalar.properties.isWhitespace && !ScalarClass.isDropped(scalar.value) {
            counts.add(ScalarClass.foldingFullWidth(scalar.value))
        }
        return counts
    }

    /// A multiset of characters.
    struct Counts {
        var counts: [UInt32: Int] = [:]
        mutating func add(_ value: UInt32) { counts[value, default: 0] += 1 }
        /// The characters `self` has more of than `other`, as text.
        func subtracting(_ other: Counts) -> [String] {
            counts.compactMap { value, count in
                let surplus = count - (other.counts[value] ?? 0)
                return surplus > 0 ? "\(String(scalars: [value]))×\(surplus)" : nil
            }
        }
    }
}
