import Foundation
import Testing

/// `annals curate` as a script runs it: on a store of the sample, with a
/// copy of the knowledge folder so that the project's decisions file stays
/// as it is.
@Suite("annals curate", .serialized)
struct CurateCommandTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("annals-curate-cli-\(UUID().uuidString)")
    var store: String { folder.appendingPathComponent("annals.sqlite").path }
    var decisions: String { folder.appendingPathComponent("knowledge/identity/decisions.tsv").path }
    var environment: [String: String] {
        ProcessInfo.processInfo.environment.merging(["ANNALS_KNOWLEDGE": folder.appendingPathComponent("knowledge").path]) { $1 }
    }

    init() throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: AnnalsProcess.projectRoot.appendingPathComponent("graph/knowledge"), to: folder.appendingPathComponent("knowledge"))
        let build = try AnnalsProcess.run(["build", "--store", store], environment: environment)
        precondition(build.status == 0, build.stderr)
    }

    func annals(_ arguments: [String]) throws -> AnnalsProcess.Result {
        try AnnalsProcess.run(["curate"] + arguments + ["--store", store], environment: environment)
    }

    @Test func mergeListUndoFromTheCommandLine() throws {
        let merged = try annals(["merge", "宫辉", "徐塞声", "--note", "a test"])
        #expect(merged.status == 0, "\(merged.stderr)")
        #expect(merged.stdout.hasPrefix("applied: 1  ") && merged.stdout.contains("same_as  person/宫辉@500000  person/徐塞声@500000  — a test"))
        #expect(merged.stdout.contains("1 report rewritten"))
        let timeline = try AnnalsProcess.run(["timeline", "--person", "徐塞声", "--store", store], environment: environment)
        #expect(timeline.stdout.hasPrefix("5 of 5 events"))
        #expect(try String(contentsOfFile: decisions, encoding: .utf8).contains("same_as\tperson/宫辉@500000\tperson/徐塞声@500000\ta test\n"))

        let undone = try annals(["undo", "1"])
        #expect(undone.status == 0 && undone.stdout.hasPrefix("undone: 1  "))
        let list = try annals(["list"])
        #expect(list.stdout.contains("[undone "))
        #expect(try String(contentsOfFile: decisions, encoding: .utf8) == "#decision\tsubject\tobject\tnote\n")
    }

    @Test func mistakesEndWithTheirCodeAndStatusOne() throws {
        let unknown = try annals(["merge", "宫灰", "徐塞声"])
        #expect(unknown.status == 1 && unknown.stderr.hasPrefix("annals: E401: no node named 宫灰") && unknown.stderr.contains("宫辉"))
        let type = try annals(["retype", "宫辉", "gang"])
        #expect(type.status == 1 && type.stderr.hasPrefix("annals: E702"))
        let undo = try annals(["undo", "9"])
        #expect(undo.status == 1 && undo.stderr.hasPrefix("annals: E704"))
        let list = try annals(["list"])
        #expect(list.stdout.hasPrefix("no decisions taken on"))
    }
}
