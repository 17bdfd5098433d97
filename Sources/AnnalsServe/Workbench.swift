import AnnalsCurate
import AnnalsExport
import AnnalsGraph
import AnnalsModel
import AnnalsQuery
import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// The historian's workbench: `annals serve`. Pages rendered on the server
/// for the timeline, sources, entities, sites and graphs; a JSON API that
/// answers exactly as `annals … --format json` does; the JavaScript
/// libraries from Debian served by the workbench itself, so that it works
/// offline on one machine.
///
/// ```swift
/// let workbench = Workbench(engine: QueryEngine(store: store, knowledge: knowledge))
/// try await workbench.application(host: "127.0.0.1", port: 8080).runService()
/// ```
public struct Workbench: Sendable {
    /// How a workbench is run.
    public struct Options: Sendable {
        /// Refuse every correction.
        public var readOnly = false
        /// The token corrections must carry (set when the workbench is
        /// reachable from other machines): opening `/?token=…` once gives
        /// the browser a cookie with it.
        public var token: String?
        /// The decisions file corrections are written to (default: the
        /// knowledge folder's `identity/decisions.tsv`).
        public var decisionsPath: String?
        /// Where Debian installs its JavaScript libraries (`leaflet/`, `d3/`).
        public var libraries = "/usr/share/javascript"
        /// The most events the API returns for one request.
        public var pageSize = 1000
        /// The most events one timeline page shows (a page is read, not
        /// processed: the earliest, with how many there are in all).
        public var pageEvents = 200

        public init(readOnly: Bool = false, token: String? = nil, decisionsPath: String? = nil) {
            self.readOnly = readOnly
            self.token = token
            self.decisionsPath = decisionsPath
        }
    }

    public let engine: QueryEngine
    public let options: Options

    public init(engine: QueryEngine, options: Options = Options()) {
        self.engine = engine
        self.options = options
    }

    var curator: Curator { Curator(engine: engine, decisionsPath: options.decisionsPath) }

    /// The application serving the workbench at `host:port`; `logLevel`
    /// is the server's (a load test stopping it mid-connection wants
    /// only what is critical).
    public func application(host: String, port: Int, logLevel: Logger.Level = .info,
                            onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) -> some ApplicationProtocol {
        var logger = Logger(label: "Annals")
        logger.logLevel = logLevel
        return Application(router: router(), configuration: .init(address: .hostname(host, port: port), serverName: "Annals"),
                           onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? port) }, logger: logger)
    }

    /// Every route of the workbench.
    public func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.get("/") { request, _ in welcome(request) }
        router.get("timeline") { request, _ in page { parameters in try timelinePage(parameters) }(request) }
        router.get("article/:id") { request, context in page { _ in try articlePage(context.parameters.get("id")) }(request) }
        router.get("article/:id/raw") { request, context in answer(request, api: false) { _ in try rawArticle(context.parameters.get("id")) } }
        router.get("entity/:name") { request, context in
            page { parameters in EntityPage.render(try engine.profile(of: try name(context), type: parameters["type"]), curating: !options.readOnly) }(request)
        }
        router.get("sites") { request, _ in
            page { parameters in SitesPage.render(try engine.sites(region: parameters["region"], place: parameters["place"]), region: parameters["region"], place: parameters["place"]) }(request)
        }
        router.get("graph") { request, _ in page { parameters in try graphPage(parameters) }(request) }
        router.get("search") { request, _ in answer(request, api: false) { parameters in try search(parameters) } }

        router.get("api/timeline") { request, _ in json(request) { parameters in try QueryJSON.encode(try timeline(parameters)) } }
        router.get("api/entity/:name") { request, context in
            json(request) { parameters in try QueryJSON.encode(try engine.profile(of: try name(context), type: parameters["type"])) }
        }
        router.get("api/sites") { request, _ in
            json(request) { parameters in try QueryJSON.encode(["sites": try engine.sites(region: parameters["region"], place: parameters["place"])]) }
        }
        router.get("api/article/:id") { request, context in
            json(request) { _ in try QueryJSON.encode(try engine.article(id: try articleID(context.parameters.get("id")))) }
        }
        router.get("api/suggest") { request, _ in
            json(request) { parameters in
                let found = try engine.suggestions(startingWith: parameters["q"] ?? "", type: parameters["type"], limit: 12)
                return try QueryJSON.encode(["suggestions": found])
            }
        }
        router.get("api/graph") { request, _ in answer(request, api: true) { parameters in try graphExport(parameters, format: .nodeLink) } }
        router.get("export/graphml") { request, _ in answer(request, api: true) { parameters in try graphExport(parameters, format: .graphML) } }
        router.get("export/gexf") { request, _ in answer(request, api: true) { parameters in try graphExport(parameters, format: .gexf) } }

        router.get("static/annals.css") { _, _ in Self.asset(PackageResources.annals_css, type: "text/css; charset=utf-8") }
        router.get("static/annals.js") { _, _ in Self.asset(PackageResources.annals_js, type: "text/javascript; charset=utf-8") }
        // Browsers ask for /favicon.ico when a page names no icon; both
        // answer with the same mark so no request ends in an error.
        router.get("static/annals.svg") { _, _ in Self.asset(PackageResources.annals_svg, type: "image/svg+xml") }
        router.get("favicon.ico") { _, _ in Self.asset(PackageResources.annals_svg, type: "image/svg+xml") }
        router.get("static/leaflet/**") { request, context in answer(request, api: true) { _ in try library("leaflet", context) } }
        router.get("static/d3/**") { request, context in answer(request, api: true) { _ in try library("d3", context) } }
        router.get("curation") { request, _ in page { parameters in try curationPage(parameters) }(request) }
        for action in CurationAction.allCases {
            router.post("curate/\(action.rawValue)") { request, _ in
                let form = try? await request.body.collect(upTo: 64 * 1024)
                return answer(request, api: false, parameters: QueryParameters(form.map { String(buffer: $0) })) { parameters in
                    guard form != nil else { throw WorkbenchError.badParameter(name: "form", value: "", expected: "at most 64 KB of form fields") }
                    return try curate(action, parameters, request)
                }
            }
        }
        router.get("api/**") { request, _ in answer(request, api: true) { _ in throw WorkbenchError.noSuchPage(request.uri.path) } }
        router.get("**") { request, _ in answer(request, api: request.uri.path.hasPrefix("/api/")) { _ in throw WorkbenchError.noSuchPage(request.uri.path) } }
        return router
    }

    // MARK: - Answers

    /// A request answered by `body`, its errors turned into the E-code page
    /// (or, for the API, JSON), with the headers every answer carries.
    func answer(_ request: Request, api: Bool, parameters: QueryParameters? = nil, _ body: (QueryParameters) throws -> Response) -> Response {
        var response: Response
        let parameters = parameters ?? QueryParameters(request.uri.query)
        do {
            response = try body(parameters)
        } catch {
            let error = WorkbenchError(error)
            let text = api ? (try? QueryJSON.encode(["code": error.code, "message": error.description])) ?? "{}"
                : ErrorPage.render(error, path: request.uri.path, parameters: parameters).markup
            response = Self.text(text, type: api ? "application/json; charset=utf-8" : "text/html; charset=utf-8", status: error.status)
        }
        Self.secure(&response.headers)
        return response
    }

    /// An HTML page.
    func page(_ body: @escaping (QueryParameters) throws -> HTML) -> (Request) -> Response {
        { request in answer(request, api: false) { parameters in Self.text(try body(parameters).markup, type: "text/html; charset=utf-8") } }
    }

    /// A JSON answer of the API.
    func json(_ request: Request, _ body: (QueryParameters) throws -> String) -> Response {
        answer(request, api: true) { parameters in Self.text(try body(parameters), type: "application/json; charset=utf-8") }
    }

    static func text(_ text: String, type: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: type], body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    static func asset(_ bytes: [UInt8], type: String) -> Response {
        var response = Response(status: .ok, headers: [.contentType: type, .cacheControl: "max-age=3600"], body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
        secure(&response.headers)
        return response
    }

    /// Pages load scripts and styles from the workbench only and run no
    /// inline script: a name from a report that slipped past escaping could
    /// still not run.
    static func secure(_ headers: inout HTTPFields) {
        headers[.contentSecurityPolicy] = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
        headers[.xContentTypeOptions] = "nosniff"
        // Not no-referrer: under it a browser sends `Origin: null` with the
        // workbench's own forms, and they could not be told from another
        // site's. Nothing links outside the workbench.
        headers[HTTPField.Name("Referrer-Policy")!] = "same-origin"
    }

    // MARK: - Curation

    enum CurationAction: String, CaseIterable, Sendable { case merge, keepApart = "keep-apart", reject, rename, retype, undo }

    /// `/`: the timeline; with the right `?token=`, also the cookie that
    /// lets this browser make corrections.
    func welcome(_ request: Request) -> Response {
        var response = Response.redirect(to: "/timeline")
        if let token = options.token, QueryParameters(request.uri.query)["token"] == token {
            response.headers[.setCookie] = "annals_token=\(token); Path=/; HttpOnly; SameSite=Strict"
        }
        Self.secure(&response.headers)
        return response
    }

    /// A correction from a form, then the journal with it on top (a
    /// redirect, so reloading the page does not decide twice).
    func curate(_ action: CurationAction, _ form: QueryParameters, _ request: Request) throws -> Response {
        if options.readOnly { throw WorkbenchError.readOnly }
        try checkSameOrigin(request)
        if let token = options.token, form["token"] != token, !cookies(request).contains("annals_token=" + token) {
            throw WorkbenchError.tokenRequired
        }
        func field(_ name: String, _ expected: String) throws -> String {
            guard let value = form[name] else { throw WorkbenchError.badParameter(name: name, value: "", expected: expected) }
            return value
        }
        let note = form["note"] ?? ""
        let curator = curator
        let record: CurationRecord
        do {
            switch action {
            case .merge: record = try curator.merge(try field("subject", "a node key"), into: try field("target", "the name of the node it is the same as"), note: note)
            case .keepApart: record = try curator.keepApart(try field("subject", "a node key"), inReports: try field("reports", "a text of report paths"), note: note)
            case .reject: record = try curator.reject(try field("subject", "a node key"), inReports: form["reports"] ?? "", note: note)
            case .rename: record = try curator.rename(try field("subject", "a node key"), to: try field("name", "the new name"), note: note)
            case .retype: record = try curator.retype(try field("subject", "a node key"), to: try field("type", "a node type"), note: note)
            case .undo:
                guard let number = Int64(try field("number", "a decision's number")) else {
                    throw WorkbenchError.badParameter(name: "number", value: form["number"] ?? "", expected: "a decision's number")
                }
                record = try curator.undo(number)
            }
        } catch let error as CurationError {
            throw WorkbenchError.curation(error)
        }
        return Response.redirect(to: "/curation?done=\(Int(record.number))#decision-\(Int(record.number))")
    }

    /// A form posted from another site (a page that makes the browser post
    /// to this workbench behind the historian's back) is refused.
    func checkSameOrigin(_ request: Request) throws {
        // Browsers say where a request comes from in Sec-Fetch-Site; older
        // ones only in Origin.
        if let site = request.headers[HTTPField.Name("Sec-Fetch-Site")!] {
            guard site == "same-origin" || site == "none" else { throw WorkbenchError.crossSite(site) }
        } else if let origin = request.headers[HTTPField.Name("Origin")!], origin != request.head.authority.map({ "http://" + $0 }) {
            throw WorkbenchError.crossSite(origin)
        }
    }

    func cookies(_ request: Request) -> [String] {
        request.headers[values: .cookie].flatMap { $0.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) } }
    }

    func curationPage(_ parameters: QueryParameters) throws -> HTML {
        let curator = curator
        let journal: [CurationRecord]
        do { journal = try curator.journal() } catch { throw WorkbenchError.curation(error) }
        let done = try parameters.number("done", in: 1...Int.max).flatMap { number in journal.first { $0.number == Int64(number) } }
        return CurationPage.render(journal, done: done, readOnly: options.readOnly, decisionsPath: curator.decisionsPath)
    }

    // MARK: - Views

    func timeline(_ parameters: QueryParameters, pageSize: Int? = nil) throws -> Timeline {
        let pageSize = pageSize ?? options.pageSize
        var query = parameters.timelineQuery
        let asked = try parameters.number("limit", in: 1...pageSize)
        query.limit = asked ?? pageSize
        var timeline = try engine.timeline(query)
        // A timeline that fits one page is reported as the command line
        // prints it unlimited; a longer one says it is the first page.
        if asked == nil, timeline.events.count < pageSize { timeline.query.limit = nil }
        return timeline
    }

    func timelinePage(_ parameters: QueryParameters) throws -> HTML {
        TimelinePage.render(try timeline(parameters, pageSize: options.pageEvents), parameters: parameters)
    }

    func articleID(_ text: String?) throws -> Int64 {
        guard let text, let id = Int64(text), id > 0 else { throw WorkbenchError.badParameter(name: "article", value: text ?? "", expected: "an article number") }
        return id
    }

    func articlePage(_ id: String?) throws -> HTML {
        let id = try articleID(id)
        return SourcePage.render(try engine.article(id: id))
    }

    /// The bytes of the raw file an article covers, as plain text (an HTML
    /// report's markup is shown, never rendered).
    func rawArticle(_ id: String?) throws -> Response {
        let id = try articleID(id)
        let article = try engine.article(id: id).article
        guard let handle = FileHandle(forReadingAtPath: article.source) else { throw WorkbenchError.sourceFileMissing(article.source) }
        defer { try? handle.close() }
        let bytes: Data
        do {
            try handle.seek(toOffset: UInt64(article.spanStart))
            bytes = try handle.read(upToCount: max(0, article.spanEnd - article.spanStart)) ?? Data()
        } catch {
            throw WorkbenchError.sourceFileMissing(article.source)
        }
        let text = ["text", "html"].contains(article.format)
        return Response(status: .ok, headers: [.contentType: text ? "text/plain; charset=utf-8" : "application/octet-stream"],
                        body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    func name(_ context: BasicRequestContext) throws -> String {
        guard let name = QueryParameters.pathComponent(context.parameters.get("name").map { $0[...] }) else {
            throw WorkbenchError.badParameter(name: "name", value: "", expected: "a name, an alias or a node key")
        }
        return name
    }

    func graphPage(_ parameters: QueryParameters) throws -> HTML {
        guard let name = parameters["name"] else { throw WorkbenchError.badParameter(name: "name", value: "", expected: "a name, an alias or a node key") }
        let (node, selection) = try engine.neighbourhood(of: name, type: parameters["type"])
        return GraphPage.render(node: node, nodes: selection.count)
    }

    enum GraphFormat { case nodeLink, graphML, gexf }

    /// A selection in one of the export formats: a node's neighbourhood
    /// (`name`), or the events a timeline's filters select.
    func graphExport(_ parameters: QueryParameters, format: GraphFormat) throws -> Response {
        let selection: GraphSelection
        if let name = parameters["name"] {
            selection = try engine.neighbourhood(of: name, type: parameters["type"]).selection
        } else {
            var query = parameters.timelineQuery
            query.includeUndated = true
            query.limit = options.pageSize
            guard !query.selectsEverything else {
                throw WorkbenchError.badParameter(name: "name", value: "", expected: "a name, or timeline filters (place, person …); `annals export` writes the whole graph")
            }
            let ids = try engine.eventIDs(query)
            do { selection = try GraphSelection.around(events: ids, in: engine.store) } catch { throw WorkbenchError.query(.store("\(error)")) }
        }
        let stream = GraphStream(store: engine.store, selection: selection)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("annals-serve-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        let type: String, name: String
        do {
            switch format {
            case .nodeLink:
                try NodeLinkJSONWriter(shape: .d3).write(stream, to: file)
                (type, name) = ("application/json; charset=utf-8", "graph.json")
            case .graphML:
                _ = try GraphMLWriter().write(stream, to: file)
                (type, name) = ("application/graphml+xml; charset=utf-8", "annals.graphml")
            case .gexf:
                var timed = stream
                timed.entityActivity = true
                _ = try GEXFWriter().write(timed, to: file)
                (type, name) = ("application/gexf+xml; charset=utf-8", "annals.gexf")
            }
        } catch {
            throw WorkbenchError.query(.store("\(error)"))
        }
        let bytes = FileManager.default.contents(atPath: file) ?? Data()
        var headers: HTTPFields = [.contentType: type]
        if format != .nodeLink { headers[.contentDisposition] = "attachment; filename=\"\(name)\"" }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// The search box: a name that names one node opens it; otherwise the
    /// names that begin with it are listed.
    func search(_ parameters: QueryParameters) throws -> Response {
        guard let text = parameters["q"] else { return Response.redirect(to: "/timeline") }
        if let profile = try? engine.profile(of: text) {
            return Response.redirect(to: "/entity/" + URLText.encode(profile.key))
        }
        let found = try engine.suggestions(startingWith: text, limit: 50)
        let items = found.map { suggestion -> HTML in
            "<li><a class=\"node \(suggestion.type)\" href=\"/entity/\(URLText.encode(suggestion.key))\">\(suggestion.name)</a> <span class=\"type\">\(suggestion.type)</span></li>"
        }
        let body: HTML = """
            <h1>Names beginning with \(text)</h1>
            \(HTML.when(items.isEmpty, "<p class=\"empty\">No name in the store begins with \(text).</p>"))
            <ul>\(items)</ul>
            """
        return Self.text(Layout.page(title: "Search — " + text, body).markup, type: "text/html; charset=utf-8")
    }

    /// A file of one of Debian's JavaScript libraries, confined to its folder.
    func library(_ name: String, _ context: BasicRequestContext) throws -> Response {
        let package = "libjs-" + name
        // Segments are checked as the file system will read them, decoded,
        // so `%2E%2E` is refused like `..`, whether or not the library is installed.
        let segments = context.parameters.getCatchAll().map { $0.removingPercentEncoding ?? "" }
        let relative = segments.joined(separator: "/")
        guard !segments.isEmpty, !segments.contains(where: { $0.isEmpty || $0.hasPrefix(".") || $0.contains("/") }) else {
            throw WorkbenchError.noSuchPage("/static/\(name)/\(relative)")
        }
        let path = options.libraries + "/" + name + "/" + relative
        guard let bytes = FileManager.default.contents(atPath: path) else {
            if FileManager.default.fileExists(atPath: options.libraries + "/" + name) { throw WorkbenchError.noSuchPage("/static/\(name)/\(relative)") }
            throw WorkbenchError.libraryMissing(package: package, path: options.libraries + "/" + name)
        }
        let types = ["js": "text/javascript; charset=utf-8", "css": "text/css; charset=utf-8", "png": "image/png", "svg": "image/svg+xml", "map": "application/json"]
        let type = types[URL(fileURLWithPath: relative).pathExtension.lowercased()] ?? "application/octet-stream"
        return Response(status: .ok, headers: [.contentType: type, .cacheControl: "max-age=86400"], body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
