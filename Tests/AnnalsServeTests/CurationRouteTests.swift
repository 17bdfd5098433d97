import AnnalsGraph
import AnnalsKnowledge
import AnnalsQuery
import AnnalsText
import AnnalsExtract
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import AnnalsServe

/// A workbench over a store of its own (the sample bulletin), whose
/// corrections go to a decisions file of its own.
struct CuratedWorkbench {
    let engine: QueryEngine
    let decisionsPath: String

    init() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("annals-serve-curate-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        decisionsPath = folder.appendingPathComponent("decisions.tsv").path
        try "#decision\tsubject\tobject\tnote\n".write(toFile: decisionsPath, atomically: true, encoding: .utf8)
        let knowledge = ServeFixtures.knowledge
        let store = try GraphStore(path: folder.appendingPathComponent("serve.sqlite").path, knowledge: knowledge)
        try store.ingest(Extractor(knowledge: knowledge).extract(try ReportReader().read(ServeFixtures.sample)))
        engine = QueryEngine(store: store, knowledge: knowledge)
    }

    func workbench(readOnly: Bool = false, token: String? = nil) -> Workbench {
        Workbench(engine: engine, options: Workbench.Options(readOnly: readOnly, token: token, decisionsPath: decisionsPath))
    }

    var decisions: String { (try? String(contentsOfFile: decisionsPath, encoding: .utf8)) ?? "" }
}

/// One request of a conversation with a workbench.
struct Step {
    var method: HTTPRequest.Method = .get
    var path: String
    var form: [(String, String)] = []
    var headers: HTTPFields = [:]

    static func post(_ path: String, _ form: [(String, String)], headers: HTTPFields = [:]) -> Step {
        Step(method: .post, path: path, form: form, headers: headers)
    }
}

func run(_ steps: [Step], on workbench: Workbench) async throws -> [Answer] {
    try await workbench.application(host: "127.0.0.1", port: 0).test(.router) { client in
        var answers: [Answer] = []
        for step in steps {
            var headers = step.headers
            var body: ByteBuffer?
            if step.method == .post {
                headers[.contentType] = "application/x-www-form-urlencoded"
                body = ByteBuffer(string: step.form.map { "\(URLText.encode($0.0))=\(URLText.encode($0.1))" }.joined(separator: "&"))
            }
            let response = try await client.execute(uri: step.path, method: step.method, headers: headers, body: body)
            var fields: [String: String] = [:]
            for field in response.headers { fields[field.name.canonicalName] = field.value }
            answers.append(Answer(status: Int(response.status.code), type: fields["content-type"] ?? "", headers: fields, body: String(buffer: response.body)))
        }
        return answers
    }
}

@Suite("The workbench's corrections")
struct CurationRouteTests {
    @Test func aMergeFromTheEntityPageChangesTheTimelineAndItsUndoRestoresIt() async throws {
        let bench = try CuratedWorkbench()
        let answers = try await run([
            Step(path: "/entity/" + encoded("宫辉")),
            .post("/curate/merge", [("subject", "person/宫辉@500000"), ("target", "徐塞声"), ("note", "a test of <merge> & undo")]),
            Step(path: "/curation?done=1"),
            Step(path: "/timeline?person=" + encoded("徐塞声")),
            .post("/curate/undo", [("number", "1")]),
            Step(path: "/timeline?person=" + encoded("徐塞声")),
            Step(path: "/curation"),
        ], on: bench.workbench())
        #expect(answers[0].body.contains("action=\"/curate/merge\"") && answers[0].body.contains("value=\"person/宫辉@500000\""))
        #expect(answers[1].status == 303 && answers[1].headers["location"] == "/curation?done=1#decision-1")
        #expect(answers[2].body.contains("Applied: merged") && answers[2].body.contains("a test of &lt;merge&gt; &amp; undo"))
        #expect(answers[3].body.contains("5 of 5 events"), "宫辉's visit is 徐塞声's once merged")
        #expect(answers[4].status == 303)
        #expect(answers[5].body.contains("4 of 4 events"))
        #expect(answers[6].body.contains("undone "), "the journal keeps the undone decision")
        #expect(bench.decisions == "#decision\tsubject\tobject\tnote\n")
    }

    @Test func everyKindOfCorrectionIsWrittenToTheDecisionsFile() async throws {
        let bench = try CuratedWorkbench()
        let answers = try await run([
            .post("/curate/rename", [("subject", "张鸣"), ("name", "张 鸣")]),
            .post("/curate/retype", [("subject", "张 鸣"), ("type", "organisation")]),
            .post("/curate/reject", [("subject", "秦海峰"), ("reports", ""), ("note", "test")]),
        ], on: bench.workbench())
        #expect(answers.map(\.status) == [303, 303, 303])
        #expect(bench.decisions.contains("rename\tperson/张鸣@500000\t张 鸣\t\n"))
        #expect(bench.decisions.contains("retype\tperson/张鸣@500000\torganisation\t\n"))
        #expect(bench.decisions.contains("reject\tperson/秦海峰@500000\t\ttest\n"))
        #expect(throws: QueryError.self) { try bench.engine.node(named: "秦海峰") }
    }

    @Test func aReadOnlyWorkbenchShowsNoFormsAndRefusesCorrections() async throws {
        let bench = try CuratedWorkbench()
        let answers = try await run([
            Step(path: "/entity/" + encoded("宫辉")),
            .post("/curate/merge", [("subject", "宫辉"), ("target", "徐塞声")]),
            Step(path: "/curation"),
        ], on: bench.workbench(readOnly: true))
        #expect(!answers[0].body.contains("/curate/"))
        #expect(answers[1].status == 403 && answers[1].body.contains("E604"))
        #expect(answers[2].status == 200 && answers[2].body.contains("read-only"))
        #expect(bench.decisions == "#decision\tsubject\tobject\tnote\n")
    }

    @Test func beyondThisMachineCorrectionsNeedTheToken() async throws {
        let bench = try CuratedWorkbench()
        let merge = [("subject", "宫辉"), ("target", "徐塞声")]
        let answers = try await run([
            .post("/curate/merge", merge),
            .post("/curate/merge", merge, headers: [.cookie: "annals_token=guess"]),
            Step(path: "/?token=s3cret"),
            .post("/curate/merge", merge, headers: [.cookie: "theme=dark; annals_token=s3cret"]),
        ], on: bench.workbench(token: "s3cret"))
        #expect(answers[0].status == 403 && answers[0].body.contains("E605"))
        #expect(answers[1].status == 403)
        #expect(answers[2].headers["set-cookie"] == "annals_token=s3cret; Path=/; HttpOnly; SameSite=Strict")
        #expect(answers[3].status == 303)
    }

    @Test func aFormPostedFromAnotherSiteIsRefused() async throws {
        let bench = try CuratedWorkbench()
        let merge = [("subject", "宫辉"), ("target", "徐塞声")]
        let answers = try await run([
            .post("/curate/merge", merge, headers: [HTTPField.Name("Origin")!: "http://evil.example"]),
            .post("/curate/merge", merge, headers: [HTTPField.Name("Sec-Fetch-Site")!: "cross-site"]),
        ], on: bench.workbench())
        #expect(answers.map(\.status) == [403, 403])
        #expect(answers.allSatisfy { $0.body.contains("E607") })
        #expect(bench.decisions == "#decision\tsubject\tobject\tnote\n")
    }

    @Test func badCorrectionsAnswerWithTheirECodePage() async throws {
        let bench = try CuratedWorkbench()
        let answers = try await run([
            .post("/curate/merge", [("subject", "宫辉"), ("target", "徐塞生")]),
            .post("/curate/merge", [("target", "徐塞声")]),
            .post("/curate/retype", [("subject", "宫辉"), ("type", "<b>gang</b>")]),
            .post("/curate/undo", [("number", "7")]),
            .post("/curate/undo", [("number", "seven")]),
        ], on: bench.workbench())
        #expect(answers[0].status == 404 && answers[0].body.contains("E401") && answers[0].body.contains("徐塞声"))
        #expect(answers[1].status == 400 && answers[1].body.contains("E601"))
        #expect(answers[2].status == 400 && answers[2].body.contains("E702") && answers[2].body.contains("&lt;b&gt;gang"))
        #expect(answers[3].status == 404 && answers[3].body.contains("E704"))
        #expect(answers[4].status == 400 && answers[4].body.contains("E601"))
        #expect(!answers.contains { $0.body.contains("Fatal") || $0.body.contains("Swift.") })
    }
}
