import Foundation
import Testing

/// Golden files of what the command line prints on the bundled sample, in
/// `Snapshots/`: a change to any of them shows in review as a diff of the
/// output a historian reads. `ANNALS_RECORD_SNAPSHOTS=1 swift test`
/// re-records them (and fails, so that recording is never silent).
@Suite("Golden outputs on the sample", .serialized)
struct SnapshotTests {
    static let folder = AnnalsProcess.projectRoot.appendingPathComponent("Tests/AnnalsCLITests/Snapshots")
    static let recording = ProcessInfo.processInfo.environment["ANNALS_RECORD_SNAPSHOTS"] == "1"

    /// A store of the sample, built once for the suite's queries.
    static let store: String = {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("annals-snapshots-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("sample.sqlite").path
        _ = try? AnnalsProcess.run(["build", "--store", path])
        return path
    }()

    /// Compares `actual` with the golden file `name`, or records it.
    func expectSnapshot(_ actual: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = Self.folder.appendingPathComponent(name)
        if Self.recording {
            try FileManager.default.createDirectory(at: Self.folder, withIntermediateDirectories: true)
            try actual.write(to: url, atomically: true, encoding: .utf8)
            Issue.record("recorded \(name); run again without ANNALS_RECORD_SNAPSHOTS to compare", sourceLocation: sourceLocation)
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record("no golden file \(name): record it with ANNALS_RECORD_SNAPSHOTS=1 swift test", sourceLocation: sourceLocation)
            return
        }
        if actual != expected {
            let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
            let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let first = zip(actualLines, expectedLines).enumerated().first { $0.element.0 != $0.element.1 }?.offset
                ?? min(actualLines.count, expectedLines.count)
            let shown = { (lines: [Substring]) in first < lines.count ? String(lines[first]) : "(end of output)" }
            Issue.record("""
                \(name) differs from its golden file at line \(first + 1):
                  expected: \(shown(expectedLines))
                  actual:   \(shown(actualLines))
                (ANNALS_RECORD_SNAPSHOTS=1 swift test re-records it if the change is meant)
                """, sourceLocation: sourceLocation)
        }
    }

    func run(_ arguments: [String]) throws -> String {
        let result = try AnnalsProcess.run(arguments)
        #expect(result.status == 0, "\(arguments.joined(separator: " ")): \(result.stderr)")
        return result.stdout
    }

    @Test func extractAsText() throws {
        try expectSnapshot(try run(["extract", "--format", "text"]), named: "extract.txt")
    }

    @Test func timelineOfADistrict() throws {
        try expectSnapshot(try run(["timeline", "--place", "北碚区", "--store", Self.store]), named: "timeline-beibei.txt")
    }

    @Test func timelineOfARegionAsMarkdown() throws {
        try expectSnapshot(try run(["timeline", "--region", "湘鄂川黔", "--include-undated", "--format", "markdown", "--store", Self.store]),
                           named: "timeline-xiangechuanqian.md")
    }

    @Test func entityProfileOfAPerson() throws {
        try expectSnapshot(try run(["entity", "徐塞声", "--store", Self.store]), named: "entity-xusaisheng.txt")
    }

    @Test func everySite() throws {
        try expectSnapshot(try run(["sites", "--store", Self.store]), named: "sites.txt")
    }

    /// The JSON of `annals extract` is compared by content (key order and
    /// spacing aside); the golden file is kept pretty-printed with sorted
    /// keys, for readable diffs.
    @Test func extractAsJSONHasTheRecordedContent() throws {
        let output = try run(["extract", "--format", "json"])
        let parsed = try JSONSerialization.jsonObject(with: Data(output.utf8))
        if Self.recording {
            let canonical = try JSONSerialization.data(withJSONObject: parsed, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
            try expectSnapshot(String(decoding: canonical, as: UTF8.self) + "\n", named: "extract.json")
            return
        }
        let golden = try Data(contentsOf: Self.folder.appendingPathComponent("extract.json"))
        let expected = try JSONSerialization.jsonObject(with: golden)
        #expect((parsed as? NSObject)?.isEqual(expected) == true,
                "annals extract --format json differs in content from Snapshots/extract.json")
    }
}
