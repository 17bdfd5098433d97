import Foundation
import Testing

/// `annals serve` as a user starts it: a real server on a free loopback
/// port, asked over HTTP by Python's urllib (a client independent of
/// Annals), answering as the command line does.
@Suite("annals serve", .serialized)
struct ServeCommandTests {
    /// A running `annals serve` and the address it printed.
    final class Server {
        let process = Process()
        var address = ""

        init(_ arguments: [String]) throws {
            process.executableURL = AnnalsProcess.executable
            process.arguments = ["serve", "--port", "0"] + arguments
            process.currentDirectoryURL = AnnalsProcess.projectRoot
            let out = Pipe()
            process.standardOutput = out
            process.standardError = FileHandle.nullDevice
            try process.run()
            var printed = ""
            // The workbench prints its address once it listens; a server that
            // stops first ends the output (empty read).
            while !printed.contains("/ (") {
                let data = out.fileHandleForReading.availableData
                guard !data.isEmpty else { break }
                printed += String(decoding: data, as: UTF8.self)
            }
            if let range = printed.range(of: "http://[^ ]+/", options: .regularExpression) { address = String(printed[range]) }
        }

        deinit {
            if process.isRunning {
                process.interrupt()
                process.waitUntilExit()
            }
        }
    }

    /// Status and body of a GET, through urllib.
    static func fetch(_ url: String) throws -> (status: Int, body: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", """
            import sys, urllib.request, urllib.error
            try:
                r = urllib.request.urlopen(sys.argv[1]); status, body = r.status, r.read()
            except urllib.error.HTTPError as e:
                status, body = e.code, e.read()
            sys.stdout.write(str(status) + "\\n"); sys.stdout.flush(); sys.stdout.buffer.write(body)
            """, url]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        guard let newline = text.firstIndex(of: "\n") else { return (0, text) }
        return (Int(text[..<newline]) ?? 0, String(text[text.index(after: newline)...]))
    }

    @Test func theAPIGivesExactlyWhatTheCommandLinePrints() throws {
        let server = try Server(["--store", QueryCommandTests.store])
        #expect(server.address.hasPrefix("http://127.0.0.1:"), "binds this machine only unless told otherwise: \(server.address)")
        let cases: [(path: String, arguments: [String])] = [
            ("api/timeline?place=%E5%8C%97%E7%A2%9A%E5%8C%BA", ["timeline", "--place", "北碚区"]),
            ("api/timeline?person=%E5%BE%90%E5%A1%9E%E5%A3%B0&include_undated=1", ["timeline", "--person", "徐塞声", "--include-undated"]),
            ("api/timeline?type=meeting&from=2020-11-20", ["timeline", "--type", "meeting", "--from", "2020-11-20"]),
            ("api/entity/%E5%BE%90%E5%A1%9E%E5%A3%B0", ["entity", "徐塞声"]),
            ("api/sites?region=%E6%B8%9D%E4%B8%9C%E5%8D%97", ["sites", "--region", "渝东南"]),
        ]
        for (path, arguments) in cases {
            let printed = try AnnalsProcess.run(arguments + ["--format", "json", "--store", QueryCommandTests.store])
            let served = try Self.fetch(server.address + path)
            #expect(served.status == 200, "\(path)")
            #expect(served.body + "\n" == printed.stdout, "\(path) differs from annals \(arguments.joined(separator: " "))")
        }
        let page = try Self.fetch(server.address + "timeline?place=%E5%8C%97%E7%A2%9A%E5%8C%BA")
        #expect(page.status == 200 && page.body.contains("中共中央西南局历史陈列展"))
        let unknown = try Self.fetch(server.address + "api/entity/%E6%97%A0%E6%AD%A4%E4%BA%BA")
        #expect(unknown.status == 404 && unknown.body.contains("E401"))
    }

    @Test func aMissingStoreIsNamed() throws {
        let result = try AnnalsProcess.run(["serve", "--store", "/nonexistent/annals.sqlite", "--port", "0"])
        #expect(result.status == 1 && result.stderr.contains("E305"))
        let badPort = try AnnalsProcess.run(["serve", "--port", "70000"])
        #expect(badPort.status != 0 && badPort.stderr.contains("--port"))
    }
}
