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

    /// The curated identity decisions' file of this knowledge folder.
    public var decisionsPath: String { folder + "/identity/decisions.tsv" }

    /// The identity decisions a file holds now: curation reads them afresh,
    /// as a historian may have edited the file since the knowledge loaded.
    public static func identityDecisions(inFile path: String) throws(KnowledgeError) -> IdentityDecisions {
        try KnowledgeLoader(folder: "").identityDecisions(inFile: path)
    }

    public static func load(from folder: String? = nil) throws(KnowledgeError) -> KnowledgeBase {
        let located: String
        if let folder { located = folder } else { located = try locateFolder() }
        return try KnowledgeBase(folder: located)
    }

    private init(folder: String) throws(KnowledgeError) {
        self.folder = folder
        // One loader a file; each adds the forms its records are found by.
        var loader = KnowledgeLoader(folder: folder)
        let divisions = try loader.divisions()
        self.divisions = divisions
        divisionByCode = loader.divisionByCode
        regions = try loader.regions()
        features = try loader.features()
        people = try loader.people()
        titles = try loader.titles()
        singleSurnames = try loader.singleSurnames()
        (notInNames, conjunctions) = try loader.nameContext()
        organisations = try loader.organisations()
        organisationWords = try loader.organisationWords()
        sites = try loader.sites()
        siteSuffixes = try loader.siteSuffixes()
        genericSiteQualifiers = try loader.siteNameBoundaries()
        let events = try loader.eventWords()
        eventWords = events
        let known = try loader.knownEvents()
        knownEvents = known
        identity = try loader.identityDecisions()

        // The known events each trigger word may cue.
        var byTrigger: [Int: [Int]] = [:]
        for (wordIndex, word) in events.enumerated() where word.kind == .trigger {
            let trigger = word.word.unicodeScalars.map(\.value)
            for (eventIndex, event) in known.enumerated() where event.cueScalars.contains(where: { $0.contains { KnownEvent.occurs(trigger, in: $0[...]) } }) {
                byTrigger[wordIndex, default: []].append(eventIndex)
            }
        }
        knownEventsByTrigger = byTrigger

        let surfaces = loader.lexicon
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
struct LexiconBuilder {
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
