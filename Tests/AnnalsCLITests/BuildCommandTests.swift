import Foundation
import Testing

@Suite("annals build", .serialized)
struct BuildCommandTests {
    func folder() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("annals-build-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// `count` bulletins made from the sample, each with its own issue date
    /// (so each is a different file with different content).
    func corpus(_ count: Int, in folder: URL) throws -> [String] {
        let sample = try String(contentsOf: AnnalsProcess.projectRoot.appendingPathComponent("graph/sources/cq-dangshi-2020-12-10.txt"), encoding: .utf8)
        return try (0..<count).map { index in
            let text = sample.replacingOccurrences(of: "2020 年 12 月 10 日", with: "2020 年 12 月 \(index % 28 + 1) 日")
            let url = folder.appendingPathComponent(String(format: "bulletin-%03d.txt", index))
            try text.write(to: url, atomically: true, encoding: .utf8)
            return url.path
        }
    }

    func sqlite(_ store: String, _ sql: String) throws -> String { try AnnalsProcess.sqlite(store, sql) }

    @Test func buildTwiceGivesIdenticalCountsAndABadFileIsSkipped() throws {
        let dir = folder()
        _ = try corpus(2, in: dir)
        try Data([0xE4, 0xB8, 0xAD, 0xFF, 0xFE]).write(to: dir.appendingPathComponent("broken.txt"))
        let store = dir.appendingPathComponent("store.sqlite").path
        let first = try AnnalsProcess.run(["build", dir.path, "--store", store])
        #expect(first.status == 1)
        #expect(first.stderr.contains("broken.txt") && first.stderr.contains("E106"))
        #expect(first.stdout.contains("2 added, 0 replaced, 0 unchanged, 1 failed"))
        #expect(try sqlite(store, "SELECT COUNT(*) FROM sources") == "2")
        let second = try AnnalsProcess.run(["build", dir.path, "--store", store])
        #expect(second.stdout.contains("0 added, 0 replaced, 2 unchanged, 1 failed"))
        let counts = { (output: String) in output.split(separator: "\n").filter { $0.hasPrefix("  ") }.joined(separator: "\n") }
        #expect(counts(first.stdout) == counts(second.stdout))
        let stats = try AnnalsProcess.run(["stats", "--store", store])
        #expect(counts(stats.stdout) == counts(first.stdout))
    }

    @Test func overlappingFoldersGiveTheUnion() throws {
        let dir = folder()
        let files = try corpus(3, in: dir)
        let store = dir.appendingPathComponent("store.sqlite").path
        _ = try AnnalsProcess.run(["build", files[0], files[1], "--store", store])
        let result = try AnnalsProcess.run(["build", files[1], files[2], "--store", store])
        #expect(result.stdout.contains("1 added, 0 replaced, 1 unchanged, 0 failed"))
        #expect(try sqlite(store, "SELECT COUNT(*) FROM sources") == "3")
        #expect(try sqlite(store, "SELECT COUNT(*) FROM articles") == "33")
    }

    /// Runs `annals build` with a fault injected (see `WriterFault` in
    /// AnnalsGraph): the process kills itself at the moment named, so the
    /// test knows exactly what had been committed without racing a kill.
    func buildKilled(_ fault: String, folder: URL, store: String, commitInterval: String = "0") throws -> AnnalsProcess.Result {
        var environment = ProcessInfo.processInfo.environment
        environment["ANNALS_FAULT"] = fault
        return try AnnalsProcess.run(["build", folder.path, "--store", store, "--commit-interval", commitInterval], environment: environment)
    }

    /// What a killed build must leave: a sound file whose reports are the
    /// first `count` of the input, each with all its articles and its
    /// timeline index, and that a new build completes.
    func expectCommittedPrefix(_ count: Int, of paths: [String], in folder: URL, store: String, _ context: String) throws {
        #expect(try sqlite(store, "PRAGMA integrity_check") == "ok", "\(context)")
        let stored = try sqlite(store, "SELECT path FROM sources").split(separator: "\n").map(String.init)
        #expect(Set(stored) == Set(paths.prefix(count)), "\(context)")
        #expect(try sqlite(store, "SELECT COUNT(*) FROM sources s WHERE s.article_count != (SELECT COUNT(*) FROM articles a WHERE a.source_id = s.id)") == "0", "\(context)")
        #expect(try sqlite(store, "SELECT COUNT(*) FROM events e WHERE e.start_day IS NOT NULL AND NOT EXISTS (SELECT 1 FROM event_scopes s WHERE s.event_id = e.id)") == "0", "\(context)")
        let resumed = try AnnalsProcess.run(["build", folder.path, "--store", store])
        #expect(resumed.status == 0, "\(context): \(resumed.stderr)")
        #expect(resumed.stdout.contains("\(paths.count - count) added, 0 replaced, \(count) unchanged, 0 failed"), "\(context): \(resumed.stdout)")
        #expect(try sqlite(store, "SELECT COUNT(*) FROM sources") == String(paths.count), "\(context)")
    }

    @Test func killedRightAfterACommitTheStoreHoldsExactlyTheCommittedReports() throws {
        let dir = folder()
        let paths = try corpus(8, in: dir)
        for commits in [1, 4, 7] {
            let store = dir.appendingPathComponent("after-\(commits).sqlite").path
            let killed = try buildKilled("kill-after-commit:\(commits)", folder: dir, store: store)
            #expect(killed.status == SIGKILL, "the fault must have fired (status \(killed.status))")
            // Killed before it could say so: the last commit is stored unannounced.
            let announced = paths.filter { killed.stderr.contains(URL(fileURLWithPath: $0).lastPathComponent + ": ") }
            #expect(announced == Array(paths.prefix(commits - 1)))
            try expectCommittedPrefix(commits, of: paths, in: dir, store: store, "kill-after-commit:\(commits)")
        }
    }

    @Test func killedHalfWayThroughAReportTheStoreHoldsNoneOfIt() throws {
        let dir = folder()
        let paths = try corpus(8, in: dir)
        for report in [1, 5, 8] {
            let store = dir.appendingPathComponent("inside-\(report).sqlite").path
            let killed = try buildKilled("kill-inside-report:\(report)", folder: dir, store: store)
            #expect(killed.status == SIGKILL, "the fault must have fired (status \(killed.status))")
            try expectCommittedPrefix(report - 1, of: paths, in: dir, store: store, "kill-inside-report:\(report)")
        }
    }

    /// Reports committed in groups (the default): a kill inside a report
    /// loses its whole group and nothing before it. Which reports make a
    /// group depends on the machine's speed, so this checks what holds for
    /// any grouping: a prefix of the input, every announced report in it,
    /// the killed report not.
    @Test func killedInsideAGroupTheStoreHoldsTheGroupsBefore() throws {
        let dir = folder()
        let paths = try corpus(8, in: dir)
        let store = dir.appendingPathComponent("grouped.sqlite").path
        let killed = try buildKilled("kill-inside-report:6", folder: dir, store: store, commitInterval: "10")
        #expect(killed.status == SIGKILL)
        let stored = try sqlite(store, "SELECT path FROM sources").split(separator: "\n").map(String.init)
        #expect(stored.count < 6)
        let announced = paths.filter { killed.stderr.contains(URL(fileURLWithPath: $0).lastPathComponent + ": ") }
        #expect(Set(announced).isSubset(of: Set(stored)))
        try expectCommittedPrefix(stored.count, of: paths, in: dir, store: store, "grouped kill")
    }

    /// Faults at seeded random moments of a build (the seed is printed, so
    /// a failure can be replayed).
    @Test func killedAtRandomMomentsTheStoreHoldsExactlyTheCommittedReports() throws {
        let dir = folder()
        let paths = try corpus(10, in: dir)
        var generator = SystemRandomNumberGenerator()
        let seed = UInt64.random(in: 0..<1_000_000, using: &generator)
        var random = SeededRandom(seed: seed)
        for attempt in 0..<8 {
            let moment = Int(random.next() % UInt64(paths.count)) + 1
            let afterCommit = random.next() % 2 == 0
            let fault = (afterCommit ? "kill-after-commit:" : "kill-inside-report:") + String(moment)
            let store = dir.appendingPathComponent("random-\(attempt).sqlite").path
            let killed = try buildKilled(fault, folder: dir, store: store)
            let context = "seed \(seed), attempt \(attempt), \(fault)"
            #expect(killed.status == SIGKILL, "\(context)")
            try expectCommittedPrefix(afterCommit ? moment : moment - 1, of: paths, in: dir, store: store, context)
        }
    }

    @Test func twoBuildsOnOneStoreAtOnceBothFinishCleanly() throws {
        let dir = folder()
        let files = try corpus(6, in: dir)
        let store = dir.appendingPathComponent("store.sqlite").path
        let runs = [Array(files[0..<4]), Array(files[2..<6])].map { batch -> (Process, Pipe) in
            let process = Process()
            process.executableURL = AnnalsProcess.executable
            process.arguments = ["build"] + batch + ["--store", store]
            process.standardOutput = FileHandle.nullDevice
            let errors = Pipe()
            process.standardError = errors
            try! process.run()
            return (process, errors)
        }
        for (process, errors) in runs {
            let said = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "\(said.split(separator: "\n").filter { $0.hasPrefix("annals:") })")
        }
        #expect(try sqlite(store, "SELECT COUNT(*) FROM sources") == "6")
        #expect(try sqlite(store, "PRAGMA integrity_check") == "ok")
    }

    @Test func removeDropsAReport() throws {
        let dir = folder()
        let files = try corpus(2, in: dir)
        let store = dir.appendingPathComponent("store.sqlite").path
        _ = try AnnalsProcess.run(["build", dir.path, "--store", store])
        let removed = try AnnalsProcess.run(["remove", files[0], "--store", store])
        #expect(removed.status == 0)
        #expect(try sqlite(store, "SELECT COUNT(*) FROM sources") == "1")
        let again = try AnnalsProcess.run(["remove", files[0], "--store", store])
        #expect(again.status == 1 && again.stderr.contains("E304"))
    }
}

/// A small seeded generator (SplitMix64), so a failing run can be replayed.
struct SeededRandom {
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
