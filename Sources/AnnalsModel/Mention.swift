/// What a mention names.
public enum MentionType: String, Sendable, CaseIterable {
    case person, place, organisation, site, work, date
}

/// One mention of an entity in an article: its surface text, the canonical
/// name it resolves to, and where it stands in the document text.
public struct Mention: Sendable, Equatable {
    public var type: MentionType
    /// Range in the document's normalised text (`Document.text` of AnnalsText).
    public var range: Range<Int>
    /// The text as written (normalised).
    public var text: String
    /// The canonical name (陈敏尔 for 敏尔书记, 酉阳县 for 酉阳).
    public var name: String
    /// Dates: the calendar value.
    public var temporal: TemporalValue?
    /// Places: the gazetteer division (an index into the knowledge base's divisions).
    public var division: Int?
    /// Places: the kind (`province`, `county`, `region`, `mountain` …).
    public var placeKind: String?
    /// People: titles and offices the text gives (`市委党史研究室主任`).
    public var roles: [String] = []
    /// Sites: the place they are in, as a canonical place name.
    public var locatedIn: String?
    /// Sentence number within the article (the title is sentence 0).
    public var sentence: Int = 0

    /// Whether a place kind is a division of the past (`former_county`
    /// for 大庸县), whose ``division`` is today's successor.
    public static func isHistoricalKind(_ kind: String?) -> Bool {
        guard let kind, kind.utf8.first == UInt8(ascii: "f") else { return false }
        return kind.hasPrefix("former_")
    }

    public init(type: MentionType, range: Range<Int>, text: String, name: String, temporal: TemporalValue? = nil,
                division: Int? = nil, placeKind: String? = nil, roles: [String] = [], locatedIn: String? = nil, sentence: Int = 0) {
        self.type = type
        self.range = range
        self.text = text
        self.name = name
        self.temporal = temporal
        self.division = division
        self.placeKind = placeKind
        self.roles = roles
        self.locatedIn = locatedIn
        self.sentence = sentence
    }
}
