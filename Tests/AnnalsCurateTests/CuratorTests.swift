import AnnalsCurate
import AnnalsExtract
import AnnalsGraph
import AnnalsKnowledge
import AnnalsQuery
import AnnalsText
import Foundation
import Testing

/// A store of three small reports on disk, with a knowledge folder of its
/// own whose decisions file the curator writes.
struct CurationBench {
    let folder: URL
    let knowledge: KnowledgeBase
    let store: GraphStore
    let engine: QueryEngine
    var curator: Curator { Curator(engine: engine) }

    static let reports: [(String, String)] = [
        ("qianjiang/2021-03.txt", """
        中共重庆市委党史研究室编 2021年3月31日
        黔江区召开党史学习教育动员会
        2021年3月5日，黔江区召开党史学习教育动员会，区委书记李明华出席会议并讲话。
        """),
        ("qianjiang/2021-04.txt", """
        中共重庆市委党史研究室编 2021年4月30日
        黔江区委理论学习中心组开展专题学习
        2021年4月8日，黔江区委理论学习中心组在红军烈士纪念碑前开展专题学习，区委书记李名华主持。
        """),
        ("wanzhou/2021-05.txt", """
        中共重庆市委党史研究室编 2021年5月31日
        万州区举办革命文物保护培训班
        2021年5月12日，万州区举办革命文物保护培训班，区委副书记李明华作动员讲话。
        """),
    ]

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("annals-curate-\(UUID().uuidString)")
        let knowledgeFolder = folder.appendingPathComponent("knowledge")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: URL(fileURLWithPath: try KnowledgeBase.locateFolder()), to: knowledgeFolder)
        try "#decision\tsubject\tobject\tnote\n".write(to: knowledgeFolder.appendingPathComponent("identity/decisions.tsv"), atomically: true, encoding: .utf8)
        knowledge = try KnowledgeBase.load(from: knowledgeFolder.path)
        store = try GraphStore(path: folder.appendingPathComponent("annals.sqlite").path, knowledge: knowledge)
        engine = QueryEngine(store: store, knowledge: knowledge)
        for (name, text) in Self.reports {
            try ingest(name, text)
        }
    }

    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    func ingest(_ name: String, _ text: String) throws {
        let file = folder.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: file, atomically: true, encoding: .utf8)
        try store.ingest(Extractor(knowledge: knowledge).extract(try ReportReader().read(file.path)))
    }

    var decisionsFile: String { (try? String(contentsOfFile: knowledge.decisionsPath, encoding: .utf8)) ?? "" }

    func people() throws -> [String] {
        try store.reading { reader in try reader.names(startingWith: "李", type: .person, limit: 20).map(\.key) }.sorted()
    }

    func events(of person: String) throws -> Int {
        try engine.timeline(TimelineQuery(person: person)).events.count
    }
}

@Suite("Curation")
struct CuratorTests {
    @Test func aMergeJoinsTwoSpellingsAndItsUndoPartsThem() throws {
        let bench = try CurationBench()
        // One node for the Qianjiang secretary and the Wanzhou deputy (one
        // name in one province), none for the misprint.
        #expect(try bench.events(of: "李明华") == 2)
        let merged = try bench.curator.merge("李名华", into: "李明华", note: "a misprint in the April report")
        #expect(merged.decision == IdentityDecision(.sameAs, subject: "person/李名华@500000", object: "person/李明华@500000", note: "a misprint in the April report"))
        #expect(merged.sources == [bench.path("qianjiang/2021-04.txt")])
        // The April event joins him, and the misprint still finds him.
        #expect(try bench.events(of: "李明华") == 3)
        #expect(try bench.engine.node(named: "李名华").key == "person/李明华@500000")
        #expect(bench.decisionsFile.contains("same_as\tperson/李名华@500000\tperson/李明华@500000\ta misprint in the April report\n"))

        let undone = try bench.curator.undo(merged.number)
        #expect(undone.undoneAt != nil)
        #expect(try bench.events(of: "李明华") == 2)
        #expect(try bench.engine.node(named: "李名华").key == "person/李名华@500000")
        #expect(!bench.decisionsFile.contains("same_as"))
        #expect(throws: CurationError.noSuchDecision(merged.number)) { try bench.curator.undo(merged.number) }
        #expect(try bench.curator.journal().map(\.number) == [merged.number])
    }

    @Test func aCuratedStoreIsWhatABuildUnderTheWrittenDecisionsMakes() throws {
        let bench = try CurationBench()
        try bench.curator.merge("李名华", into: "李明华")
        try bench.curator.keepApart("李明华", inReports: "wanzhou", note: "the Wanzhou deputy secretary is another man")
        try bench.curator.rename("红军烈士纪念碑", to: "黔江红军烈士纪念碑")
        let curated = try bench.people()
        #expect(curated == ["person/李明华@500000", "person/李明华@500000#wanzhou"])

        // A new store built from the same files under the decisions file.
        let knowledge = try KnowledgeBase.load(from: bench.knowledge.folder)
        let rebuilt = try GraphStore(path: bench.path("rebuilt.sqlite"), knowledge: knowledge)
        for (name, _) in CurationBench.reports {
            try rebuilt.ingest(Extractor(knowledge: knowledge).extract(try ReportReader().read(bench.path(name))))
        }
        let keys = { (store: GraphStore) in
            try store.reading { reader in try reader.names(startingWith: "", type: nil, limit: 500).map { "\($0.type) \($0.key) \($0.name)" } }.sorted()
        }
        #expect(try keys(rebuilt) == keys(bench.store))
    }

    @Test func aRejectedSpanLeavesItsReportsEventsStanding() throws {
        let bench = try CurationBench()
        let rejected = try bench.curator.reject("李名华", inReports: "2021-04", note: "not a person here")
        #expect(rejected.decision.kind == .reject)
        #expect(throws: QueryError.self) { try bench.engine.node(named: "李名华") }
        let april = try bench.engine.timeline(TimelineQuery(from: "2021-04", to: "2021-04"))
        #expect(april.events.count == 1 && april.events[0].participants.isEmpty)
        #expect(bench.decisionsFile.contains("reject\tperson/李名华@500000\t2021-04\tnot a person here\n"))

        try bench.curator.undo(rejected.number)
        #expect(try bench.engine.node(named: "李名华").name == "李名华")
        #expect(try bench.engine.timeline(TimelineQuery(from: "2021-04", to: "2021-04")).events[0].participants.map(\.name) == ["李名华"])
    }

    @Test func aRenameKeepsTheOldNameFindableAndARetypeChecksTheType() throws {
        let bench = try CurationBench()
        let renamed = try bench.curator.rename("李名华", to: "李铭华")
        #expect(renamed.previous == "李名华")
        #expect(try bench.engine.node(named: "李名华").name == "李铭华")
        #expect(throws: CurationError.badValue("gang is no node type; the types are organisation, person, place, site, work")) {
            try bench.curator.retype("李铭华", to: "gang")
        }
        let retyped = try bench.curator.retype("李铭华", to: "organisation")
        #expect(try bench.engine.node(named: "李铭华").type == .organisation)
        try bench.curator.undo(retyped.number)
        try bench.curator.undo(renamed.number)
        let node = try bench.engine.node(named: "李名华")
        #expect(node.name == "李名华" && node.type == .person)
        #expect(bench.decisionsFile == "#decision\tsubject\tobject\tnote\n")
    }

    @Test func aDecisionThatCannotBeAppliedChangesNothing() throws {
        let bench = try CurationBench()
        let before = try bench.people()
        // The report the merge must rewrite has gone from its folder.
        try FileManager.default.removeItem(atPath: bench.path("qianjiang/2021-04.txt"))
        #expect { try bench.curator.merge("李名华", into: "李明华") } throws: { error in
            guard case CurationError.reportUnreadable(let source, _) = error else { return false }
            return source == bench.path("qianjiang/2021-04.txt") && "\(error)".hasPrefix("E703")
        }
        #expect(try bench.people() == before)
        #expect(bench.decisionsFile == "#decision\tsubject\tobject\tnote\n")
        #expect(try bench.curator.journal().isEmpty)

        // The decisions file cannot be written: the store is left as it was.
        let blocked = Curator(engine: bench.engine, decisionsPath: bench.path("no-such-folder/decisions.tsv"))
        #expect { try blocked.merge("李明华", into: "李名华") } throws: { "\($0)".hasPrefix("E705") }
        #expect(try bench.people() == before)
        #expect(try bench.curator.journal().isEmpty)
    }

    @Test func namesThatNameNoOneOrOneNodeTwiceAreRefused() throws {
        let bench = try CurationBench()
        #expect { try bench.curator.merge("李明", into: "李明华") } throws: { "\($0)".hasPrefix("E401") }
        #expect(throws: CurationError.sameNode("李明华")) { try bench.curator.merge("李明华", into: "李明华") }
        #expect { try bench.curator.keepApart("李明华", inReports: "hunan") } throws: { "\($0)".hasPrefix("E702") }
        #expect { try bench.curator.rename("李明华", to: "李\t明华") } throws: { "\($0)".hasPrefix("E702") }
    }
}
