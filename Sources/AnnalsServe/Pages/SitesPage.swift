import AnnalsQuery
import Foundation

/// The sites view: `annals sites` as a table and on a map. The map needs
/// no tile server: Leaflet draws the points (a site's own coordinates, else
/// those of the place it lies in) on a plain ground, and each point opens
/// the timeline of its site. The rows carry the points as data attributes,
/// so that no data is written into a script.
enum SitesPage {
    static func render(_ sites: [SiteHistory], region: String?, place: String?) -> HTML {
        let rows = sites.map { site -> HTML in
            let point: HTML = site.latitude.flatMap { latitude in site.longitude.map { longitude in
                HTML(trusted: " data-lat=\"\(String(format: "%.5f", latitude))\" data-lng=\"\(String(format: "%.5f", longitude))\"")
            } } ?? ""
            let timeline = HTML.url("/timeline", [("site", site.name), ("include_undated", "1")])
            let locatedBy = site.locatedBy.map { by in by == site.name ? "its own coordinates" : "at " + by } ?? "not on the map"
            let placeLink: HTML = site.place.map { Layout.entityLink($0, type: "place") } ?? ""
            let code: HTML = site.adcode.map { code -> HTML in " <span class=\"code\">[\(code)]</span>" } ?? ""
            return """
                <tr\(point) data-name="\(site.name)" data-href="\(timeline)">
                <td>\(Layout.entityLink(site.name, type: "site"))\(HTML.when(!site.aliases.isEmpty, "<br><span class=\"aliases\">\(site.aliases.joined(separator: "、"))</span>"))</td>
                <td>\(placeLink)\(code)</td>
                <td>\(site.firstMention ?? "—")</td><td>\(site.lastMention ?? "—")</td>
                <td><a href="\(timeline)">\(site.reports.count) articles, \(site.events.count) events</a></td>
                <td class="located">\(locatedBy)</td>
                </tr>
                """
        }
        let scope = [region.map { "in \($0)" }, place.map { "in \($0)" }].compactMap { $0 }.joined(separator: ", ")
        let head: HTML = "<link rel=\"stylesheet\" href=\"/static/leaflet/leaflet.css\"><script src=\"/static/leaflet/leaflet.js\"></script>"
        let body: HTML = """
            <h1>Sites \(scope)</h1>
            <form class="filters" action="/sites" method="get">
            <label>Region <input type="text" name="region" value="\(region)" placeholder="湘鄂川黔"></label>
            <label>Place <input type="text" name="place" value="\(place)" placeholder="北碚区"></label>
            <button type="submit">Show</button> <a href="\(HTML.url("/api/sites", [("region", region), ("place", place)]))">JSON</a></form>
            <p class="summary"><strong>\(sites.count) sites</strong>; a point opens the site's timeline.</p>
            <div id="map" class="map" aria-label="map of the sites"></div>
            <table class="sites"><thead><tr><th>Site</th><th>Place</th><th>First mention</th><th>Last mention</th><th>Reports</th><th>On the map</th></tr></thead>
            <tbody>\(rows)</tbody></table>
            """
        return Layout.page(title: "Sites " + scope, body, head: head)
    }
}
