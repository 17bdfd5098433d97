import Foundation
import AnnalsGraph
import AnnalsQuery

/// The entity view: what `annals entity` shows (names, code, what it lies
/// in, offices, events, reports, the nodes named with it), its events on a
/// small time axis, and links to its timeline and its graph.
enum EntityPage {
    static func render(_ profile: EntityProfile, curating: Bool = false) -> HTML {
        var facts: [HTML] = ["<dt>Type</dt><dd>\(profile.type)\(profile.kind.map { " (\($0))" })</dd>", "<dt>Key</dt><dd><code>\(profile.key)</code></dd>"]
        if !profile.aliases.isEmpty { facts.append("<dt>Also written</dt><dd>\(profile.aliases.joined(separator: "、"))</dd>") }
        if let adcode = profile.adcode { facts.append("<dt>Code</dt><dd>\(adcode)</dd>") }
        if let latitude = profile.latitude, let longitude = profile.longitude {
            facts.append("<dt>Coordinates</dt><dd>\(String(format: "%.4f, %.4f", latitude, longitude))</dd>")
        }
        if !profile.within.isEmpty {
            facts.append("<dt>Within</dt><dd>\(HTML.joined(profile.within.map { Layout.entityLink($0, type: "place") }, separator: " › "))</dd>")
        }
        let filter = ["person": "person", "organisation": "organisation", "site": "site", "place": "place"][profile.type]
        var links: [HTML] = []
        if let filter { links.append(Layout.timelineLink(filter, profile.name, label: "its timeline")) }
        if profile.type == "place" { links.append("<a href=\"\(HTML.url("/sites", [("place", profile.name)]))\">its sites</a>") }
        links.append("<a href=\"\(HTML.url("/graph", [("name", profile.key)]))\">its graph</a>")
        links.append("<a href=\"\(HTML.url("/api/entity/" + URLText.encode(profile.key)))\">JSON</a>")

        let offices = profile.offices.map { office -> HTML in
            let period = office.first == office.last ? office.first ?? "?" : "\(office.first ?? "?") – \(office.last ?? "?")"
            let holder = Layout.entityLink(office.holder, type: profile.type == "person" ? "organisation" : "person")
            return "<li>\(period) \(holder) \(office.title) <span class=\"count\">×\(office.mentions)</span></li>"
        }
        let reports = profile.reports.map { report -> HTML in
            "<li>\(report.date ?? "?") \(Layout.articleLink(report.articleID, title: report.article)) <span class=\"count\">×\(report.count)</span> <span class=\"file\">\(report.source)</span></li>"
        }
        let related = profile.related.map { neighbour -> HTML in
            "<li>\(Layout.entityLink(neighbour.name, type: neighbour.type)) <span class=\"count\">\(neighbour.articles) articles</span></li>"
        }
        let body: HTML = """
            <h1>\(profile.name)</h1>
            <dl class="metadata">\(facts)</dl>
            <p class="links">\(HTML.joined(links, separator: " · "))</p>
            \(HTML.when(!offices.isEmpty, "<h2>\(profile.type == "person" ? "Offices held" : "Office holders")</h2><ul>\(offices)</ul>"))
            <h2>Events (\(profile.events.count))</h2>
            \(TimeAxis.render(profile.events))
            \(HTML.joined(profile.events.map(TimelinePage.eventCard)))
            <h2>Mentioned in (\(profile.reports.count))</h2>
            <ul class="reports">\(reports)</ul>
            \(HTML.when(!related.isEmpty, "<h2>Often named with</h2><ul class=\"related\">\(related)</ul>"))
            \(curating ? CurationPage.forms(for: profile) : "")
            """
        return Layout.page(title: profile.name, body)
    }
}

/// A small time axis of events, drawn on the server as SVG: one mark per
/// dated event at its start, years marked below.
enum TimeAxis {
    static let width = 720.0, height = 56.0, margin = 24.0

    /// The year of a day as a number with its fraction: 1934-07-01 → 1934.5.
    static func position(_ day: String) -> Double? {
        let parts = day.split(separator: "-").compactMap { Double($0) }
        guard let year = parts.first else { return nil }
        let month = parts.count > 1 ? parts[1] : 1, date = parts.count > 2 ? parts[2] : 1
        return year + (month - 1) / 12 + (date - 1) / 365
    }

    static func render(_ events: [TimelineEvent]) -> HTML {
        let dated = events.compactMap { event in event.start.flatMap(position).map { ($0, event) } }
        guard let first = dated.map(\.0).min(), let last = dated.map(\.0).max() else { return "" }
        let low = floor(first), high = max(floor(last) + 1, low + 1)
        func x(_ value: Double) -> String { String(format: "%.1f", margin + (value - low) / (high - low) * (width - 2 * margin)) }
        let step = max(1, Int((high - low) / 8))
        let ticks = stride(from: Int(low), through: Int(high), by: step).map { year -> HTML in
            "<line x1=\"\(x(Double(year)))\" x2=\"\(x(Double(year)))\" y1=\"30\" y2=\"36\"/><text x=\"\(x(Double(year)))\" y=\"50\">\(year)</text>"
        }
        let marks = dated.map { value, event -> HTML in
            "<a href=\"#event-\(Int(event.id))\"><circle class=\"\(event.type)\" cx=\"\(x(value))\" cy=\"20\" r=\"5\"><title>\(event.date ?? "") \(event.summary)</title></circle></a>"
        }
        return """
            <svg class="axis" viewBox="0 0 \(Int(width)) \(Int(height))" role="img" aria-label="events in time">
            <line x1="\(x(low))" x2="\(x(high))" y1="30" y2="30"/>\(ticks)\(marks)</svg>
            """
    }
}
