import AnnalsExtract
import AnnalsKnowledge
import AnnalsText
import ArgumentParser
import Dispatch
import Foundation

/// `annals extract`: prints the documents read from report files.
struct ExtractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Read reports and print their articles with the dates, people, places, organisations, sites and works they name.",
        discussion: """
        Reads each report (.txt, .html/.htm, .pdf, .docx, .doc), finds its masthead (publisher, \
        issue date), table of contents, sections and articles, and prints them. \
        With no files, reads the bundled sample bulletin in graph/sources/.

        A file that cannot be read is reported on standard error with its name and \
        the problem; the other files are still printed, and the exit status is 1.

        Examples:
          annals extract graph/sources/cq-dangshi-2020-12-10.txt
          annals extract report.html bulletin.pdf --format text --verbose
        """
    )

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
        case json, text
    }

    @Argument(help: "Report files to read (default: the sample bulletins in graph/sources/).")
    var files: [String] = []

    @Option(help: "Output format: json (for programs) or text (for reading).")
    var format: OutputFormat = .json

    @Flag(name: .shortAndLong, help: "Say on standard error how each file was read (encoding and why, script, articles).")
    var verbose = false

    func run() throws {
        let paths = files.isEmpty ? try SampleSources.paths() : files
        let knowledge = try Loading.knowledge()
        let extractor = Extractor(knowledge: knowledge)
        let reader = ReportReader()
        let json = format == .json ? ExtractJSON() : nil
        let format = format, verbose = verbose
        var failed = false
        // Reports are read, recognised and rendered on every core, a batch
        // at a time, and printed in order as each batch is done: memory
        // holds one batch however many reports are read.
        let batchSize = max(2, ProcessInfo.processInfo.activeProcessorCount * 4)
        for start in stride(from: 0, to: paths.count, by: batchSize) {
            let batch = Array(paths[start..<min(paths.count, start + batchSize)])
            let results = RenderedBatch(count: batch.count)
            DispatchQueue.concurrentPerform(iterations: batch.count) { index in
                results.set(index, Result { () throws -> Rendered in
                    let document = try reader.read(batch[index])
                    let extraction = extractor.extract(document)
                    let output: Rendered.Output = format == .json
                        ? .json(try ExtractJSON.render(extraction, knowledge: knowledge))
                        : .text(TextRendering.render(extraction))
                    return Rendered(description: verbose ? Self.describe(document) : nil, output: output)
                })
            }
            for result in results.all {
                switch result {
                case .success(let rendered):
                    if let description = rendered.description { Console.error(description) }
                    switch rendered.output {
                    case .json(let bytes): try json?.add(bytes)
                    case .text(let text): Console.output(text)
                    }
                case .failure(let error as ReadError):
                    Console.error("annals: \(error)")
                    json?.add(error)
                    failed = true
                case .failure(let error):
                    throw error
                }
            }
        }
        try json?.finish()
        if failed { throw ExitCode(1) }
    }

    /// One report as printed: what --verbose says of it, and its output.
    struct Rendered: Sendable {
        enum Output: Sendable {
            case json([UInt8])
            case text(String)
        }
        var description: String?
        var output: Output
    }

    /// The results of one batch, filled from several threads.
    final class RenderedBatch: @unchecked Sendable {
        private var results: [Result<Rendered, any Error>?]
        private let lock = NSLock()

        init(count: Int) { results = Array(repeating: nil, count: count) }

        func set(_ index: Int, _ result: Result<Rendered, any Error>) {
            lock.lock()
            results[index] = result
            lock.unlock()
        }

        /// Every result, in input order (once the batch is done).
        var all: [Result<Rendered, any Error>] {
            lock.lock()
            defer { lock.unlock() }
            return results.map { $0! }
        }
    }

    static func describe(_ document: Document) -> String {
        var parts = ["\(document.source): \(document.format.rawValue)",
                     "encoding \(document.encoding.encoding.rawValue) (\(document.encoding.reason))"]
        if document.script == .traditional {
            parts.append("traditional script, converted with \(document.scriptEngine?.rawValue ?? "?")")
        }
        if document.controlsRemoved > 0 {
            parts.append("\(document.controlsRemoved) control character\(document.controlsRemoved == 1 ? "" : "s") or terminal escape\(document.controlsRemoved == 1 ? "" : "s") removed")
        }
        parts.append("\(document.articles.count) article\(document.articles.count == 1 ? "" : "s")")
        return parts.joined(separator: "; ")
    }
}
