import AnnalsExtract
import AnnalsGraph
import AnnalsKnowledge
import AnnalsText
import ArgumentParser
import Dispatch
import Foundation

/// `annals build`: ingests reports into the graph store.
struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Read reports into the knowledge graph store.",
        discussion: """
        Reads every report named (files, or folders searched for .txt, .html, .htm, .pdf, .docx and .doc), \
        recognises what each names, and stores reports, articles, events, people, places, \
        organisations, sites and works with their relations in one SQLite store. Each report \
        is stored completely or not at all; an unchanged report is skipped, a changed one \
        replaced. With no paths, reads the sample in graph/sources/ into graph/annals.sqlite.

        Examples:
          annals build
          annals build reports/2020 reports/2021 --store history.sqlite
        """
    )

    @Argument(help: "Report files or folders (default: graph/sources/).")
    var paths: [String] = []

    @Option(help: "The store to write (default: graph/annals.sqlite).")
    var store: String = StoreLocation.defaultPath

    @Option(help: ArgumentHelp(
        "Seconds of writing between commits (0: commit every report alone).",
        discussion: "Reports are committed in groups because that stores many small reports faster; a crash loses at most the group being written, never part of a report."))
    var commitInterval: Double = 0.1

    func validate() throws {
        if !(commitInterval >= 0) { throw ValidationError("--commit-interval must be 0 or more seconds, not \(commitInterval)") }
    }

    func run() throws {
        let knowledge = try Loading.knowledge()
        let files = try paths.isEmpty ? SampleSources.paths() : ReportFiles.expand(paths)
        let graph = try Loading.store(store, knowledge: knowledge)
        let extractor = Extractor(knowledge: knowledge)
        let reader = ReportReader()
        var progress = Progress(total: files.count)
        var failures = 0
        var outcomes: [IngestOutcome: Int] = [:]
        var indexFailure: StoreError?
        do {
            try BuildPipeline(store: graph, commitAfter: commitInterval).run(count: files.count, produce: { index in
                Result { () throws(ReadError) -> Extraction in extractor.extract(try reader.read(files[index])) }
            }, report: { index, outcome in
                switch outcome {
                case .stored(let result, let articles):
                    outcomes[result, default: 0] += 1
                    progress.advance(files[index], note: "\(articles) articles, \(result)")
                case .failed(let message):
                    failures += 1
                    progress.report("annals: \(message)")
                }
            })
        } catch {
            indexFailure = error
        }
        progress.finish()
        // Not a failed report (every report was stored): said on its own.
        if let indexFailure { Console.error("annals: \(indexFailure)") }
        Console.output(StatisticsRendering.render(try graph.statistics(), store: store,
            line: "\(outcomes[.added, default: 0]) added, \(outcomes[.replaced, default: 0]) replaced, \(outcomes[.unchanged, default: 0]) unchanged, \(failures) failed"))
        if failures > 0 || indexFailure != nil { throw ExitCode(1) }
    }
}

/// `annals stats`: what a store holds.
struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Print what a graph store holds.",
        discussion: """
        Reports, articles, events, and nodes and edges by type.

        Example:
          annals stats --store graph/annals.sqlite
        """
    )

    @Option(help: "The store to read (default: graph/annals.sqlite).")
    var store: String = StoreLocation.defaultPath

    func run() throws {
        let graph = try Loading.existingStore(store, knowledge: try Loading.knowledge())
        Console.output(StatisticsRendering.render(try graph.statistics(), store: store, line: nil))
    }
}

/// `annals remove`: drops a report and what only it supported.
struct RemoveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove",
        abstract: "Remove a report and the facts only it supported.",
        discussion: """
        SOURCE is the path the report was built from, as `annals stats` and `annals build` print it.

        Example:
          annals remove graph/sources/cq-dangshi-2020-12-10.txt
        """
    )

    @Argument(help: "The report's path, as it was built.")
    var source: String

    @Option(help: "The store (default: graph/annals.sqlite).")
    var store: String = StoreLocation.defaultPath

    func run() throws {
        let graph = try Loading.store(store, knowledge: try Loading.knowledge())
        do {
            try graph.remove(source: source)
        } catch {
            Console.error("annals: \(error)")
            throw ExitCode(1)
        }
        Console.output(StatisticsRendering.render(try graph.statistics(), store: store, line: "removed \(source)"))
    }
}

enum StoreLocation {
    static var defaultPath: String {
        FileManager.default.fileExists(atPath: "graph") ? "graph/annals.sqlite" : SampleSources.packageRoot() + "/graph/annals.sqlite"
    }
}

enum Loading {
    static func knowledge() throws -> KnowledgeBase {
        do {
            return try KnowledgeBase.shared()
        } catch {
            Console.error("annals: \(error)")
            throw ExitCode(2)
        }
    }

    /// A store that must exist already (queries, stats, exports).
    static func existingStore(_ path: String, knowledge: KnowledgeBase) throws -> GraphStore {
        guard FileManager.default.fileExists(atPath: path) else {
            Console.error("annals: E305: no store at \(path); run annals build first")
            throw ExitCode(1)
        }
        return try store(path, knowledge: knowledge)
    }

    static func store(_ path: String, knowledge: KnowledgeBase) throws -> GraphStore {
        do {
            return try GraphStore(path: path, knowledge: knowledge)
        } catch {
            Console.error("annals: \(error)")
            throw ExitCode(2)
        }
    }
}

/// Files named directly, and the reports inside folders (sorted).
enum ReportFiles {
    static let extensions: Set<String> = ["txt", "html", "htm", "pdf", "docx", "doc"]

    static func expand(_ paths: [String]) throws -> [String] {
        var files: [String] = []
        for path in paths {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
                let enumerator = FileManager.default.enumerator(atPath: path)
                var found: [String] = []
                while let name = enumerator?.nextObject() as? String {
                    if extensions.contains(URL(fileURLWithPath: name).pathExtension.lowercased()) { found.append(path + "/" + name) }
                }
                files += found.sorted()
            } else {
                files.append(path)   // missing files are reported when read
            }
        }
        var seen: Set<String> = []
        return files.filter { seen.insert($0).inserted }
    }
}

/// A progress bar on a terminal, plain lines otherwise.
struct Progress {
    let total: Int
    var done = 0
    let terminal = isatty(2) != 0

    init(total: Int) {
        self.total = total
    }

    mutating func advance(_ path: String, note: String) {
        done += 1
        if terminal {
            let width = 30
            let filled = total == 0 ? width : done * width / total
            let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
            let name = URL(fileURLWithPath: path).lastPathComponent
            FileHandle.standardError.write(Data("\r\(bar) \(done)/\(total) \(name.prefix(40))\u{1B}[K".utf8))
        } else {
            Console.error("[\(done)/\(total)] \(path): \(note)")
        }
    }

    mutating func report(_ message: String) {
        done += 1
        if terminal { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        Console.error(message)
    }

    func finish() {
        if terminal { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}

enum StatisticsRendering {
    static func render(_ statistics: StoreStatistics, store: String, line: String?) -> String {
        var lines: [String] = []
        if let line { lines.append(line) }
        lines.append("store \(store)")
        lines.append("  reports   \(statistics.reports)")
        lines.append("  articles  \(statistics.articles)")
        lines.append("  events    \(statistics.events) (\(statistics.eventsWithDates) with dates)")
        lines.append("  nodes     " + statistics.nodes.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        lines.append("  edges     " + statistics.edges.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        return lines.joined(separator: "\n")
    }
}
