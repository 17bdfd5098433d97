import Foundation
import Testing

/// The publisher `annals extract` gives each layout fixture of
/// `corpus/layouts/`: a party-history office by its canonical name when the
/// report makes it certain (which takes the gazetteer, so the reader alone
/// cannot), anything else as written.
@Suite struct LayoutPublisherTests {
    @Test func everyLayoutFixtureHasItsExpectedPublisherAndDate() throws {
        let folder = AnnalsProcess.projectRoot.appendingPathComponent("corpus/layouts")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".expected.json") }.sorted()
        try #require(names.count >= 30)
        struct Expected: Decodable { var file: String; var published: String?; var publisher: String? }
        let expected = try names.map { try JSONDecoder().decode(Expected.self, from: Data(contentsOf: folder.appendingPathComponent($0))) }

        let result = try AnnalsProcess.run(["extract", "--format", "json"] + expected.map { "corpus/layouts/\($0.file)" })
        try #require(result.status == 0, "\(result.stderr)")
        struct Output: Decodable {
            struct Report: Decodable { var source: String; var published: String?; var publisher: String? }
            var documents: [Report]
        }
        let output = try JSONDecoder().decode(Output.self, from: Data(result.stdout.utf8))
        try #require(output.documents.count == expected.count)
        for (report, want) in zip(output.documents, expected) {
            #expect(report.source.hasSuffix(want.file))
            #expect(report.publisher == want.publisher, "\(want.file)")
            #expect(report.published == want.published, "\(want.file)")
        }
    }
}
