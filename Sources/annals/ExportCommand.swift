import AnnalsExport
import AnnalsGraph
import AnnalsQuery
import ArgumentParser
import Foundation

/// `annals export`: the graph, or the part a timeline query selects, for
/// visualisers, databases and timelines.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export the graph for Gephi, yEd, Cytoscape, networkx, igraph, Neo4j, TimelineJS and maps.",
        discussion: """
        FORMAT is graphml (add --yed for yEd's labels and colours), gexf (Gephi, with its timeline), \
        json (graph.json for D3 and networkx, graph.cyjs for Cytoscape), csv (Neo4j import files), \
        timelinejs or geojson. With filters, the export holds the matching events and everything \
        attached to them; without, the whole store.

        Examples:
          annals export graphml
          annals export gexf --region 湘鄂川黔 --output exports/xiangechuanqian.gexf
          annals export csv --output exports/neo4j
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case graphml, gexf, json, csv, timelinejs, geojson }

    @Argument(help: "graphml, gexf, json, csv, timelinejs or geojson.")
    var format: Format
    @Flag(help: "GraphML with yFiles graphics, for yEd.")
    var yed = false
    @Option(help: "The file (a folder for csv and json). Default: exports/ with the format's file name.")
    var output: String?
    @OptionGroup var filters: EventFilters
    @Option(help: "The store (default: graph/annals.sqlite).")
    var store: String = StoreLocation.defaultPath

    static func defaultName(_ format: Format, yed: Bool) -> String {
        switch format {
        case .graphml: yed ? "graph.yed.graphml" : "graph.graphml"
        case .gexf: "graph.gexf"
        case .json: "."
        case .csv: "neo4j"
        case .timelinejs: "timeline.json"
        case .geojson: "places.geojson"
        }
    }

    func run() throws {
        let knowledge = try Loading.knowledge()
        let graph = try Loading.existingStore(store, knowledge: knowledge)
        let exportsFolder = (FileManager.default.fileExists(atPath: "graph") ? "" : SampleSources.packageRoot() + "/") + "exports"
        let path = output ?? exportsFolder + "/" + Self.defaultName(format, yed: yed)
        var query = filters.query
        query.includeUndated = true
        do {
            let selection = query.selectsEverything ? nil : try GraphSelection.around(
                events: try answering { () throws(QueryError) in try QueryEngine(store: graph, knowledge: knowledge).eventIDs(query) }, in: graph)
            let stream = GraphStream(store: graph, selection: selection)
            let folder = format == .csv || format == .json ? path : URL(fileURLWithPath: path).deletingLastPathComponent().path
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw ExportError.cannotWrite(path: folder, reason: "the folder cannot be created (\(error.localizedDescription))")
            }
            let summary: String
            switch format {
            case .graphml:
                let counts = try GraphMLWriter(yEd: yed).write(stream, to: path)
                summary = "\(path): \(counts.nodes) nodes, \(counts.edges) edges"
            case .gexf:
                let counts = try GEXFWriter().write(stream, to: path)
                summary = "\(path): \(counts.nodes) nodes, \(counts.edges) edges"
            case .json:
                let counts = try NodeLinkJSONWriter(shape: .d3).write(stream, to: path + "/graph.json")
                try NodeLinkJSONWriter(shape: .cytoscape).write(stream, to: path + "/graph.cyjs")
                summary = "\(path)/graph.json, \(path)/graph.cyjs: \(counts.nodes) nodes, \(counts.edges) edges"
            case .csv:
                let counts = try Neo4jCSVWriter().write(stream, toFolder: path)
                summary = "\(path)/nodes.csv, \(path)/relationships.csv: \(counts.nodes) nodes, \(counts.edges) relationships"
            case .timelinejs:
                summary = "\(path): \(try TimelineJSWriter().write(stream, to: path)) dated events"
            case .geojson:
                summary = "\(path): \(try GeoJSONWriter().write(stream, to: path)) places and sites"
            }
            Console.output(summary)
        } catch let error as ExportError {
            Console.error("annals: \(error)")
            throw ExitCode(1)
        }
    }
}
