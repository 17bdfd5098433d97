/// Writes GraphML that Gephi, yEd, Cytoscape, networkx and igraph open
/// well (see `../shared/docs/export-conventions.md`): typed keys with
/// descriptive ids, `label` and `name` on every node, `label`,
/// `interaction` and `weight` on every edge, nodes before edges, one flat
/// directed graph, streamed from the store through libxml2.
public struct GraphMLWriter: Sendable {
    /// Adds yFiles graphics so that yEd shows labels and colours by type.
    public var yEd: Bool

    public init(yEd: Bool = false) { self.yEd = yEd }

    /// Node colours by type (also used by GEXF and yEd).
    static let colours: [String: (r: Int, g: Int, b: Int)] = [
        "report": (0x75, 0x75, 0x75), "article": (0x60, 0x7D, 0x8B), "event": (0xE5, 0x39, 0x35), "person": (0x1E, 0x88, 0xE5),
        "place": (0x43, 0xA0, 0x47), "organisation": (0xFB, 0x8C, 0x00), "site": (0x8E, 0x24, 0xAA), "work": (0x6D, 0x4C, 0x41),
    ]

    static func hex(_ type: String) -> String {
        let colour = colours[type] ?? (0x9E, 0x9E, 0x9E)
        return "#" + [colour.r, colour.g, colour.b].map { String(format: "%02X", $0) }.joined()
    }

    /// Writes the graph to `path`; returns the node and edge counts.
    @discardableResult
    public func write(_ stream: GraphStream, to path: String) throws(ExportError) -> (nodes: Int, edges: Int) {
        // No indentation: a million edges would carry 100 MB of spaces.
        let xml = try XMLStreamWriter(path: path, indent: false)
        xml.start("graphml")
        xml.attribute("xmlns", "http://graphml.graphdrawing.org/xmlns")
        xml.attribute("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance")
        if yEd { xml.attribute("xmlns:y", "http://www.yworks.com/xml/graphml") }
        xml.attribute("xsi:schemaLocation", "http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd")
        for key in GraphStream.nodeKeys {
            xml.empty("key", ["id": "node_" + key.name, "for": "node", "attr.name": key.name, "attr.type": key.type.graphML])
        }
        for key in GraphStream.edgeKeys {
            xml.empty("key", ["id": "edge_" + key.name, "for": "edge", "attr.name": key.name, "attr.type": key.type.graphML])
        }
        if yEd {
            xml.empty("key", ["id": "node_graphics", "for": "node", "yfiles.type": "nodegraphics"])
            xml.empty("key", ["id": "edge_graphics", "for": "edge", "yfiles.type": "edgegraphics"])
        }
        xml.start("graph")
        xml.attribute("id", "annals")
        xml.attribute("edgedefault", "directed")
        // `<data key="node_name">`, once per key: an element's opening is
        // one copy, not three.
        let nodeKeyIDs = GraphStream.nodeKeys.map { Array("<data key=\"node_\($0.name)\">".utf8) }
        let edgeKeyIDs = GraphStream.edgeKeys.map { Array("<data key=\"edge_\($0.name)\">".utf8) }
        var nodes = 0, edges = 0
        // Each node and edge is assembled in memory and written in one call.
        let chunk = XMLChunk()
        try stream.forEachNode { node in
            chunk.tag("<node id=\"")
            chunk.markup(node.id)
            chunk.tag("\">")
            for (index, value) in node.values.enumerated() {
                guard let value else { continue }
                chunk.data(nodeKeyIDs[index], value)
            }
            if yEd {
                // The shape goes through the element calls: what is in the
                // chunk goes first.
                xml.write(chunk)
                chunk.removeAll()
                writeShape(node, number: nodes, xml)
            }
            chunk.tag("</node>")
            if chunk.count >= 1 << 16 {
                xml.write(chunk)
                chunk.removeAll()
            }
            nodes += 1
        }
        xml.write(chunk)
        // Edges straight from SQLite's bytes, many to a chunk: ids and
        // numbers written digit by digit, each distinct text (edge type,
        // role, report path, article title) escaped by libxml2 once and
        // reused. The same bytes as ``ExportEdge`` values would give.
        chunk.removeAll()
        var texts = EscapedTexts()
        try stream.forEachStoredEdge { row in
            chunk.tag("<edge id=\"")
            chunk.nodeID(kind: "edge", id: row.id)
            chunk.tag("\" source=\"")
            chunk.nodeID(kind: row.sourceTypeBytes, id: row.fromID)
            chunk.tag("\" target=\"")
            chunk.nodeID(kind: row.targetTypeBytes, id: row.toID)
            chunk.tag("\">")
            let type = texts.escaped(row.typeBytes)
            chunk.data(edgeKeyIDs[0], escaped: type)
            chunk.data(edgeKeyIDs[1], escaped: type)
            chunk.data(edgeKeyIDs[2], decimal: row.weight)
            if let role = row.roleBytes { chunk.data(edgeKeyIDs[3], escaped: texts.escaped(role)) }
            if let report = try texts.escaped(slot: .report, id: row.reportID, row.reportPath) {
                chunk.data(edgeKeyIDs[4], escaped: report)
            }
            if let article = try texts.escaped(slot: .article, id: row.articleID, row.articleTitle) {
                chunk.data(edgeKeyIDs[5], escaped: article)
            }
            if let number = row.sentence { chunk.data(edgeKeyIDs[6], integer: number) }
            if let number = row.spanStart { chunk.data(edgeKeyIDs[7], integer: number) }
            if let number = row.spanEnd { chunk.data(edgeKeyIDs[8], integer: number) }
            if yEd {
                chunk.tag("<data key=\"edge_graphics\"><y:PolyLineEdge><y:Arrows source=\"none\" target=\"standard\"/><y:EdgeLabel>")
                chunk.append(escaped: type)
                chunk.tag("</y:EdgeLabel></y:PolyLineEdge></data>")
            }
            chunk.tag("</edge>")
            if chunk.count >= 1 << 16 {
                xml.write(chunk)
                chunk.removeAll()
            }
            edges += 1
        }
        xml.write(chunk)
        xml.end()
        xml.end()
        try xml.finish()
        return (nodes, edges)
    }

    /// A coloured ellipse with the label, on a grid yEd's layouts rearrange.
    private func writeShape(_ node: ExportNode, number: Int, _ xml: XMLStreamWriter) {
        xml.start("data")
        xml.attribute("key", "node_graphics")
        xml.start("y:ShapeNode")
        xml.empty("y:Geometry", ["height": "30.0", "width": "90.0", "x": String((number % 50) * 120), "y": String((number / 50) * 60)])
        xml.empty("y:Fill", ["color": Self.hex(node.type), "transparent": "false"])
        // A label starting with <html> would be rendered as HTML by yEd.
        let label = node.label.lowercased().hasPrefix("<html>") ? " " + node.label : node.label
        xml.element("y:NodeLabel", [:], text: label)
        xml.empty("y:Shape", ["type": node.type == "event" ? "roundrectangle" : "ellipse"])
        xml.end()
        xml.end()
    }
}
