import AnnalsKnowledge
import AnnalsModel
import AnnalsText

/// Finds people and the titles the text gives them.
///
/// - Known people anywhere (贺龙, 陈敏尔); a known given-name form only next
///   to a title (`敏尔书记` → 陈敏尔).
/// - A name right after a title (`市委党史研究室主任徐塞声`,
///   `宣传部部长秦海峰`) or right before one (`徐塞声同志`, `周旭书记`):
///   a surname from the list and one or two more characters, the length
///   chosen by what follows (`徐塞声主持` but `周旭致辞`, `周烽关于`).
/// - Lists: `谢唯进、黄家富、白深富、荣怀明等党史人物` — every item a
///   surname-led name of two or three characters, the list closed by `等`
///   or by a verb such as `率领`, with at least one item already a person.
/// - Roles: the titles before a name, each with the organisation or
///   department it belongs to (`酉阳县委常委`, `宣传部部长`).
struct PersonRecognizer: Recognizer {
    var name: String { "people" }
    var produces: [MentionType] { [.person] }
    /// Known people and surnames; the scan itself goes by where the scope
    /// marked that a name may start (a surname beside a title, or a known
    /// person: ``Candidates/person``).
    var needs: RecognizerNeeds { RecognizerNeeds(lexicon: .personStart) }

    private static let enumerationComma: UInt32 = 0x3001   // 、
    /// Verbs and function words a name never starts with (来到, 考察).
    private static var verbKinds: KindMask {
        KindMask(bits: LexiconEntry.Kind.nameBoundary.bit | LexiconEntry.Kind.nameFollower.bit | LexiconEntry.Kind.eventWord.bit)
    }
    /// Lexicon words that are no names (代表, 同志, 部长).
    private static var wordKinds: KindMask {
        KindMask(bits: LexiconEntry.Kind.title.bit | LexiconEntry.Kind.organisationWord.bit | LexiconEntry.Kind.nameFollower.bit
                 | LexiconEntry.Kind.nameBoundary.bit | LexiconEntry.Kind.siteSuffix.bit | LexiconEntry.Kind.eventWord.bit)
    }

    func recognise(in scope: ArticleScope, starts: Candidates) {
        // Names start with a known form or a surname.
        func next(_ index: Int) -> Int { scope.nextCandidate(from: index, .person) }
        var index = next(scope.range.lowerBound)
        while index < scope.range.upperBound {
            if let mention = person(at: index, in: scope), scope.isFree(mention.range) {
                let end = mention.range.upperBound
                scope.add(mention)
                index = next(end)
                continue
            }
            index = next(index + 1)
        }
    }

    private func person(at index: Int, in scope: ArticleScope) -> Mention? {
        let knowledge = scope.knowledge
        // Names start with a known form or a surname, and a surname alone
        // is a name only beside a title: before it, or starting two to four
        // characters on. The scope tested that much for every character
        // (``Candidates/person``); what is left is which of them holds.
        let knownHere = scope.hasMatch(at: index, of: .person)
        let titleSoon = (index + 2...index + 4).contains(where: { scope.hasMatch(at: $0, of: .title) })
        let titleBefore = titleEnding(at: index, in: scope)
        guard knownHere || titleBefore != nil || titleSoon else { return nil }
        // Known people (the longest form).
        if let (length, entry) = scope.longestMatch(at: index, .person) {
            let end = index + length
            let titleAfter = titleStarting(at: end, in: scope)
            if entry.form != .short || titleAfter != nil || titleBefore != nil {
                // The roles in one array, given to the mention as it is made
                // (joined arrays, and a mention changed after it was made,
                // were copies).
                var roles = roles(before: index, in: scope)
                if let titleAfter { roles.append(scope.string(end..<(end + titleAfter))) }
                return Mention(type: .person, range: index..<end, text: scope.string(index..<end), name: knowledge.people[Int(entry.index)].name, roles: roles)
            }
        }
        guard let surnameLength = surname(at: index, in: scope) else { return nil }
        // 和, 与, 对 … where a name could start are words (精神和敏尔书记).
        if surnameLength == 1 && knowledge.isConjunction(scope.text[index]) { return nil }
        // A title right after decides the length (徐塞声同志), if the name
        // starts at a word boundary (not 机关有关同志).
        let atBoundary = titleBefore != nil || startsWord(at: index, in: scope)
        // A range, not an array literal (which is allocated at every call).
        for length in (surnameLength + 1)...(surnameLength + 2) where atBoundary && isName(index, length, in: scope) {
            if let titleLength = titleStarting(at: index + length, in: scope), scope.knowledge.titles.isEmpty == false,
               followsNames(titleAt: index + length, length: titleLength, in: scope) {
                var roles = roles(before: index, in: scope)
                roles.append(scope.string((index + length)..<(index + length + titleLength)))
                return Mention(type: .person, range: index..<(index + length), sameTextAndName: scope.string(index..<(index + length)), roles: roles)
            }
        }
        guard titleBefore != nil else { return nil }
        // After a title: two characters when a typical continuation follows
        // them (a verb, a function word, punctuation), else three when one
        // follows those; without that evidence it is no name
        // (烈士纪念建筑物 holds no 纪念建).
        let short = surnameLength + 1
        let long = surnameLength + 2
        var length: Int?
        if isName(index, short, in: scope), continuation(at: index + short, in: scope) {
            length = short
        } else if isName(index, long, in: scope), continuation(at: index + long, in: scope) {
            length = long
        }
        guard let length else { return nil }
        let span = index..<(index + length)
        return Mention(type: .person, range: span, sameTextAndName: scope.string(span), roles: roles(before: index, in: scope))
    }

    /// Whether a word can start at `index`: at the start, after punctuation
    /// or a recognised mention, or after a boundary or function word.
    private func startsWord(at index: Int, in scope: ArticleScope) -> Bool {
        guard index > scope.range.lowerBound else { return true }
        let previous = scope.text[index - 1]
        if !ScalarClass.isIdeograph(previous) || scope.isClaimed(index - 1) { return true }
        // Inside a word that runs across (有关 in 有关负责同志): no start.
        if scope.wordRunsAcross(index, lookingBack: 3) { return false }
        guard scope.hasMatch(endingAt: index, of: .boundary) else { return false }
        for length in 1...3 where index - length >= scope.range.lowerBound {
            var found = false
            scope.forEachMatch(at: index - length) { matchLength, entries in
                if matchLength == length && entries.contains(where: { $0.kind == .nameBoundary || $0.kind == .nameFollower }) { found = true }
            }
            if found { return true }
        }
        return false
    }

    /// Length of the surname at `index` (compound surnames first), or nil.
    private func surname(at index: Int, in scope: ArticleScope) -> Int? {
        if let (length, _) = scope.longestMatch(at: index, .surname) { return length }
        guard let first = scope.scalar(index), scope.knowledge.isSingleSurname(first) else { return nil }
        return 1
    }

    /// Whether `length` characters from `index` can be a personal name:
    /// ideographs, none of them a character names never hold, none claimed.
    private func isName(_ index: Int, _ length: Int, in scope: ArticleScope) -> Bool {
        guard index + length <= scope.range.upperBound else { return false }
        for position in index..<(index + length) {
            let value = scope.text[position]
            guard ScalarClass.isIdeograph(value), !scope.isClaimed(position) else { return false }
            if position > index && scope.knowledge.cannotBeInName(value) { return false }
        }
        // An office where the given name would be leaves none: `任师长`,
        // `任政治委员` are 任 (to serve as) and the office, `王部长` no full name.
        if let office = titleStarting(at: index + 1, in: scope), office >= 2, office >= length - 1 { return false }
        // Not a word of the lexicons (代表, 同志, 部长): those are no names;
        // nor a name that starts with a verb of two or more characters
        // (来到 in `来到位于…`, 考察).
        var isWord = false
        scope.forEachMatch(at: index) { matchLength, entries in
            if matchLength == length && entries.contains(where: { Self.wordKinds.contains($0.kind) }) {
                isWord = true
            }
            if matchLength >= 2 && matchLength < length && entries.contains(where: { Self.verbKinds.contains($0.kind) }) {
                isWord = true
            }
        }
        return !isWord
    }

    /// Whether the text at `index` continues as text after a name does: a
    /// verb or function word from the list, punctuation, or the end.
    private func continuation(at index: Int, in scope: ArticleScope) -> Bool {
        guard let next = scope.scalar(index) else { return true }
        if !ScalarClass.isIdeograph(next) { return true }
        if scope.isClaimed(index) { return true }
        var found = false
        scope.forEachMatch(at: index) { _, entries in
            if entries.contains(where: { $0.kind == .nameFollower || $0.kind == .title }) { found = true }
        }
        return found
    }

    /// Length of a title word ending exactly at `end`, if any.
    private func titleEnding(at end: Int, in scope: ArticleScope) -> Int? {
        guard scope.hasMatch(endingAt: end, of: .title) else { return nil }
        for length in stride(from: min(6, end - scope.range.lowerBound), through: 1, by: -1) {
            let start = end - length
            var matched = false
            scope.forEachMatch(at: start) { matchLength, entries in
                if matchLength == length, entries.contains(where: { $0.kind == .title && scope.knowledge.titles[Int($0.index)].precedesNames }) {
                    matched = true
                }
            }
            if matched { return length }
        }
        return nil
    }

    /// Length of the longest title word starting at `index`; none where a
    /// longer organisation word starts (委员 in 革命委员会 is no title).
    private func titleStarting(at index: Int, in scope: ArticleScope) -> Int? {
        guard index < scope.range.upperBound, let (length, _) = scope.longestMatch(at: index, .title) else { return nil }
        if let (wordLength, _) = scope.longestMatch(at: index, .organisationWord), wordLength > length { return nil }
        return length
    }

    private func followsNames(titleAt index: Int, length: Int, in scope: ArticleScope) -> Bool {
        var follows = false
        scope.forEachMatch(at: index) { matchLength, entries in
            if matchLength == length, entries.contains(where: { $0.kind == .title && scope.knowledge.titles[Int($0.index)].followsNames }) {
                follows = true
            }
        }
        return follows
    }

    /// The titles before a name, each with its organisation or department:
    /// `西南大学党委副书记、教授、博士生导师潘洵` → 西南大学党委副书记, 教授, 博士生导师.
    private func roles(before index: Int, in scope: ArticleScope) -> [String] {
        var roles: [String] = []
        var end = index
        while let titleLength = titleEnding(at: end, in: scope) {
            var start = end - titleLength
            // The organisation the title belongs to, if one ends here.
            if let organisation = scope.lastMention(of: .organisation, endingAt: start) {
                start = scope.mentions[organisation].range.lowerBound
            } else if let (length, _) = departmentEnding(at: start, in: scope) {
                start -= length
            }
            roles.insert(scope.string(start..<end), at: 0)
            guard start > scope.range.lowerBound, scope.text[start - 1] == Self.enumerationComma else { break }
            end = start - 1
        }
        return roles
    }

    private func departmentEnding(at end: Int, in scope: ArticleScope) -> (Int, Int)? {
        guard scope.hasMatch(endingAt: end, of: .organisationWord) else { return nil }
        for length in stride(from: min(8, end - scope.range.lowerBound), through: 2, by: -1) {
            var matched = false
            scope.forEachMatch(at: end - length) { matchLength, entries in
                if matchLength == length && entries.contains(where: { $0.kind == .organisationWord }) { matched = true }
            }
            if matched { return (length, end - length) }
        }
        return nil
    }


    /// `A、B、C等` or `A、B率领`: names in an enumeration with at least one
    /// person already found in it.
    func recogniseLists(in scope: ArticleScope) {
        let people = PeopleByStart(scope)
        var index = scope.range.lowerBound
        // The first 、 at or after index + 2 (or the article's end): found
        // by one forward scan (the scope's, over the characters' classes),
        // not by looking ahead at every position.
        var comma = index
        while index < scope.range.upperBound {
            if comma < index + 2 { comma = scope.nextCandidate(from: index + 2, .enumerationComma, unclaimed: false) }
            // Only where an enumeration comma follows within a name's
            // length: a surname and one or two characters (up to four
            // characters), or a person found already (five, at most, here).
            guard comma < scope.range.upperBound else { break }
            if comma > index + 5 {
                index = comma - 5
                continue
            }
            if comma == index + 5 && people.person(at: index)?.upperBound != comma {
                index += 1
                continue
            }
            guard let items = enumeration(at: index, people: people, in: scope) else { index += 1; continue }
            let known = items.contains { people.person(at: $0.lowerBound) == $0 }
            let closed = items.last.map { closesList(at: $0.upperBound, in: scope) } ?? false
            if (known || closed) && items.count >= 2 {
                for item in items where scope.isFree(item) {
                    scope.add(Mention(type: .person, range: item, sameTextAndName: scope.string(item)))
                }
            }
            index = (items.last?.upperBound ?? index) + 1
        }
    }

    /// Items separated by `、` from `index`, each two or three characters
    /// led by a surname (or an already found person). The array is made
    /// only once two items are found: this is asked at nearly every name
    /// before a `、`, and most are no list.
    private func enumeration(at index: Int, people: PeopleByStart, in scope: ArticleScope) -> [Range<Int>]? {
        guard let first = listItem(at: index, people: people, in: scope), scope.scalar(first.upperBound) == Self.enumerationComma,
              let second = listItem(at: first.upperBound + 1, people: people, in: scope) else { return nil }
        var items = [first, second]
        var cursor = second.upperBound
        while scope.scalar(cursor) == Self.enumerationComma, let next = listItem(at: cursor + 1, people: people, in: scope) {
            items.append(next)
            cursor = next.upperBound
        }
        return items
    }

    /// One item of a list at `cursor`: a person already found there, else
    /// a surname and one or two more characters (three characters first)
    /// followed by `、` or the list's end.
    private func listItem(at cursor: Int, people: PeopleByStart, in scope: ArticleScope) -> Range<Int>? {
        if let existing = people.person(at: cursor) { return existing }
        guard let surnameLength = surname(at: cursor, in: scope), !scope.knowledge.isConjunction(scope.text[cursor]) else { return nil }
        for length in stride(from: surnameLength + 2, through: surnameLength + 1, by: -1)
        where isName(cursor, length, in: scope) && (scope.scalar(cursor + length) == Self.enumerationComma || closesList(at: cursor + length, in: scope)) {
            return cursor..<(cursor + length)
        }
        return nil
    }

    /// `等` followed by what follows people, or a verb of leading:
    /// `率领`, `带领`, `同志`. `档案、文史、宣传等部门` and `土地、武装等决议`
    /// list departments and subjects: what stands after 等 is no word that
    /// follows people.
    private func closesList(at index: Int, in scope: ArticleScope) -> Bool {
        if scope.has("等", at: index) {
            let after = index + 1
            guard let next = scope.scalar(after), ScalarClass.isIdeograph(next) else { return true }
            // The noun after 等 (`等党史人物`, `等革命先辈`): a person noun
            // within the next few characters.
            if Self.peopleHeads.contains(where: { scope.has($0, at: after) }) && !scope.has("部门", at: after) { return true }
            for offset in 0...4 where Self.peopleNouns.contains(where: { scope.has($0, at: after + offset) }) { return true }
            return scope.hasMatch(at: after, of: KindMask(.nameFollower, .title)) || scope.isClaimed(after)
        }
        return ["率领", "带领", "同志", "烈士", "先烈", "领导"].contains { scope.has($0, at: index) }
    }

    /// Nouns of people that close a list after 等 (`等人`, `等同志`, `等革命先辈`,
    /// `等部` of commanders' troops).
    private static let peopleNouns = ["同志", "烈士", "先烈", "英烈", "领导", "将领", "将军", "先辈", "前辈", "人物", "代表", "干部", "英雄", "群众"]
    /// One-character heads right after 等 (`等人`, `等老同志`, `等部`).
    private static let peopleHeads = ["人", "老", "名", "位", "部", "革命"]
}

/// The people already found in an article, by the position their name
/// starts at: their ranges sorted by start, searched by halving (an
/// article names a handful of people, and lists are looked up at every
/// name of every enumeration, where an array over every position of the
/// article would take longer to fill than all the lookups).
private struct PeopleByStart {
    /// Ranges of the people found, by start (of several at one start, the
    /// one found last).
    let names: [Range<Int>]

    init(_ scope: ArticleScope) {
        var names: [Range<Int>] = []
        names.reserveCapacity(16)
        var inOrder = true
        for index in scope.mentions.indices where scope.mentions[index].type == .person {
            let range = scope.mentions[index].range
            if let last = names.last, last.lowerBound >= range.lowerBound { inOrder = false }
            names.append(range)
        }
        // Found in text order (the usual case), they are sorted already.
        if inOrder {
            self.names = names
            return
        }
        // Of two names at one start, the one found last is kept.
        let sorted = names.enumerated().sorted { ($0.element.lowerBound, $0.offset) < ($1.element.lowerBound, $1.offset) }
        var kept: [Range<Int>] = []
        for (_, range) in sorted {
            if kept.last?.lowerBound == range.lowerBound { kept[kept.count - 1] = range } else { kept.append(range) }
        }
        self.names = kept
    }

    func person(at position: Int) -> Range<Int>? {
        var low = 0, high = names.count
        while low < high {
            let middle = (low + high) / 2
            if names[middle].lowerBound < position { low = middle + 1 } else { high = middle }
        }
        return low < names.count && names[low].lowerBound == position ? names[low] : nil
    }
}

/// People named in a list beside one already found: `贺龙、关向应、任弼时等`
/// or `A、B率领`. Run last, so that the items already known as places
/// (黔江、武隆、丰都) are not taken for people.
struct NameListRecognizer: Recognizer {
    var name: String { "lists of names" }
    var produces: [MentionType] { [.person] }
    /// It scans for 、 (``Candidates/enumerationComma``).
    var needs: RecognizerNeeds { RecognizerNeeds() }

    func recognise(in scope: ArticleScope, starts: Candidates) {
        PersonRecognizer().recogniseLists(in: scope)
    }
}
