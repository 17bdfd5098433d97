import AnnalsGraph

/// The graph view: a node's neighbourhood (at most 200 nodes) as a force
/// layout drawn by d3 from `/api/graph`, coloured by type, with the same
/// selection for download as GraphML and GEXF.
enum GraphPage {
    static func render(node: StoredEntity, nodes: Int) -> HTML {
        let parameters: [(String, String?)] = [("name", node.key)]
        let head: HTML = "<script src=\"/static/d3/d3.min.js\"></script>"
        let legend = ["report", "article", "event", "person", "place", "organisation", "site", "work"].map { type -> HTML in "<span class=\"swatch \(type)\">\(type)</span>" }
        let body: HTML = """
            <h1>Graph around \(Layout.entityLink(node.name, type: node.type.rawValue))</h1>
            <p class="summary">\(nodes) nodes: its events with their people, places, bodies, articles and reports. Drag to move; click a name to open it.</p>
            <p class="legend">\(HTML.joined(legend, separator: " "))</p>
            <p class="exports">This selection as <a href="\(HTML.url("/export/graphml", parameters))">GraphML</a>
            or <a href="\(HTML.url("/export/gexf", parameters))">GEXF</a>, or <a href="\(HTML.url("/api/graph", parameters))">node-link JSON</a>.</p>
            <div id="graph" class="graph" data-src="\(HTML.url("/api/graph", parameters))"></div>
            """
        return Layout.page(title: "Graph — " + node.name, body, head: head)
    }
}

/// The page of an error: its code and message, and the names worth trying.
enum ErrorPage {
    /// `path` and `parameters` are the request's: a suggested name is
    /// offered as the same request with the name replaced.
    static func render(_ error: WorkbenchError, path: String, parameters: QueryParameters) -> HTML {
        let (asked, choices) = error.alternatives
        let alternatives = choices.map { choice -> HTML in
            let href: String = if let asked, !path.hasPrefix("/entity/") {
                HTML.url(path, parameters.replacing(value: asked, with: choice.name))
            } else {
                "/entity/" + URLText.encode(choice.name)
            }
            return "<li><a href=\"\(href)\">\(choice.label)</a></li>"
        }
        let body: HTML = """
            <h1>\(error.code)</h1>
            <p class="error">\(error.description)</p>
            \(HTML.when(!alternatives.isEmpty, "<p>Did you mean:</p><ul>\(alternatives)</ul>"))
            <p><a href="/timeline">Back to the timeline</a></p>
            """
        return Layout.page(title: error.code, body)
    }
}
