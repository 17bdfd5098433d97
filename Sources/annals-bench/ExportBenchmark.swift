import AnnalsExport
import AnnalsGraph
import AnnalsKnowledge
import AnnalsQuery
import Foundation

/// GraphML export of the store the ingest benchmark built, timed in a
/// child process (so its peak memory is its own): the whole graph, and a
/// tenth of it (one year of events) to show that memory does not grow
/// with the graph. ``PythonComparison`` times networkx on the same graph.
struct ExportBenchmark {
    let storePath: String
    let folder: URL

    struct Run { var seconds: Double; var peakMB: Double; var nodes: Int; var edges: Int; var bytes: Int }

    /// The child side: `annals-bench --export-child STORE OUTPUT [YEAR]`.
    static func child(arguments: [String]) throws {
        let knowledge = try KnowledgeBase.load()
        let store = try GraphStore(path: arguments[0], knowledge: knowledge)
        var selection: GraphSelection?
        if arguments.count > 2 {
            let events = try QueryEngine(store: store, knowledge: knowledge).eventIDs(TimelineQuery(from: arguments[2], to: arguments[2]))
            selection = try GraphSelection.around(events: events, in: store)
        }
        let counts = try GraphMLWriter().write(GraphStream(store: store, selection: selection), to: arguments[1])
        print("\(counts.nodes) \(counts.edges) \(Benchmark.memoryMB("VmHWM:"))")
    }

    func run(year: String?) throws -> Run {
        let output = folder.appendingPathComponent(year == nil ? "all.graphml" : "part.graphml").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).absoluteURL
        process.arguments = ["--export-child", storePath, output] + (year.map { [$0] } ?? [])
        let pipe = Pipe()
        process.standardOutput = pipe
        let start = DispatchTime.now().uptimeNanoseconds
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let fields = String(decoding: data, as: UTF8.self).split(separator: " ").map { String($0).trimmingCharacters(in: .whitespacesAndNewlines) }
        guard process.terminationStatus == 0, fields.count == 3 else { throw Benchmark.BenchError("the export child failed") }
        let bytes = (try? FileManager.default.attributesOfItem(atPath: output)[.size] as? Int) ?? 0
        return Run(seconds: seconds, peakMB: Double(fields[2]) ?? 0, nodes: Int(fields[0]) ?? 0, edges: Int(fields[1]) ?? 0, bytes: bytes)
    }
}
