import AnnalsKnowledge
import AnnalsModel

/// One component of recognition: it reads an article through its
/// ``ArticleScope`` and adds the mentions it finds, claiming their
/// characters so that the recognisers after it do not find them again.
///
/// The ``Extractor`` runs its recognisers as an ordered list, each over
/// every article, the more specific first (works before dates before
/// sites, organisations, people and places). A recogniser says what it
/// needs (``needs``): the lexicon kinds and the characters at which what it
/// finds may start. The extractor turns that into the scan mask it hands
/// to ``recognise(in:starts:)``, so that the recogniser skips, in one test
/// a position, the stretches where nothing of its own can start.
///
/// Adding one is a new file with the type, its knowledge file and loader
/// if it needs data, its tests, and one line in
/// ``Extractor/standardRecognizers(knowledge:)``: see
/// Guides/AddingARecognizer.md.
package protocol Recognizer: Sendable {
    /// A short name for listings and guides: `dates`, `organisations`.
    var name: String { get }
    /// The types of mention it adds.
    var produces: [MentionType] { get }
    /// What its scan looks for.
    var needs: RecognizerNeeds { get }
    /// Finds what it recognises in the scope's article and adds it with
    /// ``ArticleScope/add(_:claim:)``; `starts` is the scan mask made from
    /// ``needs`` (for ``ArticleScope/nextCandidate(from:_:unclaimed:before:)``).
    func recognise(in scope: ArticleScope, starts: Candidates)
}

/// What a recogniser's scan looks for: lexicon forms of some kinds
/// starting at a position, or characters that may start a mention.
package struct RecognizerNeeds: Sendable {
    /// Lexicon kinds whose forms may start what it finds.
    package var lexicon: KindMask
    /// Whether a character may start what it finds, for what the lexicon
    /// does not list (digits of a date, 《 of a title). Asked once for each
    /// character of the Basic Multilingual Plane when the extractor is made,
    /// never during recognition.
    package var startCharacters: (@Sendable (UInt32) -> Bool)?

    package init(lexicon: KindMask = KindMask(bits: 0), startCharacters: (@Sendable (UInt32) -> Bool)? = nil) {
        self.lexicon = lexicon
        self.startCharacters = startCharacters
    }
}

extension Extractor {
    /// The recognisers Annals runs, in order. The order is the rule that a
    /// more specific reading claims its text first: a book title before
    /// the places in it, a date before its numbers, a site before its
    /// place, an organisation before the place it is named by (酉阳县委),
    /// people before places, and lists of names last, so that 黔江、武隆、丰都
    /// are already places when a list of people is sought.
    package static func standardRecognizers(knowledge: KnowledgeBase) -> [any Recognizer] {
        standardRecognizers(resolver: PlaceResolver(knowledge: knowledge))
    }

    static func standardRecognizers(resolver: PlaceResolver) -> [any Recognizer] {
        [
            WorkRecognizer(),
            DateRecognizer(),
            SiteRecognizer(resolver: resolver),
            OrganisationRecognizer(resolver: resolver),
            PersonRecognizer(),
            PlaceRecognizer(resolver: resolver),
            NameListRecognizer(),
        ]
    }
}
