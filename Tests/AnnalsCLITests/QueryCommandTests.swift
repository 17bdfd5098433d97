import Foundation
import Testing

/// `annals timeline`, `entity` and `sites` on a store built from the sample.
@Suite("annals timeline, entity and sites", .serialized)
struct QueryCommandTests {
    static let store: String = {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("annals-query-cli-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("store.sqlite").path
        _ = try! AnnalsProcess.run(["build", AnnalsProcess.projectRoot.appendingPathComponent("graph/sources").path, "--store", path])
        return path
    }()

    @Test func timelineAsJSONHasTheDocumentedShape() throws {
        let result = try AnnalsProcess.run(["timeline", "--place", "北碚区", "--format", "json", "--store", Self.store])
        #expect(result.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let query = try #require(json["query"] as? [String: Any])
        #expect(query["place"] as? String == "北碚区")
        let events = try #require(json["events"] as? [[String: Any]])
        #expect(events.map { $0["date"] as? String } == ["195X", "2009-12", "2020-11-23", "2020-11-24"])
        let exhibition = events[2]
        #expect(exhibition["start"] as? String == "2020-11-23" && exhibition["end"] as? String == "2020-11-23")
        #expect(exhibition["precision"] as? String == "day" && exhibition["type"] as? String == "exhibition")
        #expect((exhibition["places"] as? [String])?.contains("北碚区") == true)
        #expect((exhibition["participants"] as? [[String: String]])?.contains { $0["name"] == "张鸣" } == true)
        #expect((exhibition["source"] as? String)?.hasSuffix("cq-dangshi-2020-12-10.txt") == true)
        #expect(exhibition["article"] as? String == "中共中央西南局历史陈列展（一期）正式开展")
    }

    @Test func timelineAsCSVAndMarkdown() throws {
        let csv = try AnnalsProcess.run(["timeline", "--person", "徐塞声", "--format", "csv", "--store", Self.store])
        let lines = csv.stdout.split(separator: "\r\n")
        #expect(lines.first?.hasPrefix("date,written,start,end,precision,type,summary") == true)
        #expect(lines.count == 5)
        #expect(lines[1].hasPrefix("2020-11-18,2020年11月18日,"))
        let markdown = try AnnalsProcess.run(["timeline", "--place", "垫江", "--format", "markdown", "--store", Self.store])
        #expect(markdown.stdout.contains("| 2020-11-25 (2020年11月25日) | visit_inspection |"))
    }

    @Test func unknownAndAmbiguousNamesExplainThemselves() throws {
        let unknown = try AnnalsProcess.run(["timeline", "--place", "北培", "--store", Self.store])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("E401") && unknown.stderr.contains("北碚"))
        let ambiguous = try AnnalsProcess.run(["timeline", "--place", "城关镇", "--store", Self.store])
        #expect(ambiguous.status == 1 && ambiguous.stderr.contains("E402"))
        let noStore = try AnnalsProcess.run(["timeline", "--place", "北碚区", "--store", "/nonexistent/annals.sqlite"])
        #expect(noStore.status == 1 && noStore.stderr.contains("E305"))
    }

    @Test func entityAndSites() throws {
        let entity = try AnnalsProcess.run(["entity", "徐塞声", "--store", Self.store])
        #expect(entity.status == 0)
        #expect(entity.stdout.contains("中共重庆市委党史研究室 主任"))
        #expect(entity.stdout.contains("events (4):"))
        let sites = try AnnalsProcess.run(["sites", "--place", "北碚区", "--format", "json", "--store", Self.store])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(sites.stdout.utf8)) as? [String: Any])
        let names = (json["sites"] as? [[String: Any]])?.compactMap { $0["name"] as? String }
        #expect(names?.contains("中共中央西南局缙云山办公地旧址") == true)
    }

    @Test func exportWritesTheSelectionAndNamesAnUnwritablePath() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("annals-export-cli-\(UUID().uuidString)").path
        let result = try AnnalsProcess.run(["export", "graphml", "--place", "北碚区", "--output", folder + "/beibei.graphml", "--store", Self.store])
        #expect(result.status == 0)
        #expect(result.stdout.contains("beibei.graphml: 19 nodes, 50 edges"))
        let blocked = try AnnalsProcess.run(["export", "gexf", "--output", "/etc/hostname/graph.gexf", "--store", Self.store])
        #expect(blocked.status == 1 && blocked.stderr.contains("E501") && blocked.stderr.contains("/etc/hostname"))
    }
}
