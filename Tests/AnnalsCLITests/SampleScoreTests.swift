import Foundation
import Testing

/// The whole pipeline on the bundled sample, scored against the shared gold
/// annotation with the project's scorer when `../shared` is there, and by
/// its key entities otherwise.
@Suite("Sample bulletin, end to end", .serialized)
struct SampleScoreTests {
    static let shared = AnnalsProcess.projectRoot.deletingLastPathComponent().appendingPathComponent("shared")
    static let scorer = shared.appendingPathComponent("tools/score.py").path
    static let gold = shared.appendingPathComponent("gold/cq-dangshi-2020-12-10.gold.json").path

    func extractSample() throws -> String {
        let result = try AnnalsProcess.run(["extract", "graph/sources/cq-dangshi-2020-12-10.txt", "--format", "json"])
        #expect(result.status == 0)
        return result.stdout
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: scorer) && FileManager.default.fileExists(atPath: gold),
                   "the shared scorer and gold (../shared) are not beside the project"))
    func scoreStaysAboveTheBar() throws {
        let output = try AnnalsProcess.temporaryFile("sample.json", Array(try extractSample().utf8))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Self.scorer, Self.gold, output, "--json"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)

        struct Counts: Decodable { var f1: Double? }
        struct Score: Decodable {
            struct Dates: Decodable { var share: Double? }
            var document: [String: Counts]
            var article_all: Counts
            var article_date_accuracy: Dates
        }
        let score = try JSONDecoder().decode(Score.self, from: data)
        for type in ["person", "place", "organisation", "date"] {
            #expect((score.document[type]?.f1 ?? 0) >= 0.95, "document-level F1 of \(type)")
        }
        for type in ["site", "work"] {
            #expect((score.document[type]?.f1 ?? 0) >= 0.90, "document-level F1 of \(type)")
        }
        #expect((score.article_all.f1 ?? 0) >= 0.93)
        #expect(score.article_date_accuracy.share == 1.0)
    }

    @Test func keyEntitiesOfTheSampleAreFound() throws {
        struct Output: Decodable {
            struct Document: Decodable {
                struct Article: Decodable {
                    struct Entity: Decodable { var type: String; var name: String; var text: String; var value: String? }
                    var title: String
                    var date: String?
                    var entities: [Entity]
                }
                var articles: [Article]
            }
            var documents: [Document]
        }
        let output = try JSONDecoder().decode(Output.self, from: Data(try extractSample().utf8))
        let articles = try #require(output.documents.first).articles
        func has(_ article: Int, _ type: String, _ name: String) -> Bool {
            articles[article].entities.contains { $0.type == type && $0.name == name }
        }
        #expect(articles.map(\.date) == ["2020-11-18", "2020-11-19", "2020-11-25", "2020-11-23", "2020-11-10", "2020-11-28",
                                         "2020-11-24", "2020-11-20", "2020-11-17", "2020-11-20", nil])
        #expect(has(0, "person", "徐塞声") && has(0, "person", "秦海峰") && has(0, "person", "陈敏尔"))
        #expect(has(0, "place", "酉阳县") && has(0, "organisation", "中共重庆市酉阳县委"))
        #expect(has(0, "date", "2021"))   // 明年, against the issue date
        #expect(has(1, "place", "张家界市") && has(1, "organisation", "红二军团") && has(1, "person", "关向应"))
        #expect(has(3, "site", "中共中央西南局缙云山办公地旧址") && has(3, "date", "195X") && has(3, "date", "2009-12"))
        #expect(has(5, "work", "破晓——重庆解放密档") && has(5, "site", "白公馆"))
        #expect(has(6, "organisation", "中共重庆市北碚区委"))
        #expect(has(10, "person", "谢唯进") && has(10, "site", "第五保育院旧址"))
    }
}
