import AnnalsExtract
import AnnalsGraph
import AnnalsKnowledge
import AnnalsQuery
import AnnalsText
import Foundation

/// `annals-bench`: throughput of the pipeline stages on generated reports,
/// printed as one table. Run through `tools/bench` (release build).
///
///     annals-bench [--megabytes N] [--smoke] [--compare]
///
/// The reports are variants of the bundled sample bulletin: every digit is
/// redrawn from a seeded generator, so no two reports are the same text and
/// every run measures the same input.
struct Benchmark {
    var megabytes = 50
    /// Only the extraction stage, `repeats` times over (for profiling).
    var extractionOnly = false
    var repeats = 5
    /// Passes of the full run's extraction benchmark; the best is reported.
    var extractionPasses = 3
    /// Only the ingest, query and export stages (for profiling the store).
    var storeOnly = false
    /// Only the ingest (for profiling the writer).
    var ingestOnly = false
    /// Keep the generated store (its path is printed) for profiling.
    var keep = false
    /// Articles in the synthetic corpus the ingest benchmark stores (and
    /// the query benchmark queries).
    var ingestArticles = 100_000
    var samplePath = "graph/sources/cq-dangshi-2020-12-10.txt"
    /// Seconds of writing between commits in the ingest benchmark (as
    /// `annals build --commit-interval`), and reports recognised per batch.
    var commitInterval = 0.1
    var batchSize: Int?
    /// Also time jieba and networkx on the same input (`--compare`).
    var compare = false

    static func main() throws {
        var benchmark = Benchmark()
        var arguments = CommandLine.arguments.dropFirst()
        if arguments.first == "--queries-on", arguments.count > 1 {
            // Query latency on an existing store (one kept with --keep).
            let knowledge = try KnowledgeBase.load()
            let store = try GraphStore(path: Array(arguments)[1], knowledge: knowledge)
            for query in try QueryBenchmark(engine: QueryEngine(store: store, knowledge: knowledge), knowledge: knowledge).run() {
                print(query.name.padding(toLength: 44, withPad: " ", startingAt: 0)
                      + String(format: "p50 %6.2f ms   p95 %6.2f ms   %7.0f matching events on average", query.p50, query.p95, query.meanEvents))
            }
            return
        }
        if arguments.first == "--export-child" {
            try ExportBenchmark.child(arguments: Array(arguments.dropFirst()))
            return
        }
        while let argument = arguments.popFirst() {
            switch argument {
            case "--smoke": benchmark.megabytes = 2; benchmark.ingestArticles = 500
            case "--ingest-articles": benchmark.ingestArticles = Int(arguments.popFirst() ?? "") ?? benchmark.ingestArticles
            case "--extraction-only": benchmark.extractionOnly = true
            case "--repeat": benchmark.repeats = Int(arguments.popFirst() ?? "") ?? benchmark.repeats
            case "--store-only": benchmark.storeOnly = true
            case "--ingest-only": benchmark.storeOnly = true; benchmark.ingestOnly = true
            case "--keep": benchmark.keep = true
            case "--compare": benchmark.compare = true
            case "--commit-interval": benchmark.commitInterval = Double(arguments.popFirst() ?? "") ?? benchmark.commitInterval
            case "--batch": benchmark.batchSize = Int(arguments.popFirst() ?? "")
            case "--megabytes": benchmark.megabytes = Int(arguments.popFirst() ?? "") ?? benchmark.megabytes
            case "--sample": benchmark.samplePath = arguments.popFirst() ?? benchmark.samplePath
            default:
                FileHandle.standardError.write(Data("usage: annals-bench [--megabytes N] [--smoke] [--compare] [--sample FILE] [--extraction-only [--repeat N] | --store-only | --ingest-only] [--ingest-articles N] [--commit-interval S] [--batch N] [--keep]\n       annals-bench --queries-on STORE\n".utf8))
                exit(2)
            }
        }
        try benchmark.run()
    }

    func run() throws {
        guard let sample = FileManager.default.contents(atPath: samplePath) else {
            throw BenchError("cannot read the sample bulletin at \(samplePath); run from the project root")
        }
        let reports = Self.variants(of: [UInt8](sample), totalBytes: megabytes << 20)
        let total = reports.reduce(0) { $0 + $1.count }
        let reader = ReportReader()
        var rows: [Row] = []
        if storeOnly {
            print("Annals store benchmarks — \(Self.machine())")
            try storeBenchmarks(knowledge: try KnowledgeBase.load())
            return
        }
        if extractionOnly {
            let knowledge = try KnowledgeBase.load()
            let documents = try reports.enumerated().map { try reader.read(bytes: $1, path: "bench-\($0).txt") }
            let characters = documents.reduce(0) { $0 + $1.text.count } * repeats
            let extractor = Extractor(knowledge: knowledge)
            let seconds = try measure { for _ in 0..<repeats { for document in documents { _ = extractor.extract(document) } } }
            print(String(format: "extract entities: %d characters in %.3f s, %.1f M characters/s", characters, seconds, Double(characters) / seconds / 1e6))
            return
        }

        // Many bulletins, as a corpus is: normalise + segment each.
        var articles = 0
        let many = try measure {
            for (index, report) in reports.enumerated() {
                articles += try reader.read(bytes: report, path: "bench-\(index).txt").articles.count
            }
        }
        rows.append(Row(name: "read report (decode + normalise + segment + SHA-256), \(reports.count) bulletins", bytes: total, seconds: many))

        // The same text as one file: no stage may be worse than linear.
        let joined = Array(reports.joined())
        let one = try measure { _ = try reader.read(bytes: joined, path: "bench-all.txt") }
        rows.append(Row(name: "read one \(total >> 20) MB report", bytes: total, seconds: one))

        let hashing = try measure { for report in reports { _ = ReportReader.sha256(report) } }
        rows.append(Row(name: "  of which SHA-256", bytes: total, seconds: hashing))

        let decoding = try measure { for report in reports { _ = try TextDecoder.decode(report, path: "x.txt") } }
        rows.append(Row(name: "  of which decode UTF-8", bytes: total, seconds: decoding))
        rows.append(Row(name: "  of which normalise + segment (the rest)", bytes: total, seconds: many - hashing - decoding))

        // Knowledge: load and compile the lexicon.
        var knowledge: KnowledgeBase?
        let loading = try measure { knowledge = try KnowledgeBase.load() }
        guard let knowledge else { throw BenchError("no knowledge base") }

        // Extraction: every recogniser over every article, one core; the
        // best of three passes over the same text (each pass alone is at
        // the mercy of whatever else the machine runs: passes of one run
        // have differed by more than a quarter), with every pass printed.
        let documents = try reports.prefix(max(1, reports.count / 2)).enumerated().map { try reader.read(bytes: $1, path: "bench-\($0).txt") }
        let characters = documents.reduce(0) { $0 + $1.text.count }
        let extractor = Extractor(knowledge: knowledge)
        var mentions = 0
        var passes: [Double] = []
        for pass in 0..<extractionPasses {
            passes.append(try measure {
                for document in documents {
                    let found = extractor.extract(document).articles.reduce(0) { $0 + $1.mentions.count }
                    if pass == 0 { mentions += found }
                }
            })
        }
        let extracting = passes.min()!

        print("Annals benchmarks — \(Self.machine())")
        print("input: \(reports.count) generated bulletins, \(Self.megabytes(total)) (\(articles) articles)")
        print("")
        let width = rows.map(\.name.count).max()! + 2
        print("benchmark".padding(toLength: width, withPad: " ", startingAt: 0) + "      input      time   throughput")
        for row in rows {
            let line = row.name.padding(toLength: width, withPad: " ", startingAt: 0)
                + Self.pad(Self.megabytes(row.bytes), 11)
                + Self.pad(String(format: "%.3f s", row.seconds), 10)
                + Self.pad(String(format: "%.1f MB/s", Double(row.bytes) / 1_048_576 / row.seconds), 13)
            print(line)
        }
        print("")
        print(String(format: "load knowledge (%d surface forms, %d divisions)            %8.3f s   (target < 0.5 s)",
                     knowledge.surfaceCount, knowledge.divisions.count, loading))
        print(String(format: "extract entities: %d reports, %d characters, %d mentions   %8.3f s   %.1f M characters/s (target ≥ 10)",
                     documents.count, characters, mentions, extracting, Double(characters) / extracting / 1e6))
        print("  best of \(passes.count) passes; each: " + passes.map { String(format: "%.1f", Double(characters) / $0 / 1e6) }.joined(separator: ", ") + " M characters/s")
        if compare { compareWithJieba(documents, annalsRate: Double(characters) / extracting) }

        // The same work as a pipeline runs it: one `annals extract` process
        // over 400 report files (the sample's size each), output discarded.
        let pipeline = Array(reports.prefix(400))
        var pipelineCharacters = 0
        for (index, report) in pipeline.enumerated() {
            pipelineCharacters += try reader.read(bytes: report, path: "bench-\(index).txt").text.count
        }
        for format in ["json", "text"] {
            let result = try WholeProcessBenchmark.run(pipeline, characters: pipelineCharacters, format: format)
            print(String(format: "annals extract --format %@ as a whole process: %d files, %@ in, %@ out   %8.3f s   %.2f M characters/s, %.1f MB/s of input (target ≥ 5 M for json); peak memory %.0f MB",
                         format, result.files, Self.megabytes(result.bytes), Self.megabytes(result.outputBytes), result.seconds,
                         Double(result.characters) / result.seconds / 1e6, Double(result.bytes) / 1_048_576 / result.seconds, result.peakMB))
        }
        try storeBenchmarks(knowledge: knowledge)
        print("")
        print("target: normalise + segment ≥ 50 MB/s (issue 2)")
    }

    /// Ingest into a new store, then queries on it.
    func storeBenchmarks(knowledge: KnowledgeBase) throws {
        // Ingest: a synthetic corpus in the bulletin style, read and
        // recognised on every core, stored in groups of reports.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("annals-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { if keep { print("kept \(folder.path)") } else { try? FileManager.default.removeItem(at: folder) } }
        let ingest = try ingestBenchmark(knowledge: knowledge, folder: folder)
        print(String(format: "ingest %d bulletins, %d articles into a new store            %8.3f s   %.0f articles/s, 100,000 articles in %.0f s (target < 60 s); resident memory %.0f MB before, %.0f MB after",
                     ingest.bulletins, ingest.articles, ingest.seconds, Double(ingest.articles) / ingest.seconds,
                     100_000 / (Double(ingest.articles) / ingest.seconds), ingest.residentBefore, ingest.residentAfter))
        print(String(format: "  stages apart, one core each, on 5,000 of the articles: read + recognise %.0f articles/s, store %.0f articles/s",
                     ingest.recognisingPerSecond, ingest.storingPerSecond))
        if ingestOnly { return }

        // Queries on the store just built.
        let queries = try QueryBenchmark(engine: QueryEngine(store: ingest.store, knowledge: knowledge), knowledge: knowledge).run()
        print("")
        print("timeline queries on that store (\(ingest.articles) articles), 200 each, a page of 20 events plus the count of all matches:")
        for query in queries {
            print(query.name.padding(toLength: 44, withPad: " ", startingAt: 0)
                  + String(format: "p50 %6.2f ms   p95 %6.2f ms   %7.0f matching events on average   (target p95 < 5 ms)", query.p50, query.p95, query.meanEvents))
        }

        // The workbench's timeline page of a district, over loopback.
        print("")
        if let serve = try ServeBenchmark(engine: QueryEngine(store: ingest.store, knowledge: knowledge)).run() {
            print(String(format: "annals serve, timeline page of a district (up to 200 events), 200 requests over loopback: p50 %6.2f ms   p95 %6.2f ms   %.0f KB a page, %d failed (target p95 < 50 ms)",
                         serve.p50, serve.p95, serve.meanBytes / 1024, serve.failures))
        } else {
            print("annals serve: not measured (the store holds no district)")
        }

        // GraphML export of that store, and networkx on the same graph.
        let exporter = ExportBenchmark(storePath: ingest.store.path, folder: folder)
        let whole = try exporter.run(year: nil)
        let firstYear = try ingest.store.reading { try $0.eventMonths().first.map { String($0.prefix(4)) } } ?? "2015"
        let part = try exporter.run(year: firstYear)
        print("")
        print(String(format: "export GraphML, whole store: %d nodes, %d edges, %@   %8.3f s   %.0f edges/s; peak memory %.0f MB",
                     whole.nodes, whole.edges, Self.megabytes(whole.bytes), whole.seconds, Double(whole.edges) / whole.seconds, whole.peakMB))
        print(String(format: "export GraphML, events of %@ only: %d nodes, %d edges           %8.3f s   peak memory %.0f MB (memory flat: %.0f%% of the edges, %.0f%% of the memory)",
                     firstYear, part.nodes, part.edges, part.seconds, part.peakMB, 100 * Double(part.edges) / Double(max(1, whole.edges)), 100 * part.peakMB / max(1, whole.peakMB)))
        if let networkx = PythonComparison.located()?.networkx(graphML: folder.appendingPathComponent("all.graphml").path,
                                                                output: folder.appendingPathComponent("networkx.graphml").path) {
            print(String(format: "networkx %@ write_graphml, same graph:              %8.3f s   peak memory %.0f MB — Annals is %.1f× faster (target ≥ 20×)",
                         networkx.version, networkx.seconds, networkx.peakMB, networkx.seconds / whole.seconds))
        } else {
            print("networkx: not compared (run tools/bench --compare, or tools/check-exports once)")
        }

        print("")
        print("query plans (first query of each kind):")
        for query in queries {
            print("  \(query.name):")
            for line in query.plan { print("    " + line) }
        }
    }

    /// jieba's tagger on the first half-million characters of the text the
    /// extraction benchmark read (jieba needs about ten seconds for that).
    func compareWithJieba(_ documents: [Document], annalsRate: Double) {
        var text = ""
        var characters = 0
        for document in documents where characters < 500_000 {
            text += document.string(0..<document.text.count)
            characters += document.text.scalars.count
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("annals-bench-jieba-\(UUID().uuidString).txt")
        defer { try? FileManager.default.removeItem(at: file) }
        guard (try? text.write(to: file, atomically: true, encoding: .utf8)) != nil,
              let jieba = PythonComparison.located()?.jieba(textFile: file.path, passes: extractionPasses) else {
            print("jieba: not compared (tools/bench --compare installs it)")
            return
        }
        let rate = Double(jieba.characters) / jieba.seconds
        print(String(format: "jieba %@ posseg.cut, same text (%d characters), best of %d   %8.3f s   %.0f characters/s — Annals extraction is %.0f× faster (target ≥ 200×)",
                     jieba.version, jieba.characters, extractionPasses, jieba.seconds, rate, annalsRate / rate))
    }

    struct Row { var name: String; var bytes: Int; var seconds: Double }

    struct IngestResult {
        var store: GraphStore
        var bulletins: Int
        var articles: Int
        var seconds: Double
        var residentBefore: Double
        var residentAfter: Double
        /// Articles per second of each stage alone, on one core.
        var recognisingPerSecond: Double
        var storingPerSecond: Double
    }

    func ingestBenchmark(knowledge: KnowledgeBase, folder: URL) throws -> IngestResult {
        var corpus = SyntheticBulletins(knowledge: knowledge, seed: 19341024)
        let perBulletin = 10
        let bulletins = max(1, ingestArticles / perBulletin)
        let store = try GraphStore(path: folder.appendingPathComponent("bench.sqlite").path, knowledge: knowledge)
        let extractor = Extractor(knowledge: knowledge)
        let reader = ReportReader()
        // Generated first, so that only reading, recognising and storing are timed.
        let corpusTexts = (0..<bulletins).map { corpus.bulletin(number: $0, articles: perBulletin) }
        let residentBefore = Self.memoryMB("VmRSS:")
        var articles = 0
        let seconds = try measure {
            let pipeline = batchSize.map { BuildPipeline(store: store, batchSize: $0, commitAfter: commitInterval) }
                ?? BuildPipeline(store: store, commitAfter: commitInterval)
            try pipeline.run(count: corpusTexts.count, produce: { index in
                Result { () throws(ReadError) -> Extraction in
                    extractor.extract(try reader.read(bytes: Array(corpusTexts[index].utf8), path: "synthetic-\(index).txt"))
                }
            }, report: { _, outcome in
                if case .stored(_, let count) = outcome { articles += count }
            })
        }
        let residentAfter = Self.memoryMB("VmRSS:")

        // Where the time goes: the two stages apart, on a sample of the
        // corpus, one core each (recognition runs on every core in a build;
        // storing is one writer).
        let sample = Array(corpusTexts.prefix(500))
        var extractions: [Extraction] = []
        let recognising = try measure {
            for (index, text) in sample.enumerated() {
                extractions.append(extractor.extract(try reader.read(bytes: Array(text.utf8), path: "sample-\(index).txt")))
            }
        }
        let sampleStore = try GraphStore(path: folder.appendingPathComponent("stages.sqlite").path, knowledge: knowledge)
        let storing = try measure {
            sampleStore.ingest(extractions) { _ in }
        }
        let sampleArticles = Double(extractions.reduce(0) { $0 + $1.articles.count })
        return IngestResult(store: store, bulletins: bulletins, articles: articles, seconds: seconds, residentBefore: residentBefore, residentAfter: residentAfter,
                            recognisingPerSecond: sampleArticles / recognising, storingPerSecond: sampleArticles / storing)
    }

    /// A memory figure of this process from /proc (VmRSS: resident now), in MB.
    static func memoryMB(_ field: String) -> Double {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix(field) }),
              let kilobytes = Double(line.split(separator: " ").dropFirst().first ?? "") else { return 0 }
        return kilobytes / 1024
    }


    struct BenchError: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    func measure(_ body: () throws -> Void) throws -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    /// Copies of `sample` with every ASCII digit redrawn (seeded), until
    /// `totalBytes` are generated.
    static func variants(of sample: [UInt8], totalBytes: Int) -> [[UInt8]] {
        var generator = SplitMix64(seed: 20201210)
        var reports: [[UInt8]] = []
        var total = 0
        while total < totalBytes {
            var copy = sample
            for index in copy.indices where copy[index] >= 0x30 && copy[index] <= 0x39 {
                copy[index] = 0x30 + UInt8(generator.next() % 10)
            }
            total += copy.count
            reports.append(copy)
        }
        return reports
    }

    static func megabytes(_ bytes: Int) -> String { String(format: "%.1f MB", Double(bytes) / 1_048_576) }

    static func pad(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - text.count)) + text
    }

    static func machine() -> String {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let memory = Double(ProcessInfo.processInfo.physicalMemory) / 1_073_741_824
        return String(format: "%d cores, %.0f GiB, one core used", cores, memory)
    }
}

/// A small seeded generator, so generated inputs are the same on every run.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

do {
    try Benchmark.main()
} catch {
    FileHandle.standardError.write(Data("annals-bench: \(error)\n".utf8))
    exit(1)
}
