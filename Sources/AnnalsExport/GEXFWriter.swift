/// Writes GEXF 1.3 for Gephi: a dynamic graph whose nodes and edges carry
/// date intervals (events their own, entities from their first event to
/// their last) so the timeline animates, `viz:color` by type, and
/// `viz:position` from longitude and latitude for a map-like first layout.
public struct GEXFWriter: Sendable {
    public init() {}

    @discardableResult
    public func write(_ stream: GraphStream, to path: String) throws(ExportError) -> (nodes: Int, edges: Int) {
        var stream = stream
        stream.entityActivity = true
        let modified = try stream.lastModified()
        let xml = try XMLStreamWriter(path: path)
        xml.start("gexf")
        xml.attribute("xmlns", "http://gexf.net/1.3")
        xml.attribute("xmlns:viz", "http://gexf.net/1.3/viz")
        xml.attribute("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance")
        xml.attribute("xsi:schemaLocation", "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd")
        xml.attribute("version", "1.3")
        xml.start("meta")
        xml.attribute("lastmodifieddate", modified)
        xml.element("creator", [:], text: "Annals")
        xml.element("description", [:], text: "Party-history reports as a graph: reports, articles, events, people, places, organisations, sites and works")
        xml.end()
        xml.start("graph")
        xml.attribute("mode", "dynamic")
        xml.attribute("defaultedgetype", "directed")
        xml.attribute("timeformat", "date")
        xml.attribute("timerepresentation", "interval")
        // label, id and weight are GEXF's own attributes, not declared ones.
        let nodeKeys = GraphStream.nodeKeys.enumerated().filter { $0.element.name != "label" }
        let edgeKeys = GraphStream.edgeKeys.enumerated().filter { !["label", "weight"].contains($0.element.name) }
        xml.start("attributes")
        xml.attribute("class", "node")
        xml.attribute("mode", "static")
        for (_, key) in nodeKeys { xml.empty("attribute", ["id": key.name, "title": key.name, "type": key.type.gexf]) }
        xml.end()
        xml.start("attributes")
        xml.attribute("class", "edge")
        xml.attribute("mode", "static")
        for (_, key) in edgeKeys { xml.empty("attribute", ["id": key.name, "title": key.name, "type": key.type.gexf]) }
        xml.end()

        var nodes = 0, edges = 0
        xml.start("nodes")
        try stream.forEachNode { node in
            xml.start("node")
            xml.attribute("id", node.id)
            xml.attribute("label", node.label)
            if let start = node.start, let end = node.end {
                xml.attribute("start", start)
                xml.attribute("end", end)
            }
            xml.start("attvalues")
            for (index, key) in nodeKeys {
                guard let value = node.values[index] else { continue }
                xml.empty("attvalue", ["for": key.name, "value": value.text])
            }
            xml.end()
            let colour = GraphMLWriter.colours[node.type] ?? (0x9E, 0x9E, 0x9E)
            xml.empty("viz:color", ["r": String(colour.r), "g": String(colour.g), "b": String(colour.b)])
            if case .double(let lat)? = node["lat"], case .double(let lng)? = node["lng"] {
                xml.empty("viz:position", ["x": String(format: "%.4f", lng * 10), "y": String(format: "%.4f", lat * 10), "z": "0.0"])
            }
            xml.empty("viz:size", ["value": node.type == "event" ? "8.0" : "5.0"])
            xml.end()
            nodes += 1
        }
        xml.end()
        xml.start("edges")
        try stream.forEachEdge { edge in
            xml.start("edge")
            xml.attribute("id", edge.id)
            xml.attribute("source", edge.source)
            xml.attribute("target", edge.target)
            xml.attribute("label", edge.type)
            xml.attribute("kind", edge.type)
            xml.attribute("weight", String(format: "%.1f", edge.weight))
            if let start = edge.start, let end = edge.end {
                xml.attribute("start", start)
                xml.attribute("end", end)
            }
            xml.start("attvalues")
            for (index, key) in edgeKeys {
                guard let value = edge.values[index] else { continue }
                xml.empty("attvalue", ["for": key.name, "value": value.text])
            }
            xml.end()
            xml.end()
            edges += 1
        }
        xml.end()
        xml.end()
        xml.end()
        try xml.finish()
        return (nodes, edges)
    }
}
