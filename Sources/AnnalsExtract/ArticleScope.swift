import AnnalsKnowledge
import AnnalsText

/// What the recognisers share while they work through one article: its
/// text, which characters earlier recognisers have claimed, the mentions
/// found so far, and what the document says about its own place and time.
struct ArticleScope {
    let document: Document
    let knowledge: KnowledgeBase
    let article: Article
    /// The document's text as scalar values.
    let text: [UInt32]
    /// Where the report comes from: the publisher's division (重庆市 for
    /// 中共重庆市委党史研究室), which gives `市委` its place.
    let home: Int?
    /// Provinces the document is about: the home province and those of
    /// divisions named in full. Short county names count only inside them.
    var provinces: Set<Int>
    /// The county or district the article is mainly about (北碚区 in a
    /// report on the 北碚区委常委会), which gives `区委` its place.
    var localDivision: Int?
    private(set) var claimed: [Bool]
    private(set) var mentions: [Mention] = []
    /// Divisions of the mentions so far, for resolving ambiguous names.
    private(set) var mentionedDivisions: Set<Int> = []
    /// Every lexicon match in the article, looked up once: for article
    /// position `p`, `matches[matchStarts[p]..<matchStarts[p + 1]]` holds
    /// (length, surface) pairs, shortest first.
    private let matchStarts: [Int32]
    private let matches: [(length: Int32, surface: Int32)]
    /// For each article position, one bit per ``LexiconEntry/Kind`` of the
    /// forms starting there: recognisers skip positions where nothing of
    /// theirs starts, without walking the matches.
    private let matchKinds: [UInt16]
    /// The same bits for the forms that end at each position (one more
    /// than the article's length): "does a title end right here?" in O(1).
    private let endKinds: [UInt16]
    /// Sentence starts (document indices), ascending.
    let sentenceStarts: [Int]

    init(document: Document, article: Article, knowledge: KnowledgeBase, home: Int?, provinces: Set<Int>) {
        self.document = document
        self.article = article
        self.knowledge = knowledge
        self.home = home
        self.provinces = provinces
        text = document.text.scalars
        claimed = [Bool](repeating: false, count: article.range.count)
        var starts = [article.range.lowerBound]
        for index in article.range where Self.endsSentence(text[index]) && index + 1 < article.range.upperBound {
            starts.append(index + 1)
        }
        sentenceStarts = starts

        var matchStarts: [Int32] = []
        matchStarts.reserveCapacity(article.range.count + 1)
        var matches: [(length: Int32, surface: Int32)] = []
        matches.reserveCapacity(article.range.count * 2)
        var kinds = [UInt16](repeating: 0, count: article.range.count)
        var ends = [UInt16](repeating: 0, count: article.range.count + 1)
        text.withUnsafeBufferPointer { buffer in
            let bounded = UnsafeBufferPointer(rebasing: buffer[..<article.range.upperBound])
            for index in article.range {
                matchStarts.append(Int32(matches.count))
                knowledge.forEachSurface(in: bounded, at: index) { length, surface in
                    matches.append((Int32(length), Int32(surface)))
                    let bits = knowledge.kinds(ofSurface: surface)
                    kinds[index - article.range.lowerBound] |= bits
                    ends[index - article.range.lowerBound + length] |= bits
                }
            }
        }
        matchStarts.append(Int32(matches.count))
        self.matchStarts = matchStarts
        self.matches = matches
        matchKinds = kinds
        endKinds = ends
    }

    /// 。！？； and line breaks end sentences (the title is sentence 0).
    static func endsSentence(_ value: UInt32) -> Bool {
        value == 0x3002 || value == 0xFF01 || value == 0xFF1F || value == 0xFF1B || value == 0x0A || value == 0x21 || value == 0x3F
    }

    var range: Range<Int> { article.range }

    func isClaimed(_ index: Int) -> Bool { claimed[index - range.lowerBound] }

    func isFree(_ span: Range<Int>) -> Bool {
        span.allSatisfy { !claimed[$0 - range.lowerBound] }
    }

    func string(_ span: Range<Int>) -> String { document.text.string(span) }

    func sentence(of index: Int) -> Int {
        var low = 0
        var high = sentenceStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if sentenceStarts[middle] <= index { low = middle } else { high = middle - 1 }
        }
        return low
    }

    /// Records a mention and claims its characters.
    mutating func add(_ mention: Mention, claim: Bool = true) {
        var mention = mention
        mention.sentence = sentence(of: mention.range.lowerBound)
        mentions.append(mention)
        if let division = mention.division { mentionedDivisions.insert(division) }
        if claim { for index in mention.range { claimed[index - range.lowerBound] = true } }
    }

    /// Claims characters without a mention (a title word, a quoted slogan).
    mutating func claim(_ span: Range<Int>) {
        for index in span { claimed[index - range.lowerBound] = true }
    }

    mutating func updateMention(at index: Int, _ update: (inout Mention) -> Void) {
        update(&mentions[index])
    }

    /// Calls `body` for every lexicon match starting at `index`.
    @inline(__always)
    func forEachMatch(at index: Int, _ body: (Int, ArraySlice<LexiconEntry>) -> Void) {
        guard index >= range.lowerBound && index < range.upperBound else { return }
        let local = index - range.lowerBound
        for match in matches[Int(matchStarts[local])..<Int(matchStarts[local + 1])] {
            body(Int(match.length), knowledge.entries(ofSurface: Int(match.surface)))
        }
    }

    /// Whether a lexicon form of a kind in `mask` starts at `index`.
    @inline(__always)
    func hasMatch(at index: Int, of mask: KindMask) -> Bool {
        guard index >= range.lowerBound && index < range.upperBound else { return false }
        return matchKinds[index - range.lowerBound] & mask.bits != 0
    }

    /// Whether a lexicon form of a kind in `mask` ends at `index`.
    @inline(__always)
    func hasMatch(endingAt index: Int, of mask: KindMask) -> Bool {
        guard index >= range.lowerBound && index <= range.upperBound else { return false }
        return endKinds[index - range.lowerBound] & mask.bits != 0
    }

    /// Whether any lexicon form starts at `index`.
    func hasMatch(at index: Int) -> Bool {
        guard index >= range.lowerBound && index < range.upperBound else { return false }
        let local = index - range.lowerBound
        return matchStarts[local] != matchStarts[local + 1]
    }

    /// The longest lexicon match at `index` with an entry satisfying `accept`.
    func longestMatch(at index: Int, where accept: (LexiconEntry) -> Bool) -> (length: Int, entry: LexiconEntry)? {
        var best: (Int, LexiconEntry)?
        forEachMatch(at: index) { length, entries in
            if let entry = entries.first(where: accept) { best = (length, entry) }
        }
        return best
    }

    func scalar(_ index: Int) -> UInt32? {
        range.contains(index) ? text[index] : nil
    }

    /// Whether the text at `index` spells `word` (no allocation: this runs
    /// at every position).
    @inline(__always)
    func has(_ word: String, at index: Int) -> Bool {
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

/// A set of lexicon entry kinds as bits, for ``ArticleScope/hasMatch(at:of:)``.
struct KindMask {
    let bits: UInt16

    init(_ kinds: LexiconEntry.Kind...) {
        bits = kinds.reduce(0) { $0 | 1 << UInt16($1.rawValue) }
    }

    static let organisationStart = KindMask(.organisation, .organisationWord, .division, .region)
    static let personStart = KindMask(.person, .surname)
    static let place = KindMask(.division, .region, .feature)
    static let site = KindMask(.site, .siteSuffix)
    static let title = KindMask(.title)
    static let person = KindMask(.person)
    static let boundary = KindMask(.nameBoundary, .nameFollower)
    static let organisationWord = KindMask(.organisationWord)
    static let event = KindMask(.eventWord)
}
