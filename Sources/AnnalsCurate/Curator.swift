import AnnalsExtract
import AnnalsGraph
import AnnalsKnowledge
import AnnalsQuery
import AnnalsText
import Foundation

/// A historian's corrections to the graph: merge two nodes, keep a node's
/// mentions in some reports apart, reject a span as no entity, rename,
/// retype, and undo any of them.
///
/// Each decision is applied to the store at once, without a rebuild: the
/// reports it can change (those that mention the nodes concerned) are read
/// from their files and written again under the new decisions, in one
/// transaction with the journal entry and the decisions file
/// (`graph/knowledge/identity/decisions.tsv`), so the next `annals build`
/// anywhere makes the same graph.
///
/// ```swift
/// let curator = Curator(engine: engine)
/// let merged = try curator.merge("徐赛声", into: "徐塞声", note: "a typo of the name")
/// try curator.undo(merged.number)
/// ```
public struct Curator: Sendable {
    public let engine: QueryEngine
    /// The decisions file written with every decision.
    public let decisionsPath: String

    /// One decision at a time in this process: each reads the decisions
    /// file, changes it and writes it back.
    private static let serial = NSLock()

    public init(engine: QueryEngine, decisionsPath: String? = nil) {
        self.engine = engine
        self.decisionsPath = decisionsPath ?? engine.knowledge.decisionsPath
    }

    // MARK: - Decisions

    /// Makes `name`'s node one with `target`'s: its mentions become the
    /// target's, its name an alias of the target.
    @discardableResult
    public func merge(_ name: String, into target: String, note: String = "") throws(CurationError) -> CurationRecord {
        let subject = try node(name), object = try node(target)
        let decisions = try currentDecisions()
        guard subject.key != object.key, decisions.resolve(object.key, source: "") != subject.key else { throw .sameNode(target) }
        return try apply(IdentityDecision(.sameAs, subject: subject.key, object: object.key, note: note), rewriting: try sources(of: subject.key))
    }

    /// Makes the mentions of `name` in the reports whose path holds
    /// `reports` a node of their own (two people of one name).
    @discardableResult
    public func keepApart(_ name: String, inReports reports: String, note: String = "") throws(CurationError) -> CurationRecord {
        let subject = try node(name)
        guard !reports.isEmpty else { throw .badValue("say which reports' mentions of \(subject.name) stay apart (a text of their paths)") }
        return try apply(IdentityDecision(.notSameAs, subject: subject.key, object: reports, note: note),
                         rewriting: try sources(of: subject.key, matching: reports))
    }

    /// Drops the mentions of `name` (in the reports whose path holds
    /// `reports`, or in every report when it is empty): the span is no
    /// entity, and the events it took part in go on without it.
    @discardableResult
    public func reject(_ name: String, inReports reports: String = "", note: String = "") throws(CurationError) -> CurationRecord {
        let subject = try node(name)
        return try apply(IdentityDecision(.reject, subject: subject.key, object: reports, note: note),
                         rewriting: try sources(of: subject.key, matching: reports))
    }

    /// Gives `name`'s node the canonical name `newName`; the old name stays
    /// an alias.
    @discardableResult
    public func rename(_ name: String, to newName: String, note: String = "") throws(CurationError) -> CurationRecord {
        let subject = try node(name)
        let newName = newName.trimmingCharacters(in: .whitespaces)
        guard !newName.isEmpty else { throw .badValue("a node needs a name; give the new name of \(subject.name)") }
        return try apply(IdentityDecision(.rename, subject: subject.key, object: newName, note: note), rewriting: [],
                         change: NodeChange(key: subject.key, field: .name, value: newName), previous: subject.name)
    }

    /// Makes `name`'s node of another type (a "person" that is a place).
    @discardableResult
    public func retype(_ name: String, to type: String, note: String = "") throws(CurationError) -> CurationRecord {
        let subject = try node(name)
        guard IdentityDecision.types.contains(type) else {
            throw .badValue("\(type) is no node type; the types are \(IdentityDecision.types.sorted().joined(separator: ", "))")
        }
        return try apply(IdentityDecision(.retype, subject: subject.key, object: type, note: note), rewriting: [],
                         change: NodeChange(key: subject.key, field: .type, value: type), previous: subject.type.rawValue)
    }

    /// Takes back the journal's decision `number`: it leaves the decisions
    /// file, and the reports it rewrote (and any built since that it
    /// reaches) are written again without it.
    @discardableResult
    public func undo(_ number: Int64) throws(CurationError) -> CurationRecord {
        try Self.oneAtATime { () throws(CurationError) -> CurationRecord in
            guard let record = try storeCall({ try engine.store.curation(number) }), record.undoneAt == nil else { throw .noSuchDecision(number) }
            let decision = record.decision
            let before = try currentDecisions()
            let after = before.removing(decision)
            var sources = Set(record.sources)
            switch decision.kind {
            case .sameAs: sources.formUnion(try self.sources(of: decision.object))
            case .notSameAs: sources.formUnion(try self.sources(of: decision.subject + "#" + decision.object))
            case .reject, .rename, .retype: break
            }
            let change: NodeChange? = switch decision.kind {
            case .rename: record.previous.map { NodeChange(key: decision.subject, field: .name, value: $0) }
            case .retype: record.previous.map { NodeChange(key: decision.subject, field: .type, value: $0) }
            case .sameAs, .notSameAs, .reject: nil
            }
            let extractions = try read(sources.sorted())
            return try writing(after, replacing: before) { (writeFile: () throws -> Void) throws(StoreError) in
                try engine.store.undo(number, decisions: after, rewriting: extractions, change: change, beforeCommit: writeFile)
            }
        }
    }

    /// The journal of this store, oldest first, undone decisions included.
    public func journal() throws(CurationError) -> [CurationRecord] {
        try storeCall { try engine.store.curations() }
    }

    // MARK: - Applying

    private func apply(_ decision: IdentityDecision, rewriting sources: [String], change: NodeChange? = nil,
                       previous: String? = nil) throws(CurationError) -> CurationRecord {
        for text in [decision.object, decision.note] where text.contains(where: { $0 == "\t" || $0.isNewline }) {
            throw .badValue("a decision's text cannot hold a tab or a line break: \(text.debugDescription)")
        }
        return try Self.oneAtATime { () throws(CurationError) -> CurationRecord in
            let before = try currentDecisions()
            var after = before
            after.append(decision)
            let extractions = try read(sources)
            return try writing(after, replacing: before) { (writeFile: () throws -> Void) throws(StoreError) in
                try engine.store.apply(decision, decisions: after, rewriting: extractions, change: change, previous: previous, beforeCommit: writeFile)
            }
        }
    }

    /// Runs `store` with a step that writes `after` to the decisions file
    /// inside its transaction; if the transaction fails after that, the
    /// file gets `before` back.
    private func writing(_ after: IdentityDecisions, replacing before: IdentityDecisions,
                         _ store: (() throws -> Void) throws(StoreError) -> CurationRecord) throws(CurationError) -> CurationRecord {
        var written = false
        do {
            return try store {
                try write(after)
                written = true
            }
        } catch {
            if written { try? write(before) }
            if case .writeFailed(_, _, let reason) = error, reason.hasPrefix(Self.fileFailure) {
                throw .decisionsFile(path: decisionsPath, reason: String(reason.dropFirst(Self.fileFailure.count)))
            }
            throw .store("\(error)")
        }
    }

    private static let fileFailure = "decisions file: "

    private func write(_ decisions: IdentityDecisions) throws {
        do {
            try Data(decisions.fileText.utf8).write(to: URL(fileURLWithPath: decisionsPath), options: .atomic)
        } catch {
            throw FileFailure(message: Self.fileFailure + error.localizedDescription)
        }
    }

    private struct FileFailure: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    // MARK: - Reading

    private func node(_ name: String) throws(CurationError) -> StoredEntity {
        do { return try engine.node(named: name.trimmingCharacters(in: .whitespaces)) } catch { throw .name(error) }
    }

    /// The decisions as the file holds them now.
    private func currentDecisions() throws(CurationError) -> IdentityDecisions {
        do {
            return try KnowledgeBase.identityDecisions(inFile: decisionsPath)
        } catch {
            throw .decisionsFile(path: decisionsPath, reason: "\(error)")
        }
    }

    private func sources(of key: String, matching text: String = "") throws(CurationError) -> [String] {
        let all = try storeCall { try engine.store.sources(supporting: [key]) }
        let matching = text.isEmpty ? all : all.filter { $0.contains(text) }
        if !text.isEmpty, matching.isEmpty {
            throw .badValue("no report that names \(key) has \(text.debugDescription) in its path; its reports are \(all.joined(separator: ", "))")
        }
        return matching
    }

    /// The reports read and recognised afresh from their files.
    private func read(_ sources: [String]) throws(CurationError) -> [Extraction] {
        let reader = ReportReader()
        let extractor = Extractor(knowledge: engine.knowledge)
        var extractions: [Extraction] = []
        for source in sources {
            do {
                extractions.append(extractor.extract(try reader.read(source)))
            } catch {
                throw .reportUnreadable(source: source, reason: "\(error)")
            }
        }
        return extractions
    }

    private static func oneAtATime<T>(_ body: () throws(CurationError) -> T) throws(CurationError) -> T {
        serial.lock()
        defer { serial.unlock() }
        return try body()
    }

    private func storeCall<T>(_ body: () throws -> T) throws(CurationError) -> T {
        do { return try body() } catch { throw .store("\(error)") }
    }
}
