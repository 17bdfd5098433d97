import Foundation

/// The Python tools Annals is measured against, timed on the same input:
/// jieba's part-of-speech tagger (`posseg`) on the text the extraction
/// benchmark reads, and networkx's `write_graphml` on the graph the export
/// benchmark writes. `tools/bench --compare` installs both into a temporary
/// virtual environment and names its Python in `ANNALS_BENCH_PYTHON`;
/// without it, the environment of `tools/check-exports` is used when present
/// (networkx only: it has no jieba).
struct PythonComparison {
    let python: String

    /// The interpreter to compare with, or nil when there is none.
    static func located() -> PythonComparison? {
        let candidates = [ProcessInfo.processInfo.environment["ANNALS_BENCH_PYTHON"],
                          "\(FileManager.default.currentDirectoryPath)/.build/checks-venv/bin/python"]
        return candidates.compactMap { $0 }.first { FileManager.default.isExecutableFile(atPath: $0) }.map(PythonComparison.init)
    }

    /// jieba reads its dictionary first (not timed), then tags the whole
    /// file with `posseg.cut` (timed), `passes` times: the best pass counts,
    /// as for Annals. Nil when jieba is not installed.
    func jieba(textFile: String, passes: Int) -> (version: String, characters: Int, seconds: Double)? {
        let script = """
            import sys, time
            import jieba, jieba.posseg as posseg
            jieba.setLogLevel(60)
            text = open(sys.argv[1], encoding="utf-8").read()
            jieba.initialize()
            list(posseg.cut("重庆市委党史研究室"))
            best = None
            for _ in range(int(sys.argv[2])):
                start = time.perf_counter()
                for _ in posseg.cut(text):
                    pass
                seconds = time.perf_counter() - start
                best = seconds if best is None else min(best, seconds)
            print(jieba.__version__, len(text), best)
            """
        guard let fields = run(script, arguments: [textFile, String(passes)]), fields.count == 3,
              let characters = Int(fields[1]), let seconds = Double(fields[2]) else { return nil }
        return (fields[0], characters, seconds)
    }

    /// networkx reads the exported file (not timed), then writes it with
    /// `write_graphml` (timed); peak memory is the Python process's.
    func networkx(graphML: String, output: String) -> (version: String, seconds: Double, peakMB: Double)? {
        let script = """
            import resource, sys, time
            import networkx as nx
            g = nx.read_graphml(sys.argv[1])
            start = time.perf_counter()
            nx.write_graphml(g, sys.argv[2])
            seconds = time.perf_counter() - start
            print(nx.__version__, seconds, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
            """
        guard let fields = run(script, arguments: [graphML, output]), fields.count == 3,
              let seconds = Double(fields[1]), let peak = Double(fields[2]) else { return nil }
        return (fields[0], seconds, peak)
    }

    /// Runs `script` and returns the words of its output; nil if it failed.
    private func run(_ script: String, arguments: [String]) -> [String]? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", script] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self).split(whereSeparator: \.isWhitespace).map(String.init)
    }
}
