import Foundation

/// The entries of one surface form, in storage their knowledge base owns:
/// valid while the knowledge base lives, as everything that looks them up
/// (a recogniser holding the knowledge base) does.
public typealias LexiconEntries = UnsafeBufferPointer<LexiconEntry>

/// One thing a surface form in the lexicon can stand for.
public struct LexiconEntry: Sendable, Equatable {
    public enum Kind: UInt8, Sendable {
        case division, region, feature, person, title, surname, organisation, organisationWord, site, siteSuffix, nameFollower, nameBoundary, eventWord
    }

    /// How the surface names the thing.
    public enum Form: UInt8, Sendable, Comparable {
        /// The official name: 酉阳土家族苗族自治县, 中共中央西南局.
        case official
        /// A complete alternative: 酉阳县, 西南局, 北碚区.
        case alias
        /// A short form that is also an ordinary word or a fragment:
        /// 酉阳, 北碚, 澄江. Recognisers accept these only in context.
        case short

        public static func < (a: Form, b: Form) -> Bool { a.rawValue < b.rawValue }
    }

    public var kind: Kind
    /// Index into the table of that kind (``KnowledgeBase/divisions`` …).
    public var index: Int32
    public var form: Form
}

/// The lexicon matches of one stretch of text (an article), position by
/// position: for local position `p`, matches `starts[p]..<starts[p + 1]`
/// are the surface forms starting there, shortest first (``length(of:)``,
/// ``surface(of:)``); `startKinds[p]` and `endKinds[p]` hold one bit per
/// entry kind of the forms that start and end there (`endKinds` has one
/// slot more). The tables live in the ``MatchBuffers`` they were made in,
/// which hold no other table while this one is alive.
public final class SurfaceMatches {
    public let starts: UnsafeBufferPointer<Int32>
    /// Surface number << 8 | length (keys are shorter than 256 characters,
    /// surfaces fewer than 2^24).
    @usableFromInline let packed: UnsafeBufferPointer<UInt32>
    public let startKinds: UnsafeBufferPointer<UInt16>
    public let endKinds: UnsafeBufferPointer<UInt16>
    /// Where the tables live; free for the next table once this one goes.
    private let buffers: MatchBuffers

    init(starts: UnsafeMutableBufferPointer<Int32>, packed: UnsafeMutableBufferPointer<UInt32>, startKinds: UnsafeMutableBufferPointer<UInt16>,
         endKinds: UnsafeMutableBufferPointer<UInt16>, buffers: MatchBuffers) {
        self.starts = UnsafeBufferPointer(starts)
        self.packed = UnsafeBufferPointer(packed)
        self.startKinds = UnsafeBufferPointer(startKinds)
        self.endKinds = UnsafeBufferPointer(endKinds)
        self.buffers = buffers
        buffers.inUse = true
    }

    deinit { buffers.inUse = false }

    @inlinable @inline(__always)
    public func length(of match: Int) -> Int { Int(packed[match] & 0xFF) }

    @inlinable @inline(__always)
    public func surface(of match: Int) -> Int { Int(packed[match] >> 8) }
}

/// All curated knowledge of `graph/knowledge`, loaded once and compiled into
/// one double-array trie over every surface form.
///
/// ```swift
/// let knowledge = try KnowledgeBase.load()
/// knowledge.division(code: "500242")?.name   // 酉阳土家族苗族自治县
/// ```
public final class KnowledgeBase: Sendable {
    public let folder: String
    public let divisions: [Division]
    public let regions: [Region]
    public let features: [KnownSite]
    public let people: [KnownPerson]
    public let titles: [Title]
    public let organisations: [KnownOrganisation]
    public let organisationWords: [OrganisationWord]
    public let sites: [KnownSite]
    public let siteSuffixes: [String]
    /// Qualifiers that make no site name on their own: 革命(旧址), 红色(遗址).
    public let genericSiteQualifiers: Set<String>
    public let eventWords: [EventWord]
    public let knownEvents: [KnownEvent]
    /// For a trigger word (index into ``eventWords``), the known events one
    /// of whose cues contains it: 会师 → 南腰界会师, 解放 → 重庆解放.
    public let knownEventsByTrigger: [Int: [Int]]
    public let identity: IdentityDecisions
    /// Single-character surnames, one bit per BMP scalar.
    @usableFromInline let singleSurnames: [UInt64]
    /// Characters never inside a personal name (的, 了, 委 …), one bit per BMP scalar.
    @usableFromInline let notInNames: [UInt64]
    /// Characters that after a title or in a list are words (和, 与, 对),
    /// even where they are also surnames.
    @usableFromInline let conjunctions: [UInt64]
    private let divisionByCode: [String: Int]
    @usableFromInline let trie: DoubleArrayTrie
    @usableFromInline let entryOffsets: [Int32]
    /// Every surface form's entries, one form's after another (see
    /// ``entryOffsets``), in storage the knowledge base owns, which
    /// ``entries(ofSurface:)`` hands out as buffers: a slice of an array
    /// would retain it and release it again, an atomic operation each, at
    /// every lexicon match every recogniser looks at.
    @usableFromInline nonisolated(unsafe) let entryStorage: UnsafeMutableBufferPointer<LexiconEntry>
    /// For each surface form, one bit per ``LexiconEntry/Kind`` of its entries.
    @usableFromInline let surfaceKinds: [UInt16]
    /// Each surface form as a string, by number.
    @usableFromInline let surfaceStrings: [String]

    deinit { entryStorage.deallocate() }

    /// The process-wide knowledge base, loaded on first use from
    /// ``locateFolder()``.
    public static func shared() throws(KnowledgeError) -> KnowledgeBase {
        try sharedResult.get()
    }

    private static let sharedResult: Result<KnowledgeBase, KnowledgeError> = {
        do throws(KnowledgeError) {
            return .success(try load())
        } catch {
            return .failure(error)
        }
    }()

    /// Finds `graph/knowledge`: `$ANNALS_KNOWLEDGE`, the package this binary
    /// was built from, then the current folder and its parents.
    public static func locateFolder() throws(KnowledgeError) -> String {
        var candidates: [String] = []
        if let configured = ProcessInfo.processInfo.environment["ANNALS_KNOWLEDGE"] { candidates.append(configured) }
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(packageRoot.appendingPathComponent("graph/knowledge").path)
        var folder = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        for _ in 0..<4 {
            candidates.append(folder.appendingPathComponent("graph/knowledge").path)
            folder.deleteLastPathComponent()
        }
        for candidate in candidates where FileManager.default.fileExists(atPath: candidate + "/gazetteer/divisions.tsv") {
            return candidate
        }
        throw .folderNotFound(searched: candidates)
    }

    public static func load(from folder: String? = nil) throws(KnowledgeError) -> KnowledgeBase {
        let located: String
        if let folder { located = folder } else { located = try locateFolder() }
        return try KnowledgeBase(folder: located)
    }

    private init(folder: String) throws(KnowledgeError) {
        self.folder = folder
        var surfaces = LexiconBuilder()

        // Gazetteer.
        let gazetteer = try TSVFile(path: folder + "/gazetteer/divisions.tsv")
        let (codeColumn, levelColumn, parentColumn, nameColumn, aliasColumn, latColumn, lonColumn) = try (
            gazetteer.column("code"), gazetteer.column("level"), gazetteer.column("parent"), gazetteer.column("name"),
            gazetteer.column("aliases"), gazetteer.column("lat"), gazetteer.column("lon"))
        var divisions: [Division] = []
        divisions.reserveCapacity(gazetteer.rows.count)
        var byCode: [String: Int] = [:]
        var parentCodes: [Substring] = []
        for (number, row) in gazetteer.rows.enumerated() {
            guard let level = Division.Level(rawValue: String(row[levelColumn])) else {
                throw .malformed(file: gazetteer.path, line: number + 2, problem: "unknown level '\(row[levelColumn])'")
            }
            byCode[String(row[codeColumn])] = divisions.count
            parentCodes.append(row[parentColumn])
            var division = Division(
                code: String(row[codeColumn]), level: level, parent: nil, name: String(row[nameColumn]),
                aliases: row[aliasColumn].listValues, latitude: Double(row[latColumn]), longitude: Double(row[lonColumn]))
            division.commonName = Division.commonName(of: division.name, aliases: division.aliases)
            divisions.append(division)
        }
        for index in divisions.indices where !parentCodes[index].isEmpty {
            divisions[index].parent = byCode[String(parentCodes[index])]
        }
        for (index, division) in divisions.enumerated() {
            // A two-character town name (社区) is too generic to count alone.
            let officialForm: LexiconEntry.Form = division.level == .town && division.name.count < 3 ? .short : .official
            surfaces.add(division.name, .init(kind: .division, index: Int32(index), form: officialForm))
            for alias in division.aliases {
                surfaces.add(alias, .init(kind: .division, index: Int32(index), form: Self.aliasForm(alias, of: division.name)))
            }
        }
        self.divisions = divisions
        divisionByCode = byCode

        func places(_ field: Substring) -> [Int] { field.listValues.compactMap { byCode[$0] } }

        // Regions and natural features.
        let regionFile = try TSVFile(path: folder + "/regions/regions.tsv", optional: true)
        var regions: [Region] = []
        if !regionFile.rows.isEmpty {
            let columns = try (regionFile.column("id"), regionFile.column("name"), regionFile.column("aliases"),
                               regionFile.column("kind"), regionFile.column("members"), regionFile.column("description"))
            for row in regionFile.rows {
                regions.append(Region(id: String(row[columns.0]), name: String(row[columns.1]), aliases: row[columns.2].listValues,
                                      kind: String(row[columns.3]), members: places(row[columns.4]), description: String(row[columns.5])))
            }
        }
        for (index, region) in regions.enumerated() {
            surfaces.add(region.name, .init(kind: .region, index: Int32(index), form: .official))
            for alias in region.aliases { surfaces.add(alias, .init(kind: .region, index: Int32(index), form: .alias)) }
        }
        self.regions = regions
        let featureFile = try TSVFile(path: folder + "/places/features.tsv", optional: true)
        features = try Self.namedPlaces(featureFile, places: places)
        for (index, feature) in features.enumerated() {
            surfaces.add(feature.name, .init(kind: .feature, index: Int32(index), form: .official))
            for alias in feature.aliases { surfaces.add(alias, .init(kind: .feature, index: Int32(index), form: .alias)) }
        }

        // People, titles, surnames.
        let peopleFile = try TSVFile(path: folder + "/people/known_people.tsv", optional: true)
        var people: [KnownPerson] = []
        if !peopleFile.rows.isEmpty {
            let columns = try (peopleFile.column("id"), peopleFile.column("name"), peopleFile.column("aliases"),
                               peopleFile.column("born"), peopleFile.column("died"), peopleFile.column("description"))
            for row in peopleFile.rows {
                people.append(KnownPerson(id: String(row[columns.0]), name: String(row[columns.1]), aliases: row[columns.2].listValues,
                                          born: Int(row[columns.3]), died: Int(row[columns.4]), description: String(row[columns.5])))
            }
        }
        for (index, person) in people.enumerated() {
            surfaces.add(person.name, .init(kind: .person, index: Int32(index), form: .official))
            for alias in person.aliases {
                // A given name alone (敏尔) only counts next to a title.
                surfaces.add(alias, .init(kind: .person, index: Int32(index), form: alias.count <= 2 && !person.name.hasPrefix(alias) && person.name.hasSuffix(alias) ? .short : .alias))
            }
        }
        self.people = people

        let titleFile = try TSVFile(path: folder + "/people/titles.tsv", optional: true)
        var titles: [Title] = []
        if !titleFile.rows.isEmpty {
            let columns = try (titleFile.column("title"), titleFile.column("kind"), titleFile.column("position"))
            for row in titleFile.rows {
                titles.append(Title(word: String(row[columns.0]), kind: String(row[columns.1]),
                                    position: Title.Position(rawValue: String(row[columns.2])) ?? .both))
            }
        }
        for (index, title) in titles.enumerated() { surfaces.add(title.word, .init(kind: .title, index: Int32(index), form: .official)) }
        self.titles = titles

        let surnameFile = try TSVFile(path: folder + "/people/surnames.tsv", optional: true)
        var singles = [UInt64](repeating: 0, count: 0x10000 / 64)
        if !surnameFile.rows.isEmpty {
            let column = try surnameFile.column("surname")
            for (index, row) in surnameFile.rows.enumerated() {
                let scalars = row[column].unicodeScalars
                if scalars.count == 1, let value = scalars.first?.value, value < 0x10000 {
                    singles[Int(value) >> 6] |= 1 << UInt64(value & 63)
                } else {
                    surfaces.add(String(row[column]), .init(kind: .surname, index: Int32(index), form: .official))
                }
            }
        }
        singleSurnames = singles

        let contextFile = try TSVFile(path: folder + "/people/name_context.tsv", optional: true)
        var excluded = [UInt64](repeating: 0, count: 0x10000 / 64)
        var conjunctionBits = [UInt64](repeating: 0, count: 0x10000 / 64)
        if !contextFile.rows.isEmpty {
            let (wordColumn, kindColumn) = try (contextFile.column("word"), contextFile.column("kind"))
            for (index, row) in contextFile.rows.enumerated() {
                switch row[kindColumn] {
                case "follows_name":
                    surfaces.add(String(row[wordColumn]), .init(kind: .nameFollower, index: Int32(index), form: .official))
                case "not_in_name":
                    if let value = row[wordColumn].unicodeScalars.first?.value, value < 0x10000 {
                        excluded[Int(value) >> 6] |= 1 << UInt64(value & 63)
                    }
                case "conjunction":
                    if let value = row[wordColumn].unicodeScalars.first?.value, value < 0x10000 {
                        conjunctionBits[Int(value) >> 6] |= 1 << UInt64(value & 63)
                    }
                default:
                    throw .malformed(file: contextFile.path, line: index + 2, problem: "unknown kind '\(row[kindColumn])'")
                }
            }
        }
        notInNames = excluded
        conjunctions = conjunctionBits

        // Organisations and their grammar.
        let organisationFile = try TSVFile(path: folder + "/organisations/known_organisations.tsv", optional: true)
        var organisations: [KnownOrganisation] = []
        if !organisationFile.rows.isEmpty {
            let columns = try (organisationFile.column("id"), organisationFile.column("name"), organisationFile.column("aliases"),
                               organisationFile.column("kind"), organisationFile.column("place"))
            for row in organisationFile.rows {
                organisations.append(KnownOrganisation(id: String(row[columns.0]), name: String(row[columns.1]), aliases: row[columns.2].listValues,
                                                       kind: String(row[columns.3]), place: places(row[columns.4]).first))
            }
        }
        for (index, organisation) in organisations.enumerated() {
            surfaces.add(organisation.name, .init(kind: .organisation, index: Int32(index), form: .official))
            // Two-character aliases (重大, 总台, 西师) are ordinary words too.
            for alias in organisation.aliases {
                // `红军!`: curated as unambiguous despite its length.
                if alias.hasSuffix("!") {
                    surfaces.add(String(alias.dropLast()), .init(kind: .organisation, index: Int32(index), form: .alias))
                } else {
                    surfaces.add(alias, .init(kind: .organisation, index: Int32(index), form: alias.count <= 2 ? .short : .alias))
                }
            }
        }
        self.organisations = organisations

        let grammarFile = try TSVFile(path: folder + "/organisations/grammar.tsv", optional: true)
        var words: [OrganisationWord] = []
        if !grammarFile.rows.isEmpty {
            let columns = try (grammarFile.column("word"), grammarFile.column("role"), grammarFile.column("expansion"))
            for (number, row) in grammarFile.rows.enumerated() {
                guard let role = OrganisationWord.Role(rawValue: String(row[columns.1])) else {
                    throw .malformed(file: grammarFile.path, line: number + 2, problem: "unknown role '\(row[columns.1])'")
                }
                words.append(OrganisationWord(word: String(row[columns.0]), role: role, expansion: row[columns.2].isEmpty ? nil : String(row[columns.2])))
            }
        }
        for (index, word) in words.enumerated() { surfaces.add(word.word, .init(kind: .organisationWord, index: Int32(index), form: .official)) }
        organisationWords = words

        // Sites.
        let siteFile = try TSVFile(path: folder + "/sites/known_sites.tsv", optional: true)
        sites = try Self.namedPlaces(siteFile, places: places)
        for (index, site) in sites.enumerated() {
            surfaces.add(site.name, .init(kind: .site, index: Int32(index), form: .official))
            for alias in site.aliases { surfaces.add(alias, .init(kind: .site, index: Int32(index), form: .alias)) }
        }
        let suffixFile = try TSVFile(path: folder + "/sites/site_suffixes.tsv", optional: true)
        var suffixes: [String] = []
        if !suffixFile.rows.isEmpty {
            let column = try suffixFile.column("suffix")
            suffixes = suffixFile.rows.map { String($0[column]) }
        }
        for (index, suffix) in suffixes.enumerated() { surfaces.add(suffix, .init(kind: .siteSuffix, index: Int32(index), form: .official)) }
        siteSuffixes = suffixes
        let boundaryFile = try TSVFile(path: folder + "/sites/name_boundaries.tsv", optional: true)
        var generic: Set<String> = []
        if !boundaryFile.rows.isEmpty {
            let (column, kindColumn) = try (boundaryFile.column("word"), boundaryFile.column("kind"))
            for (index, row) in boundaryFile.rows.enumerated() {
                if row[kindColumn] == "generic" {
                    generic.insert(String(row[column]))
                } else {
                    surfaces.add(String(row[column]), .init(kind: .nameBoundary, index: Int32(index), form: .official))
                }
            }
        }
        genericSiteQualifiers = generic

        let eventFile = try TSVFile(path: folder + "/events/event_words.tsv", optional: true)
        var events: [EventWord] = []
        if !eventFile.rows.isEmpty {
            let columns = try (eventFile.column("word"), eventFile.column("kind"), eventFile.column("value"))
            for (number, row) in eventFile.rows.enumerated() {
                guard let kind = EventWord.Kind(rawValue: String(row[columns.1])) else {
                    throw .malformed(file: eventFile.path, line: number + 2, problem: "unknown kind '\(row[columns.1])'")
                }
                events.append(EventWord(word: String(row[columns.0]), kind: kind, value: String(row[columns.2])))
            }
        }
        for (index, word) in events.enumerated() { surfaces.add(word.word, .init(kind: .eventWord, index: Int32(index), form: .official)) }
        eventWords = events

        let knownFile = try TSVFile(path: folder + "/events/known_events.tsv", optional: true)
        var known: [KnownEvent] = []
        if !knownFile.rows.isEmpty {
            let columns = try (knownFile.column("id"), knownFile.column("date"), knownFile.column("type"), knownFile.column("cues"),
                               knownFile.column("name"), knownFile.column("description"))
            for (number, row) in knownFile.rows.enumerated() {
                let cues = row[columns.3].split(separator: ";").map(\.listValues)
                guard !cues.isEmpty, cues.allSatisfy({ !$0.isEmpty && $0.allSatisfy { !$0.isEmpty } }) else {
                    throw .malformed(file: knownFile.path, line: number + 2, problem: "empty cue in '\(row[columns.3])'")
                }
                known.append(KnownEvent(id: String(row[columns.0]), date: String(row[columns.1]), type: String(row[columns.2]), cues: cues,
                                        name: String(row[columns.4]), description: String(row[columns.5])))
            }
        }
        knownEvents = known
        var byTrigger: [Int: [Int]] = [:]
        for (wordIndex, word) in events.enumerated() where word.kind == .trigger {
            let trigger = word.word.unicodeScalars.map(\.value)
            for (eventIndex, event) in known.enumerated() where event.cueScalars.contains(where: { $0.contains { KnownEvent.occurs(trigger, in: $0[...]) } }) {
                byTrigger[wordIndex, default: []].append(eventIndex)
            }
        }
        knownEventsByTrigger = byTrigger

        let decisionFile = try TSVFile(path: folder + "/identity/decisions.tsv", optional: true)
        var decisions = IdentityDecisions()
        if !decisionFile.rows.isEmpty {
            let columns = try (decisionFile.column("decision"), decisionFile.column("subject"), decisionFile.column("object"))
            for (number, row) in decisionFile.rows.enumerated() {
                let subject = String(row[columns.1]), object = String(row[columns.2])
                switch row[columns.0] {
                case "same_as": decisions.sameAs[subject] = object
                case "not_same_as": decisions.notSameAs[subject, default: []].append(object)
                case "rename": decisions.renames[subject] = object
                case "retype": decisions.retypes[subject] = object
                default: throw .malformed(file: decisionFile.path, line: number + 2, problem: "unknown decision '\(row[columns.0])'")
                }
            }
        }
        identity = decisions

        let entries: [LexiconEntry]
        (trie, entryOffsets, entries) = try surfaces.compile()
        surfaceStrings = surfaces.surfaces
        entryStorage = .allocate(capacity: entries.count)
        _ = entryStorage.initialize(from: entries)
        var kinds = [UInt16](repeating: 0, count: entryOffsets.count - 1)
        precondition(LexiconEntry.Kind.eventWord.rawValue < 13, "entry kinds (eventWord is the last) must stay below namedDivisionBit")
        for surface in kinds.indices {
            for entry in entries[Int(entryOffsets[surface])..<Int(entryOffsets[surface + 1])] {
                kinds[surface] |= 1 << UInt16(entry.kind.rawValue)
                if entry.kind == .division && !(entry.form == .short && divisions[Int(entry.index)].level == .town) {
                    kinds[surface] |= Self.namedDivisionBit
                }
            }
        }
        surfaceKinds = kinds
    }

    /// Sites and natural features share one file shape.
    private static func namedPlaces(_ file: TSVFile, places: (Substring) -> [Int]) throws(KnowledgeError) -> [KnownSite] {
        guard !file.rows.isEmpty else { return [] }
        let columns = try (file.column("id"), file.column("name"), file.column("aliases"), file.column("kind"), file.column("place"))
        return file.rows.map { row in
            KnownSite(id: String(row[columns.0]), name: String(row[columns.1]), aliases: row[columns.2].listValues,
                      kind: String(row[columns.3]), place: places(row[columns.4]).first)
        }
    }

    /// A complete alternative name (酉阳县 for 酉阳土家族苗族自治县) or a
    /// short form: the name without its level word (北碚, and 进乡 of
    /// 进乡街道, which only looks like one).
    static func aliasForm(_ alias: String, of name: String) -> LexiconEntry.Form {
        isLevelWord(alias) && !name.utf8.starts(with: alias.utf8) ? .alias : .short
    }

    /// Whether a place name ends in a level word (县, 区, 市 …), which makes
    /// it a complete name rather than a bare short form.
    static func isLevelWord(_ name: String) -> Bool {
        let scalars = name.unicodeScalars
        guard scalars.count >= 2, let last = scalars.last else { return false }
        switch last {
        case "省", "市", "县", "区", "旗", "州", "盟", "镇", "乡": return true
        case "道": return scalars.dropLast().last == "街"
        default: return false
        }
    }

    // MARK: - Lookups

    public func division(code: String) -> Division? {
        divisionByCode[code].map { divisions[$0] }
    }

    public func divisionIndex(code: String) -> Int? { divisionByCode[code] }

    /// Whether `value` is a single-character surname.
    @inlinable @inline(__always)
    public func isSingleSurname(_ value: UInt32) -> Bool {
        value < 0x10000 && singleSurnames[Int(value) >> 6] & (1 << UInt64(value & 63)) != 0
    }

    /// Whether `value` cannot stand inside a personal name (的, 委, 县 …).
    @inlinable @inline(__always)
    public func cannotBeInName(_ value: UInt32) -> Bool {
        value >= 0x10000 || notInNames[Int(value) >> 6] & (1 << UInt64(value & 63)) != 0
    }

    /// Whether `value` is read as a conjunction or preposition (和, 与, 对 …)
    /// where a name could start.
    @inlinable @inline(__always)
    public func isConjunction(_ value: UInt32) -> Bool {
        value < 0x10000 && conjunctions[Int(value) >> 6] & (1 << UInt64(value & 63)) != 0
    }

    /// Calls `found(length, entries)` for every surface form starting at
    /// `start` in `text`, shortest first.
    @inlinable @inline(__always)
    public func forEachMatch(in text: UnsafeBufferPointer<UInt32>, at start: Int, _ found: (Int, LexiconEntries) -> Void) {
        trie.forEachPrefix(of: text, from: start) { length, surface in
            found(length, entries(ofSurface: surface))
        }
    }

    /// Every surface form starting in `range` of `text`, as one table (see
    /// ``SurfaceMatches``): what a recogniser looks up at each position,
    /// found up front by one walk of the trie from all positions at once
    /// (``DoubleArrayTrie/prefixMatches(of:startingIn:)``), then put in
    /// position order by counting.
    /// The tables are written into `buffers`, which a caller keeps from
    /// one article to the next; the buffers' previous table must be gone.
    public func surfaceMatches(in text: UnsafeBufferPointer<UInt32>, range: Range<Int>, reusing buffers: MatchBuffers = MatchBuffers()) -> SurfaceMatches {
        precondition(!buffers.inUse, "match buffers reused while their last table is still in use")
        let count = range.count
        let found = trie.findPrefixMatches(of: text, startingIn: range, walk: &buffers.walk, found: &buffers.found)
        let starts = UnsafeMutableBufferPointer(start: buffers.starts.reserve(count + 1), count: count + 1)
        let packed = UnsafeMutableBufferPointer(start: buffers.packed.reserve(found.count), count: found.count)
        let startKinds = UnsafeMutableBufferPointer(start: buffers.startKinds.reserve(count), count: count)
        let endKinds = UnsafeMutableBufferPointer(start: buffers.endKinds.reserve(count + 1), count: count + 1)
        starts.initialize(repeating: 0)
        startKinds.initialize(repeating: 0)
        endKinds.initialize(repeating: 0)
        // The matches come shortest first, each length in position order;
        // placed by their start in that order, each position's come
        // shortest first.
        surfaceKinds.withUnsafeBufferPointer { surfaceKinds in
            // Each position's count, then the end of its slots: placed from
            // the last match back, each position's slots fill from their
            // end, and its end moves down to its start.
            for match in found { starts[Int(match >> 32)] += 1 }
            var running: Int32 = 0
            for local in 0..<count {
                running &+= starts[local]     // at most found.count
                starts[local] = running
            }
            starts[count] = Int32(found.count)
            for match in found.reversed() {
                let local = Int(match >> 32)
                starts[local] -= 1
                let surfaceAndLength = UInt32(truncatingIfNeeded: match)
                packed.initializeElement(at: Int(starts[local]), to: surfaceAndLength)
                let bits = surfaceKinds[Int(surfaceAndLength >> 8)]
                startKinds[local] |= bits
                endKinds[local + Int(surfaceAndLength & 0xFF)] |= bits
            }
        }
        return SurfaceMatches(starts: starts, packed: packed, startKinds: startKinds, endKinds: endKinds, buffers: buffers)
    }

    /// One bit per entry kind of surface form number `surface` (bit
    /// `kind.rawValue`), and ``namedDivisionBit``.
    @inlinable @inline(__always)
    public func kinds(ofSurface surface: Int) -> UInt16 { surfaceKinds[surface] }

    /// Set in ``kinds(ofSurface:)`` for a surface that names a division
    /// other than by a town's short form (澄江 for 澄江镇 is a town's short
    /// form; such a form names a place only right after its county, and
    /// never starts an organisation's name).
    public static var namedDivisionBit: UInt16 { 1 << 13 }

    /// What surface form number `surface` stands for.
    @inlinable @inline(__always)
    public func entries(ofSurface surface: Int) -> LexiconEntries {
        let start = Int(entryOffsets[surface])
        return LexiconEntries(start: entryStorage.baseAddress! + start, count: Int(entryOffsets[surface + 1]) - start)
    }

    /// Surface form number `surface` as a string: for a mention that spans
    /// a form exactly, a copy of a string made once (for a form of up to
    /// five ideographs, no allocation at all) instead of a new one.
    @inlinable @inline(__always)
    public func string(ofSurface surface: Int) -> String { surfaceStrings[surface] }

    /// The entries of an exact surface form.
    public func entries(for surface: String) -> ArraySlice<LexiconEntry> {
        guard let surfaceIndex = trie.value(of: surface) else { return [] }
        return ArraySlice(entries(ofSurface: surfaceIndex))
    }

    /// Ancestors of a division, nearest first.
    public func ancestors(of index: Int) -> [Int] {
        var result: [Int] = []
        var current = divisions[index].parent
        while let parent = current {
            result.append(parent)
            current = divisions[parent].parent
        }
        return result
    }

    /// The province-level ancestor (or itself).
    public func province(of index: Int) -> Int {
        var current = index
        while let parent = divisions[current].parent { current = parent }
        return current
    }

    /// Number of distinct surface forms in the lexicon.
    public var surfaceCount: Int { trie.count }
}

/// Collects surface forms and their entries, then compiles the trie.
private struct LexiconBuilder {
    var surfaceIndex: [String: Int] = [:]
    var surfaces: [String] = []
    var entries: [[LexiconEntry]] = []

    mutating func add(_ surface: String, _ entry: LexiconEntry) {
        guard !surface.isEmpty else { return }
        if let index = surfaceIndex[surface] {
            if !entries[index].contains(entry) { entries[index].append(entry) }
        } else {
            surfaceIndex[surface] = surfaces.count
            surfaces.append(surface)
            entries.append([entry])
        }
    }

    func compile() throws(KnowledgeError) -> (DoubleArrayTrie, [Int32], [LexiconEntry]) {
        // ``SurfaceMatches`` packs a match's length into 8 bits and its
        // surface number into 24.
        if let long = surfaces.first(where: { $0.unicodeScalars.count > 255 }) { throw .nameTooLong(long) }
        precondition(surfaces.count < 1 << 24, "more surface forms than a match table can number")
        var offsets: [Int32] = [0]
        var flat: [LexiconEntry] = []
        for list in entries {
            flat.append(contentsOf: list.sorted { ($0.form, $0.kind.rawValue) < ($1.form, $1.kind.rawValue) })
            offsets.append(Int32(flat.count))
        }
        return (DoubleArrayTrie(keys: surfaces), offsets, flat)
    }
}
