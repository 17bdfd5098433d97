import Foundation

/// `annals extract --format json` as a pipeline runs it: a whole process
/// over many report files, its output written to /dev/null. Beside the
/// in-process extraction figure, this one counts reading the files,
/// loading the knowledge and writing the JSON, and the process's peak
/// memory shows whether output is held or streamed. Throughput is given in
/// characters of text (as the in-process figure) and in bytes of input.
struct WholeProcessBenchmark {
    /// The release `annals` next to this benchmark's executable.
    static var executable: String {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("annals").path
    }

    struct Result {
        var files: Int
        var bytes: Int
        var characters: Int
        var outputBytes: Int
        var seconds: Double
        var peakMB: Double
    }

    /// Writes `reports` as files and times `annals extract FILES --format
    /// FORMAT` over them; `characters` is their text's length once read.
    static func run(_ reports: [[UInt8]], characters: Int, format: String) throws -> Result {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("annals-bench-extract-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var paths: [String] = []
        for (index, report) in reports.enumerated() {
            let path = folder.appendingPathComponent(String(format: "bulletin-%04d.txt", index)).path
            guard FileManager.default.createFile(atPath: path, contents: Data(report)) else { throw Benchmark.BenchError("cannot write \(path)") }
            paths.append(path)
        }
        let output = folder.appendingPathComponent("output").path
        guard FileManager.default.isExecutableFile(atPath: executable) else {
            throw Benchmark.BenchError("no \(executable): tools/bench builds it (swift build -c release --product annals)")
        }
        let started = Date()
        let (status, peakKB) = try spawn([executable, "extract"] + paths + ["--format", format], output: output)
        let seconds = Date().timeIntervalSince(started)
        guard status == 0 else { throw Benchmark.BenchError("annals extract exited with \(status)") }
        let written = (try? FileManager.default.attributesOfItem(atPath: output)[.size] as? Int) ?? 0
        return Result(files: reports.count, bytes: reports.reduce(0) { $0 + $1.count }, characters: characters,
                      outputBytes: written, seconds: seconds, peakMB: Double(peakKB) / 1024)
    }

    /// Runs a process with its standard output to `output`; returns its
    /// exit status and peak resident memory in KB. The peak is read from
    /// /proc (VmHWM) every few milliseconds while it runs: wait4's rusage
    /// would count the memory of this process too, which the child shares
    /// until it execs.
    private static func spawn(_ arguments: [String], output: String) throws -> (Int32, Int) {
        var actions: posix_spawn_file_actions_t = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, arguments[0], &actions, nil, &argv, environ)
        guard spawned == 0 else { throw Benchmark.BenchError("cannot start \(arguments[0]): error \(spawned)") }
        var status: Int32 = 0
        var peakKB = 0
        while true {
            if let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
               let line = text.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
               let kilobytes = Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") {
                peakKB = max(peakKB, kilobytes)
            }
            let waited = waitpid(pid, &status, WNOHANG)
            if waited == pid { break }
            guard waited == 0 else { throw Benchmark.BenchError("lost the child process \(pid)") }
            usleep(2_000)
        }
        let exited = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        return (exited, peakKB)
    }
}
