import AnnalsKnowledge
import AnnalsModel
import AnnalsText

/// What the recognisers share while they work through one article: its
/// text, which characters earlier recognisers have claimed, the mentions
/// found so far, and what the document says about its own place and time.
///
/// A class, so that the recognisers and their helpers share one scope
/// instead of copying a struct of some twenty references at every call.
package final class ArticleScope {
    package let document: Document
    package let knowledge: KnowledgeBase
    let tables: RecognitionTables
    var vocabulary: EventVocabulary { tables.vocabulary }
    package let article: Article
    /// The document's text as scalar values.
    package let text: [UInt32]
    /// Where the report comes from: the publisher's division (重庆市 for
    /// 中共重庆市委党史研究室), which gives `市委` its place.
    package let home: Int?
    /// Provinces the document is about: the home province and those of
    /// divisions named in full. Short county names count only inside them.
    var provinces: DivisionSet {
        get { state.pointee.provinces }
        _modify { yield &state.pointee.provinces }
    }
    /// The county or district the article is mainly about (北碚区 in a
    /// report on the 北碚区委常委会), which gives `区委` its place.
    package var localDivision: Int? {
        get { state.pointee.localDivision }
        set { state.pointee.localDivision = newValue }
    }
    package var mentions: [Mention] { state.pointee.mentions }
    /// Divisions of the mentions so far, for resolving ambiguous names.
    var mentionedDivisions: DivisionSet { state.pointee.mentionedDivisions }
    /// What the recognisers change as they go. Held behind a pointer the
    /// scope owns, like ``candidates``: a class's stored `var` is checked for
    /// exclusive access at every read and write at run time, which cost
    /// more than the reads themselves.
    private struct State {
        var provinces: DivisionSet
        var localDivision: Int?
        var mentions: [Mention] = []
        var mentionedDivisions = DivisionSet()
    }
    private let state: UnsafeMutablePointer<State>
    /// Every lexicon match in the article, looked up once, with one bit
    /// per ``LexiconEntry/Kind`` of the forms starting and ending at each
    /// position: recognisers skip positions where nothing of theirs starts
    /// (or ends: "does a title end right here?") without walking matches.
    private let matches: SurfaceMatches
    /// For each article position, what a recogniser's scan asks of it in
    /// one word: the lexicon kinds starting there (low 16 bits), the
    /// character classes of ``ScalarClasses`` (bits 16–23), whether a name
    /// may start there (``Candidates/nameStartBit``) and whether a
    /// recogniser has claimed the character (``claimedBit``). A scan for a
    /// ``Candidates`` mask is then one test per position. A buffer the
    /// scope owns (freed in `deinit`): read at nearly every position by
    /// every recogniser, so it is held where reading it needs no
    /// exclusivity check.
    private let candidates: UnsafeMutableBufferPointer<UInt32>
    private static var claimedBit: UInt32 { 1 << 31 }
    /// Sentence starts (document indices), ascending.
    let sentenceStarts: [Int]

    /// - Parameter buffers: memory for the match table, reused from the
    ///   previous article (whose scope must be gone).
    init(document: Document, article: Article, knowledge: KnowledgeBase, tables: RecognitionTables, home: Int?, provinces: DivisionSet,
         buffers: MatchBuffers) {
        self.document = document
        self.article = article
        self.knowledge = knowledge
        self.tables = tables
        self.home = home
        state = .allocate(capacity: 1)
        state.initialize(to: State(provinces: provinces))
        // Room for the mentions a bulletin usually has (about one in twenty
        // characters), so that the array of these large values is not
        // copied as it grows.
        state.pointee.mentions.reserveCapacity(8 + article.range.count / 16)
        let text = document.text.scalars
        self.text = text
        let matches = text.withUnsafeBufferPointer { buffer in
            knowledge.surfaceMatches(in: UnsafeBufferPointer(rebasing: buffer[..<article.range.upperBound]), range: article.range, reusing: buffers)
        }
        self.matches = matches
        let candidates = UnsafeMutableBufferPointer<UInt32>.allocate(capacity: article.range.count)
        // Sentences start after each sentence end, found in the same pass
        // (a class of the character, not seven comparisons).
        var starts = [article.range.lowerBound]
        starts.reserveCapacity(4 + article.range.count / 24)
        tables.scalarClasses.withUnsafeBufferPointer { classes in
            let startKinds = matches.startKinds
            text.withUnsafeBufferPointer { text in
                let start = article.range.lowerBound
                let count = article.range.count
                precondition(start >= 0 && start + count <= text.count, "article outside its document's text")
                // Read through a pointer, with wrapping arithmetic: the
                // article lies in the text (tested once, above).
                let characters = text.baseAddress! + start
                for local in 0..<count {
                    let value = characters[local]
                    let characterClasses = value < 0x10000 ? classes[Int(truncatingIfNeeded: value)] : 0
                    candidates.initializeElement(at: local, to: UInt32(startKinds[local]) | UInt32(characterClasses) << 16)
                    if characterClasses & ScalarClasses.sentenceEnd != 0 && local &+ 1 < count { starts.append(start &+ local &+ 1) }
                }
                Self.markNameStarts(candidates, startKinds: startKinds, endKinds: matches.endKinds)
            }
        }
        self.candidates = candidates
        sentenceStarts = starts
    }

    /// Sets ``Candidates/nameStartBit`` where a name may start: a known
    /// person's form or a surname, with a known person starting there or
    /// a title ending there or starting two to four characters on (the
    /// first tests of the person rule, made once per character here
    /// instead of at every surname the rule is asked about).
    private static func markNameStarts(_ candidates: UnsafeMutableBufferPointer<UInt32>,
                                       startKinds: UnsafeBufferPointer<UInt16>, endKinds: UnsafeBufferPointer<UInt16>) {
        let starter = Candidates(.personStart, ScalarClasses.surname).bits
        let person = KindMask.person.bits, title = KindMask.title.bits
        let count = candidates.count
        // Whether a position is a surname or a known person's first
        // character is unpredictable from one to the next: a branch on it
        // was mispredicted at about one character in four. The tests are
        // numbers or-ed and and-ed together instead, in a loop of the same
        // steps at every position.
        let unchecked = max(0, count - 4)
        for local in 0..<unchecked {
            let near = startKinds[local] & person | endKinds[local] & title
                | (startKinds[local + 2] | startKinds[local + 3] | startKinds[local + 4]) & title
            let word = candidates[local]
            let starts = UInt32(truncatingIfNeeded: Int(bit(word & starter != 0) & bit(near != 0)))
            candidates[local] = word | starts * Candidates.nameStartBit
        }
        // The last four positions, whose titles ahead may lie past the end:
        // apart, so that the loop above needs no bounds test.
        for local in unchecked..<count where candidates[local] & starter != 0 {
            var near = startKinds[local] & person | endKinds[local] & title
            for ahead in 2...4 where local + ahead < count { near |= startKinds[local + ahead] & title }
            if near != 0 { candidates[local] |= Candidates.nameStartBit }
        }
    }

    /// 1 for true, 0 for false, as a number rather than a branch.
    @inline(__always)
    private static func bit(_ condition: Bool) -> Int { Int(unsafeBitCast(condition, to: UInt8.self)) }

    deinit {
        state.deinitialize(count: 1)
        state.deallocate()
        candidates.deallocate()
    }

    /// The first position from `start` (up to `end`, default the article's
    /// end) where `mask` has a bit and, with `unclaimed`, no recogniser has
    /// claimed the character; `end` if there is none. Recognisers scan
    /// with it instead of testing every position themselves.
    @inline(__always)
    package func nextCandidate(from start: Int, _ mask: Candidates, unclaimed: Bool = true, before end: Int? = nil) -> Int {
        let end = min(end ?? range.upperBound, range.upperBound)
        var local = max(start, range.lowerBound) - range.lowerBound
        let last = end - range.lowerBound
        // A position qualifies when its word, cut to the mask's bits and
        // (with `unclaimed`) the claimed bit, is neither zero nor has the
        // claimed bit, the top one: one subtraction and one comparison.
        let wanted = mask.bits | (unclaimed ? Self.claimedBit : 0)
        @inline(__always) func qualifies(_ local: Int) -> Int { Self.bit((candidates[local] & wanted) &- 1 < Self.claimedBit &- 1) }
        // Eight positions a branch: most scans pass long stretches where
        // nothing of theirs starts.
        while local &+ 8 <= last {
            if qualifies(local) | qualifies(local &+ 1) | qualifies(local &+ 2) | qualifies(local &+ 3)
                | qualifies(local &+ 4) | qualifies(local &+ 5) | qualifies(local &+ 6) | qualifies(local &+ 7) != 0 { break }
            local &+= 8
        }
        while local < last {
            if qualifies(local) != 0 { return local + range.lowerBound }
            local += 1
        }
        return max(end, start)
    }

    /// 。！？； and line breaks end sentences (the title is sentence 0).
    static func endsSentence(_ value: UInt32) -> Bool {
        value == 0x3002 || value == 0xFF01 || value == 0xFF1F || value == 0xFF1B || value == 0x0A || value == 0x21 || value == 0x3F
    }

    /// The article's range in the document text.
    package var range: Range<Int> { article.range }

    /// The slot of document index `index` in ``candidates``; traps outside
    /// the article, as an array subscript would.
    @inline(__always)
    private func slot(_ index: Int) -> Int {
        let local = index - range.lowerBound
        precondition(UInt(bitPattern: local) < UInt(candidates.count), "index outside the article")
        return local
    }

    package func isClaimed(_ index: Int) -> Bool { candidates[slot(index)] & Self.claimedBit != 0 }

    package func isFree(_ span: Range<Int>) -> Bool {
        span.allSatisfy { !isClaimed($0) }
    }

    /// The characters in `span` as a string: a lexicon form's own string
    /// when one spans them exactly (most places, titles and known names),
    /// else a new one.
    package func string(_ span: Range<Int>) -> String {
        let local = span.lowerBound - range.lowerBound
        if local >= 0 && span.upperBound <= range.upperBound && !span.isEmpty {
            for match in Int(matches.starts[local])..<Int(matches.starts[local + 1]) where matches.length(of: match) == span.count {
                return knowledge.string(ofSurface: matches.surface(of: match))
            }
        }
        return document.string(span)
    }

    package func sentence(of index: Int) -> Int {
        var low = 0
        var high = sentenceStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if sentenceStarts[middle] <= index { low = middle } else { high = middle - 1 }
        }
        return low
    }

    /// Records a mention and claims its characters.
    package func add(_ mention: consuming Mention, claim: Bool = true) {
        mention.sentence = sentence(of: mention.range.lowerBound)
        if let division = mention.division { state.pointee.mentionedDivisions.insert(division) }
        if claim { self.claim(mention.range) }
        state.pointee.mentions.append(mention)
    }

    /// Claims characters without a mention (a title word, a quoted slogan).
    package func claim(_ span: Range<Int>) {
        for index in span { candidates[slot(index)] |= Self.claimedBit }
    }

    /// The index of the last mention satisfying `accept` (which sees each
    /// mention in place, not a copy).
    func lastMention(where accept: (borrowing Mention) -> Bool) -> Int? {
        state.pointee.mentions.withUnsafeBufferPointer { mentions in
            mentions.indices.last { accept(mentions[$0]) }
        }
    }

    /// The index of the last mention of `type` that ends at `end`. Reads
    /// the two fields in place: a closure over each mention, as in
    /// ``lastMention(where:)``, copies it (and retains its strings).
    func lastMention(of type: MentionType, endingAt end: Int) -> Int? {
        state.pointee.mentions.withUnsafeBufferPointer { mentions -> Int? in
            guard let base = mentions.baseAddress else { return nil }
            var index = mentions.count
            while index > 0 {
                index -= 1
                if (base + index).pointee.range.upperBound == end && (base + index).pointee.type == type { return index }
            }
            return nil
        }
    }

    /// Whether the last mention found ends at `index` and is of `division`
    /// (`酉阳南腰界`: a town right after its county).
    func lastMentionEnds(at index: Int, in division: Int) -> Bool {
        guard let last = state.pointee.mentions.indices.last else { return false }
        return state.pointee.mentions[last].range.upperBound == index && state.pointee.mentions[last].division == division
    }

    /// Hands the mentions over (leaving none), so that sorting them copies
    /// nothing.
    func takeMentions() -> [Mention] {
        var taken: [Mention] = []
        swap(&taken, &state.pointee.mentions)
        return taken
    }

    func updateMention(at index: Int, _ update: (inout Mention) -> Void) {
        update(&state.pointee.mentions[index])
    }

    /// Calls `body` for every lexicon match starting at `index`.
    @inline(__always)
    package func forEachMatch(at index: Int, _ body: (Int, LexiconEntries) -> Void) {
        guard index >= range.lowerBound && index < range.upperBound else { return }
        let local = index - range.lowerBound
        for match in Int(matches.starts[local])..<Int(matches.starts[local + 1]) {
            body(matches.length(of: match), knowledge.entries(ofSurface: matches.surface(of: match)))
        }
    }

    /// Calls `body(length, surface)` for every lexicon match in the article.
    @inline(__always)
    func forEveryMatch(_ body: (Int, Int) -> Void) {
        for match in 0..<Int(matches.starts[range.count]) { body(matches.length(of: match), matches.surface(of: match)) }
    }

    /// Whether a lexicon form of a kind in `mask` starts at `index`.
    @inline(__always)
    package func hasMatch(at index: Int, of mask: KindMask) -> Bool {
        guard index >= range.lowerBound && index < range.upperBound else { return false }
        return matches.startKinds[index - range.lowerBound] & mask.bits != 0
    }

    /// Whether some lexicon form of a kind in `mask` starts at `index` and
    /// `accept` holds for where it ends.
    @inline(__always)
    func anyMatch(at index: Int, of mask: KindMask, where accept: (Int) -> Bool) -> Bool {
        guard hasMatch(at: index, of: mask) else { return false }
        let local = index - range.lowerBound
        for match in Int(matches.starts[local])..<Int(matches.starts[local + 1])
        where knowledge.kinds(ofSurface: matches.surface(of: match)) & mask.bits != 0 && accept(index + matches.length(of: match)) {
            return true
        }
        return false
    }

    /// The first non-nil `body(length, entries)` over the lexicon forms
    /// starting at `index` with an entry of a kind in `mask`, longest
    /// first: the longest reading that a rule accepts, without collecting
    /// the readings first.
    @inline(__always)
    func longestFirst<Result>(at index: Int, of mask: KindMask, _ body: (_ length: Int, _ entries: LexiconEntries) -> Result?) -> Result? {
        guard hasMatch(at: index, of: mask) else { return nil }
        let local = index - range.lowerBound
        let first = Int(matches.starts[local])
        var match = Int(matches.starts[local + 1])
        while match > first {
            match -= 1
            let surface = matches.surface(of: match)
            guard knowledge.kinds(ofSurface: surface) & mask.bits != 0 else { continue }
            if let result = body(matches.length(of: match), knowledge.entries(ofSurface: surface)) { return result }
        }
        return nil
    }

    /// Whether a lexicon word (of a kind in `mask`, or any) starts in the
    /// `back` characters before `index` and runs past it: a name cannot
    /// start or end there without cutting that word in two (有关 across
    /// `有关负责`, 党员 across the end of 青年党 in `青年党员`).
    func wordRunsAcross(_ index: Int, lookingBack back: Int, of mask: KindMask? = nil) -> Bool {
        var crosses = false
        for offset in 1...back where index - offset >= range.lowerBound && !crosses {
            forEachMatch(at: index - offset) { length, entries in
                if length > offset && (mask.map { mask in entries.contains { mask.contains($0.kind) } } ?? true) { crosses = true }
            }
        }
        return crosses
    }

    /// Whether a lexicon form of a kind in `mask` ends at `index`.
    @inline(__always)
    func hasMatch(endingAt index: Int, of mask: KindMask) -> Bool {
        guard index >= range.lowerBound && index <= range.upperBound else { return false }
        return matches.endKinds[index - range.lowerBound] & mask.bits != 0
    }

    /// Whether any lexicon form starts at `index`.
    func hasMatch(at index: Int) -> Bool {
        guard index >= range.lowerBound && index < range.upperBound else { return false }
        let local = index - range.lowerBound
        return matches.starts[local] != matches.starts[local + 1]
    }

    /// The longest lexicon match at `index` with an entry of `kind` that
    /// satisfies `accept`. Where no form of that kind starts (most places)
    /// this is one bit test, not a walk over the matches; else the forms
    /// are tried longest first, those of other kinds skipped by their bits,
    /// up to the first accepted.
    @inline(__always)
    package func longestMatch(at index: Int, _ kind: LexiconEntry.Kind, where accept: (LexiconEntry) -> Bool = { _ in true }) -> (length: Int, entry: LexiconEntry)? {
        longestFirst(at: index, of: KindMask(bits: kind.bit)) { length, entries in
            entries.first { $0.kind == kind && accept($0) }.map { (length, $0) }
        }
    }

    package func scalar(_ index: Int) -> UInt32? {
        range.contains(index) ? text[index] : nil
    }

    /// Whether the text at `index` spells `word` (no allocation: this runs
    /// at every position).
    @inline(__always)
    package func has(_ word: String, at index: Int) -> Bool {
        guard index >= range.lowerBound else { return false }
        var position = index
        for scalar in word.unicodeScalars {
            guard position < range.upperBound, text[position] == scalar.value else { return false }
            position += 1
        }
        return true
    }

    /// Whether the text at `index` spells `word`.
    func has(_ word: [UInt32], at index: Int) -> Bool {
        guard index >= range.lowerBound, index + word.count <= range.upperBound else { return false }
        for offset in word.indices where text[index + offset] != word[offset] { return false }
        return true
    }
}

/// A string's scalar values, for comparing against the text.
func scalars(_ string: String) -> [UInt32] {
    string.unicodeScalars.map(\.value)
}

/// What a recogniser's scan looks for at a position: lexicon kinds
/// starting there (the bits of ``KindMask``) and classes of the character
/// itself (``ScalarClasses``), for ``ArticleScope/nextCandidate(from:_:unclaimed:before:)``.
package struct Candidates: Sendable {
    package let bits: UInt32

    @inline(__always)
    package init(_ kinds: KindMask, _ characters: UInt8 = 0) {
        bits = UInt32(kinds.bits) | UInt32(characters) << 16
    }

    @inline(__always)
    private init(bits: UInt32) { self.bits = bits }

    /// Set in an article's candidate words where a name may start (see
    /// ``ArticleScope``'s `markNameStarts`); bits 0–15 are lexicon kinds,
    /// 16–23 character classes, 31 the claimed flag.
    package static var nameStartBit: UInt32 { 1 << 24 }

    /// Where a name may start: a known person or a surname form, or a
    /// single-character surname, beside a title or as a known person.
    package static var person: Candidates { Candidates(bits: nameStartBit) }
    package static var place: Candidates { Candidates(.place) }
    package static var site: Candidates { Candidates(.site) }
    package static var event: Candidates { Candidates(.event) }
    package static var enumerationComma: Candidates { Candidates(KindMask(bits: 0), ScalarClasses.enumerationComma) }
}

/// A set of lexicon entry kinds as bits, for ``ArticleScope/hasMatch(at:of:)``.
///
/// The named sets are computed properties that fold to constants: a
/// `static let` would be a lazily initialised global, and reading one costs
/// a `swift_once` call at every position of every recogniser's scan.
package struct KindMask: Sendable {
    package let bits: UInt16

    @inline(__always)
    package init(bits: UInt16) { self.bits = bits }

    package init(_ kinds: LexiconEntry.Kind...) {
        bits = kinds.reduce(0) { $0 | $1.bit }
    }

    @inline(__always)
    func contains(_ kind: LexiconEntry.Kind) -> Bool { bits & kind.bit != 0 }

    package static var personStart: KindMask { KindMask(bits: LexiconEntry.Kind.person.bit | LexiconEntry.Kind.surname.bit) }
    package static var place: KindMask { KindMask(bits: LexiconEntry.Kind.division.bit | LexiconEntry.Kind.region.bit | LexiconEntry.Kind.feature.bit) }
    package static var site: KindMask { KindMask(bits: LexiconEntry.Kind.site.bit | LexiconEntry.Kind.siteSuffix.bit) }
    package static var title: KindMask { KindMask(bits: LexiconEntry.Kind.title.bit) }
    package static var person: KindMask { KindMask(bits: LexiconEntry.Kind.person.bit) }
    package static var boundary: KindMask { KindMask(bits: LexiconEntry.Kind.nameBoundary.bit | LexiconEntry.Kind.nameFollower.bit) }
    package static var organisationWord: KindMask { KindMask(bits: LexiconEntry.Kind.organisationWord.bit) }
    package static var event: KindMask { KindMask(bits: LexiconEntry.Kind.eventWord.bit) }
}

extension LexiconEntry.Kind {
    /// This kind's bit in a ``KindMask`` and in the knowledge base's
    /// per-surface kind bits.
    @inline(__always)
    package var bit: UInt16 { 1 << UInt16(rawValue) }
}
