import Foundation
import GRDB
import Testing
import AnnalsExtract
import AnnalsGraph
import AnnalsKnowledge
import AnnalsText
@testable import AnnalsQuery

/// Stores built once per test run: the sample bulletin alone, and the
/// sample with two later issues written for these tests.
enum QueryFixtures {
    static let projectRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let sample = projectRoot.appendingPathComponent("graph/sources/cq-dangshi-2020-12-10.txt").path
    static let laterIssues = ["cq-dangshi-2020-12-30.txt", "cq-dangshi-2021-01-20.txt"].map {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/" + $0).path
    }
    static let knowledge = try! KnowledgeBase.shared()

    static func store(_ paths: [String]) throws -> GraphStore {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("annals-query-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let store = try GraphStore(path: folder.appendingPathComponent("test.sqlite").path, knowledge: knowledge)
        let extractor = Extractor(knowledge: knowledge)
        for path in paths { _ = try store.ingest(extractor.extract(try ReportReader().read(path))) }
        return store
    }

    static let sampleEngine = QueryEngine(store: try! store([sample]), knowledge: knowledge)
    static let corpusEngine = QueryEngine(store: try! store([sample] + laterIssues), knowledge: knowledge)
}

@Suite("Timelines on the sample bulletin")
struct SampleTimelineTests {
    let engine = QueryFixtures.sampleEngine

    func dates(_ query: TimelineQuery) throws -> [String] {
        try engine.timeline(query).events.map { $0.date ?? "undated" }
    }

    /// The gold file's queries: each expected event, in order, found by its
    /// date and a phrase of its summary or article title.
    @Test(arguments: [
        ("北碚区", [("195X", "修建"), ("2009-12", "文物保护单位"), ("2020-11-23", "中共中央西南局历史陈列展"), ("2020-11-24", "北碚区委常委会")]),
        ("酉阳县", [("2020-11-18", "渝东南片区")]),
        ("垫江县", [("2020-11-25", "垫江县调研")]),
        ("涪陵区", [("2020-11-17", "宫辉")]),
        ("渝北区", [("2020-11-20", "渝北区委常委会")]),
        ("张家界市", [("2020-11-19", "合作框架协议")]),
    ])
    func goldPlaceQueries(place: String, expected: [(String, String)]) throws {
        let events = try engine.timeline(TimelineQuery(place: place)).events
        var position = events.startIndex
        for (date, phrase) in expected {
            let found = events[position...].firstIndex { $0.date == date && ($0.summary.contains(phrase) || $0.article.contains(phrase)) }
            #expect(found != nil, "\(place): no \(date) event with \(phrase) after position \(position) in \(events.map(\.summary))")
            position = (found ?? position) + 1
        }
    }

    @Test func placeTimelineIsChronologicalWithWrittenDatesAndProvenance() throws {
        let timeline = try engine.timeline(TimelineQuery(place: "北碚"))     // the short form
        #expect(timeline.resolved == [ResolvedName(kind: "place", name: "北碚区", adcode: "500109")])
        #expect(timeline.events.map(\.date) == ["195X", "2009-12", "2020-11-23", "2020-11-24"])
        let construction = try #require(timeline.events.first)
        #expect(construction.written == "20世纪50年代")
        #expect(construction.start == "1950-01-01" && construction.end == "1959-12-31" && construction.precision == "decade")
        #expect(construction.places.contains("中共中央西南局缙云山办公地旧址"))
        #expect(construction.sentence?.contains("修建于20世纪50年代") == true)
        #expect(construction.source.hasSuffix("cq-dangshi-2020-12-10.txt"))
        let exhibition = timeline.events[2]
        #expect(exhibition.type == "exhibition")
        #expect(exhibition.participants.contains(TimelineEvent.Participant(name: "张鸣", role: "spoke")))
        #expect(exhibition.article == "中共中央西南局历史陈列展（一期）正式开展")
    }

    @Test func townsAndSitesBelongToTheirDistrict() throws {
        // 澄江镇 is in 北碚区: its timeline is part of 北碚区's, not the reverse.
        let town = try dates(TimelineQuery(place: "澄江镇"))
        #expect(town == ["195X"])
        #expect(try dates(TimelineQuery(place: "重庆市")).count > dates(TimelineQuery(place: "北碚区")).count)
        #expect(try dates(TimelineQuery(site: "中共中央西南局缙云山办公地旧址")) == ["195X", "2009-12", "2020-11-23"])
    }

    @Test func personTimeline() throws {
        let events = try engine.timeline(TimelineQuery(person: "徐塞声")).events
        #expect(events.map(\.date) == ["2020-11-18", "2020-11-19", "2020-11-23", "2020-11-25"])
        #expect(events[0].participants.contains(TimelineEvent.Participant(name: "徐塞声", role: "chaired")))
    }

    @Test func regionIncludesItsMemberCountiesAndTheRegionsInside() throws {
        // 湘鄂川黔 reaches 酉阳县 (the 南腰界 reunion, the 渝东南 meeting), the
        // 湘鄂川黔边 base inside it, and 张家界市 (the agreement).
        let timeline = try engine.timeline(TimelineQuery(region: "湘鄂川黔"))
        #expect(timeline.resolved.first?.name == "湘鄂川黔革命根据地")
        #expect(timeline.events.map(\.date) == ["1934-10-24/1934-10-26", "1934-11", "2020-11-18", "2020-11-19"])
        #expect(timeline.events.first?.dateSource == "knowledge:nanyaojie-reunion")
        #expect(try dates(TimelineQuery(region: "湘鄂川黔", from: "1934", to: "1934")) == ["1934-10-24/1934-10-26", "1934-11"])
    }

    @Test func undatedEventsOnlyWhenAskedForAndLast() throws {
        #expect(try dates(TimelineQuery(place: "璧山区")).isEmpty)
        #expect(try dates(TimelineQuery(place: "璧山区", includeUndated: true)) == ["undated"])
        let all = try dates(TimelineQuery(includeUndated: true))
        #expect(all.last == "undated" && all.dropLast().allSatisfy { $0 != "undated" })
    }

    @Test func datesFilterByIntervalOverlapAndSortCoarserFirst() throws {
        // 2020-11 (a month) overlaps 2020-11-20 … 2020-11-24 and starts first.
        let week = try engine.timeline(TimelineQuery(from: "2020-11-20", to: "2020-11-24")).events
        #expect(week.first?.date == "2020-11")
        #expect(week.map(\.date).contains("2020-11-24"))
        #expect(!week.map(\.date).contains("2020-11-25"))
        #expect(try dates(TimelineQuery(from: "1950", to: "1950")) == ["195X"])
        #expect(try dates(TimelineQuery(from: "2009", to: "2009")) == ["2009-12"])
        // Everything sorted by start, the longer interval first on ties.
        let all = try engine.timeline(TimelineQuery()).events
        let keys = all.map { ($0.start ?? "", $0.end ?? "") }
        #expect(zip(keys, keys.dropFirst()).allSatisfy { $0.0 < $1.0 || ($0.0 == $1.0 && $0.1 >= $1.1) })
    }

    @Test func filtersCombine() throws {
        #expect(try dates(TimelineQuery(place: "北碚区", type: "meeting")) == ["2020-11-24"])
        #expect(try dates(TimelineQuery(place: "北碚区", from: "2020")) == ["2020-11-23", "2020-11-24"])
        #expect(try dates(TimelineQuery(place: "北碚区", person: "徐塞声")) == ["2020-11-23"])
        #expect(try dates(TimelineQuery(text: "红岩精神")) == ["2020-11-10"])
        #expect(try engine.timeline(TimelineQuery(place: "北碚区", limit: 2)).total == 4)
    }

    @Test func unknownNamesSuggestTheNearestKnownOnes() throws {
        #expect {
            try engine.timeline(TimelineQuery(place: "北培"))
        } throws: { error in
            guard case QueryError.unknownName("place", "北培", let suggestions) = error else { return false }
            return suggestions.contains("北碚区") || suggestions.contains("北碚")
        }
        #expect {
            try engine.timeline(TimelineQuery(person: "徐赛声"))
        } throws: { error in
            guard case QueryError.unknownName("person", _, let suggestions) = error else { return false }
            return suggestions.first == "徐塞声"
        }
    }

    @Test func ambiguousNamesListTheCandidates() throws {
        #expect {
            try engine.timeline(TimelineQuery(place: "城关镇"))
        } throws: { error in
            guard case QueryError.ambiguousName("place", "城关镇", let candidates) = error else { return false }
            return candidates.count > 10 && (error as? QueryError)?.description.contains("and ") == true
        }
    }

    @Test func badDatesAndTypesAreRefused() {
        #expect(throws: QueryError.badDate("2020-13")) { try engine.timeline(TimelineQuery(from: "2020-13")) }
        #expect(throws: QueryError.badDate("二〇二〇")) { try engine.timeline(TimelineQuery(to: "二〇二〇")) }
        #expect { try engine.timeline(TimelineQuery(type: "party")) } throws: { ($0 as? QueryError)?.code == "E404" }
    }
}

@Suite("Entity profiles and sites")
struct EntityAndSiteTests {
    let engine = QueryFixtures.sampleEngine

    @Test func personProfile() throws {
        let profile = try engine.profile(of: "徐塞声")
        #expect(profile.type == "person")
        #expect(profile.offices.contains { $0.title == "主任" && $0.holder == "中共重庆市委党史研究室" })
        #expect(profile.events.count == 4)
        #expect(profile.reports.count == 4)
        #expect(profile.related.first?.name == "中共重庆市委党史研究室")
    }

    @Test func placeProfileThroughAShortForm() throws {
        let profile = try engine.profile(of: "澄江")
        #expect(profile.name == "澄江镇")
        #expect(profile.within == ["北碚区", "重庆市"])
        let district = try engine.profile(of: "北碚区")
        #expect(district.adcode == "500109")
        #expect(district.latitude != nil && district.longitude != nil)
        #expect(district.events.map(\.date) == ["195X", "2009-12", "2020-11-23", "2020-11-24"])
    }

    @Test func sitesInAPlace() throws {
        let sites = try engine.sites(place: "北碚区")
        let office = try #require(sites.first { $0.name == "中共中央西南局缙云山办公地旧址" })
        #expect(office.place == "北碚区")
        #expect(office.events.map(\.date) == ["195X", "2009-12", "2020-11-23"])
        #expect(office.firstMention == "2020-11-23")
        #expect(try engine.sites(place: "沙坪坝区").map(\.name).sorted() == ["渣滓洞", "白公馆"])
    }
}

@Suite("Questions across several bulletins")
struct CrossReportTests {
    let engine = QueryFixtures.corpusEngine

    @Test func aNameOfThePastUsedInTwoPeriodsIsOnePlace() throws {
        // 万县市: the county-level city until 1992 and the prefecture until 1998.
        let answer = try engine.timeline(TimelineQuery(region: "万县市"))
        #expect(answer.resolved.map(\.name) == ["万县市"])
        #expect(answer.resolved.map(\.kind) == ["region"])
    }

    @Test func aPersonAcrossThreeIssues() throws {
        let events = try engine.timeline(TimelineQuery(person: "徐塞声")).events
        #expect(events.map(\.date) == ["2020-11-18", "2020-11-19", "2020-11-23", "2020-11-25", "2020-12-15", "2020-12-22", "2021-01-15"])
        #expect(Set(events.map { URL(fileURLWithPath: $0.source).lastPathComponent })
                == ["cq-dangshi-2020-12-10.txt", "cq-dangshi-2020-12-30.txt", "cq-dangshi-2021-01-20.txt"])
        // One node, whichever issue names him.
        let profile = try engine.profile(of: "徐塞声")
        #expect(profile.reports.count == 7)
    }

    @Test func aDistrictAcrossIssues() throws {
        let events = try engine.timeline(TimelineQuery(place: "北碚区")).events
        #expect(events.map(\.date) == ["195X", "2009-12", "2020-11-23", "2020-11-24", "2020-12-15", "2021-01-08"])
        let lecture = try #require(events.last)
        #expect(lecture.type == "lecture")
        #expect(lecture.participants.contains(TimelineEvent.Participant(name: "潘洵", role: "spoke")))
        // The historian who spoke in November 2020 and January 2021 is one person.
        #expect(try engine.timeline(TimelineQuery(person: "潘洵")).events.map(\.date) == ["2020-11-10", "2021-01-08"])
    }

    @Test func aSiteTracedAcrossReports() throws {
        let office = try #require(try engine.sites(place: "北碚区").first { $0.name == "中共中央西南局缙云山办公地旧址" })
        #expect(office.firstMention == "2020-11-23" && office.lastMention == "2021-01-08")
        #expect(Set(office.reports.map(\.source)).count == 3)
        let revolutionary = try engine.sites(region: "湘鄂川黔")
        let headquarters = try #require(revolutionary.first { $0.name.contains("红三军司令部旧址") })
        #expect(headquarters.place == "酉阳县")
        #expect(headquarters.firstMention == "2020-12-08" && headquarters.lastMention == "2021-01-15")
        #expect(!revolutionary.contains { $0.name == "革命旧址" })     // 保护好革命旧址: a common noun
    }

    @Test func aRegionAcrossIssuesWithItsPast() throws {
        let timeline = try engine.timeline(TimelineQuery(region: "湘鄂川黔"))
        // The 1934 reunion, from one report's text and another's known-event date.
        let reunion = timeline.events.filter { $0.summary.contains("南腰界") && $0.type == "military" }
        #expect(reunion.map(\.date) == ["1934-10-24/1934-10-26", "1934-10-24"])
        #expect(reunion.map(\.dateSource) == ["knowledge:nanyaojie-reunion", "text"])
        // 秀山 and 黔江 are members; the commemoration is no battle.
        #expect(timeline.events.contains { $0.date == "2020-12-10" && $0.type == "publication" })
        #expect(timeline.events.contains { $0.date == "2021-01-12" && $0.summary.contains("黔江区委常委会") })
        #expect(timeline.events.first { $0.date == "2020-12-08" }?.type == "other")
    }

    @Test func removingAReportRemovesItsEventsFromTimelines() throws {
        let store = try QueryFixtures.store([QueryFixtures.sample] + QueryFixtures.laterIssues)
        let engine = QueryEngine(store: store, knowledge: QueryFixtures.knowledge)
        try store.remove(source: QueryFixtures.laterIssues[1])
        #expect(try engine.timeline(TimelineQuery(place: "北碚区")).events.map(\.date) == ["195X", "2009-12", "2020-11-23", "2020-11-24", "2020-12-15"])
        #expect(try engine.timeline(TimelineQuery(from: "2021", to: "2021")).events.isEmpty)
    }
}

@Suite("The timeline index")
struct TimelineIndexTests {
    @Test func aStoreWithoutTheIndexGetsItRebuiltWhenOpened() throws {
        let store = try QueryFixtures.store([QueryFixtures.sample])
        let before = try QueryEngine(store: store, knowledge: QueryFixtures.knowledge).timeline(TimelineQuery(place: "北碚区")).events.map(\.id)
        // As a store migrated from v1 has it: events, but no index rows.
        let path = store.path
        try DatabaseQueue(path: path).write { try $0.execute(sql: "DELETE FROM event_scopes") }
        let reopened = try GraphStore(path: path, knowledge: QueryFixtures.knowledge)
        #expect(try QueryEngine(store: reopened, knowledge: QueryFixtures.knowledge).timeline(TimelineQuery(place: "北碚区")).events.map(\.id) == before)
        #expect(before.count == 4)
    }
}
