import AnnalsGraph

/// The frame every workbench page shares: its title, the links between the
/// views and the search box. Pages run no inline script (the content
/// security policy forbids it); behaviour comes from `/static/annals.js`.
enum Layout {
    static func page(title: String, _ content: HTML, head: HTML = "") -> HTML {
        """
        <!DOCTYPE html>
        <html lang="zh-Hans">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(title) · Annals</title>
        <link rel="stylesheet" href="/static/annals.css">
        <link rel="icon" href="/static/annals.svg" type="image/svg+xml">
        \(head)
        </head>
        <body>
        <header class="bar">
        <a class="brand" href="/timeline">Annals</a>
        <nav><a href="/timeline">Timeline</a> <a href="/sites">Sites</a> <a href="/sites?region=湘鄂川黔">湘鄂川黔 sites</a> <a href="/curation">Corrections</a></nav>
        <form class="search" action="/search" method="get" role="search">
        <input type="search" name="q" id="search" list="search-names" data-suggest placeholder="A name: 徐塞声, 北碚, 红三军…" autocomplete="off" aria-label="Search names">
        <datalist id="search-names"></datalist>
        <button type="submit">Open</button>
        </form>
        </header>
        <main>
        \(content)
        </main>
        <script src="/static/annals.js"></script>
        </body>
        </html>
        """
    }

    /// The entity page of a name (with its type, so that a place and a
    /// body of one name stay apart).
    static func entityLink(_ name: String, type: String?) -> HTML {
        "<a class=\"node \(type ?? "node")\" href=\"\(HTML.url("/entity/" + URLText.encode(name), [("type", type)]))\">\(name)</a>"
    }

    /// The timeline filtered by one parameter.
    static func timelineLink(_ parameter: String, _ value: String, label: String? = nil) -> HTML {
        "<a href=\"\(HTML.url("/timeline", [(parameter, value)]))\">\(label ?? value)</a>"
    }

    /// The source view of an article, at an event when one is given.
    static func articleLink(_ id: Int64, title: String, event: Int64? = nil) -> HTML {
        let anchor = event.map { "#event-\($0)" } ?? ""
        return "<a href=\"/article/\(Int(id))\(HTML(trusted: anchor))\">\(title.isEmpty ? "(untitled article)" : title)</a>"
    }

    /// `1934-10-24 (10月24日)`, or `undated`.
    static func date(_ event: TimelineEvent) -> HTML {
        guard let date = event.date else { return "<span class=\"date undated\">undated</span>" }
        let written: HTML = event.written.map { written -> HTML in "<span class=\"written\">\(written)</span>" } ?? ""
        let known: HTML = event.dateSource?.hasPrefix("knowledge:") == true
            ? "<span class=\"derived\" title=\"Dated from Annals' list of known historical events (\(event.dateSource ?? "")), not from the report's text\">date from knowledge</span>"
            : ""
        return "<span class=\"date\"><time datetime=\"\(event.start ?? date)\">\(date)</time> \(written) \(known)</span>"
    }
}
