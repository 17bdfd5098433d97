import AnnalsGraph
import AnnalsQuery
import ArgumentParser
import Foundation

/// The filters `annals timeline` and `annals export` share.
struct EventFilters: ParsableArguments {
    @Option(help: "A place and everything in it (北碚区, 北碚, 酉阳县).")
    var place: String?
    @Option(help: "A historical or informal region and its member counties (湘鄂川黔, 渝东南).")
    var region: String?
    @Option(help: "A person taking part (徐塞声).")
    var person: String?
    @Option(help: "An organisation that organised the event.")
    var organisation: String?
    @Option(help: "A revolutionary or memorial site where it happened.")
    var site: String?
    @Option(help: "An event type: meeting, visit_inspection, agreement, exhibition, broadcast, lecture, publication, study_session, military, founding, designation, other.")
    var type: String?
    @Option(help: "Events ending on or after this date (1934, 1934-10, 1934-10-24).")
    var from: String?
    @Option(help: "Events starting on or before this date.")
    var to: String?
    @Option(help: "Words of the article text.")
    var text: String?

    var query: TimelineQuery {
        TimelineQuery(place: place, person: person, organisation: organisation, site: site, region: region,
                      type: type, from: from, to: to, text: text)
    }
}

/// Runs a query, turning its errors into a message and exit status 1.
func answering<T>(_ body: () throws(QueryError) -> T) throws -> T {
    do {
        return try body()
    } catch {
        Console.error("annals: \(error)")
        throw ExitCode(1)
    }
}

/// `annals timeline`: events in chronological order.
struct TimelineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "timeline",
        abstract: "List events in chronological order, filtered by place, region, person, organisation, site, type, date and words.",
        discussion: """
        Filters combine. A place includes its sub-places, the sites in them and the bodies based there; \
        a region includes its member counties. Dates filter by interval overlap.

        Examples:
          annals timeline --place 北碚区
          annals timeline --region 湘鄂川黔 --from 1934 --to 1935 --include-undated
          annals timeline --person 徐塞声 --format json
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json, csv, markdown }

    @OptionGroup var filters: EventFilters
    @Flag(help: "List events without a date too (after the dated ones).")
    var includeUndated = false
    @Option(help: "At most this many events.")
    var limit: Int?
    @Option(help: "table, json, csv or markdown.")
    var format: Format = .table
    @Option(help: "The store (default: graph/annals.sqlite).")
    var store: String = StoreLocation.defaultPath

    func run() throws {
        let knowledge = try Loading.knowledge()
        let engine = QueryEngine(store: try Loading.existingStore(store, knowledge: knowledge), knowledge: knowledge)
        var query = filters.query
        query.includeUndated = includeUndated
        query.limit = limit
        let timeline = try answering { () throws(QueryError) in try engine.timeline(query) }
        switch format {
        case .table: Console.output(TimelineRendering.table(timeline))
        case .json: Console.output(try QueryJSON.encode(timeline))
        case .csv: Console.output(TimelineRendering.csv(timeline.events))
        case .markdown: Console.output(TimelineRendering.markdown(timeline.events))
        }
    }
}

/// `annals entity`: one node's profile.
struct EntityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "entity",
        abstract: "Show everything about one person, place, organisation, site or work.",
        discussion: """
        NAME may be the canonical name, an alias or a node key (person/张鸣@500109).

        Examples:
          annals entity 徐塞声
          annals entity 北碚 --format json
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Argument(help: "The name.")
    var name: String
    @Option(help: "Only nodes of this type: person, place, organisation, site, work.")
    var type: String?
    @Option(help: "text or json.")
    var format: Format = .text
    @Option(help: "The store (default: graph/annals.sqlite).")
    var store: String = StoreLocation.defaultPath

    func run() throws {
        let knowledge = try Loading.knowledge()
        let engine = QueryEngine(store: try Loading.existingStore(store, knowledge: knowledge), knowledge: knowledge)
        let profile = try answering { () throws(QueryError) in try engine.profile(of: name, type: type) }
        Console.output(format == .json ? try QueryJSON.encode(profile) : ProfileRendering.text(profile))
    }
}

/// `annals sites`: revolutionary and memorial sites across reports.
struct SitesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sites",
        abstract: "Trace revolutionary and memorial sites across reports.",
        discussion: """
        Examples:
          annals sites --region 湘鄂川黔
          annals sites --place 北碚区 --format json
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Option(help: "Only sites in this region's member counties.")
    var region: String?
    @Option(help: "Only sites in this place and its sub-places.")
    var place: String?
    @Option(help: "text or json.")
    var format: Format = .text
    @Option(help: "The store (default: graph/annals.sqlite).")
    var store: String = StoreLocation.defaultPath

    func run() throws {
        let knowledge = try Loading.knowledge()
        let engine = QueryEngine(store: try Loading.existingStore(store, knowledge: knowledge), knowledge: knowledge)
        let sites = try answering { () throws(QueryError) in try engine.sites(region: region, place: place) }
        Console.output(format == .json ? try QueryJSON.encode(["sites": sites]) : SiteRendering.text(sites))
    }
}

enum TimelineRendering {
    static func dateColumn(_ event: TimelineEvent) -> String {
        guard let date = event.date else { return "undated" }
        return event.written.map { "\(date) (\($0))" } ?? date
    }

    static func people(_ event: TimelineEvent) -> String {
        var roles: [(String, [String])] = []
        for participant in event.participants {
            if let index = roles.firstIndex(where: { $0.0 == participant.name }) { roles[index].1.append(participant.role) } else { roles.append((participant.name, [participant.role])) }
        }
        return roles.map { "\($0.0) (\($0.1.joined(separator: ", ")))" }.joined(separator: "、")
    }

    static func table(_ timeline: Timeline) -> String {
        var lines: [String] = []
        let names = timeline.resolved.map { "\($0.kind) \($0.name)" + ($0.adcode.map { " [\($0)]" } ?? "") }
        lines.append("\(timeline.events.count) of \(timeline.total)\(timeline.totalIsAtLeast ? "+" : "") events" + (names.isEmpty ? "" : " — " + names.joined(separator: "; ")))
        for event in timeline.events {
            lines.append("")
            lines.append("\(dateColumn(event))  \(event.type)  \(event.summary)")
            var facts: [String] = []
            if !event.places.isEmpty { facts.append("where: " + event.places.joined(separator: "、")) }
            if !event.participants.isEmpty { facts.append("who: " + people(event)) }
            if !event.organisations.isEmpty { facts.append("bodies: " + event.organisations.joined(separator: "、")) }
            if !facts.isEmpty { lines.append("    " + facts.joined(separator: " · ")) }
            lines.append("    source: \(event.source) › \(event.article)")
            if let sentence = event.sentence { lines.append("    “\(sentence)”") }
        }
        return lines.joined(separator: "\n")
    }

    static let columns = ["date", "written", "start", "end", "precision", "type", "summary", "places", "participants", "organisations", "article", "source", "sentence"]

    static func fields(_ event: TimelineEvent) -> [String] {
        [event.date ?? "", event.written ?? "", event.start ?? "", event.end ?? "", event.precision ?? "", event.type, event.summary,
         event.places.joined(separator: "; "), event.participants.map { "\($0.name):\($0.role)" }.joined(separator: "; "),
         event.organisations.joined(separator: "; "), event.article, event.source, event.sentence ?? ""]
    }

    /// RFC 4180: fields with commas, quotes or line breaks are quoted.
    static func csv(_ events: [TimelineEvent]) -> String {
        func quote(_ field: String) -> String {
            field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
                ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
        }
        return ([columns] + events.map(fields)).map { $0.map(quote).joined(separator: ",") }.joined(separator: "\r\n")
    }

    static func markdown(_ events: [TimelineEvent]) -> String {
        func cell(_ text: String) -> String {
            text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
        }
        var lines = ["| Date | Type | Summary | Where | Who | Bodies | Source |", "| --- | --- | --- | --- | --- | --- | --- |"]
        for event in events {
            let row = [dateColumn(event), event.type, event.summary, event.places.joined(separator: "、"), people(event),
                       event.organisations.joined(separator: "、"), "\(event.source) › \(event.article)"]
            lines.append("| " + row.map(cell).joined(separator: " | ") + " |")
        }
        return lines.joined(separator: "\n")
    }
}

enum ProfileRendering {
    static func text(_ profile: EntityProfile) -> String {
        var lines = ["\(profile.name) — \(profile.type)" + (profile.kind.map { " (\($0))" } ?? "") + "  [\(profile.key)]"]
        if !profile.aliases.isEmpty { lines.append("also: " + profile.aliases.joined(separator: "、")) }
        if let adcode = profile.adcode { lines.append("code: \(adcode)") }
        if let lat = profile.latitude, let lon = profile.longitude { lines.append("coordinates: \(lat), \(lon)") }
        if !profile.within.isEmpty { lines.append("within: " + profile.within.joined(separator: " › ")) }
        if !profile.offices.isEmpty {
            lines.append("")
            lines.append(profile.type == "person" ? "offices held:" : "office holders:")
            for office in profile.offices {
                let period = office.first == office.last ? office.first ?? "?" : "\(office.first ?? "?") – \(office.last ?? "?")"
                lines.append("  \(period)  \(office.holder) \(office.title)  (×\(office.mentions))")
            }
        }
        lines.append("")
        lines.append("events (\(profile.events.count)):")
        for event in profile.events { lines.append("  \(TimelineRendering.dateColumn(event))  \(event.type)  \(event.summary)") }
        lines.append("")
        lines.append("mentioned in (\(profile.reports.count)):")
        for report in profile.reports { lines.append("  \(report.date ?? "?")  \(report.article) ×\(report.count)  [\(report.source)]") }
        if !profile.related.isEmpty {
            lines.append("")
            lines.append("often named with: " + profile.related.map { "\($0.name) (\($0.articles))" }.joined(separator: "、"))
        }
        return lines.joined(separator: "\n")
    }
}

enum SiteRendering {
    static func text(_ sites: [SiteHistory]) -> String {
        var lines = ["\(sites.count) sites"]
        for site in sites {
            lines.append("")
            lines.append(site.name + (site.place.map { " — \($0)" } ?? "") + "  first \(site.firstMention ?? "?"), last \(site.lastMention ?? "?")")
            for report in site.reports { lines.append("  mentioned \(report.date ?? "?")  \(report.article)  [\(report.source)]") }
            for event in site.events { lines.append("  event \(TimelineRendering.dateColumn(event))  \(event.type)  \(event.summary)") }
        }
        return lines.joined(separator: "\n")
    }
}
