/// Writes the graph as node-link JSON: `graph.json` in the shape D3 and
/// networkx's `node_link_graph` read (`{"directed", "multigraph", "nodes",
/// "links"}`), and `graph.cyjs` in the shape Cytoscape.js and Cytoscape
/// desktop read (`{"elements": {"nodes": [{"data"}], "edges": [{"data"}]}}`).
public struct NodeLinkJSONWriter: Sendable {
    public enum Shape: Sendable { case d3, cytoscape }
    public var shape: Shape

    public init(shape: Shape) { self.shape = shape }

    @discardableResult
    public func write(_ stream: GraphStream, to path: String) throws(ExportError) -> (nodes: Int, edges: Int) {
        let out = try TextOutput(path: path)
        switch shape {
        case .d3: try out.write("{\"directed\":true,\"multigraph\":true,\"graph\":{\"name\":\"annals\"},\"nodes\":[\n")
        case .cytoscape: try out.write("{\"data\":{\"name\":\"annals\"},\"elements\":{\"nodes\":[\n")
        }
        var nodes = 0, edges = 0
        try stream.forEachNode { node in
            var pairs: [(String, String?)] = [("id", JSONText.string(node.id))]
            for (index, value) in node.values.enumerated() { pairs.append((GraphStream.nodeKeys[index].name, value.map(JSONText.value))) }
            let object = JSONText.object(pairs)
            try out.write((nodes == 0 ? "" : ",\n") + (shape == .d3 ? object : "{\"data\":" + object + "}"))
            nodes += 1
        }
        try out.write(shape == .d3 ? "\n],\"links\":[\n" : "\n],\"edges\":[\n")
        try stream.forEachEdge { edge in
            var pairs: [(String, String?)] = [("id", JSONText.string(edge.id)), ("source", JSONText.string(edge.source)),
                                             ("target", JSONText.string(edge.target)), ("key", JSONText.string(edge.id))]
            for (index, value) in edge.values.enumerated() { pairs.append((GraphStream.edgeKeys[index].name, value.map(JSONText.value))) }
            let object = JSONText.object(pairs)
            try out.write((edges == 0 ? "" : ",\n") + (shape == .d3 ? object : "{\"data\":" + object + "}"))
            edges += 1
        }
        try out.write(shape == .d3 ? "\n]}\n" : "\n]}}\n")
        try out.close()
        return (nodes, edges)
    }
}
