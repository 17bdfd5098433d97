import AnnalsExtract
import AnnalsKnowledge
import AnnalsText
import ArgumentParser
import Foundation

/// `annals extract`: prints the documents read from report files.
struct ExtractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Read reports and print their articles with the dates, people, places, organisations, sites and works they name.",
        discussion: """
        Reads each report (.txt, .html/.htm, .pdf), finds its masthead (publisher, \
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
        let json = format == .json ? ExtractJSON(knowledge: knowledge) : nil
        var failed = false
        // Each report is read, printed and let go before the next.
        for path in paths {
            do {
                let document = try reader.read(path)
                if verbose { Console.error(Self.describe(document)) }
                let extraction = extractor.extract(document)
                if let json {
                    try json.add(extraction)
                } else {
                    Console.output(TextRendering.render(extraction))
                }
            } catch let error as ReadError {
                Console.error("annals: \(error)")
                json?.add(error)
                failed = true
            }
        }
        try json?.finish()
        if failed { throw ExitCode(1) }
    }

    static func describe(_ document: Document) -> String {
        var parts = ["\(document.source): \(document.format.rawValue)",
                     "encoding \(document.encoding.encoding.rawValue) (\(document.encoding.reason))"]
        if document.script == .traditional {
            parts.append("traditional script, converted with \(document.scriptEngine?.rawValue ?? "?")")
        }
        parts.append("\(document.articles.count) article\(document.articles.count == 1 ? "" : "s")")
        return parts.joined(separator: "; ")
    }
}
