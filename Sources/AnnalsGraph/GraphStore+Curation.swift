import AnnalsExtract
import AnnalsKnowledge
import Foundation
import GRDB

/// A curation decision the store has applied: one row of its journal.
public struct CurationRecord: Sendable, Equatable, Codable {
    /// The journal's number for it, what `annals curate undo N` names.
    public var number: Int64
    public var decidedAt: String
    public var decision: IdentityDecision
    /// The node's name or type before a rename or retype.
    public var previous: String?
    /// The reports rewritten to apply it (and to undo it).
    public var sources: [String]
    /// When it was undone; nil while it holds.
    public var undoneAt: String?
}

/// What applying or undoing a decision does to the store, beyond
/// rewriting reports: a node's name or type set.
public struct NodeChange: Sendable, Equatable {
    public enum Field: String, Sendable { case name, type }
    public var key: String
    public var field: Field
    public var value: String

    public init(key: String, field: Field, value: String) {
        self.key = key
        self.field = field
        self.value = value
    }
}

extension GraphStore {
    /// The identity decisions new and rewritten reports are written under.
    public var identityDecisions: IdentityDecisions { decisions.withLock { $0 } }

    /// The reports that support the nodes `keys`: those that mention them
    /// or state an edge to or from them. A decision about a node can only
    /// change these.
    public func sources(supporting keys: [String]) throws -> [String] {
        guard !keys.isEmpty else { return [] }
        let marks = keys.map { _ in "?" }.joined(separator: ", ")
        return try database.read { db in
            try String.fetchAll(db, sql: """
                WITH nodes AS (SELECT id FROM entities WHERE key IN (\(marks)))
                SELECT path FROM sources WHERE id IN (
                  SELECT a.source_id FROM mentions m JOIN articles a ON a.id = m.article_id WHERE m.entity_id IN nodes
                  UNION SELECT source_id FROM edges WHERE source_id IS NOT NULL AND from_kind = 'entity' AND from_id IN nodes
                  UNION SELECT source_id FROM edges WHERE source_id IS NOT NULL AND to_kind = 'entity' AND to_id IN nodes)
                ORDER BY path
                """, arguments: StatementArguments(keys))
        }
    }

    /// Applies a decision in one transaction: the reports in `rewriting`
    /// (read and recognised afresh) are written again under `decisions`,
    /// `change` sets a node's name or type, and the journal records it.
    /// `beforeCommit` runs last inside the transaction (it writes the
    /// decisions file): if it throws, nothing of the decision is stored.
    public func apply(_ decision: IdentityDecision, decisions newDecisions: IdentityDecisions, rewriting extractions: [Extraction],
                      change: NodeChange?, previous: String?, beforeCommit: () throws -> Void) throws(StoreError) -> CurationRecord {
        try curate(decisions: newDecisions, rewriting: extractions, change: change, beforeCommit: beforeCommit) { db, now in
            try db.execute(sql: """
                INSERT INTO curations (decided_at, decision, subject, object, note, previous, sources) VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [now, decision.kind.rawValue, decision.subject, decision.object, decision.note, previous,
                                 Self.encodeSources(extractions.map(\.document.source))])
            return try Self.curation(id: db.lastInsertedRowID, in: db)!
        }
    }

    /// Undoes the journal's decision `number` the same way: its reports
    /// written again under `decisions` (which no longer hold it), and the
    /// node's name or type set back.
    public func undo(_ number: Int64, decisions newDecisions: IdentityDecisions, rewriting extractions: [Extraction],
                     change: NodeChange?, beforeCommit: () throws -> Void) throws(StoreError) -> CurationRecord {
        try curate(decisions: newDecisions, rewriting: extractions, change: change, beforeCommit: beforeCommit) { db, now in
            try db.execute(sql: "UPDATE curations SET undone_at = ? WHERE id = ? AND undone_at IS NULL", arguments: [now, number])
            guard db.changesCount == 1 else { throw StoreError.writeFailed(path: path, source: "curation \(number)", reason: "it is not a decision in force") }
            return try Self.curation(id: number, in: db)!
        }
    }

    /// The journal, oldest first.
    public func curations() throws -> [CurationRecord] {
        try database.read { db in try Row.fetchAll(db, sql: "SELECT * FROM curations ORDER BY id").map(Self.curation) }
    }

    /// One decision of the journal.
    public func curation(_ number: Int64) throws -> CurationRecord? {
        try database.read { db in try Self.curation(id: number, in: db) }
    }

    private func curate(decisions newDecisions: IdentityDecisions, rewriting extractions: [Extraction], change: NodeChange?,
                        beforeCommit: () throws -> Void, journal: (Database, String) throws -> CurationRecord) throws(StoreError) -> CurationRecord {
        do {
            let record = try database.writeWithoutTransaction { db -> CurationRecord in
                let statements = try WriterStatements(db)
                var record: CurationRecord?
                try db.inTransaction(.immediate) {
                    for extraction in extractions {
                        if let id = try Int64.fetchOne(db, sql: "SELECT id FROM sources WHERE path = ?", arguments: [extraction.document.source]) {
                            try deleteSource(id: id, in: db)
                        }
                        try write(extraction, in: db, statements: statements, decisions: newDecisions)
                    }
                    if let change { try Self.set(change, in: db) }
                    try Self.collectGarbage(in: db)
                    record = try journal(db, statements.timestamps.string(from: Date()))
                    try beforeCommit()
                    return .commit
                }
                return record!
            }
            decisions.withLock { $0 = newDecisions }
            return record
        } catch let error as StoreError {
            throw error
        } catch {
            throw .writeFailed(path: path, source: extractions.map(\.document.source).joined(separator: ", "), reason: "\(error)")
        }
    }

    /// A rename keeps the old name as an alias, so the node is still found by it.
    private static func set(_ change: NodeChange, in db: Database) throws {
        switch change.field {
        case .name:
            try db.execute(sql: """
                INSERT OR IGNORE INTO aliases (entity_id, alias) SELECT id, name FROM entities WHERE key = ? AND name != ?
                """, arguments: [change.key, change.value])
            try db.execute(sql: "UPDATE entities SET name = ? WHERE key = ?", arguments: [change.value, change.key])
            try db.execute(sql: "DELETE FROM aliases WHERE alias = ? AND entity_id IN (SELECT id FROM entities WHERE key = ?)",
                           arguments: [change.value, change.key])
        case .type:
            try db.execute(sql: "UPDATE entities SET type = ? WHERE key = ?", arguments: [change.value, change.key])
        }
    }

    private static func curation(id: Int64, in db: Database) throws -> CurationRecord? {
        try Row.fetchOne(db, sql: "SELECT * FROM curations WHERE id = ?", arguments: [id]).map(curation)
    }

    private static func curation(_ row: Row) -> CurationRecord {
        let kind = IdentityDecision.Kind(rawValue: row["decision"]) ?? .sameAs
        let sources = (try? JSONDecoder().decode([String].self, from: Data((row["sources"] as String).utf8))) ?? []
        return CurationRecord(number: row["id"], decidedAt: row["decided_at"],
                              decision: IdentityDecision(kind, subject: row["subject"], object: row["object"], note: row["note"]),
                              previous: row["previous"], sources: sources, undoneAt: row["undone_at"])
    }

    private static func encodeSources(_ sources: [String]) -> String {
        String(decoding: (try? JSONEncoder().encode(sources)) ?? Data("[]".utf8), as: UTF8.self)
    }
}
