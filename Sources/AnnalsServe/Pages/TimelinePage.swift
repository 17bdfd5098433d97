import AnnalsGraph
import AnnalsModel
import AnnalsQuery

/// The timeline view: the command line's filters as a form, and the events
/// they select grouped by year, each with its date as written and
/// normalised, type, summary, places, people, bodies and source sentence.
enum TimelinePage {
    static let filters: [(name: String, label: String, hint: String)] = [
        ("place", "Place", "北碚区, 酉阳"), ("region", "Region", "湘鄂川黔"), ("person", "Person", "徐塞声"),
        ("organisation", "Body", "红三军"), ("site", "Site", "南腰界革命根据地旧址"),
        ("from", "From", "1934, 1934-10"), ("to", "To", "1935-12-31"), ("text", "Words", "会师"),
    ]

    static func render(_ timeline: Timeline, parameters: QueryParameters) -> HTML {
        let query = timeline.query
        var fields: [HTML] = filters.map { filter -> HTML in
            """
            <label>\(filter.label) <input type="text" name="\(filter.name)" value="\(parameters[filter.name])" placeholder="\(filter.hint)"></label>
            """
        }
        let types: [HTML] = Event.Kind.allCases.map(\.rawValue).map { type -> HTML in
            "<option value=\"\(type)\"\(HTML(trusted: type == query.type ? " selected" : ""))>\(type.replacingOccurrences(of: "_", with: " "))</option>"
        }
        fields.append("<label>Type <select name=\"type\"><option value=\"\">any</option>\(types)</select></label>")
        fields.append("<label class=\"check\"><input type=\"checkbox\" name=\"include_undated\" value=\"1\"\(HTML(trusted: query.includeUndated ? " checked" : ""))> undated too</label>")

        let asked = TimelinePage.filters.map(\.name) + ["type"]
        let selection = asked.compactMap { name in parameters[name].map { (name, Optional($0)) } } + (query.includeUndated ? [("include_undated", "1")] : [])
        let resolved = timeline.resolved.map { name -> HTML in
            let code: HTML = name.adcode.map { code -> HTML in " <span class=\"code\">[\(code)]</span>" } ?? ""
            return "<li>\(name.kind): \(Layout.entityLink(name.name, type: name.kind == "region" ? nil : name.kind))\(code)</li>"
        }
        let count = "\(timeline.events.count) of \(timeline.total)\(timeline.totalIsAtLeast ? "+" : "") events"
        let more: HTML = timeline.events.count < timeline.total
            ? "<p class=\"note\">Showing the earliest \(timeline.events.count); narrow the dates or add a filter to see the rest.</p>" : ""

        var years: [(String, [TimelineEvent])] = []
        for event in timeline.events {
            let year = event.start.map { String($0.prefix(4)) } ?? "undated"
            if years.last?.0 == year { years[years.count - 1].1.append(event) } else { years.append((year, [event])) }
        }
        let sections = years.map { year, events -> HTML in
            "<section class=\"year\"><h2>\(year)</h2>\(events.map(eventCard))</section>"
        }
        let body: HTML = """
            <h1>Timeline</h1>
            <form class="filters" action="/timeline" method="get">\(fields)<button type="submit">Show</button> <a href="/timeline">clear</a></form>
            <p class="summary"><strong>\(count)</strong></p>
            \(HTML.when(!resolved.isEmpty, "<ul class=\"resolved\">\(resolved)</ul>"))
            <p class="exports">The same as <a href="\(HTML.url("/api/timeline", selection))">JSON</a>;
            the graph of these events as <a href="\(HTML.url("/export/graphml", selection))">GraphML</a>
            or <a href="\(HTML.url("/export/gexf", selection))">GEXF</a>.</p>
            \(more)
            \(timeline.events.isEmpty ? emptyNote(timeline) : "")
            \(sections)
            """
        return Layout.page(title: "Timeline" + (timeline.resolved.first.map { " — " + $0.name } ?? ""), body)
    }

    /// Why nothing is listed, and where to look instead: a site or person
    /// named in reports without taking part in an event still has a page
    /// listing every report that mentions it.
    static func emptyNote(_ timeline: Timeline) -> HTML {
        let named = timeline.resolved.filter { $0.kind != "region" }.map { Layout.entityLink($0.name, type: $0.kind) }
        let pages: HTML = named.isEmpty ? "" : " The page of \(HTML.joined(named, separator: ", ")) lists every report that mentions it."
        return "<p class=\"empty\">No events match. Try fewer filters, or tick “undated too”.\(pages)</p>"
    }

    static func eventCard(_ event: TimelineEvent) -> HTML {
        var facts: [HTML] = []
        if !event.places.isEmpty {
            facts.append("<dt>Where</dt><dd>\(HTML.joined(event.places.map { Layout.entityLink($0, type: nil) }, separator: "、"))</dd>")
        }
        if !event.participants.isEmpty {
            var roles: [(String, [String])] = []
            for participant in event.participants {
                if let index = roles.firstIndex(where: { $0.0 == participant.name }) { roles[index].1.append(participant.role) } else { roles.append((participant.name, [participant.role])) }
            }
            let people = roles.map { name, roles -> HTML in
                "\(Layout.entityLink(name, type: "person")) <span class=\"role\">(\(roles.filter { !$0.isEmpty }.joined(separator: ", ")))</span>"
            }
            facts.append("<dt>Who</dt><dd>\(HTML.joined(people, separator: "、"))</dd>")
        }
        if !event.organisations.isEmpty {
            facts.append("<dt>Bodies</dt><dd>\(HTML.joined(event.organisations.map { Layout.entityLink($0, type: "organisation") }, separator: "、"))</dd>")
        }
        let sentence: HTML = event.sentence.map { sentence -> HTML in
            "<blockquote class=\"sentence\">\(Highlight.names(in: sentence, places: event.places, people: event.participants.map(\.name), bodies: event.organisations))</blockquote>"
        } ?? ""
        return """
            <article class="event\(HTML(trusted: event.main ? " main" : ""))" id="event-\(Int(event.id))">
            <header>\(Layout.date(event)) <span class="type \(event.type)">\(event.type.replacingOccurrences(of: "_", with: " "))</span>
            <span class="summary">\(event.summary)</span></header>
            \(HTML.when(!facts.isEmpty, "<dl class=\"facts\">\(facts)</dl>"))
            \(sentence)
            <p class="source">\(Layout.articleLink(event.articleID, title: event.article, event: event.id)) <span class="file">\(event.source)</span></p>
            </article>
            """
    }
}

/// Marks the names of an event in its sentence: the sentence is plain text
/// from the store, the names are the event's places, people and bodies
/// (longest first, so that 北碚区委 is not cut at 北碚区).
enum Highlight {
    static func names(in sentence: String, places: [String], people: [String], bodies: [String]) -> HTML {
        let names = (places.map { ($0, "place") } + people.map { ($0, "person") } + bodies.map { ($0, "organisation") })
            .filter { !$0.0.isEmpty }.sorted { $0.0.count > $1.0.count }
        var pieces: [HTML] = []
        var rest = Substring(sentence)
        while !rest.isEmpty {
            var earliest: (range: Range<Substring.Index>, type: String)?
            for (name, type) in names {
                if let range = rest.range(of: name), earliest == nil || range.lowerBound < earliest!.range.lowerBound {
                    earliest = (range, type)
                }
            }
            guard let found = earliest else {
                pieces.append("\(String(rest))")
                break
            }
            pieces.append("\(String(rest[..<found.range.lowerBound]))<mark class=\"\(found.type)\">\(String(rest[found.range]))</mark>")
            rest = rest[found.range.upperBound...]
        }
        return HTML.joined(pieces)
    }
}
