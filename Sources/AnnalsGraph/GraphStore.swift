import AnnalsExtract
import AnnalsKnowledge
import AnnalsText
import CSQLiteTuning
import Dispatch
import Foundation
import GRDB
import Synchronization

/// Why the store could not be opened or written.
public enum StoreError: Error, CustomStringConvertible, Equatable {
    case newerSchema(path: String)
    case cannotOpen(path: String, reason: String)
    case writeFailed(path: String, source: String, reason: String)
    case unknownSource(path: String, source: String)
    case indexesNotBuilt(path: String, reason: String)

    public var code: String {
        switch self {
        case .newerSchema: "E301"
        case .cannotOpen: "E302"
        case .writeFailed: "E303"
        case .unknownSource: "E304"
        case .indexesNotBuilt: "E306"
        }
    }

    public var description: String {
        switch self {
        case .newerSchema(let path):
            "\(code): the store \(path) was made by a newer Annals; update Annals or build a new store"
        case .cannotOpen(let path, let reason):
            "\(code): cannot open the store \(path): \(reason)"
        case .writeFailed(let path, let source, let reason):
            "\(code): cannot store \(source) in \(path): \(reason); nothing of it was stored"
        case .unknownSource(let path, let source):
            "\(code): the store \(path) holds no report \(source)"
        case .indexesNotBuilt(let path, let reason):
            "\(code): every report is stored in \(path), but its indexes could not be built (\(reason)); they are built when the store is next opened"
        }
    }
}

/// What ingesting a report did.
public enum IngestOutcome: Equatable, Sendable {
    /// First time: stored.
    case added
    /// The file changed since it was stored: its old facts were replaced.
    case replaced
    /// Same content as stored: nothing done.
    case unchanged
}

/// Counts of what a store holds.
public struct StoreStatistics: Equatable, Sendable {
    public var reports = 0
    public var articles = 0
    public var events = 0
    public var eventsWithDates = 0
    /// Entity nodes by type (person, place, organisation, site, work).
    public var nodes: [String: Int] = [:]
    /// Edges by type (mentions, participated_in, part_of …).
    public var edges: [String: Int] = [:]
}

/// The knowledge graph over every report ingested, in SQLite (through GRDB,
/// WAL mode): reports, articles, entity nodes with their aliases, mentions
/// with offsets, events, and typed edges with provenance.
///
/// A report is stored completely or not at all: each is written in a
/// savepoint of its own, and reports are committed alone or in groups.
/// Re-ingesting an unchanged file does nothing; a changed file replaces its
/// facts; removing a report removes its facts and the nodes only it
/// supported. A second writer waits for the first (busy timeout).
public final class GraphStore: Sendable {
    public let path: String
    let database: DatabasePool
    let knowledge: KnowledgeBase
    let scopes: EventScopeIndex
    /// The identity decisions reports are written under: the knowledge's
    /// at opening, then each curation's.
    let decisions: Mutex<IdentityDecisions>

    /// SQLite's allocator without its statistics (a global mutex per
    /// allocation), set before the process's first connection.
    private static let sqliteTuned: Int32 = annals_sqlite_disable_memory_statistics()

    public init(path: String, knowledge: KnowledgeBase) throws(StoreError) {
        self.path = path
        self.knowledge = knowledge
        scopes = EventScopeIndex(knowledge: knowledge)
        decisions = Mutex(knowledge.identity)
        var configuration = Configuration()
        configuration.busyMode = .timeout(60)
        configuration.foreignKeysEnabled = true
        // In WAL mode, NORMAL keeps every committed report through a crash
        // of Annals (kill -9); only a power cut may lose the last commits.
        _ = Self.sqliteTuned
        configuration.prepareDatabase { db in
            // The writer's statements allocate small buffers by the thousand
            // (set first: SQLite refuses while lookaside memory is in use).
            _ = annals_sqlite_set_lookaside(db.sqliteConnection, 512, 1024)
            try db.execute(sql: "PRAGMA synchronous = NORMAL; PRAGMA cache_size = -65536; PRAGMA temp_store = MEMORY")
        }
        do {
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            database = try DatabasePool(path: path, configuration: configuration)
        } catch {
            throw .cannotOpen(path: path, reason: "\(error)")
        }
        let migrator = StoreSchema.migrator
        do {
            if try database.read({ try migrator.hasBeenSuperseded($0) }) { throw StoreError.newerSchema(path: path) }
            try Self.migrate(database, with: migrator)
            try finishInterruptedBulkLoad()
            // A store migrated from before the timeline index gets it now.
            try database.write { db in
                if try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM events) AND NOT EXISTS (SELECT 1 FROM event_scopes)") == true {
                    try scopes.rebuild(db)
                }
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw .cannotOpen(path: path, reason: "\(error)")
        }
    }

    /// Migrates the store, also when another process opens the same new
    /// store at the same moment: both may find a migration unapplied, and
    /// the one that waited for the other's transaction then fails on the
    /// tables it made. Tried again, it finds that migration applied and
    /// goes on with the next, so at most one try more than there are
    /// migrations is needed.
    private static func migrate(_ database: DatabasePool, with migrator: DatabaseMigrator) throws {
        let tries = migrator.migrations.count + 1
        for attempt in 1...tries {
            do {
                try migrator.migrate(database)
                return
            } catch {
                // Only another process's progress is worth a second try.
                let applied = (try? database.read { try migrator.appliedIdentifiers($0) }) ?? []
                if attempt == tries || applied.isEmpty { throw error }
            }
        }
    }

    // MARK: - Bulk loads

    /// The secondary indexes: they serve queries, exports and removal, and
    /// no constraint or lookup of the writer needs them. A bulk load drops
    /// them and builds each once its rows are in: inserting every row into
    /// a dozen B-trees at scattered places costs more than the rows
    /// themselves, and one sort at the end costs far less.
    ///
    /// Read from the schema itself (the migrations run on a store in
    /// memory, once), so that each index is defined in one place: a list
    /// kept here beside the migrations could drift from them, and a bulk
    /// load would then rebuild an index the schema no longer has. The
    /// unique indexes stay: the writer's `INSERT OR IGNORE` relies on them.
    static let readingIndexes: [(name: String, sql: String)] = {
        do {
            let schema = try DatabaseQueue()
            try StoreSchema.migrator.migrate(schema)
            return try schema.read { db in
                try Row.fetchAll(db, sql: """
                    SELECT name, sql FROM sqlite_master
                    WHERE type = 'index' AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE %' ORDER BY name
                    """).map { ($0["name"], $0["sql"]) }
            }
        } catch {
            preconditionFailure("the store's schema does not migrate in memory: \(error)")
        }
    }()

    /// Whether storing `reports` reports is better done as a bulk load:
    /// many of them, and no fewer than the store already holds (building
    /// the indexes afresh costs in proportion to the whole store).
    public func shouldLoadInBulk(reports: Int, threshold: Int = 100) -> Bool {
        guard reports >= threshold else { return false }
        let stored = (try? database.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM sources") }) ?? nil
        return stored.map { $0 <= reports } ?? false
    }

    /// Starts a bulk load: drops the reading indexes, leaves the articles'
    /// full text to be indexed at the end (in one statement: row by row it
    /// is slow), and checkpoints the log ten times less often (each
    /// checkpoint rewrites the pages every group touches).
    /// Queries still work, more slowly and without the new articles' words,
    /// until ``endBulkLoad()``; a store whose load never ended is put right
    /// when it is next opened. The mark of a bulk load in the file is the
    /// full-text index's automatic merging turned off.
    public func beginBulkLoad() throws(StoreError) {
        do {
            try database.write { db in
                for index in Self.readingIndexes { try db.execute(sql: "DROP INDEX IF EXISTS \(index.name)") }
                try db.execute(sql: "INSERT INTO article_search (article_search, rank) VALUES ('automerge', 0)")
            }
            try database.writeWithoutTransaction { try $0.execute(sql: "PRAGMA wal_autocheckpoint = 10000") }
        } catch {
            throw .cannotOpen(path: path, reason: "\(error)")
        }
    }

    /// Ends a bulk load: builds every reading index that is missing, merges
    /// the full-text index and brings back its automatic merging, and the
    /// usual checkpoints.
    public func endBulkLoad() throws(StoreError) {
        do {
            try database.writeWithoutTransaction { try $0.execute(sql: "PRAGMA wal_autocheckpoint = 1000") }
            try restoreAfterBulkLoad()
        } catch {
            throw .indexesNotBuilt(path: path, reason: "\(error)")
        }
    }

    private func restoreAfterBulkLoad() throws {
        // Building an index sorts every row of its table: spilled to a
        // temporary file, not held in memory, so that memory stays flat
        // however large the store.
        try database.writeWithoutTransaction { try $0.execute(sql: "PRAGMA temp_store = FILE") }
        defer { try? database.writeWithoutTransaction { try $0.execute(sql: "PRAGMA temp_store = MEMORY") } }
        let present = try readingIndexesPresent()
        try database.write { db in
            for index in Self.readingIndexes where !present.contains(index.name) { try db.execute(sql: index.sql) }
            if try Self.isBulkLoading(db) {
                try db.execute(sql: """
                    INSERT INTO article_search (rowid, title, body)
                      SELECT id, title, body FROM articles a WHERE NOT EXISTS (SELECT 1 FROM article_search s WHERE s.rowid = a.id)
                    """)
                try db.execute(sql: "INSERT INTO article_search (article_search, rank) VALUES ('automerge', 4)")   // FTS5's default
                try db.execute(sql: "INSERT INTO article_search (article_search) VALUES ('optimize')")
            }
        }
    }

    /// Whether a bulk load has begun and not ended.
    static func isBulkLoading(_ db: Database) throws -> Bool {
        try Int.fetchOne(db, sql: "SELECT v FROM article_search_config WHERE k = 'automerge'") == 0
    }

    /// The names of the reading indexes the store has now.
    func readingIndexesPresent() throws -> Set<String> {
        let names = Self.readingIndexes.map { "'" + $0.name + "'" }.joined(separator: ", ")
        return Set(try database.read { try String.fetchAll($0, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND name IN (\(names))") })
    }

    /// A bulk load that did not end (killed) left indexes out.
    private func finishInterruptedBulkLoad() throws {
        if try database.read(Self.isBulkLoading) || readingIndexesPresent().count < Self.readingIndexes.count { try restoreAfterBulkLoad() }
    }

    /// Stores one extracted report, in one transaction.
    @discardableResult
    public func ingest(_ extraction: Extraction) throws(StoreError) -> IngestOutcome {
        var outcome: Result<IngestOutcome, StoreError>?
        ingest([extraction]) { outcome = $0[0] }
        return try outcome!.get()
    }

    /// Stores reports in order, each in a savepoint of its own (whole or not
    /// at all: one that fails is rolled back alone and its result says why),
    /// committing whenever `commitAfter` seconds of writing have passed and
    /// at the end. `committed` hears the results of each group right after
    /// its commit, so a report announced as stored is stored; a crash loses
    /// at most the group being written.
    ///
    /// Why groups: a commit writes every page it touched to the log, and
    /// the pages of the indexes are shared by many reports, so a commit per
    /// small report writes the same pages over and over.
    public func ingest(_ extractions: [Extraction], commitAfter seconds: Double = 0.1,
                       committed: ([Result<IngestOutcome, StoreError>]) -> Void) {
        var next = 0
        var groupStart = 0
        do {
            try database.writeWithoutTransaction { db in
                let statements = try WriterStatements(db)
                while next < extractions.count {
                    groupStart = next
                    var results: [Result<IngestOutcome, StoreError>] = []
                    let started = DispatchTime.now().uptimeNanoseconds
                    try db.inTransaction(.immediate) {
                        repeat {
                            let extraction = extractions[next]
                            next += 1
                            do {
                                var outcome = IngestOutcome.added
                                try db.inSavepoint {
                                    outcome = try store(extraction, in: db, statements: statements)
                                    WriterFault.configured?.reportWritten()
                                    return .commit
                                }
                                results.append(.success(outcome))
                            } catch {
                                // Some errors (a full disk, an I/O error) make
                                // SQLite roll back the whole transaction: then
                                // nothing of the group is stored, and going on
                                // would write outside any transaction.
                                if !db.isInsideTransaction { throw error }
                                results.append(.failure(.writeFailed(path: path, source: extraction.document.source, reason: "\(error)")))
                            }
                        } while next < extractions.count && Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9 < seconds
                        return .commit
                    }
                    WriterFault.configured?.committed()
                    committed(results)
                }
            }
        } catch {
            // The commit (or BEGIN) failed, or SQLite rolled the group back:
            // nothing of the group is stored, and the reports after it were
            // not tried.
            committed(extractions[groupStart...].map { .failure(.writeFailed(path: path, source: $0.document.source, reason: "\(error)")) })
        }
    }

    /// Writes one report inside the caller's transaction.
    private func store(_ extraction: Extraction, in db: Database, statements: WriterStatements) throws -> IngestOutcome {
        let document = extraction.document
        var outcome = IngestOutcome.added
        if let existing = try statements.selectSource.first({ $0.bind(1, document.source) }, read: { ($0.integer(0), $0.text(1)) }) {
            if existing.1 == document.sha256 { return .unchanged }
            try deleteSource(id: existing.0, in: db)
            outcome = .replaced
        }
        try write(extraction, in: db, statements: statements, decisions: decisions.withLock { $0 })
        return outcome
    }

    func write(_ extraction: Extraction, in db: Database, statements: WriterStatements, decisions: IdentityDecisions) throws {
        var writer = ReportWriter(db: db, statements: statements, knowledge: knowledge, decisions: decisions, scopes: scopes, extraction: extraction)
        try writer.write()
    }

    /// Removes a report (by the path it was ingested from) and the nodes
    /// only it supported.
    public func remove(source: String) throws(StoreError) {
        do {
            let found = try database.write { db -> Bool in
                guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM sources WHERE path = ?", arguments: [source]) else { return false }
                try deleteSource(id: id, in: db)
                return true
            }
            if !found { throw StoreError.unknownSource(path: path, source: source) }
        } catch let error as StoreError {
            throw error
        } catch {
            throw .writeFailed(path: path, source: source, reason: "\(error)")
        }
    }

    /// Paths of the reports stored, sorted.
    public func sources() throws -> [String] {
        try database.read { try String.fetchAll($0, sql: "SELECT path FROM sources ORDER BY path") }
    }

    public func statistics() throws -> StoreStatistics {
        try database.read { db in
            var statistics = StoreStatistics()
            statistics.reports = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sources") ?? 0
            statistics.articles = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM articles") ?? 0
            statistics.events = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM events") ?? 0
            statistics.eventsWithDates = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM events WHERE date IS NOT NULL") ?? 0
            for row in try Row.fetchAll(db, sql: "SELECT type, COUNT(*) AS n FROM entities GROUP BY type") {
                statistics.nodes[row["type"]] = row["n"]
            }
            for row in try Row.fetchAll(db, sql: "SELECT type, COUNT(*) AS n FROM edges GROUP BY type") {
                statistics.edges[row["type"]] = row["n"]
            }
            return statistics
        }
    }

    /// Runs `body` on a read-only connection: for the store's own tests,
    /// which look at its tables. Everything else reads through ``reading(_:)``.
    package func read<T>(_ body: (Database) throws -> T) throws -> T {
        try database.read(body)
    }

    /// SQLite's own check of the file: `ok` when the store is sound.
    public func integrityCheck() throws -> String {
        try database.read { try String.fetchOne($0, sql: "PRAGMA integrity_check") ?? "" }
    }

    /// Deletes a source and everything it stated, then the nodes nothing
    /// supports any more.
    func deleteSource(id: Int64, in db: Database) throws {
        try db.execute(sql: "DELETE FROM article_search WHERE rowid IN (SELECT id FROM articles WHERE source_id = ?)", arguments: [id])
        try db.execute(sql: "DELETE FROM sources WHERE id = ?", arguments: [id])
        try Self.collectGarbage(in: db)
    }

    /// An entity stays while a mention or a stated edge supports it, or while
    /// it is the place (part_of, located_in, based_in) of one that stays.
    static func collectGarbage(in db: Database) throws {
        while true {
            try db.execute(sql: """
                DELETE FROM entities WHERE id NOT IN (SELECT entity_id FROM mentions)
                  AND id NOT IN (SELECT from_id FROM edges WHERE from_kind = 'entity' AND source_id IS NOT NULL)
                  AND id NOT IN (SELECT to_id FROM edges WHERE to_kind = 'entity' AND source_id IS NOT NULL)
                  AND id NOT IN (SELECT to_id FROM edges WHERE to_kind = 'entity' AND source_id IS NULL
                                 AND from_kind = 'entity' AND from_id IN (SELECT id FROM entities))
                """)
            let removed = db.changesCount
            try db.execute(sql: """
                DELETE FROM edges WHERE source_id IS NULL AND (
                  (from_kind = 'entity' AND from_id NOT IN (SELECT id FROM entities)) OR
                  (to_kind = 'entity' AND to_id NOT IN (SELECT id FROM entities)))
                """)
            if removed == 0 { break }
        }
    }
}
