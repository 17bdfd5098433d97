/// What happened: a meeting, a visit, an agreement signed, an exhibition
/// opened, a battle — with its date, places, participants and organisations.
public struct Event: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case meeting
        case visitInspection = "visit_inspection"
        case agreement, exhibition, broadcast, lecture, publication
        case studySession = "study_session"
        case military, founding, designation, other
    }

    /// How a person took part.
    public enum Role: String, Sendable {
        case chaired, spoke, attended, accompanied, led, visited
    }

    public var type: Kind
    public var temporal: TemporalValue?
    /// The date as the report writes it (11月23日, 20世纪50年代), when the
    /// text gives one.
    public var dateText: String?
    /// Where the date comes from: nil for the report's own words,
    /// `knowledge:ID` for a row of the curated known historical events.
    public var dateSource: String?
    /// One line: the article title for its main event, else the clause
    /// that reports the happening.
    public var summary: String
    /// Whether this is what the article reports (its main event).
    public var isMain: Bool
    /// The sentence the event comes from, and its range in the document text.
    public var sentence: Int
    public var range: Range<Int>
    /// Indices into the article's mentions.
    public var places: [Int]
    /// Gazetteer divisions the event happened in (from its places, sites or
    /// organisations): what place timelines select by.
    public var divisions: [Int] = []
    public var participants: [(mention: Int, role: Role)]
    public var organisations: [Int]

    public init(type: Kind, temporal: TemporalValue?, summary: String, isMain: Bool, sentence: Int, range: Range<Int>,
         places: [Int], participants: [(mention: Int, role: Role)], organisations: [Int]) {
        self.type = type
        self.temporal = temporal
        self.summary = summary
        self.isMain = isMain
        self.sentence = sentence
        self.range = range
        self.places = places
        self.participants = participants
        self.organisations = organisations
    }

    public static func == (a: Event, b: Event) -> Bool {
        a.type == b.type && a.temporal == b.temporal && a.summary == b.summary && a.range == b.range
            && a.places == b.places && a.organisations == b.organisations
            && a.participants.map(\.mention) == b.participants.map(\.mention) && a.participants.map(\.role) == b.participants.map(\.role)
    }
}
