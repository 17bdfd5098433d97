/// Writes `nodes.csv` and `relationships.csv` with the header conventions
/// of `neo4j-admin database import` (`:ID`, `:LABEL`, `:START_ID`,
/// `:END_ID`, `:TYPE`, typed columns such as `lat:double`, `year:int`,
/// `aliases:string[]` with `;` between values): the way into a graph
/// database when a corpus outgrows one machine.
public struct Neo4jCSVWriter: Sendable {
    public init() {}

    @discardableResult
    public func write(_ stream: GraphStream, toFolder folder: String) throws(ExportError) -> (nodes: Int, edges: Int) {
        func column(_ key: AttributeKey) -> String {
            switch (key.name, key.type) {
            case ("aliases", _): "aliases:string[]"
            case (_, .int): key.name + ":int"
            case (_, .double): key.name + ":double"
            case (_, .string): key.name
            }
        }
        func field(_ value: AttributeValue?, key: AttributeKey) -> String {
            guard let value else { return "" }
            switch value {
            case .string(let text): return Self.quote(key.name == "aliases" ? text.replacingOccurrences(of: "|", with: ";") : text)
            case .int, .double: return value.text
            }
        }
        let nodesOut = try TextOutput(path: folder + "/nodes.csv")
        try nodesOut.write((["node_id:ID", ":LABEL"] + GraphStream.nodeKeys.map(column)).joined(separator: ",") + "\n")
        var nodes = 0
        try stream.forEachNode { node in
            let label = node.type.prefix(1).uppercased() + node.type.dropFirst()
            let fields = [node.id, label] + zip(node.values, GraphStream.nodeKeys).map { field($0, key: $1) }
            try nodesOut.write(fields.joined(separator: ",") + "\n")
            nodes += 1
        }
        try nodesOut.close()

        let edgesOut = try TextOutput(path: folder + "/relationships.csv")
        try edgesOut.write(([":START_ID", ":END_ID", ":TYPE", "edge_id"] + GraphStream.edgeKeys.map(column)).joined(separator: ",") + "\n")
        var edges = 0
        try stream.forEachEdge { edge in
            let fields = [edge.source, edge.target, edge.type.uppercased(), edge.id] + zip(edge.values, GraphStream.edgeKeys).map { field($0, key: $1) }
            try edgesOut.write(fields.joined(separator: ",") + "\n")
            edges += 1
        }
        try edgesOut.close()
        return (nodes, edges)
    }

    /// A string field, always quoted, quotes doubled, line breaks as spaces
    /// (so the import needs no `--multiline-fields`).
    static func quote(_ text: String) -> String {
        "\"" + XMLStreamWriter.clean(text).replacingOccurrences(of: "\"", with: "\"\"").replacingOccurrences(of: "\r\n", with: " ")
            .replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\r", with: " ") + "\""
    }
}
