import CLibXML2
import Foundation
import GRDB
import Testing
import AnnalsExtract
import AnnalsGraph
import AnnalsKnowledge
import AnnalsQuery
import AnnalsText
@testable import AnnalsExport

enum ExportFixtures {
    static let projectRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let knowledge = try! KnowledgeBase.shared()

    static func folder() -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("annals-export-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }

    /// The sample bulletin and the two later issues of the query tests.
    static let store: GraphStore = {
        let store = try! GraphStore(path: folder() + "/store.sqlite", knowledge: knowledge)
        let paths = ["graph/sources/cq-dangshi-2020-12-10.txt", "Tests/AnnalsQueryTests/Fixtures/cq-dangshi-2020-12-30.txt",
                     "Tests/AnnalsQueryTests/Fixtures/cq-dangshi-2021-01-20.txt"].map { projectRoot.appendingPathComponent($0).path }
        let extractor = Extractor(knowledge: knowledge)
        for path in paths { _ = try! store.ingest(extractor.extract(try! ReportReader().read(path))) }
        return store
    }()

    static func selection(_ query: TimelineQuery) throws -> GraphSelection {
        var query = query
        query.includeUndated = true
        return try GraphSelection.around(events: try QueryEngine(store: store, knowledge: knowledge).eventIDs(query), in: store)
    }

    static func count(_ sql: String, _ arguments: StatementArguments = []) throws -> Int {
        try store.read { try Int.fetchOne($0, sql: sql, arguments: arguments) ?? 0 }
    }
}

/// The GraphML file read back with libxml2's tree API: nodes and edges with
/// their data by key name.
struct ParsedGraphML {
    var keys: [String: (name: String, domain: String, type: String)] = [:]
    var nodes: [(id: String, data: [String: String])] = []
    var edges: [(id: String, source: String, target: String, data: [String: String])] = []
    var edgeDefault = ""

    init(path: String) throws {
        guard let document = xmlReadFile(path, nil, Int32(XML_PARSE_NONET.rawValue)) else { throw CocoaError(.fileReadCorruptFile) }
        defer { xmlFreeDoc(document) }
        func attribute(_ node: xmlNodePtr, _ name: String) -> String {
            guard let value = xmlGetProp(node, name) else { return "" }
            defer { clibxml2_free(value) }
            return String(cString: value)
        }
        func name(_ node: xmlNodePtr) -> String { String(cString: node.pointee.name) }
        func text(_ node: xmlNodePtr) -> String {
            guard let value = xmlNodeGetContent(node) else { return "" }
            defer { clibxml2_free(value) }
            return String(cString: value)
        }
        func children(_ node: xmlNodePtr) -> [xmlNodePtr] {
            var result: [xmlNodePtr] = []
            var child = node.pointee.children
            while let current = child {
                if current.pointee.type == XML_ELEMENT_NODE { result.append(current) }
                child = current.pointee.next
            }
            return result
        }
        guard let root = xmlDocGetRootElement(document) else { throw CocoaError(.fileReadCorruptFile) }
        for element in children(root) {
            if name(element) == "key" {
                keys[attribute(element, "id")] = (attribute(element, "attr.name"), attribute(element, "for"), attribute(element, "attr.type"))
            } else if name(element) == "graph" {
                edgeDefault = attribute(element, "edgedefault")
                for item in children(element) {
                    var data: [String: String] = [:]
                    for child in children(item) where name(child) == "data" {
                        if let key = keys[attribute(child, "key")], !key.name.isEmpty { data[key.name] = text(child) }
                    }
                    if name(item) == "node" {
                        nodes.append((attribute(item, "id"), data))
                    } else if name(item) == "edge" {
                        edges.append((attribute(item, "id"), attribute(item, "source"), attribute(item, "target"), data))
                    }
                }
            }
        }
    }
}

@Suite("GraphML")
struct GraphMLTests {
    let store = ExportFixtures.store

    @Test func wholeStoreCountsEqualTheStore() throws {
        let path = ExportFixtures.folder() + "/graph.graphml"
        let counts = try GraphMLWriter().write(GraphStream(store: store), to: path)
        let nodes = try ExportFixtures.count("SELECT (SELECT COUNT(*) FROM sources) + (SELECT COUNT(*) FROM articles) + (SELECT COUNT(*) FROM events) + (SELECT COUNT(*) FROM entities)")
        #expect(counts.nodes == nodes)
        #expect(counts.edges == (try ExportFixtures.count("SELECT COUNT(*) FROM edges")))
        let parsed = try ParsedGraphML(path: path)
        #expect(parsed.nodes.count == nodes && parsed.edges.count == counts.edges)
        #expect(parsed.edgeDefault == "directed")
    }

    /// The selection of --place 北碚区 and --region 湘鄂川黔, counted again in SQL.
    @Test(arguments: [TimelineQuery(place: "北碚区"), TimelineQuery(region: "湘鄂川黔")])
    func filteredCountsEqualTheStoresCountsForTheSelection(query: TimelineQuery) throws {
        let selection = try ExportFixtures.selection(query)
        let path = ExportFixtures.folder() + "/part.graphml"
        let counts = try GraphMLWriter().write(GraphStream(store: store, selection: selection), to: path)
        var all = query
        all.includeUndated = true
        let events = try QueryEngine(store: store, knowledge: ExportFixtures.knowledge).eventIDs(all)
        #expect(!events.isEmpty)
        let list = "(" + events.map(String.init).joined(separator: ",") + ")"
        let articles = "(SELECT article_id FROM events WHERE id IN \(list))"
        let reports = "(SELECT source_id FROM articles WHERE id IN \(articles))"
        let entities = """
            (SELECT to_id FROM edges WHERE from_kind = 'event' AND from_id IN \(list) AND to_kind = 'entity'
             UNION SELECT from_id FROM edges WHERE to_kind = 'event' AND to_id IN \(list) AND from_kind = 'entity')
            """
        let nodes = try ExportFixtures.count("""
            SELECT (SELECT COUNT(*) FROM sources WHERE id IN \(reports)) + (SELECT COUNT(*) FROM articles WHERE id IN \(articles))
                 + \(events.count) + (SELECT COUNT(*) FROM entities WHERE id IN \(entities))
            """)
        func inside(_ kind: String, _ id: String) -> String {
            "((\(kind) = 'report' AND \(id) IN \(reports)) OR (\(kind) = 'article' AND \(id) IN \(articles)) OR (\(kind) = 'event' AND \(id) IN \(list)) OR (\(kind) = 'entity' AND \(id) IN \(entities)))"
        }
        let edges = try ExportFixtures.count("SELECT COUNT(*) FROM edges WHERE \(inside("from_kind", "from_id")) AND \(inside("to_kind", "to_id"))")
        #expect(counts.nodes == nodes)
        #expect(counts.edges == edges)
        let parsed = try ParsedGraphML(path: path)
        let ids = Set(parsed.nodes.map(\.id))
        #expect(parsed.edges.allSatisfy { ids.contains($0.source) && ids.contains($0.target) })
    }

    @Test func roundTripRebuildsTheSameNodesEdgesAndAttributes() throws {
        let path = ExportFixtures.folder() + "/graph.graphml"
        let stream = GraphStream(store: store)
        try GraphMLWriter().write(stream, to: path)
        let parsed = try ParsedGraphML(path: path)
        var nodes: [String: [String: String]] = [:]
        try stream.forEachNode { node in
            var data: [String: String] = [:]
            for (index, value) in node.values.enumerated() { if let value { data[GraphStream.nodeKeys[index].name] = value.text } }
            nodes[node.id] = data
        }
        var edges: [String: (String, String, [String: String])] = [:]
        try stream.forEachEdge { edge in
            var data: [String: String] = [:]
            for (index, value) in edge.values.enumerated() { if let value { data[GraphStream.edgeKeys[index].name] = value.text } }
            edges[edge.id] = (edge.source, edge.target, data)
        }
        #expect(parsed.nodes.count == nodes.count && parsed.edges.count == edges.count)
        for node in parsed.nodes { #expect(nodes[node.id] == node.data, "node \(node.id)") }
        for edge in parsed.edges {
            let expected = try #require(edges[edge.id])
            #expect(expected.0 == edge.source && expected.1 == edge.target && expected.2 == edge.data, "edge \(edge.id)")
        }
        // What a historian looks for is there: a place with its code and coordinates, typed.
        let beibei = try #require(parsed.nodes.first { $0.data["name"] == "北碚区" })
        #expect(beibei.id.hasPrefix("place-") && beibei.data["adcode"] == "500109")
        #expect(Double(beibei.data["lat"] ?? "") != nil && Double(beibei.data["lng"] ?? "") != nil)
        #expect(parsed.keys["node_lat"]?.type == "double" && parsed.keys["node_year"]?.type == "int")
        let exhibition = try #require(parsed.nodes.first { $0.data["event_type"] == "exhibition" })
        #expect(exhibition.data["date"] == "2020-11-23" && exhibition.data["year"] == "2020" && exhibition.data["report"]?.hasSuffix(".txt") == true)
        #expect(parsed.edges.contains { $0.data["label"] == "participated_in" && $0.data["interaction"] == "participated_in" && $0.data["role"] != nil })
    }

    @Test func twoExportsOfTheSameStoreAreByteIdentical() throws {
        let folder = ExportFixtures.folder()
        for name in ["a", "b"] {
            try GraphMLWriter().write(GraphStream(store: store), to: "\(folder)/\(name).graphml")
            try GEXFWriter().write(GraphStream(store: store), to: "\(folder)/\(name).gexf")
        }
        #expect(FileManager.default.contentsEqual(atPath: "\(folder)/a.graphml", andPath: "\(folder)/b.graphml"))
        #expect(FileManager.default.contentsEqual(atPath: "\(folder)/a.gexf", andPath: "\(folder)/b.gexf"))
    }

    @Test func yEdVariantCarriesLabelsAndColours() throws {
        let path = ExportFixtures.folder() + "/graph.yed.graphml"
        try GraphMLWriter(yEd: true).write(GraphStream(store: store), to: path)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains("xmlns:y=\"http://www.yworks.com/xml/graphml\""))
        #expect(text.contains("yfiles.type=\"nodegraphics\""))
        #expect(text.contains("<y:NodeLabel>北碚区</y:NodeLabel>"))
        #expect(text.contains("<y:Fill color=\"#43A047\""))   // places are green
    }

    @Test func charactersXMLForbidsAreRemovedAndMarkupIsEscaped() {
        #expect(XMLStreamWriter.clean("红岩\u{1}精神\u{FFFE}\u{B}") == "红岩精神")
        #expect(XMLStreamWriter.clean("第一\t第二\n") == "第一\t第二\n")
        let path = ExportFixtures.folder() + "/escape.xml"
        let xml = try! XMLStreamWriter(path: path)
        xml.element("t", ["a": "<\"&\u{2}"], text: "a < b & c\u{7}")
        try! xml.finish()
        let text = try! String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains("a=\"&lt;&quot;&amp;\"") && text.contains(">a &lt; b &amp; c</t>"))
    }

    /// The edge path writes bytes itself: ids, numbers and cached escapes
    /// must be what the value-by-value path gives.
    @Test func byteWritersAgreeWithTheStringForms() {
        let chunk = XMLChunk(capacity: 4)   // small: the buffer must grow
        for id: Int64 in [0, 7, 123, 999_999, 1_000_000, 12_345_678] {
            chunk.removeAll()
            chunk.nodeID(kind: "person", id: id)
            #expect(String(decoding: chunk.bytes, as: UTF8.self) == GraphStream.nodeID("person", id))
        }
        for value: Int64 in [0, 9, 10, 4_096, Int64.max, -42] {
            chunk.removeAll()
            chunk.integer(value)
            #expect(String(decoding: chunk.bytes, as: UTF8.self) == String(value))
        }
        chunk.removeAll()
        chunk.data(Array("<data key=\"edge_weight\">".utf8), decimal: 3)
        #expect(String(decoding: chunk.bytes, as: UTF8.self) == "<data key=\"edge_weight\">" + AttributeValue.double(3).text + "</data>")
        for value in [0.0, 29.5612345678, -106.4, 1e20, 1.0 / 3.0] {
            #expect(AttributeValue.double(value).text == String(format: "%.6f", value))
        }
        var texts = EscapedTexts()
        let title = "北碚区委<常委会>&“红岩”"
        var utf8 = Array(title.utf8)
        let escaped = utf8.withUnsafeMutableBufferPointer { texts.escaped(UnsafeBufferPointer($0)) }
        let again = utf8.withUnsafeMutableBufferPointer { texts.escaped(UnsafeBufferPointer($0)) }
        let direct = XMLChunk()
        direct.text(title)
        #expect(escaped == direct.bytes && again == escaped)
        #expect(String(decoding: escaped, as: UTF8.self) == "北碚区委&lt;常委会&gt;&amp;“红岩”")
        var lookups = 0
        for _ in 0..<3 { _ = texts.escaped(slot: .article, id: 5) { lookups += 1; return title } }
        #expect(lookups == 1)
    }

    /// Node values are filled by position: the positions must name the keys.
    @Test func nodeKeyPositionsMatchTheDeclaredKeys() {
        for (index, key) in GraphStream.nodeKeys.enumerated() {
            let position = GraphStream.NodeKey(rawValue: index)
            #expect(position != nil)
            let snake = "\(position!)".reduce(into: "") { name, character in
                name += character.isUppercase ? "_" + character.lowercased() : String(character)
            }
            #expect(snake == key.name)
        }
        #expect(GraphStream.NodeKey(rawValue: GraphStream.nodeKeys.count) == nil)
    }
}

@Suite("GEXF, JSON, CSV, TimelineJS and GeoJSON")
struct OtherFormatTests {
    let store = ExportFixtures.store

    func json(_ path: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path)))
    }

    @Test func gexfIsDynamicWithIntervalsAndColours() throws {
        let path = ExportFixtures.folder() + "/graph.gexf"
        let counts = try GEXFWriter().write(GraphStream(store: store), to: path)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains("<gexf xmlns=\"http://gexf.net/1.3\"") && text.contains("version=\"1.3\""))
        #expect(text.contains("mode=\"dynamic\"") && text.contains("timeformat=\"date\"") && text.contains("timerepresentation=\"interval\""))
        #expect(text.contains("start=\"1950-01-01\" end=\"1959-12-31\""))     // 20世纪50年代
        #expect(text.contains("<viz:color r=\"229\" g=\"57\" b=\"53\"/>"))       // events are red
        #expect(text.contains("<attribute id=\"year\" title=\"year\" type=\"integer\"/>"))
        #expect(counts.edges == (try ExportFixtures.count("SELECT COUNT(*) FROM edges")))
    }

    @Test func nodeLinkJSONForD3AndCytoscape() throws {
        let folder = ExportFixtures.folder()
        let counts = try NodeLinkJSONWriter(shape: .d3).write(GraphStream(store: store), to: folder + "/graph.json")
        try NodeLinkJSONWriter(shape: .cytoscape).write(GraphStream(store: store), to: folder + "/graph.cyjs")
        let d3 = try #require(try json(folder + "/graph.json") as? [String: Any])
        let nodes = try #require(d3["nodes"] as? [[String: Any]]), links = try #require(d3["links"] as? [[String: Any]])
        #expect(nodes.count == counts.nodes && links.count == counts.edges)
        let ids = Set(nodes.compactMap { $0["id"] as? String })
        #expect(links.allSatisfy { ids.contains($0["source"] as? String ?? "") && ids.contains($0["target"] as? String ?? "") })
        #expect(nodes.contains { $0["name"] as? String == "北碚区" && $0["lat"] is Double })
        let cytoscape = try #require(try json(folder + "/graph.cyjs") as? [String: Any])
        let elements = try #require(cytoscape["elements"] as? [String: Any])
        #expect((elements["nodes"] as? [[String: Any]])?.first?["data"] is [String: Any])
        #expect((elements["edges"] as? [[String: Any]])?.count == counts.edges)
    }

    @Test func neo4jImportFiles() throws {
        let folder = ExportFixtures.folder()
        let counts = try Neo4jCSVWriter().write(GraphStream(store: store), toFolder: folder)
        let nodes = try String(contentsOfFile: folder + "/nodes.csv", encoding: .utf8).split(separator: "\n")
        let relationships = try String(contentsOfFile: folder + "/relationships.csv", encoding: .utf8).split(separator: "\n")
        #expect(nodes.first?.hasPrefix("node_id:ID,:LABEL,label,name,type") == true)
        #expect(nodes.first?.contains("lat:double,lng:double") == true && nodes.first?.contains("aliases:string[]") == true)
        #expect(relationships.first?.hasPrefix(":START_ID,:END_ID,:TYPE,edge_id,label,interaction,weight:double") == true)
        #expect(nodes.count == counts.nodes + 1 && relationships.count == counts.edges + 1)
        #expect(nodes.contains { $0.hasPrefix("place-") && $0.contains(",Place,\"北碚区\"") })
        #expect(relationships.contains { $0.contains(",PARTICIPATED_IN,") })
    }

    @Test func timelineJSHasTheDocumentedShape() throws {
        let path = ExportFixtures.folder() + "/timeline.json"
        let count = try TimelineJSWriter().write(GraphStream(store: store, selection: try ExportFixtures.selection(TimelineQuery(place: "北碚区"))), to: path)
        let timeline = try #require(try json(path) as? [String: Any])
        #expect((timeline["title"] as? [String: Any])?["text"] is [String: Any])
        let events = try #require(timeline["events"] as? [[String: Any]])
        #expect(events.count == count && count == 6)
        for event in events {
            let start = try #require(event["start_date"] as? [String: Any])
            #expect(start["year"] is Int)
            #expect(event["end_date"] is [String: Any])
            #expect((event["text"] as? [String: Any])?["headline"] is String)
            #expect(event["group"] is String && event["display_date"] is String)
        }
        let decade = try #require(events.first { $0["display_date"] as? String == "20世纪50年代" })
        #expect((decade["start_date"] as? [String: Any])?.count == 1)        // the year only
        #expect((decade["end_date"] as? [String: Any])?["year"] as? Int == 1959)
        let day = try #require(events.first { ($0["start_date"] as? [String: Any])?["day"] as? Int == 23 })
        #expect((day["start_date"] as? [String: Any])?["month"] as? Int == 11)
    }

    @Test func timelineJSEscapesReportText() {
        #expect(TimelineJSWriter.html("《破晓》<b>&") == "《破晓》&lt;b&gt;&amp;")
    }

    @Test func geoJSONHasPlacesAndSitesWithTheirEvents() throws {
        let path = ExportFixtures.folder() + "/places.geojson"
        let count = try GeoJSONWriter().write(GraphStream(store: store), to: path)
        let collection = try #require(try json(path) as? [String: Any])
        #expect(collection["type"] as? String == "FeatureCollection")
        let features = try #require(collection["features"] as? [[String: Any]])
        #expect(features.count == count && count > 10)
        for feature in features {
            let coordinates = try #require((feature["geometry"] as? [String: Any])?["coordinates"] as? [Double])
            #expect(coordinates.count == 2 && (73...136).contains(coordinates[0]) && (3...54).contains(coordinates[1]))
        }
        let property = { (name: String) in features.compactMap { $0["properties"] as? [String: Any] }.first { $0["name"] as? String == name } }
        let beibei = try #require(property("北碚区"))
        #expect(beibei["adcode"] as? String == "500109")
        #expect((beibei["events"] as? [[String: Any]])?.contains { $0["date"] as? String == "2020-11-24" } == true)
        let office = try #require(property("中共中央西南局缙云山办公地旧址"))
        #expect(office["coordinates_from"] as? String == "北碚区")
        #expect((office["events"] as? [[String: Any]])?.map { $0["date"] as? String } == ["195X", "2009-12", "2020-11-23", "2020-12-15", "2021-01-08"])
    }
}
