import ArgumentParser

/// The `annals` command: reads party-history reports and builds a knowledge
/// graph and timeline from them.
@main
struct Annals: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "annals",
        abstract: "Turn Chinese party-history reports into a knowledge graph and a timeline.",
        discussion: """
        Annals reads work bulletins and reports (.txt in UTF-8, UTF-16 or GB18030, \
        .html, .pdf, .docx, .doc; simplified or traditional script) and splits them into articles.

        Examples:
          annals build                      read the sample into graph/annals.sqlite
          annals extract graph/sources/cq-dangshi-2020-12-10.txt --format text
          annals serve                      the workbench at http://127.0.0.1:8080/
          annals curate merge 徐赛声 徐塞声     correct the graph (also in the workbench)
        """,
        subcommands: [BuildCommand.self, ExtractCommand.self, StatsCommand.self, RemoveCommand.self, TimelineCommand.self, EntityCommand.self, SitesCommand.self, ExportCommand.self, CurateCommand.self, ServeCommand.self]
    )
}
