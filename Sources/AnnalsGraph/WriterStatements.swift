import Foundation
import GRDB
import GRDBSQLite

/// The statements the writer runs for every report, prepared once per
/// group of reports and run with their values bound through SQLite's C
/// API.
///
/// Why not GRDB's `cachedStatement(sql:).execute(arguments:)`: every call
/// hashes the statement's SQL text to find it, boxes each value in an
/// existential, and builds an argument array, and a report runs hundreds
/// of statements.
final class WriterStatements {
    let insertSource: PreparedStatement
    let selectSource: PreparedStatement
    let insertArticle: PreparedStatement
    let insertSearch: PreparedStatement
    let insertMention: PreparedStatement
    let insertAlias: PreparedStatement
    let insertEvent: PreparedStatement
    let selectEntity: PreparedStatement
    let insertEntity: PreparedStatement
    let insertEdge: PreparedStatement
    let insertDerivedEdge: PreparedStatement
    let insertScope: PreparedStatement
    /// When each report was stored (one formatter for all reports: making
    /// a formatter is costly).
    let timestamps = ISO8601DateFormatter()
    /// The timeline keys of the divisions met so far.
    let divisionKeys = EventScopeIndex.DivisionKeys()
    /// In a bulk load the full-text index is filled at the end, in one
    /// statement (see ``GraphStore/beginBulkLoad()``): row by row it is slow.
    let defersSearch: Bool

    init(_ db: Database) throws {
        defersSearch = try GraphStore.isBulkLoading(db)
        func prepare(_ sql: String) throws -> PreparedStatement { PreparedStatement(try db.makeStatement(sql: sql), db) }
        insertSource = try prepare("""
            INSERT INTO sources (path, sha256, format, encoding, published, publisher, article_count, ingested_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        selectSource = try prepare("SELECT id, sha256 FROM sources WHERE path = ?")
        insertArticle = try prepare("""
            INSERT INTO articles (source_id, position, title, section, date, span_start, span_end, body, precision, start_day, end_day)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        insertSearch = try prepare("INSERT INTO article_search (rowid, title, body) VALUES (?, ?, ?)")
        insertMention = try prepare("""
            INSERT INTO mentions (article_id, entity_id, text, sentence, span_start, span_end, roles, body_start, body_end)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        insertAlias = try prepare("INSERT OR IGNORE INTO aliases (entity_id, alias) VALUES (?, ?)")
        insertEvent = try prepare("""
            INSERT INTO events (article_id, type, summary, main, date, precision, start_day, end_day, modifier, sentence, span_start, span_end,
                                date_text, date_source, sentence_text)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        selectEntity = try prepare("SELECT id FROM entities WHERE key = ?")
        insertEntity = try prepare("INSERT INTO entities (type, key, name, kind, adcode, lat, lon) VALUES (?, ?, ?, ?, ?, ?, ?)")
        insertEdge = try prepare("""
            INSERT INTO edges (type, from_kind, from_id, to_kind, to_id, role, weight, source_id, article_id, sentence, span_start, span_end)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        insertDerivedEdge = try prepare("INSERT OR IGNORE INTO edges (type, from_kind, from_id, to_kind, to_id) VALUES (?, 'entity', ?, 'entity', ?)")
        insertScope = try prepare(EventScopeIndex.insertSQL)
    }
}

/// A prepared statement bound value by value (1-based, as SQLite counts)
/// and stepped through SQLite's C API.
final class PreparedStatement {
    /// The GRDB statement owns the SQLite one (and finalises it).
    private let owner: Statement
    private let handle: SQLiteStatement
    private let db: Database
    /// SQLite copies bound text before `bind` returns.
    private static let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)

    init(_ owner: Statement, _ db: Database) {
        self.owner = owner
        handle = owner.sqliteStatement
        self.db = db
    }

    /// Runs the statement with the values `bind` binds.
    func run(_ bind: (PreparedStatement) -> Void) throws {
        _ = try step(bind)
        sqlite3_reset(handle)
    }

    /// Runs a query with the values `bind` binds and reads its first row
    /// with `read` (``integer(_:)``, ``text(_:)``); nil if it has none.
    func first<T>(_ bind: (PreparedStatement) -> Void, read: (PreparedStatement) -> T) throws -> T? {
        defer { sqlite3_reset(handle) }   // no statement stays open across a commit
        return try step(bind) ? read(self) : nil
    }

    /// True if the step gave a row.
    private func step(_ bind: (PreparedStatement) -> Void) throws -> Bool {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        bind(self)
        switch sqlite3_step(handle) {
        case SQLITE_DONE: return false
        case SQLITE_ROW: return true
        case let code:
            let error = DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)),
                                      sql: String(cString: sqlite3_sql(handle)))
            sqlite3_reset(handle)
            throw error
        }
    }

    func bind(_ index: Int32, _ value: String?) {
        guard var value else { return }   // cleared bindings are NULL
        value.withUTF8 { bytes in
            if let base = bytes.baseAddress {
                _ = sqlite3_bind_text(handle, index, UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self), Int32(bytes.count), Self.transient)
            } else {
                _ = sqlite3_bind_text(handle, index, "", 0, Self.transient)   // the empty string, not NULL
            }
        }
    }

    func bind(_ index: Int32, _ value: Int64?) {
        guard let value else { return }
        sqlite3_bind_int64(handle, index, value)
    }

    func bind(_ index: Int32, _ value: Int?) {
        bind(index, value.map(Int64.init))
    }

    func bind(_ index: Int32, _ value: Double?) {
        guard let value else { return }
        sqlite3_bind_double(handle, index, value)
    }

    func bind(_ index: Int32, _ value: Bool) {
        sqlite3_bind_int64(handle, index, value ? 1 : 0)
    }

    func integer(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }

    func text(_ column: Int32) -> String? {
        guard let text = sqlite3_column_text(handle, column) else { return nil }
        return String(cString: text)
    }
}
