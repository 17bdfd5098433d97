import AnnalsQuery
import AnnalsServe
import ArgumentParser
import Foundation

/// `annals serve`: the workbench in the browser.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Open the store in the browser: timeline, sources, entities, sites on a map, graphs.",
        discussion: """
        Serves the workbench at http://HOST:PORT/, offline: the pages, and Leaflet and d3 from \
        Debian's libjs-leaflet and libjs-d3 (tools/setup installs them). Without --store, the sample \
        store is served, built first if it is not there yet. It binds 127.0.0.1, this machine only, \
        unless --host says otherwise.

        Examples:
          annals serve
          annals serve --store graph/annals.sqlite --port 8081 --read-only
        """
    )

    @Option(help: "The store (default: graph/annals.sqlite, the sample).")
    var store: String?
    @Option(help: "The address to listen on; 0.0.0.0 makes the workbench reachable from other machines.")
    var host = "127.0.0.1"
    @Option(help: "The port (0: any free one).")
    var port = 8080
    @Flag(help: "Take no corrections.")
    var readOnly = false
    @Option(help: ArgumentHelp("The token corrections need.",
        discussion: "Bound beyond this machine (--host other than 127.0.0.1, ::1 or localhost), the workbench takes corrections only from a browser that opened it with ?token=; without --token it makes one up and prints it."))
    var token: String?

    var isLoopback: Bool { ["127.0.0.1", "::1", "localhost"].contains(host) }

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be 0 to 65535, not \(port)") }
    }

    func run() async throws {
        let path = store ?? StoreLocation.defaultPath
        if store == nil, !FileManager.default.fileExists(atPath: path) {
            Console.error("annals: no store yet; building the sample into \(path)")
            let build = try BuildCommand.parse([])
            try build.run()
        }
        let knowledge = try Loading.knowledge()
        let engine = QueryEngine(store: try Loading.existingStore(path, knowledge: knowledge), knowledge: knowledge)
        // Anyone who can reach a workbench bound beyond this machine could
        // correct the graph: there, corrections need a token.
        let token = readOnly ? nil : token ?? (isLoopback ? nil : Self.newToken())
        let workbench = Workbench(engine: engine, options: Workbench.Options(readOnly: readOnly, token: token))
        let shownHost = host == "0.0.0.0" || host == "::" ? "127.0.0.1" : host
        let entry = token.map { "?token=" + $0 } ?? ""
        let application = workbench.application(host: host, port: port) { bound in
            Console.output("Annals workbench for \(path) at http://\(shownHost):\(bound)/\(entry) (Ctrl-C stops it)")
        }
        try await application.runService()
    }

    static func newToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<16).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }
}
