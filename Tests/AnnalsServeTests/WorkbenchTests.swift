import AnnalsExtract
import AnnalsGraph
import AnnalsKnowledge
import AnnalsQuery
import AnnalsText
import Foundation
import HummingbirdTesting
import Testing
@testable import AnnalsServe

/// A store of the sample bulletin and a web page written for these tests
/// whose title, work and publisher hold markup, quotes and `&`.
enum ServeFixtures {
    static let projectRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let sample = projectRoot.appendingPathComponent("graph/sources/cq-dangshi-2020-12-10.txt").path
    static let markup = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/beibei-2021-03-02-markup.html").path
    static let knowledge = try! KnowledgeBase.shared()

    static let engine: QueryEngine = {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("annals-serve-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let store = try! GraphStore(path: folder.appendingPathComponent("serve.sqlite").path, knowledge: knowledge)
        let extractor = Extractor(knowledge: knowledge)
        for path in [sample, markup] { _ = try! store.ingest(extractor.extract(try! ReportReader().read(path))) }
        return QueryEngine(store: store, knowledge: knowledge)
    }()

    static func workbench(_ options: Workbench.Options = Workbench.Options()) -> Workbench {
        Workbench(engine: engine, options: options)
    }
}

/// What one request answered.
struct Answer {
    var status: Int
    var type: String
    var headers: [String: String]
    var body: String
}

/// Sends GET requests to a workbench through Hummingbird's router test
/// framework (no socket), one answer per path.
func get(_ paths: [String], from workbench: Workbench = ServeFixtures.workbench()) async throws -> [Answer] {
    try await workbench.application(host: "127.0.0.1", port: 0).test(.router) { client in
        var answers: [Answer] = []
        for path in paths {
            let response = try await client.execute(uri: path, method: .get)
            var headers: [String: String] = [:]
            for field in response.headers { headers[field.name.canonicalName] = field.value }
            answers.append(Answer(status: Int(response.status.code), type: headers["content-type"] ?? "", headers: headers,
                                  body: String(buffer: response.body)))
        }
        return answers
    }
}

func get(_ path: String, from workbench: Workbench = ServeFixtures.workbench()) async throws -> Answer {
    try await get([path], from: workbench)[0]
}

func encoded(_ text: String) -> String { URLText.encode(text) }

@Suite("The workbench's pages")
struct WorkbenchPageTests {
    @Test func rootOpensTheTimeline() async throws {
        let answer = try await get("/")
        #expect(answer.status == 303 && answer.headers["location"] == "/timeline")
    }

    @Test func timelineOfADistrictGroupsItsEventsByYearWithTheirSources() async throws {
        let answer = try await get("/timeline?place=" + encoded("北碚"))
        #expect(answer.status == 200 && answer.type.hasPrefix("text/html"))
        let page = answer.body
        // The sample's four 北碚区 events and the markup page's exhibition.
        #expect(page.contains("5 of 5 events"))
        for year in ["195X", "2009", "2020", "2021"] where year != "195X" { #expect(page.contains("<h2>\(year)</h2>")) }
        #expect(page.contains("<h2>1950</h2>"), "the 1950s construction is filed under the decade's first year")
        #expect(page.contains("中共中央西南局历史陈列展"))
        #expect(page.contains("<span class=\"written\">20世纪50年代</span>"))
        #expect(page.contains("value=\"北碚\""), "the form keeps what was asked")
        // Each event links to its sentence's article, at the event.
        let event = try #require(try ServeFixtures.engine.timeline(TimelineQuery(place: "北碚区")).events.last)
        #expect(page.contains("href=\"/article/\(event.articleID)#event-\(event.id)\""))
        #expect(page.contains("<mark class=\"place\">"), "the names of an event are marked in its sentence")
    }

    @Test func formFieldsLeftBlankFilterOnNothing() async throws {
        let blank = try await get("/timeline?place=&person=&type=&from=&to=&text=")
        let everything = try ServeFixtures.engine.timeline(TimelineQuery())
        #expect(blank.status == 200 && blank.body.contains("\(everything.events.count) of \(everything.total) events"))
        let spaced = try await get("/timeline?text=" + encoded("会师") + "&place=+" )
        #expect(spaced.status == 200)
    }

    @Test func sourceViewMarksEveryMentionWhereItStands() async throws {
        let event = try #require(try ServeFixtures.engine.timeline(TimelineQuery(person: "徐塞声")).events.first)
        let view = try ServeFixtures.engine.article(id: event.articleID)
        // Offsets kept in the store point at the mention's own text.
        let scalars = Array(view.article.body.unicodeScalars)
        let placed = view.article.mentions.filter { $0.bodyStart != nil }
        #expect(!placed.isEmpty)
        for mention in placed {
            let text = String(String.UnicodeScalarView(scalars[mention.bodyStart!..<mention.bodyEnd!]))
            #expect(text == mention.text, "\(mention.name): body holds \(text)")
        }
        let answer = try await get("/article/\(event.articleID)")
        #expect(answer.status == 200)
        let person = try #require(placed.first { $0.type == "person" })
        #expect(answer.body.contains("<a class=\"mention person\" href=\"/entity/\(encoded(person.key))\" title=\"person: \(person.name)\">\(person.text)</a>"))
        #expect(answer.body.contains("id=\"event-\(event.id)\""))
        #expect(answer.body.contains(view.article.sha256))
    }

    @Test func rawViewShowsTheBytesTheArticleCameFrom() async throws {
        let event = try #require(try ServeFixtures.engine.timeline(TimelineQuery(place: "垫江县")).events.first)
        let article = try ServeFixtures.engine.article(id: event.articleID).article
        let answer = try await get("/article/\(event.articleID)/raw")
        #expect(answer.status == 200 && answer.type.hasPrefix("text/plain"))
        let file = try Data(contentsOf: URL(fileURLWithPath: article.source))
        #expect(answer.body == String(decoding: file[article.spanStart..<article.spanEnd], as: UTF8.self))
        #expect(answer.body.contains(article.title.prefix(4)))
    }

    @Test func entityViewShowsOfficesEventsOnAnAxisAndNeighbours() async throws {
        let answer = try await get("/entity/" + encoded("徐塞声"))
        #expect(answer.status == 200)
        let page = answer.body
        #expect(page.contains("<h1>徐塞声</h1>"))
        #expect(page.contains("Offices held") && page.contains("市委党史研究室"))
        #expect(page.contains("<svg class=\"axis\""))
        #expect(page.contains("Often named with"))
        #expect(page.contains("href=\"/timeline?person=\(encoded("徐塞声"))\""))
        // A node key opens the same node.
        let profile = try ServeFixtures.engine.profile(of: "徐塞声")
        let byKey = try await get("/entity/" + encoded(profile.key))
        #expect(byKey.status == 200 && byKey.body.contains("<h1>徐塞声</h1>"))
    }

    @Test func sitesViewPutsEachSiteOnTheMapWithItsTimeline() async throws {
        let answer = try await get("/sites?place=" + encoded("北碚区"))
        #expect(answer.status == 200)
        let page = answer.body
        #expect(page.contains("中共中央西南局缙云山办公地旧址"))
        #expect(page.contains("data-lat=\"29.") && page.contains("data-lng=\"106."), "北碚's sites lie near 29.8 N, 106.4 E")
        #expect(page.contains("data-href=\"/timeline?site="))
        #expect(page.contains("/static/leaflet/leaflet.js"))
    }

    @Test func graphViewAndItsExports() async throws {
        let answers = try await get(["/graph?name=" + encoded("徐塞声"), "/api/graph?name=" + encoded("徐塞声"),
                                     "/export/graphml?name=" + encoded("徐塞声"), "/export/gexf?name=" + encoded("徐塞声")])
        #expect(answers.map(\.status) == [200, 200, 200, 200])
        #expect(answers[0].body.contains("data-src=\"/api/graph?name="))
        let graph = try #require(try JSONSerialization.jsonObject(with: Data(answers[1].body.utf8)) as? [String: Any])
        let nodes = try #require(graph["nodes"] as? [[String: Any]])
        #expect(nodes.count > 3 && nodes.count <= 200)
        #expect(nodes.contains { $0["name"] as? String == "徐塞声" })
        #expect(answers[2].body.contains("<graphml") && answers[2].headers["content-disposition"]?.contains("annals.graphml") == true)
        #expect(answers[3].body.contains("<gexf"))
        // The GraphML holds the same nodes as the JSON.
        #expect(answers[2].body.components(separatedBy: "<node ").count - 1 == nodes.count)
    }

    @Test func searchOpensANameOrListsTheNamesBeginningWithIt() async throws {
        let exact = try await get("/search?q=" + encoded("徐塞声"))
        #expect(exact.status == 303 && exact.headers["location"]?.hasPrefix("/entity/") == true)
        let prefix = try await get("/search?q=" + encoded("中共"))
        #expect(prefix.status == 200 && prefix.body.contains("Names beginning with 中共"))
        let suggest = try await get("/api/suggest?q=" + encoded("北碚"))
        let found = try #require(try JSONSerialization.jsonObject(with: Data(suggest.body.utf8)) as? [String: [[String: String]]])
        #expect(found["suggestions"]?.contains { $0["name"] == "北碚区" } == true)
    }

    @Test func librariesComeFromDebianAndNothingElseOfTheDiskIsServed() async throws {
        let leaflet = "/usr/share/javascript/leaflet/leaflet.js"
        let answers = try await get(["/static/leaflet/leaflet.js", "/static/d3/d3.min.js", "/static/leaflet/../../../etc/passwd",
                                     "/static/leaflet/%2E%2E/%2E%2E/etc/passwd", "/static/annals.js", "/static/annals.css"])
        if FileManager.default.fileExists(atPath: leaflet) {
            #expect(answers[0].status == 200 && answers[0].type.hasPrefix("text/javascript"))
            #expect(answers[1].status == 200)
        } else {
            #expect(answers[0].status == 500 && answers[0].body.contains("libjs-leaflet"))
        }
        #expect(answers[2].status == 404 && answers[3].status == 404)
        #expect(answers[4].status == 200 && answers[4].body.contains("textContent"))
        #expect(answers[5].status == 200 && answers[5].type.hasPrefix("text/css"))
    }

    @Test func aMissingLibrarySaysWhichPackageToInstall() async throws {
        var options = Workbench.Options()
        options.libraries = "/nonexistent/javascript"
        let answer = try await get("/static/d3/d3.min.js", from: ServeFixtures.workbench(options))
        #expect(answer.status == 500 && answer.body.contains("E603") && answer.body.contains("libjs-d3"))
    }
}

@Suite("The workbench's API")
struct WorkbenchAPITests {
    /// `/api/timeline` gives the bytes `annals timeline --format json` prints
    /// (both encode the engine's answer with ``QueryJSON``; the command-line
    /// tests compare the API with the binary's output).
    @Test(arguments: ["place=" + encoded("北碚区"), "person=" + encoded("徐塞声"), "region=" + encoded("渝东南") + "&include_undated=1",
                      "type=meeting&from=2020-11", "text=" + encoded("会师")])
    func timelineIsTheCommandLinesJSON(query: String) async throws {
        let answer = try await get("/api/timeline?" + query)
        #expect(answer.status == 200 && answer.type.hasPrefix("application/json"))
        var expected = QueryParameters(query).timelineQuery
        expected.limit = nil
        #expect(answer.body == (try QueryJSON.encode(try ServeFixtures.engine.timeline(expected))))
    }

    @Test func aLongTimelineIsPagedAndSaysSo() async throws {
        var options = Workbench.Options()
        options.pageSize = 3
        let answer = try await get("/api/timeline?place=" + encoded("北碚区"), from: ServeFixtures.workbench(options))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(answer.body.utf8)) as? [String: Any])
        #expect((json["events"] as? [Any])?.count == 3)
        #expect((json["query"] as? [String: Any])?["limit"] as? Int == 3)
        #expect(json["total"] as? Int == 5)
        let tooMany = try await get("/api/timeline?place=" + encoded("北碚区") + "&limit=4", from: ServeFixtures.workbench(options))
        #expect(tooMany.status == 400 && tooMany.body.contains("E601"))
    }

    @Test func entityAndSitesAreTheCommandLinesJSON() async throws {
        let entity = try await get("/api/entity/" + encoded("徐塞声"))
        #expect(entity.body == (try QueryJSON.encode(try ServeFixtures.engine.profile(of: "徐塞声"))))
        let sites = try await get("/api/sites?region=" + encoded("渝东南"))
        #expect(sites.body == (try QueryJSON.encode(["sites": try ServeFixtures.engine.sites(region: "渝东南")])))
    }
}

@Suite("The workbench's errors")
struct WorkbenchErrorTests {
    @Test(arguments: [
        ("/timeline?place=" + encoded("北培"), 404, "E401"),
        ("/api/timeline?place=" + encoded("北培"), 404, "E401"),
        ("/timeline?place=" + encoded("城关镇"), 400, "E402"),
        ("/timeline?from=1934-13-40", 400, "E403"),
        ("/timeline?type=party", 400, "E404"),
        ("/article/999999", 404, "E406"),
        ("/article/first", 400, "E601"),
        ("/api/timeline?limit=-5", 400, "E601"),
        ("/graph", 400, "E601"),
        ("/entity/" + encoded("无此人"), 404, "E401"),
        ("/no/such/page", 404, "E602"),
        ("/api/nothing", 404, "E602"),
    ])
    func badRequestsAnswerWithTheirCodeNeverATrace(path: String, status: Int, code: String) async throws {
        let answer = try await get(path)
        #expect(answer.status == status, "\(path)")
        #expect(answer.body.contains(code), "\(path): \(answer.body.prefix(300))")
        #expect(!answer.body.contains("Error(") && !answer.body.contains("Fatal"))
        if path.hasPrefix("/api/") { #expect(answer.type.hasPrefix("application/json")) } else { #expect(answer.type.hasPrefix("text/html")) }
    }

    @Test func anUnknownNameOffersTheSameQueryWithTheNearestNames() async throws {
        let answer = try await get("/timeline?place=" + encoded("北培") + "&type=meeting")
        #expect(answer.body.contains("href=\"/timeline?place=\(encoded("北碚"))&amp;type=meeting\""))
    }

    /// 城关镇 is a town in many counties: each is offered by its code.
    @Test func anAmbiguousPlaceOffersEachOfItsPlacesByCode() async throws {
        let answer = try await get("/timeline?place=" + encoded("城关镇"))
        let links = answer.body.components(separatedBy: "href=\"/timeline?place=").dropFirst().map { $0.prefix { $0 != "\"" } }
        #expect(links.count >= 2)
        #expect(links.allSatisfy { $0.first?.isNumber == true && $0.allSatisfy(\.isASCII) && !$0.contains("%") }, "\(links)")
        let first = try #require(links.first)
        #expect(try await get("/timeline?place=" + first).status == 200)
    }
}

@Suite("The workbench's safety")
struct WorkbenchSafetyTests {
    static let hostile = "<script>alert(\"红岩\")</script>&初心"

    /// Every view of the page whose names hold markup shows it as text.
    @Test func markupInNamesAndTitlesIsShownAsText() async throws {
        let work = try ServeFixtures.engine.profile(of: Self.hostile, type: "work")
        let fallback = try ServeFixtures.engine.timeline(TimelineQuery(text: "初心")).events.first
        let event = try #require(work.events.first ?? fallback)
        let paths = ["/timeline?text=" + encoded("初心"), "/article/\(event.articleID)", "/entity/" + encoded(work.key),
                     "/search?q=" + encoded("<script>"), "/timeline?place=" + encoded("<script>alert(1)</script>"),
                     "/graph?name=" + encoded(work.key), "/sites?place=" + encoded("北碚区")]
        for (path, answer) in zip(paths, try await get(paths)) {
            #expect(!answer.body.contains("<script>alert"), "\(path) carries live markup")
            if !path.hasPrefix("/sites") { #expect(answer.body.contains("&lt;script&gt;alert") || answer.status == 303, "\(path) lost the text") }
            #expect(answer.headers["content-security-policy"]?.contains("script-src 'self'") == true)
            #expect(answer.headers["x-content-type-options"] == "nosniff")
        }
        #expect(try await get(paths[1]).body.contains("&amp;初心"))
        #expect(try await get(paths[1]).body.contains("&#39;O&#39;Brien"), "quotes in the text are escaped")
    }

    @Test func theAPIEscapesNothingButStaysJSON() async throws {
        let answer = try await get("/api/timeline?text=" + encoded("初心"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(answer.body.utf8)) as? [String: Any])
        let events = try #require(json["events"] as? [[String: Any]])
        #expect(events.contains { ($0["article"] as? String)?.contains(Self.hostile) == true })
    }

    @Test func htmlFragmentsEscapeTextAndKeepMarkup() {
        let name = "<b>\"红岩\" & '江姐'</b>"
        let cell: HTML = "<td title=\"\(name)\">\(name)</td>"
        #expect(cell.markup == "<td title=\"&lt;b&gt;&quot;红岩&quot; &amp; &#39;江姐&#39;&lt;/b&gt;\">&lt;b&gt;&quot;红岩&quot; &amp; &#39;江姐&#39;&lt;/b&gt;</td>")
        let nested: HTML = "<tr>\(cell)</tr>"
        #expect(nested.markup.hasPrefix("<tr><td title="))
        #expect(HTML.url("/timeline", [("place", "红二、六军团&x"), ("type", nil)]) == "/timeline?place=%E7%BA%A2%E4%BA%8C%E3%80%81%E5%85%AD%E5%86%9B%E5%9B%A2%26x")
    }

    @Test func formsDecodeAsBrowsersSendThem() {
        let parameters = QueryParameters("place=%E5%8C%97%E7%A2%9A&text=%E4%BC%9A%E5%B8%88+%E7%BA%A2%E5%86%9B&from=&include_undated=on")
        #expect(parameters["place"] == "北碚" && parameters["text"] == "会师 红军" && parameters["from"] == nil)
        #expect(parameters.timelineQuery.includeUndated)
    }
}
