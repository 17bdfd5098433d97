import AnnalsKnowledge
import AnnalsModel
import AnnalsText

/// What the recognisers look up at every position, built once per
/// ``Extractor`` from the knowledge base and the recognisers' needs: the
/// classes of every character, each recogniser's scan mask, and the
/// decoded event vocabulary. A class, as ``EventVocabulary`` is: every
/// article's scope shares the one built.
final class RecognitionTables: Sendable {
    /// ``ScalarClasses`` bits of every scalar of the Basic Multilingual
    /// Plane (the classes hold none beyond it).
    let scalarClasses: [UInt8]
    /// By recogniser, in the extractor's order: the mask its scan uses.
    let startMasks: [Candidates]
    let vocabulary: EventVocabulary
    /// By surface form: the province of the one division the form names
    /// in full (not by a short form), times two, plus one if that division
    /// is itself a province; -1 if the form names no division in full, or
    /// several. What ``Extractor/namedProvinces(in:)`` asks of each match.
    let namedProvince: [Int32]

    init(knowledge: KnowledgeBase, recognizers: [any Recognizer]) {
        vocabulary = EventVocabulary(knowledge: knowledge)
        namedProvince = (0..<knowledge.surfaceCount).map { surface in
            var only: LexiconEntry?
            var count = 0
            for entry in knowledge.entries(ofSurface: surface) where entry.kind == .division && entry.form != .short {
                only = entry
                count += 1
            }
            guard count == 1, let only else { return -1 }
            let division = Int(only.index)
            return Int32(knowledge.province(of: division) * 2 + (knowledge.divisions[division].level == .province ? 1 : 0))
        }
        // Each recogniser that names start characters gets a class bit of
        // its own, in order.
        var startClasses: [(bit: UInt8, test: @Sendable (UInt32) -> Bool)] = []
        var masks: [Candidates] = []
        for recognizer in recognizers {
            var bit: UInt8 = 0
            if let test = recognizer.needs.startCharacters {
                precondition(startClasses.count < ScalarClasses.recognizerBits.count,
                             "at most \(ScalarClasses.recognizerBits.count) recognisers may name start characters (\(recognizer.name) is one too many)")
                bit = ScalarClasses.recognizerBits[startClasses.count]
                startClasses.append((bit, test))
            }
            masks.append(Candidates(recognizer.needs.lexicon, bit))
        }
        startMasks = masks
        scalarClasses = (0..<0x10000).map { value in
            var bits = ScalarClasses.of(UInt32(value), knowledge: knowledge)
            for start in startClasses where start.test(UInt32(value)) { bits |= start.bit }
            return bits
        }
    }
}

/// Classes of a character, as bits, looked up once per character where a
/// test at every position of every scan would cost more: the scope's own
/// (surnames, sentence ends, list commas), and one bit for each recogniser
/// that names the characters its finds may start with.
enum ScalarClasses {
    /// A single-character surname (``AnnalsKnowledge/KnowledgeBase/isSingleSurname(_:)``).
    static let surname: UInt8 = 1 << 0
    /// 。！？； ! ? and line breaks (``ArticleScope/endsSentence(_:)``).
    static let sentenceEnd: UInt8 = 1 << 1
    /// 、, which separates the items of a list of names.
    static let enumerationComma: UInt8 = 1 << 2
    /// The bits handed to recognisers' start characters, in order.
    static let recognizerBits: [UInt8] = [1 << 3, 1 << 4, 1 << 5, 1 << 6, 1 << 7]

    /// The scope's own classes of a character.
    static func of(_ value: UInt32, knowledge: KnowledgeBase) -> UInt8 {
        var bits: UInt8 = 0
        if knowledge.isSingleSurname(value) { bits |= surname }
        if ArticleScope.endsSentence(value) { bits |= sentenceEnd }
        if value == 0x3001 { bits |= enumerationComma }
        return bits
    }
}

/// The knowledge base's event words decoded once per extractor, so that
/// recognition compares small integers instead of strings: the event type a
/// trigger reports, the role a role word gives, which words mark narration
/// or a visit, and each word's scalars.
final class EventVocabulary: Sendable {
    /// By index into ``AnnalsKnowledge/KnowledgeBase/eventWords``.
    let triggerKind: [Event.Kind?]
    let role: [Event.Role?]
    let isNarration: [Bool]
    let isVisit: [Bool]
    let scalars: [[UInt32]]
    /// By index into ``AnnalsKnowledge/KnowledgeBase/knownEvents``: the
    /// date and the event type each curated happening gives.
    let knownDates: [TemporalValue?]
    let knownTypes: [Event.Kind?]
    /// Their ``AnnalsKnowledge/KnownEvent/cueScalars`` (a record read out
    /// of the knowledge base's array is copied whole, at every test).
    let knownCues: [[[[UInt32]]]]
    /// A cue of a known happening that contains a trigger word, and where
    /// the word first occurs in it.
    struct TriggerCue: Sendable {
        let event: Int
        let scalars: [UInt32]
        let offset: Int
    }
    /// By event word: the cues of the known happenings that contain it, the
    /// happenings in the knowledge base's order, each one's cues together.
    let cuesContaining: [[TriggerCue]]

    init(knowledge: KnowledgeBase) {
        let words = knowledge.eventWords
        triggerKind = words.map { $0.kind == .trigger ? Event.Kind(rawValue: $0.value) : nil }
        role = words.map { $0.kind == .role ? Event.Role(rawValue: $0.value) : nil }
        isNarration = words.map { $0.kind == .narration }
        isVisit = words.map { $0.kind == .role && $0.value == Event.Role.visited.rawValue }
        scalars = words.map { $0.word.unicodeScalars.map(\.value) }
        knownDates = knowledge.knownEvents.map { TemporalValue(iso: $0.date) }
        knownTypes = knowledge.knownEvents.map { Event.Kind(rawValue: $0.type) }
        knownCues = knowledge.knownEvents.map(\.cueScalars)
        let scalars = self.scalars
        cuesContaining = words.indices.map { wordIndex in
            let word = scalars[wordIndex]
            return (knowledge.knownEventsByTrigger[wordIndex] ?? []).flatMap { event in
                knowledge.knownEvents[event].cueScalars.joined().compactMap { cue -> TriggerCue? in
                    guard let offset = (0...max(0, cue.count - word.count)).first(where: { cue[$0..<min(cue.count, $0 + word.count)].elementsEqual(word) }) else { return nil }
                    return TriggerCue(event: event, scalars: cue, offset: offset)
                }
            }
        }
    }
}

