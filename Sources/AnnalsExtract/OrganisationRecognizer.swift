import AnnalsKnowledge
import AnnalsModel
import AnnalsText

/// Finds organisations: the known ones (中共中央西南局, 红三军, 西南大学)
/// and those the grammar [中共][place][委 | body][department…] builds, with
/// full canonical names from the document's context.
///
/// - `市委` in a bulletin of 中共重庆市委党史研究室 is 中共重庆市委; `区委`
///   in a report about 北碚 is 中共重庆市北碚区委;
/// - `酉阳县委` → 中共重庆市酉阳县委 (districts and counties of the four
///   municipalities carry the city; elsewhere the county stands alone);
/// - `市委直属机关工委` → 中共重庆市委直属机关工作委员会 (abbreviations
///   expanded from the grammar file);
/// - place + suffix: 重庆电视台, 西南大学; Red Army units 红三军, 红二军团,
///   and `红二、六军团` as two units;
/// - the place inside an organisation name is not a place mention: the
///   organisation keeps it as its division (based_in).
struct OrganisationRecognizer: Recognizer {
    var name: String { "organisations" }
    var produces: [MentionType] { [.organisation] }
    /// A lexicon form (中共, a known name, a place other than a town's short
    /// form), a bare level word (市委), 室, or 红/第 (military units).
    var needs: RecognizerNeeds {
        RecognizerNeeds(lexicon: KindMask(bits: LexiconEntry.Kind.organisation.bit | LexiconEntry.Kind.organisationWord.bit
                                              | LexiconEntry.Kind.region.bit | KnowledgeBase.namedDivisionBit),
                        startCharacters: { Self.isLevelCharacter($0) || $0 == 0x5BA4 || $0 == 0x7EA2 || $0 == 0x7B2C || $0 == Self.league })
    }

    let resolver: PlaceResolver

    private static let partyBodies: Set<String> = ["党委", "党工委", "工委", "纪委", "党组", "特委", "地委", "委员会", "常委会"]
    /// 省 市 区 县 州 旗 盟 镇 乡: the words a place name ends in.
    @inline(__always)
    static func isLevelCharacter(_ value: UInt32) -> Bool {
        switch value {
        case 0x7701, 0x5E02, 0x533A, 0x53BF, 0x5DDE, 0x65D7, 0x76DF, 0x9547, 0x4E61: true
        default: false
        }
    }
    private static let committee: UInt32 = 0x59D4   // 委
    private static let league: UInt32 = 0x56E2      // 团

    /// `团区委`, `团县委`, `团市委`: the Communist Youth League committee of the
    /// level's division (共青团重庆市黔江区委员会), as 区委 is the party's.
    func leagueCommittee(at index: Int, in scope: ArticleScope) -> Mention? {
        guard scope.text[index] == Self.league, let level = scope.scalar(index + 1), Self.isLevelCharacter(level),
              scope.scalar(index + 2) == Self.committee, Self.startsWord(at: index, in: scope),
              let place = bareLevel(level, at: index + 1, in: scope) else { return nil }
        let span = index..<(index + 3)
        return Mention(type: .organisation, range: span, text: scope.string(span), name: "共青团" + resolver.organisationPrefix(place) + "委员会", division: place)
    }

    func recognise(in scope: ArticleScope, starts: Candidates) {
        // Organisations start with a lexicon form (中共, a place, a known
        // name), a bare level word (市委), 室 or 红/第 (units).
        func next(_ index: Int) -> Int { scope.nextCandidate(from: index, starts) }
        var index = next(scope.range.lowerBound)
        while index < scope.range.upperBound {
            // One organisation, or two (红二、六军团; 西南大学党委 and 西南大学
            // inside it): a pair, not an array made for every one found.
            // Units start with 红 or 第, tested here before the call.
            if Self.startsUnit(scope.text[index]), let (first, second) = units(at: index, in: scope) {
                if let end = add(first, second, in: scope) {
                    index = next(end)
                    continue
                }
            } else if let mention = leagueCommittee(at: index, in: scope) ?? organisation(at: index, in: scope) {
                if let end = add(mention, parent(of: mention, in: scope), in: scope) {
                    index = next(end)
                    continue
                }
            }
            index = next(index + 1)
        }
    }

    /// Adds an organisation and the one inside it or beside it, if their
    /// text is free, longest first (of two as long, the first first).
    /// - Returns: where the two end, or nil if some of their text was taken.
    private func add(_ first: Mention, _ second: Mention?, in scope: ArticleScope) -> Int? {
        guard scope.isFree(first.range), second.map({ scope.isFree($0.range) }) ?? true else { return nil }
        scope.claim(first.range)
        var end = first.range.upperBound
        if let second {
            scope.claim(second.range)
            end = max(end, second.range.upperBound)
        }
        if let second, second.range.count > first.range.count {
            scope.add(second, claim: false)
            scope.add(first, claim: false)
        } else {
            scope.add(first, claim: false)
            if let second { scope.add(second, claim: false) }
        }
        return end
    }

    /// `室` alone, in a bulletin of a 研究室, is the office itself:
    /// `室机关`, `室副主任周廷勇` (the publisher, by its canonical name).
    func publisherOffice(at index: Int, in scope: ArticleScope) -> Mention? {
        guard scope.text[index] == 0x5BA4, let publisher = scope.document.publisher, publisher.unicodeScalars.last == "室",
              index == scope.range.lowerBound || !ScalarClass.isIdeograph(scope.text[index - 1])
                || scope.hasMatch(endingAt: index, of: .boundary) else { return nil }
        let followedByOffice = scope.has("机关", at: index + 1) || scope.hasMatch(at: index + 1, of: .title)
        guard followedByOffice else { return nil }
        let end = scope.has("机关", at: index + 1) ? index + 3 : index + 1
        return Mention(type: .organisation, range: index..<end, text: scope.string(index..<end), name: publisher, division: scope.home)
    }

    /// One organisation starting at `index`, if any.
    func organisation(at index: Int, in scope: ArticleScope) -> Mention? {
        // 室 tested here as well as inside: the call is skipped at nearly
        // every candidate.
        if scope.text[index] == 0x5BA4, let office = publisherOffice(at: index, in: scope) { return office }
        let knowledge = scope.knowledge
        // A known organisation, possibly with departments after it (西南大学党委);
        // not an alias that would cut a word in two (青年党 in `青年党员`),
        // unless a word starts where the alias ends (中央红军 | 长征, not 军长).
        if let (length, entry) = scope.longestMatch(at: index, .organisation, where: { $0.form != .short }),
           entry.form == .official || !scope.wordRunsAcross(index + length, lookingBack: 2, of: KindMask(.title, .nameFollower))
            || scope.hasMatch(at: index + length, of: KindMask(.eventWord)) {
            let known = knowledge.organisations[Int(entry.index)]
            var cursor = index + length
            var name = known.name
            Self.appendSubunits(&name, cursor: &cursor, in: scope)
            appendDepartments(&name, cursor: &cursor, in: scope)
            return Mention(type: .organisation, range: index..<cursor, text: scope.string(index..<cursor), name: name, division: known.place)
        }
        // A national body: 中国 … 档案馆, 国家 … 研究院.
        if let (length, _) = grammarWord(at: index, in: scope, role: { $0 == .national }) {
            var cursor = index + length
            while cursor < min(scope.range.upperBound, index + length + 8) {
                if let (suffixLength, _) = suffixWord(at: cursor, in: scope), cursor > index + length {
                    let span = index..<(cursor + suffixLength)
                    return Mention(type: .organisation, range: span, sameTextAndName: scope.string(span))
                }
                guard ScalarClass.isIdeograph(scope.text[cursor]), !scope.isClaimed(cursor), !NameStart.boundaryEnds(at: cursor + 1, in: scope) else { break }
                cursor += 1
            }
        }

        var cursor = index
        var hasPartyPrefix = false
        if let (length, _) = scope.longestMatch(at: cursor, .organisationWord, where: { knowledge.organisationWords[Int($0.index)].role == .partyPrefix }) {
            hasPartyPrefix = true
            cursor += length
        }

        // Most candidates are a place name followed by neither 委 nor an
        // organisation word, with no region or level word here either:
        // none of the branches below can then succeed, and the place's
        // candidates need not be weighed.
        if !scope.hasMatch(at: cursor, of: KindMask(bits: LexiconEntry.Kind.region.bit)), !(scope.scalar(cursor).map(Self.isLevelCharacter) ?? false),
           !scope.anyMatch(at: cursor, of: KindMask(bits: LexiconEntry.Kind.division.bit), where: { end in
               scope.scalar(end) == Self.committee || scope.hasMatch(at: end, of: .organisationWord)
           }) {
            return nil
        }

        // The place: a division or region by name, or a bare level word
        // (市委, 区委) that the document's context resolves.
        var place: Int?
        var bareLevelPlace = false
        var divisionEntries: LexiconEntries?
        var placeName: String?
        var endsWithLevel = false
        let placeStart = cursor
        if let (length, entries) = longestDivision(at: cursor, in: scope) {
            divisionEntries = entries
            endsWithLevel = Self.isLevelCharacter(scope.text[cursor + length - 1])
            cursor += length
        } else if let (length, entry) = scope.longestMatch(at: cursor, .region) {
            placeName = knowledge.regions[Int(entry.index)].name
            cursor += length
        } else if let level = scope.scalar(cursor), Self.isLevelCharacter(level), Self.startsWord(at: cursor, in: scope),
                  scope.scalar(cursor + 1) == Self.committee || grammarWord(at: cursor + 1, in: scope, role: { $0 != .partyPrefix && $0 != .national }) != nil {
            place = bareLevel(level, at: cursor, in: scope)
            bareLevelPlace = true
            guard place != nil else { return nil }
            endsWithLevel = true
            cursor += 1
        } else {
            return nil
        }
        // Only a place followed by 委, a body or a suffix is an organisation:
        // check that before resolving the place and building names (the
        // first test is one bit: most places are followed by neither).
        guard scope.scalar(cursor) == Self.committee || scope.hasMatch(at: cursor, of: .organisationWord) else { return nil }
        let body = bodyWord(at: cursor, in: scope)
        let isCommittee = endsWithLevel && scope.scalar(cursor) == Self.committee && (body == nil || scope.has("委员会", at: cursor))
        let suffix = isCommittee || body != nil ? nil : suffixWord(at: cursor, in: scope)
        // A government department straight after a place: 北碚区文化旅游委, 市地方志办公室.
        let department = isCommittee || body != nil || suffix != nil ? nil : grammarWord(at: cursor, in: scope, role: { $0 == .department })
        guard isCommittee || body != nil || suffix != nil || department != nil else { return nil }
        if let divisionEntries {
            let candidates = divisionEntries.filter { canBePlace($0, at: placeStart, in: scope) }.map { Int($0.index) }
            place = resolver.choose(candidates, mentioned: scope.mentionedDivisions, provinces: scope.provinces, home: scope.home)
        }
        guard place != nil || placeName != nil else { return nil }
        let prefix = place.map(resolver.organisationPrefix) ?? placeName!

        // The name is written into one string, its room reserved: joining
        // the parts one by one made a new string at every part.
        let head: String
        var firstWord = ""
        var isParty = hasPartyPrefix
        if isCommittee {
            head = prefix
            firstWord = "委"
            isParty = true
            cursor += 1
            if scope.has("员会", at: cursor) { cursor += 2 }
        } else if let (length, word) = body {
            head = prefix
            firstWord = word.expansion.map { $0 == "委员会" ? word.word : $0 } ?? word.word
            if Self.partyBodies.contains(word.word) { isParty = true }
            cursor += length
        } else if let (length, word) = suffix {
            // 市档案馆 → 重庆市档案馆; a named place keeps its own form (重庆电视台).
            let name = (bareLevelPlace ? prefix : scope.string(index..<cursor)) + word.word
            cursor += length
            return Mention(type: .organisation, range: index..<cursor, text: scope.string(index..<cursor), name: name, division: place)
        } else if department != nil {
            head = bareLevelPlace ? prefix : resolver.organisationPrefix(place ?? -1, fallback: scope.string(index..<cursor))
        } else {
            return nil
        }
        let party = "中共"
        // Whether the name will start with 中共 already: its head tells,
        // unless the head is shorter than 中共.
        let headDecides = head.utf8.count >= party.utf8.count
        var name = ""
        name.reserveCapacity(party.utf8.count + head.utf8.count + 60)
        if isParty && headDecides && !head.utf8.starts(with: party.utf8) { name += party }
        name += head
        name += firstWord
        appendDepartments(&name, cursor: &cursor, in: scope)
        if isParty && !headDecides && !name.utf8.starts(with: party.utf8) { name = party + name }
        return Mention(type: .organisation, range: index..<cursor, text: scope.string(index..<cursor), name: name, division: place)
    }

    /// A known organisation with a body after it (西南大学党委) is also a
    /// mention of the organisation itself (西南大学), nested inside.
    func parent(of mention: Mention, in scope: ArticleScope) -> Mention? {
        guard let (length, entry) = scope.longestMatch(at: mention.range.lowerBound, .organisation, where: { $0.form != .short }),
              length < mention.range.count else { return nil }
        let known = scope.knowledge.organisations[Int(entry.index)]
        let span = mention.range.lowerBound..<(mention.range.lowerBound + length)
        return Mention(type: .organisation, range: span, text: scope.string(span), name: known.name, division: known.place)
    }

    /// 红 or 第, the first character of a unit's name.
    @inline(__always)
    private static func startsUnit(_ value: UInt32) -> Bool { value == 0x7EA2 || value == 0x7B2C }

    /// Red Army and PLA units: 红三军, 红二军团, 红四方面军, 第二野战军, and
    /// `红二、六军团` as two mentions (红二 → 红二军团, 六军团 → 红六军团).
    func units(at index: Int, in scope: ArticleScope) -> (Mention, Mention?)? {
        guard let first = scope.scalar(index), Self.startsUnit(first) else { return nil }
        var cursor = index + 1
        guard CalendarDay.readChineseNumber(scope.text[..<scope.range.upperBound], &cursor) != nil else { return nil }
        let unitWords = first == 0x7EA2 ? ["方面军", "军团", "军", "师"] : ["野战军", "方面军", "集团军"]
        if first == 0x7EA2, scope.scalar(cursor) == 0x3001 {   // 红二、六军团
            let firstEnd = cursor
            var second = cursor + 1
            guard CalendarDay.readChineseNumber(scope.text[..<scope.range.upperBound], &second) != nil,
                  let word = unitWords.first(where: { scope.has($0, at: second) }) else { return nil }
            let secondStart = cursor + 1
            let end = second + word.unicodeScalars.count
            let firstText = scope.string(index..<firstEnd)
            return (
                Mention(type: .organisation, range: index..<firstEnd, text: firstText, name: firstText + word),
                Mention(type: .organisation, range: secondStart..<end, text: scope.string(secondStart..<end), name: "红" + scope.string(secondStart..<end))
            )
        }
        guard let word = unitWords.first(where: { scope.has($0, at: cursor) }) else { return nil }
        var end = cursor + word.unicodeScalars.count
        var name = scope.string(index..<end)
        Self.appendSubunits(&name, cursor: &end, in: scope)
        return (Mention(type: .organisation, range: index..<end, text: scope.string(index..<end), name: name), nil)
    }

    /// Unit words after 第 and a number: 红四方面军第三十军, 红六军团第十七师第四十九团.
    private static let subunitWords = ["军团", "兵团", "纵队", "支队", "军", "师", "旅", "团"].map(scalars)
    /// Departments of an army unit: 红二军团供给部, 红四方面军总医院.
    private static let unitDepartments = ["总指挥部", "司令部", "政治部", "供给部", "卫生部", "保卫局", "总医院", "指挥部", "医院", "教导团"].map(scalars)
    /// Whether a name ends in a unit word, so that subunits may follow it.
    private static let unitEnds = ["军", "军团", "师", "纵队", "兵团", "部队"].map(scalars)

    /// Extends an army unit's name by the subunits and the department that
    /// follow it (`红四方面军` + `第三十军`, `国民党军` + `第八十五师`).
    static func appendSubunits(_ name: inout String, cursor: inout Int, in scope: ArticleScope) {
        let nameScalars = name.unicodeScalars.map(\.value)
        guard unitEnds.contains(where: { nameScalars.count >= $0.count && Array(nameScalars.suffix($0.count)) == $0 }) else { return }
        while scope.scalar(cursor) == 0x7B2C {   // 第
            var after = cursor + 1
            guard CalendarDay.readChineseNumber(scope.text[..<scope.range.upperBound], &after) != nil,
                  let word = subunitWords.first(where: { scope.has($0, at: after) }) else { break }
            let end = after + word.count
            name += scope.string(cursor..<end)
            cursor = end
        }
        if let department = unitDepartments.first(where: { scope.has($0, at: cursor) }) {
            let end = cursor + department.count
            name += scope.string(cursor..<end)
            cursor = end
        }
    }

    /// The longest division name at `index` (any form) that can be a place
    /// here, with its entries (see ``canBePlace(_:at:in:)``).
    private func longestDivision(at index: Int, in scope: ArticleScope) -> (Int, LexiconEntries)? {
        var best: (Int, LexiconEntries)?
        scope.forEachMatch(at: index) { length, entries in
            if entries.contains(where: { canBePlace($0, at: index, in: scope) }) { best = (length, entries) }
        }
        return best
    }

    /// Short forms as places count: provinces and prefectures, and
    /// counties in the article's provinces (社区 is no town here).
    private func canBePlace(_ entry: LexiconEntry, at index: Int, in scope: ArticleScope) -> Bool {
        guard entry.kind == .division else { return false }
        guard entry.form == .short else { return !resolver.readsAsWord(Int(entry.index), at: index, in: scope) }
        let knowledge = scope.knowledge
        switch knowledge.divisions[Int(entry.index)].level {
        case .province, .city: return true
        case .county: return scope.provinces.contains(knowledge.province(of: Int(entry.index)))
        case .town: return false
        }
    }

    /// Whether a bare level word at `index` starts a word (区委, 、区委, 召开区委),
    /// rather than ending one (社区党组织, 城区, 全市).
    static func startsWord(at index: Int, in scope: ArticleScope) -> Bool {
        guard index > scope.range.lowerBound else { return true }
        let previous = scope.text[index - 1]
        return !ScalarClass.isIdeograph(previous) || scope.isClaimed(index - 1) || scope.hasMatch(endingAt: index, of: .boundary)
    }

    /// `市`/`省` → the home division (or its province); `区`/`县` → the
    /// district or county named last before (北碚区文化旅游委、区退役军人事务局),
    /// else the article's own.
    private func bareLevel(_ level: UInt32, at index: Int, in scope: ArticleScope) -> Int? {
        if level == 0x533A || level == 0x53BF,
           let recent = scope.lastMention(where: { mention in
               mention.range.upperBound <= index && mention.division.map { scope.knowledge.divisions[$0].level == .county } == true
           }).flatMap({ scope.mentions[$0].division }) {
            return recent
        }
        return bareLevel(level, in: scope)
    }

    private func bareLevel(_ level: UInt32, in scope: ArticleScope) -> Int? {
        switch level {
        case 0x5E02:   // 市
            guard let home = scope.home else { return nil }
            let division = scope.knowledge.divisions[home]
            if division.level == .county, let parent = division.parent { return parent }
            return home
        case 0x7701:   // 省
            return scope.home.map { scope.knowledge.province(of: $0) }
        case 0x5DDE, 0x76DF:   // 州 盟: the home prefecture
            guard let home = scope.home else { return nil }
            let division = scope.knowledge.divisions[home]
            if division.level == .city { return home }
            if division.level == .county, let parent = division.parent, scope.knowledge.divisions[parent].level == .city { return parent }
            return nil
        case 0x533A, 0x53BF:   // 区 县
            return scope.localDivision
        default:
            return nil
        }
    }

    private func bodyWord(at index: Int, in scope: ArticleScope) -> (Int, OrganisationWord)? {
        grammarWord(at: index, in: scope) { $0 == .body }
    }

    private func suffixWord(at index: Int, in scope: ArticleScope) -> (Int, OrganisationWord)? {
        grammarWord(at: index, in: scope) { $0 == .suffix }
    }

    private func grammarWord(at index: Int, in scope: ArticleScope, role accept: (OrganisationWord.Role) -> Bool) -> (Int, OrganisationWord)? {
        let words = scope.knowledge.organisationWords
        guard let (length, entry) = scope.longestMatch(at: index, .organisationWord, where: { accept(words[Int($0.index)].role) }) else { return nil }
        return (length, words[Int(entry.index)])
    }

    /// Departments after a body: 宣传部, 党史研究室, 直属机关工委 …
    private func appendDepartments(_ name: inout String, cursor: inout Int, in scope: ArticleScope) {
        while let (length, word) = grammarWord(at: cursor, in: scope, role: { $0 == .department || $0 == .body }) {
            name += word.expansion.map { word.role == .department ? $0 : word.word } ?? word.word
            cursor += length
        }
    }
}
