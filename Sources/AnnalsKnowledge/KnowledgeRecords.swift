/// An administrative division of China (province, prefecture, county or
/// town) from the gazetteer.
public struct Division: Sendable, Equatable {
    public enum Level: String, Sendable, Comparable {
        case province, city, county, town

        private var rank: Int {
            switch self {
            case .province: 0
            case .city: 1
            case .county: 2
            case .town: 3
            }
        }

        public static func < (a: Level, b: Level) -> Bool { a.rank < b.rank }
    }

    /// GB/T 2260 code (towns: the project's stable synthetic key).
    public var code: String
    public var level: Level
    /// Index of the parent division in ``KnowledgeBase/divisions``.
    public var parent: Int?
    /// Official full name: 酉阳土家族苗族自治县.
    public var name: String
    /// Short and common forms: 酉阳县, 酉阳.
    public var aliases: [String]
    public var latitude: Double?
    public var longitude: Double?

    /// 北京, 天津, 上海, 重庆: province-level cities.
    /// (Scalar comparison: `String.hasSuffix` compares by grapheme and runs
    /// for every organisation name built.)
    public var isMunicipality: Bool { Self.isMunicipality(level: level, name: name) }

    /// `municipality`, `province`, `city`, `district`, `county` or `town`.
    public var placeKind: String { Self.placeKind(level: level, name: name) }

    /// The same from the two fields it needs (reading two fields of an
    /// array element is cheaper than copying the whole division).
    public static func isMunicipality(level: Level, name: String) -> Bool {
        level == .province && name.unicodeScalars.last == "市"
    }

    public static func placeKind(level: Level, name: String) -> String {
        switch level {
        case .province: isMunicipality(level: level, name: name) ? "municipality" : "province"
        case .city: "city"
        case .county: name.unicodeScalars.last == "区" ? "district" : "county"
        case .town: "town"
        }
    }

    /// The name documents usually write, `X县`/`X区` rather than the full
    /// autonomous-county name (computed once, when the gazetteer loads). A
    /// town keeps its official name: 刘家坪白族乡 is how reports name it,
    /// and its short form (刘家坪乡) is another township's in other counties.
    public internal(set) var commonName: String = ""

    /// The first alias ending in the name's level word, else the official
    /// name (always, for a town).
    static func commonName(of name: String, level: Level, aliases: [String]) -> String {
        // On scalars: Character-level hasSuffix is slow over 46,000 names.
        guard level != .town, let last = name.unicodeScalars.last, Self.levelEndings.contains(last) else { return name }
        return aliases.first { $0.unicodeScalars.last == last && $0.unicodeScalars.count >= 2 } ?? name
    }

    private static let levelEndings: Set<Unicode.Scalar> = ["县", "区", "市", "旗", "州", "镇", "乡", "道"]
}

/// A historical or informal region: 湘鄂川黔革命根据地, 渝东南, 山城.
public struct Region: Sendable, Equatable {
    public var id: String
    public var name: String
    public var aliases: [String]
    public var kind: String
    /// Indices of member divisions in ``KnowledgeBase/divisions``.
    public var members: [Int]
    public var description: String
    /// Divisions of the past: the years their name was in use, where known.
    public var from: Int? = nil
    public var until: Int? = nil

    /// Kinds of divisions no longer in use start with it: `former_county`.
    /// (`historical_region` in regions.tsv is a name still in use, 川东.)
    public static let historicalPrefix = "former_"
    /// A division of the past (大庸县, 万县地区), not a region of today.
    public var isHistoricalDivision: Bool { kind.utf8.first == UInt8(ascii: "f") && kind.hasPrefix(Self.historicalPrefix) }
}

/// A person the knowledge base knows by name: national and Chongqing
/// leaders, Red Army commanders, revolutionaries and martyrs.
public struct KnownPerson: Sendable, Equatable {
    public var id: String
    public var name: String
    public var aliases: [String]
    public var born: Int?
    public var died: Int?
    public var description: String
}

/// A title or office that introduces a name (`主任徐塞声`, `徐塞声同志`).
public struct Title: Sendable, Equatable {
    public enum Position: String, Sendable {
        case before, after, both
    }

    public var word: String
    public var kind: String
    public var position: Position

    public var precedesNames: Bool { position != .after }
    public var followsNames: Bool { position != .before }
}

/// An organisation the grammar cannot build: 中共中央西南局, 红三军, 西南大学.
public struct KnownOrganisation: Sendable, Equatable {
    public var id: String
    public var name: String
    public var aliases: [String]
    public var kind: String
    /// Index of the division it belongs to, if local.
    public var place: Int?
}

/// A named revolutionary or memorial site: 白公馆, 渣滓洞, 红岩村.
public struct KnownSite: Sendable, Equatable {
    public var id: String
    public var name: String
    public var aliases: [String]
    public var kind: String
    public var place: Int?
}

/// A word of the organisation grammar (`党史研究室`, `宣传部`, `党委`).
public struct OrganisationWord: Sendable, Equatable {
    public enum Role: String, Sendable {
        /// `中共`, `中国共产党`: marks a party body.
        case partyPrefix = "party_prefix"
        /// A governing body after a place: `党委`, `人民政府`, `政协`.
        case body
        /// A department or office of a body: `党史研究室`, `宣传部`.
        case department
        /// A word that ends an organisation name after a place or name:
        /// `大学`, `电视台`, `档案馆`.
        case suffix
        /// `中国`, `中央`, `国家`: opens the name of a national body that
        /// ends in a suffix word (中国革命军事档案馆).
        case national
    }

    public var word: String
    public var role: Role
    /// The full form of an abbreviation (`工委` → `工作委员会`), if any.
    public var expansion: String?
}

/// A word that tells an event's type (`签订` → agreement) or a participant's
/// role (`主持` → chaired).
public struct EventWord: Sendable, Equatable {
    public enum Kind: String, Sendable {
        case trigger, role, narration
    }

    public var word: String
    public var kind: Kind
    /// The event type or role name.
    public var value: String
}

/// A well-known dated happening of the revolution (红二、六军团南腰界会师,
/// 重庆解放): what dates a historical clause that the report leaves
/// undated (`graph/knowledge/events/known_events.tsv`).
public struct KnownEvent: Sendable, Equatable {
    public var id: String
    /// ISO value: `1934-10-24`, `1934-11`, `1949`, or `START/END`.
    public var date: String
    /// The event type Annals gives it: military, founding, meeting …
    public var type: String
    /// Every group must have one alternative in the clause.
    public let cues: [[String]]
    public var name: String
    public var description: String
    /// ``cues`` as scalar values, for matching against article text.
    public let cueScalars: [[[UInt32]]]

    public init(id: String, date: String, type: String, cues: [[String]], name: String, description: String) {
        self.id = id
        self.date = date
        self.type = type
        self.cues = cues
        self.name = name
        self.description = description
        cueScalars = cues.map { group in group.map { cue in cue.unicodeScalars.map(\.value) } }
    }

    /// Whether a clause (scalar values) names this happening. Compared
    /// scalar by scalar: `String.contains` goes through Foundation's
    /// locale-aware search on Linux, too slow for every clause of every article.
    /// Takes the record's ``cueScalars`` rather than the record: callers
    /// keep the cues apart, since a record read out of an array to ask it
    /// is copied whole.
    public static func isNamed(by cueScalars: [[[UInt32]]], in clause: ArraySlice<UInt32>) -> Bool {
        cueScalars.allSatisfy { group in group.contains { occurs($0, in: clause) } }
    }

    /// Whether `part` occurs in `text`.
    static func occurs(_ part: [UInt32], in text: ArraySlice<UInt32>) -> Bool {
        guard let first = part.first else { return true }
        return text.indices.contains { text[$0] == first && text[$0...].starts(with: part) }
    }
}

/// One curated decision about node identity: a line of
/// `graph/knowledge/identity/decisions.tsv`.
public struct IdentityDecision: Sendable, Equatable, Hashable, Codable {
    public enum Kind: String, Sendable, CaseIterable, Codable {
        /// The subject's mentions are the object node's (a merge).
        case sameAs = "same_as"
        /// The subject's mentions in reports whose path holds the object
        /// text are a node of their own (keep apart).
        case notSameAs = "not_same_as"
        /// The subject node's canonical name is the object.
        case rename
        /// The subject node's type is the object.
        case retype
        /// The subject's mentions in reports whose path holds the object
        /// text (every report when it is empty) are no entity at all.
        case reject
    }

    public var kind: Kind
    /// A node key as the store writes it (`person/徐塞声@500000`).
    public var subject: String
    public var object: String
    /// Why, in the curator's words.
    public var note: String

    public init(_ kind: Kind, subject: String, object: String, note: String = "") {
        self.kind = kind
        self.subject = subject
        self.object = object
        self.note = note
    }

    /// Node types a retype may name.
    public static let types: Set<String> = ["person", "place", "organisation", "site", "work"]
}

/// Curated identity decisions (`graph/knowledge/identity/decisions.tsv`),
/// applied to node keys on every build and by curation.
public struct IdentityDecisions: Sendable, Equatable {
    /// Every decision, in the file's order.
    public private(set) var decisions: [IdentityDecision] = []
    /// Subject key → the key it is the same as.
    public private(set) var sameAs: [String: String] = [:]
    /// Subject key → texts of report paths whose mentions stay apart.
    public private(set) var notSameAs: [String: [String]] = [:]
    /// Key → canonical name.
    public private(set) var renames: [String: String] = [:]
    /// Key → node type.
    public private(set) var retypes: [String: String] = [:]
    /// Key → texts of report paths whose mentions are no entity ("" for all).
    public private(set) var rejects: [String: [String]] = [:]

    public init(_ decisions: [IdentityDecision] = []) {
        for decision in decisions { append(decision) }
    }

    /// Adds a decision; a later one about the same subject wins where two
    /// cannot both hold (two names, two types, two targets).
    public mutating func append(_ decision: IdentityDecision) {
        decisions.append(decision)
        switch decision.kind {
        case .sameAs: sameAs[decision.subject] = decision.object
        case .notSameAs: notSameAs[decision.subject, default: []].append(decision.object)
        case .rename: renames[decision.subject] = decision.object
        case .retype: retypes[decision.subject] = decision.object
        case .reject: rejects[decision.subject, default: []].append(decision.object)
        }
    }

    /// The decisions without the last one equal to `decision`.
    public func removing(_ decision: IdentityDecision) -> IdentityDecisions {
        var kept = decisions
        if let index = kept.lastIndex(of: decision) { kept.remove(at: index) }
        return IdentityDecisions(kept)
    }

    /// The key a mention's automatic key becomes in a report from `source`.
    public func resolve(_ key: String, source: String) -> String {
        var key = key
        if let texts = notSameAs[key], let text = texts.first(where: { source.contains($0) }) { key += "#" + text }
        var steps = 0
        while let next = sameAs[key], steps < 8 {
            key = next
            steps += 1
        }
        return key
    }

    /// Whether mentions that resolve to `key` are no entity in `source`.
    public func isRejected(_ key: String, source: String) -> Bool {
        rejects[key]?.contains { $0.isEmpty || source.contains($0) } ?? false
    }

    /// The decisions file's text: its header, then one line a decision.
    public var fileText: String {
        "#decision\tsubject\tobject\tnote\n" + decisions.map { "\($0.kind.rawValue)\t\($0.subject)\t\($0.object)\t\($0.note)\n" }.joined()
    }
}
