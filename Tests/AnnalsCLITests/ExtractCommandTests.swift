import Foundation
import Testing

/// Runs the built `annals` binary as a user would and checks its output and exit status.
struct AnnalsProcess {
    static let projectRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The `annals` executable next to the test bundle.
    static var executable: URL {
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        while folder.path != "/" {
            let candidate = folder.appendingPathComponent("annals")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder.deleteLastPathComponent()
        }
        return projectRoot.appendingPathComponent(".build/debug/annals")
    }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func run(_ arguments: [String], environment: [String: String]? = nil, in directory: URL = projectRoot) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        if let environment { process.environment = environment }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("annals-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("out"), err = folder.appendingPathComponent("err")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
        process.waitUntilExit()
        return Result(status: process.terminationStatus,
                      stdout: try String(contentsOf: out, encoding: .utf8),
                      stderr: try String(contentsOf: err, encoding: .utf8))
    }

    /// The first column of a query's rows, one per line, read with Python's
    /// sqlite3 (a reader independent of Annals and GRDB).
    static func sqlite(_ store: String, _ sql: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); print('\\n'.join(str(r[0]) for r in c.execute(sys.argv[2])))", store, sql]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func temporaryFile(_ name: String, _ bytes: [UInt8]) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("annals-cli-input-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }
}

@Suite("annals extract", .serialized)
struct ExtractCommandTests {
    struct Output: Decodable {
        struct Document: Decodable {
            struct Article: Decodable {
                struct Span: Decodable { var start: Int; var end: Int }
                var index: Int
                var title: String
                var section: String?
                var contributors: [String]
                var paragraphs: [String]
                var span: Span
            }
            var source: String
            var sha256: String
            var encoding: String
            var published: String?
            var publisher: String?
            var articles: [Article]
        }
        struct Failure: Decodable { var source: String; var code: String; var message: String }
        var documents: [Document]
        var errors: [Failure]
    }

    func decode(_ text: String) throws -> Output {
        try JSONDecoder().decode(Output.self, from: Data(text.utf8))
    }

    @Test func withNoFilesItReadsTheBundledSample() throws {
        let result = try AnnalsProcess.run(["extract"])
        #expect(result.status == 0)
        let output = try decode(result.stdout)
        let document = try #require(output.documents.first)
        #expect(document.source.hasSuffix("graph/sources/cq-dangshi-2020-12-10.txt"))
        #expect(document.published == "2020-12-10")
        #expect(document.publisher == "中共重庆市委党史研究室")
        #expect(document.encoding == "utf-8")
        #expect(document.articles.count == 11)
        #expect(document.articles[3].title == "中共中央西南局历史陈列展（一期）正式开展")
        #expect(document.articles[2].contributors == ["市委党史研究室办公室", "垫江县委党史研究室"])
        #expect(document.articles[10].section == "学习宣传贯彻党的十九届五中全会精神")
        #expect(output.errors.isEmpty)
    }

    @Test func outputIsByteIdenticalAcrossRuns() throws {
        let first = try AnnalsProcess.run(["extract", "graph/sources/cq-dangshi-2020-12-10.txt"])
        let second = try AnnalsProcess.run(["extract", "graph/sources/cq-dangshi-2020-12-10.txt"])
        #expect(first.stdout == second.stdout)
    }

    @Test func oneBadFileInABatchIsReportedAndTheOthersAreStillRead() throws {
        let bad = try AnnalsProcess.temporaryFile("坏 文件.txt", [0xE4, 0xB8, 0xAD, 0xFF, 0xFE, 0x41])
        let result = try AnnalsProcess.run(["extract", "graph/sources/cq-dangshi-2020-12-10.txt", bad, "/no/such/file.txt"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("E106: cannot decode \(bad): not UTF-8 and not GB18030 (byte 0xFF at offset 3)"))
        #expect(result.stderr.contains("E101: cannot read /no/such/file.txt: no such file"))
        let output = try decode(result.stdout)
        #expect(output.documents.count == 1)
        #expect(output.errors.map(\.code) == ["E106", "E101"])
    }

    @Test func folderEmptyFileAndFakePDFEachGetAClearError() throws {
        let folder = FileManager.default.temporaryDirectory.path
        let empty = try AnnalsProcess.temporaryFile("empty.txt", [])
        let fake = try AnnalsProcess.temporaryFile("fake.pdf", Array("<html>not a pdf</html>".utf8))
        let result = try AnnalsProcess.run(["extract", folder, empty, fake])
        #expect(result.status == 1)
        #expect(result.stderr.contains("E102: cannot read \(folder): it is a folder"))
        #expect(result.stderr.contains("E104: cannot read \(empty): the file is empty"))
        #expect(result.stderr.contains("E109: cannot read \(fake): it is named .pdf but is not a PDF"))
    }

    @Test func missingPdftotextSaysToInstallPopplerUtils() throws {
        let pdf = try AnnalsProcess.temporaryFile("report.pdf", Array("%PDF-1.4\n%%EOF\n".utf8))
        let result = try AnnalsProcess.run(["extract", pdf], environment: ["PATH": "/nonexistent"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("E110"))
        #expect(result.stderr.contains("apt-get install poppler-utils"))
    }

    @Test func verboseSaysWhichEncodingWasUsedAndWhy() throws {
        let text = "酉阳县委党史研究室召开会议\n2021年5月4日，酉阳县委党史研究室召开全体会议。"
        let gbk = try gb18030(text)
        let path = try AnnalsProcess.temporaryFile("gbk.txt", gbk)
        let result = try AnnalsProcess.run(["extract", path, "--verbose", "--format", "text"])
        #expect(result.status == 0)
        #expect(result.stderr.contains("encoding gb18030 (not UTF-8; valid GB18030)"))
        #expect(result.stdout.contains("酉阳县委党史研究室召开会议"))
    }

    @Test func textFormatShowsSectionsTitlesAndCredits() throws {
        let result = try AnnalsProcess.run(["extract", "graph/sources/cq-dangshi-2020-12-10.txt", "--format", "text"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("[7] 【工作动态】 北碚区委常委会专题听取全区党史工作汇报"))
        #expect(result.stdout.contains("供稿: 北碚区委党史研究室"))
    }

    @Test(arguments: [["--help"], ["extract", "--help"]])
    func helpExplainsWithAnExample(arguments: [String]) throws {
        let result = try AnnalsProcess.run(arguments)
        #expect(result.status == 0)
        #expect(result.stdout.contains("Example"))
        #expect(result.stdout.contains("annals extract"))
    }

    /// GB18030 bytes through the iconv command-line tool (glibc's).
    func gb18030(_ text: String) throws -> [UInt8] {
        let input = try AnnalsProcess.temporaryFile("utf8.txt", Array(text.utf8))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/iconv")
        process.arguments = ["-f", "UTF-8", "-t", "GB18030", input]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return [UInt8](data)
    }
}
