import AnnalsCurate
import AnnalsGraph
import AnnalsQuery
import ArgumentParser
import Foundation

/// `annals curate`: corrections to the graph, the workbench's from scripts.
struct CurateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "curate",
        abstract: "Correct the graph: merge, keep apart, reject, rename, retype; list and undo.",
        discussion: """
        Each decision changes the store at once (the reports it reaches are read again from their \
        files and rewritten) and is written to graph/knowledge/identity/decisions.tsv, so every later \
        build makes the same graph. NAME is a canonical name, an alias or a node key \
        (`annals entity NAME` prints keys; a name several nodes share needs its key).

        Examples:
          annals curate merge 徐赛声 徐塞声 --note "a misprint"
          annals curate reject 宣传 --reports 2020-12-10
          annals curate keep-apart 李明华 --reports wanzhou
          annals curate list
          annals curate undo 3
        """,
        subcommands: [Merge.self, KeepApart.self, Reject.self, Rename.self, Retype.self, List.self, Undo.self]
    )

    struct StoreOptions: ParsableArguments {
        @Option(help: "The store (default: graph/annals.sqlite).")
        var store: String = StoreLocation.defaultPath
        @Option(help: "Why, in your words (kept in the decisions file).")
        var note: String = ""

        func curator() throws -> Curator {
            let knowledge = try Loading.knowledge()
            return Curator(engine: QueryEngine(store: try Loading.existingStore(store, knowledge: knowledge), knowledge: knowledge))
        }
    }

    struct Merge: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Make NAME's node one with TARGET's; NAME stays an alias.")
        @Argument(help: "The node to merge away.") var name: String
        @Argument(help: "The node it is one with.") var target: String
        @OptionGroup var options: StoreOptions
        func run() throws { try CurateCommand.decide(options) { try $0.merge(name, into: target, note: options.note) } }
    }

    struct KeepApart: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "keep-apart", abstract: "Make NAME's mentions in some reports a node of their own.")
        @Argument(help: "The node.") var name: String
        @Option(help: "A text of the paths of the reports whose mentions stay apart.") var reports: String
        @OptionGroup var options: StoreOptions
        func run() throws { try CurateCommand.decide(options) { try $0.keepApart(name, inReports: reports, note: options.note) } }
    }

    struct Reject: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Say NAME is no entity (in some reports, or in all).")
        @Argument(help: "The node.") var name: String
        @Option(help: "A text of the paths of the reports concerned (default: every report).") var reports: String = ""
        @OptionGroup var options: StoreOptions
        func run() throws { try CurateCommand.decide(options) { try $0.reject(name, inReports: reports, note: options.note) } }
    }

    struct Rename: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Give NAME's node another canonical name; the old one stays an alias.")
        @Argument(help: "The node.") var name: String
        @Argument(help: "Its new name.") var newName: String
        @OptionGroup var options: StoreOptions
        func run() throws { try CurateCommand.decide(options) { try $0.rename(name, to: newName, note: options.note) } }
    }

    struct Retype: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Make NAME's node a person, place, organisation, site or work.")
        @Argument(help: "The node.") var name: String
        @Argument(help: "person, place, organisation, site or work.") var type: String
        @OptionGroup var options: StoreOptions
        func run() throws { try CurateCommand.decide(options) { try $0.retype(name, to: type, note: options.note) } }
    }

    struct Undo: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Take back decision N of the journal (`annals curate list`).")
        @Argument(help: "The decision's number.") var number: Int64
        @OptionGroup var options: StoreOptions
        func run() throws {
            try CurateCommand.decide(options, verb: "undone") { try $0.undo(number) }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The journal of decisions taken on this store.")
        @OptionGroup var options: StoreOptions
        func run() throws {
            let curator = try options.curator()
            let journal = try CurateCommand.curating { () throws(CurationError) in try curator.journal() }
            if journal.isEmpty { Console.output("no decisions taken on \(options.store)") }
            for record in journal { Console.output(CurateCommand.line(record)) }
        }
    }

    /// Runs a decision and prints what it did, or its error and status 1.
    static func decide(_ options: StoreOptions, verb: String = "applied", _ body: (Curator) throws -> CurationRecord) throws {
        let curator = try options.curator()
        let record: CurationRecord
        do {
            record = try body(curator)
        } catch {
            Console.error("annals: \(error)")
            throw ExitCode(1)
        }
        Console.output("\(verb): \(line(record))")
        Console.output("  \(record.sources.count) report\(record.sources.count == 1 ? "" : "s") rewritten; decisions in \(curator.decisionsPath)")
    }

    static func curating<T>(_ body: () throws(CurationError) -> T) throws -> T {
        do {
            return try body()
        } catch {
            Console.error("annals: \(error)")
            throw ExitCode(1)
        }
    }

    static func line(_ record: CurationRecord) -> String {
        let decision = record.decision
        let object = decision.object.isEmpty && decision.kind == .reject ? "(every report)" : decision.object
        let note = decision.note.isEmpty ? "" : "  — \(decision.note)"
        let state = record.undoneAt.map { "  [undone \($0)]" } ?? ""
        return "\(record.number)  \(record.decidedAt)  \(decision.kind.rawValue)  \(decision.subject)  \(object)\(note)\(state)"
    }
}
