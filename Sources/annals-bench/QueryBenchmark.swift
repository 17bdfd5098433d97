import AnnalsGraph
import AnnalsKnowledge
import AnnalsQuery
import Foundation

/// Timeline query latency on the store the ingest benchmark built: place,
/// person, region and date-range queries with parameters drawn from what
/// the store holds, each answered as a page of events plus the count of
/// all matches.
struct QueryBenchmark {
    let engine: QueryEngine
    let knowledge: KnowledgeBase
    /// Events per answer (one screen of a timeline).
    let page = 20
    let runs = 200

    struct Result { var name: String; var p50: Double; var p95: Double; var meanEvents: Double; var plan: [String] }

    func run() throws -> [Result] {
        var generator = SplitMix64(seed: 19491130)
        let places = try engine.store.reading { try $0.placeNames(kinds: ["district", "county"]) }
        let people = try engine.store.reading { try $0.participantNames(limit: 5000) }
        // Regions that lie within Chongqing without being all of it.
        let regions = knowledge.regions.filter { region in
            !region.members.isEmpty && region.members.allSatisfy { knowledge.divisions[$0].code.hasPrefix("50") && knowledge.divisions[$0].code != "500000" }
        }.map(\.name)
        let years = try engine.store.reading { try $0.eventMonths() }
        guard !places.isEmpty, !people.isEmpty, !regions.isEmpty, !years.isEmpty else { return [] }
        func pick(_ items: [String]) -> String { items[Int(generator.next() % UInt64(items.count))] }

        var results: [Result] = []
        results.append(try measure("place (a district or county and all in it)") { TimelineQuery(place: pick(places), limit: page) })
        results.append(try measure("person") { TimelineQuery(person: pick(people), limit: page) })
        results.append(try measure("region (member counties)") { TimelineQuery(region: pick(regions), limit: page) })
        results.append(try measure("date range (one month)") { let month = pick(years); return TimelineQuery(from: month, to: month, limit: page) })
        results.append(try measure("place + date range (one year)") {
            let year = String(pick(years).prefix(4))
            return TimelineQuery(place: pick(places), from: year, to: year, limit: page)
        })
        return results
    }

    private func measure(_ name: String, _ next: () -> TimelineQuery) throws -> Result {
        var latencies: [Double] = []
        var events = 0
        var plan: [String] = []
        for index in 0..<runs {
            let query = next()
            if index == 0 { plan = try engine.plan(query) }
            let start = DispatchTime.now().uptimeNanoseconds
            let timeline = try engine.timeline(query)
            latencies.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
            events += timeline.total
        }
        latencies.sort()
        return Result(name: name, p50: latencies[latencies.count / 2], p95: latencies[latencies.count * 95 / 100],
                      meanEvents: Double(events) / Double(runs), plan: plan)
    }
}
