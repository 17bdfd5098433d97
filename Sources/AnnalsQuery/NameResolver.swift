import AnnalsGraph
import AnnalsKnowledge
import AnnalsModel

/// A name a query resolved to: the canonical name, its kind and, for
/// places, the gazetteer code.
public struct ResolvedName: Sendable, Equatable, Codable {
    /// place, region, person, organisation, site or work.
    public var kind: String
    public var name: String
    public var adcode: String?
}

/// The places a place or region filter covers: gazetteer code prefixes
/// (北碚区 500109 covers 澄江镇 500109T…, 重庆市 covers every 50…) and the
/// historical regions that lie inside it.
struct PlaceScope {
    var resolved: ResolvedName
    /// The key of the timeline index (`EventScopeIndex`): a code or `region:ID`.
    var key: String
    var codePrefixes: [String]
    var regionNames: [String]

    /// The code prefix shared by a division and everything under it:
    /// 500000 → 50, 430800 → 4308, 500109 → 500109.
    static func prefix(of code: String) -> String {
        guard code.count == 6, code.allSatisfy(\.isASCII) else { return code }
        var prefix = Substring(code)
        while prefix.count > 2, prefix.hasSuffix("00") { prefix = prefix.dropLast(2) }
        return String(prefix)
    }

    /// Place nodes of the store inside the scope.
    func placeIDs(_ reader: StoreReader) throws -> [Int64] {
        try reader.placeIDs(codePrefixes: codePrefixes, regionNames: regionNames)
    }
}

/// Turns the names a historian types (北碚, 酉阳县, 湘鄂川黔, 徐塞声) into
/// nodes of the store, through canonical names, aliases, the gazetteer and
/// the curated regions; unknown names get the nearest known ones.
struct NameResolver {
    let knowledge: KnowledgeBase

    /// Node ids for a person, organisation, site or work filter. All nodes
    /// of one canonical name count (the same name in two regions is two
    /// nodes); aliases that lead to different names are ambiguous.
    func entityIDs(named name: String, type: NodeType, _ reader: StoreReader) throws(QueryError) -> (ResolvedName, [Int64]) {
        let found: [StoredEntity]
        do { found = try reader.entities(named: name, type: type) } catch { throw .store("\(error)") }
        let names = Array(Set(found.map(\.name))).sorted()
        guard let canonical = names.first else {
            throw .unknownName(kind: type.rawValue, name: name, suggestions: suggestions(for: name, type: type, reader))
        }
        guard names.count == 1 else { throw .ambiguousName(kind: type.rawValue, name: name, candidates: names.map(QueryError.Candidate.init)) }
        return (ResolvedName(kind: type.rawValue, name: canonical, adcode: nil), found.map(\.id))
    }

    /// The scope of a place filter: a gazetteer division (with its
    /// sub-places) or, for 渝东南 or 湘鄂川黔, a region.
    func placeScope(named name: String, _ reader: StoreReader) throws(QueryError) -> PlaceScope {
        let found: [StoredEntity]
        do { found = try reader.entities(named: name, type: .place) } catch { throw .store("\(error)") }
        var codes = Array(Set(found.compactMap(\.adcode))).sorted()
        if found.isEmpty, knowledge.division(code: name) != nil {
            codes = [name]      // a gazetteer code: 500242
        } else if codes.isEmpty, found.isEmpty {
            codes = Array(Set(knowledge.entries(for: name).filter { $0.kind == .division }.map { knowledge.divisions[Int($0.index)].code })).sorted()
        }
        // 重庆 may name the city and a district of the same name: keep the
        // widest when one contains the others.
        if let widest = codes.min(by: { PlaceScope.prefix(of: $0).count < PlaceScope.prefix(of: $1).count }),
           codes.allSatisfy({ $0.hasPrefix(PlaceScope.prefix(of: widest)) }) {
            codes = [widest]
        }
        if codes.count > 1 {
            throw .ambiguousName(kind: "place", name: name, candidates: codes.map { QueryError.Candidate(label: describe(code: $0), name: $0) })
        }
        if let code = codes.first, let division = knowledge.division(code: code) {
            let inside = knowledge.regions.filter { region in
                !region.members.isEmpty && region.members.allSatisfy { knowledge.divisions[$0].code.hasPrefix(PlaceScope.prefix(of: code)) }
            }
            return PlaceScope(resolved: ResolvedName(kind: "place", name: division.commonName, adcode: code),
                              key: EventScopeIndex.placeKey(code: code), codePrefixes: [PlaceScope.prefix(of: code)], regionNames: inside.map(\.name))
        }
        if let code = codes.first {     // a town of the store with a synthetic code
            let label = found.first { $0.adcode == code }?.name ?? name
            return PlaceScope(resolved: ResolvedName(kind: "place", name: label, adcode: code), key: EventScopeIndex.placeKey(code: code),
                              codePrefixes: [code], regionNames: [])
        }
        return try regionScope(named: name, reader, asked: "place")
    }

    /// The scope of a region filter: the curated member counties (with
    /// their sub-places), the region's own node and the regions inside it.
    func regionScope(named name: String, _ reader: StoreReader, asked: String = "region") throws(QueryError) -> PlaceScope {
        var regions = knowledge.entries(for: name).filter { $0.kind == .region }.map { knowledge.regions[Int($0.index)] }
        regions = regions.reduce(into: []) { unique, region in if !unique.contains(where: { $0.id == region.id }) { unique.append(region) } }
        // One name for a division of the past in two periods (万县市 the
        // county-level city until 1992, the prefecture until 1998): one place,
        // the members of both.
        if regions.count > 1, regions.allSatisfy(\.isHistoricalDivision), var merged = regions.first {
            merged.members = Array(Set(regions.flatMap(\.members))).sorted()
            regions = [merged]
        }
        if regions.count > 1 {
            throw .ambiguousName(kind: "region", name: name, candidates: regions.map(\.name).sorted().map(QueryError.Candidate.init))
        }
        guard let region = regions.first else {
            throw .unknownName(kind: asked, name: name, suggestions: suggestions(for: name, type: .place, reader))
        }
        let prefixes = Array(Set(region.members.map { PlaceScope.prefix(of: knowledge.divisions[$0].code) })).sorted()
        let inside = knowledge.regions.filter { other in
            other.id == region.id || (!other.members.isEmpty && other.members.allSatisfy { member in
                prefixes.contains { knowledge.divisions[member].code.hasPrefix($0) }
            })
        }
        return PlaceScope(resolved: ResolvedName(kind: "region", name: region.name, adcode: nil),
                          key: EventScopeIndex.key(of: region, in: knowledge), codePrefixes: prefixes, regionNames: inside.map(\.name))
    }

    /// 城关镇 (500242…, 酉阳县 › 重庆市): enough to tell candidates apart.
    private func describe(code: String) -> String {
        guard let index = knowledge.divisionIndex(code: code) else { return code }
        let path = knowledge.ancestors(of: index).map { knowledge.divisions[$0].commonName }
        return knowledge.divisions[index].commonName + " (" + ([code] + path).joined(separator: ", ") + ")"
    }

    /// The known names nearest to `name`: fewest edits, most shared
    /// characters; names in the store before names only in the gazetteer.
    func suggestions(for name: String, type: NodeType?, _ reader: StoreReader, limit: Int = 5) -> [String] {
        var candidates = (try? reader.names(of: type)) ?? []
        let stored = candidates
        if type == .place || type == nil {
            for division in knowledge.divisions where division.level != .town { candidates.insert(division.commonName) }
            for region in knowledge.regions { candidates.insert(region.name) }
        }
        let wanted = Set(name)
        let scored: [(name: String, score: Int, stored: Bool)] = candidates.compactMap { candidate in
            let shared = Set(candidate).intersection(wanted).count
            guard shared > 0 else { return nil }
            return (candidate, editDistance(Array(name), Array(candidate)) - shared, stored.contains(candidate))
        }
        return scored.sorted { a, b in
            if a.score != b.score { return a.score < b.score }
            if a.stored != b.stored { return a.stored }
            return a.name < b.name
        }.prefix(limit).map(\.name)
    }
}

/// Levenshtein distance over characters.
func editDistance(_ a: [Character], _ b: [Character]) -> Int {
    if a.isEmpty { return b.count }
    var previous = Array(0...b.count)
    var current = previous
    for i in 1...a.count {
        current[0] = i
        for j in stride(from: 1, through: b.count, by: 1) {
            current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        swap(&previous, &current)
    }
    return previous[b.count]
}
