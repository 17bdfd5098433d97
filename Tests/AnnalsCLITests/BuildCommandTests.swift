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

    @Test func killingABuildLeavesEveryCommittedReportWhole() throws {
        let dir = folder()
        _ = try corpus(24, in: dir)
        var partial = 0
        // Kill once 1, 6 and 12 reports are committed: mid-build every time.
        for (attempt, threshold) in [1, 6, 12].enumerated() {
            let store = dir.appendingPathComponent("kill-\(attempt).sqlite").path
            let process = Process()
            process.executableURL = AnnalsProcess.executable
            process.arguments = ["build", dir.path, "--store", store]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            let deadline = Date().addingTimeInterval(120)
            while Date() < deadline && process.isRunning {
                if FileManager.default.fileExists(atPath: store), (Int(try sqlite(store, "SELECT COUNT(*) FROM sources")) ?? 0) >= threshold { break }
                Thread.sleep(forTimeInterval: 0.02)
            }
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            #expect(try sqlite(store, "PRAGMA integrity_check") == "ok")
            // Each stored report has all its articles.
            let incomplete = try sqlite(store, "SELECT COUNT(*) FROM sources s WHERE s.article_count != (SELECT COUNT(*) FROM articles a WHERE a.source_id = s.id)")
            #expect(incomplete == "0")
            let stored = Int(try sqlite(store, "SELECT COUNT(*) FROM sources")) ?? 0
            if stored >= threshold && stored < 24 { partial += 1 }
            // And the store goes on: a new build completes it.
            let resumed = try AnnalsProcess.run(["build", dir.path, "--store", store])
            #expect(resumed.status == 0)
            #expect(try sqlite(store, "SELECT COUNT(*) FROM sources") == "24")
        }
        // The kills landed in the middle of the builds.
        #expect(partial >= 2)
    }

    /// Twenty kills at random moments (seeded, so a failure can be
    /// replayed): after each the store opens, passes SQLite's integrity
    /// check and holds exactly the reports whose transactions committed —
    /// each whole, with its timeline index — and a new build completes it.
    @Test func killedAtTwentyRandomMomentsTheStoreHoldsExactlyTheCommittedReports() throws {
        let dir = folder()
        let paths = try corpus(16, in: dir)
        var generator = SystemRandomNumberGenerator()
        let seed = UInt64.random(in: 0..<1_000_000, using: &generator)
        var random = SeededRandom(seed: seed)
        var killedMidway = 0
        // How long a whole build runs once its store exists: the kills are
        // spread over that (a fixed window outlasts a fast build).
        let calibration = dir.appendingPathComponent("calibration.sqlite").path
        let timed = Process()
        timed.executableURL = AnnalsProcess.executable
        timed.arguments = ["build", dir.path, "--store", calibration, "--commit-interval", "0"]
        timed.standardOutput = FileHandle.nullDevice
        timed.standardError = FileHandle.nullDevice
        try timed.run()
        while timed.isRunning && !FileManager.default.fileExists(atPath: calibration) { Thread.sleep(forTimeInterval: 0.002) }
        let created = Date()
        timed.waitUntilExit()
        var window = max(20, Int(Date().timeIntervalSince(created) * 1000))   // milliseconds
        for attempt in 0..<20 {
            let store = dir.appendingPathComponent("random-\(attempt).sqlite").path
            let process = Process()
            process.executableURL = AnnalsProcess.executable
            // Every report committed alone, so that kills land between commits.
            process.arguments = ["build", dir.path, "--store", store, "--commit-interval", "0"]
            let progress = Pipe()      // not a terminal: one progress line per stored report, on stderr
            process.standardOutput = FileHandle.nullDevice
            process.standardError = progress
            try process.run()
            // From the moment the store exists (knowledge loaded, first
            // report on its way), a random delay within a whole build's time.
            let deadline = Date().addingTimeInterval(60)
            while Date() < deadline && process.isRunning && !FileManager.default.fileExists(atPath: store) { Thread.sleep(forTimeInterval: 0.005) }
            Thread.sleep(forTimeInterval: Double(random.next() % UInt64(window)) / 1000)
            let finishedFirst = !process.isRunning
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            // A build that finished before its kill ran faster than the
            // timed one (a slow moment of a shared machine, measured once):
            // later kills come sooner, so that enough land mid-build.
            if finishedFirst { window = max(20, window * 3 / 4) }
            let printed = String(decoding: progress.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            guard FileManager.default.fileExists(atPath: store) else { continue }   // killed before the store existed
            #expect(try sqlite(store, "PRAGMA integrity_check") == "ok", "seed \(seed), attempt \(attempt)")
            // Killed while the schema was being created: each migration is
            // one transaction, so the tables are all there or not at all.
            let tables = Set(try sqlite(store, "SELECT name FROM sqlite_master WHERE type = 'table'").split(separator: "\n").map(String.init))
            guard tables.contains("sources") else {
                #expect(!printed.contains(": "), "seed \(seed), attempt \(attempt)")
                continue
            }
            let stored = Set(try sqlite(store, "SELECT path FROM sources").split(separator: "\n").map(String.init))
            // Reports are committed in input order, in groups: the store holds
            // the first k reports, whole, and every report the build said it
            // stored (a group may have committed just before the kill, unsaid).
            #expect(stored == Set(paths.prefix(stored.count)), "seed \(seed), attempt \(attempt)")
            let announced = Set(paths.filter { printed.contains(URL(fileURLWithPath: $0).lastPathComponent + ": ") })
            #expect(announced.isSubset(of: stored), "seed \(seed), attempt \(attempt)")
            #expect(try sqlite(store, "SELECT COUNT(*) FROM sources s WHERE s.article_count != (SELECT COUNT(*) FROM articles a WHERE a.source_id = s.id)") == "0")
            if tables.contains("event_scopes") {
                #expect(try sqlite(store, "SELECT COUNT(*) FROM events e WHERE e.start_day IS NOT NULL AND NOT EXISTS (SELECT 1 FROM event_scopes s WHERE s.event_id = e.id)") == "0")
            }
            if !stored.isEmpty && stored.count < paths.count { killedMidway += 1 }
            let resumed = try AnnalsProcess.run(["build", dir.path, "--store", store])
            let completed = try sqlite(store, "SELECT COUNT(*) FROM sources")
            #expect(resumed.status == 0 && completed == String(paths.count))
        }
        #expect(killedMidway >= 5, "seed \(seed): the kills should land mid-build")
    }

    @Test func twoBuildsOnOneStoreAtOnceBothFinishCleanly() throws {
        let dir = folder()
        let files = try corpus(6, in: dir)
        let store = dir.appendingPathComponent("store.sqlite").path
        let processes = [Array(files[0..<4]), Array(files[2..<6])].map { batch -> Process in
            let process = Process()
            process.executableURL = AnnalsProcess.executable
            process.arguments = ["build"] + batch + ["--store", store]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try! process.run()
            return process
        }
        for process in processes { process.waitUntilExit() }
        #expect(processes.allSatisfy { $0.terminationStatus == 0 })
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
