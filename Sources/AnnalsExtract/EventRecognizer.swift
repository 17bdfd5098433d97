import AnnalsKnowledge
import AnnalsModel
import AnnalsText

/// Finds an article's events from the mentions already recognised.
///
/// - **The main event** is what the article reports: its type from the
///   title's trigger word (签订 → agreement, 调研 → visit_inspection, 首播 →
///   broadcast …), its date the article's date, its summary the title, its
///   participants the people of the paragraph that gives the date, each with
///   the role the words after the name give (主持 → chaired, 讲话 → spoke,
///   陪同 → accompanied, 率领 → led; attended otherwise), its places those of
///   the dated sentence (else of the title, else the article's district).
/// - **Other happenings**: each dated stretch of a sentence elsewhere — a
///   date at the head of a clause or list item, up to the next such date —
///   with a trigger word (2009年12月被…公布为… → designation, 1949年重庆解放
///   → military; `4月在陈家河告捷，6月在忠堡、8月在板栗园又歼灭…` gives three),
///   summarised by the clause around the trigger; and well-known happenings
///   named without a date (会师 at 南腰界), dated from the curated known
///   events. An undated trigger of no known happening makes no event: a
///   timeline could not place it.
/// - **Places**: a happening's own, else where its sentence, else its
///   paragraph, was last (a narrative stays at its scene); `在这里`, `在此`
///   and `在纪念馆` point back to the place or site named before; else the
///   title's places, else the article's district.
/// - **The day's other doings**: what the main event's party (与会人员,
///   调研组 …) did besides — a visit, a meeting held — dated by the main event.
/// - The type is the trigger's; a more specific one that ends its clause
///   wins (`黔江获得解放`), a meeting named for a happening reports it
///   (`会师大会`), and a congress that elects a body reports the founding.
/// - Subtitles, subheadings and captions report nothing of their own; a
///   trigger used as a noun, a time, a plan, a purpose or in brackets is none.
/// Roles and participants come from the sentence, never from the whole article.
struct EventRecognizer {
    /// A trigger word found in the text: the event type it reports, where
    /// it starts, and its index in the event vocabulary.
    typealias Trigger = (kind: Event.Kind, position: Int, word: Int)

    /// Triggers that make an event of a sentence without a date.
    @inline(__always)
    private static func isHistorical(_ kind: Event.Kind) -> Bool { kind == .military || kind == .founding }

    /// - Parameter words: the article's event words (``EventWords``), found
    ///   once: the article's date was chosen with them.
    func events(in scope: ArticleScope, mentions: [Mention], date: TemporalValue?, words: EventWords) -> [Event] {
        let sentences = sentenceRanges(in: scope)
        // Mentions are in text order, so each sentence's are one run of
        // indices: no pass over every mention for every sentence.
        let inSentence = mentionRuns(mentions, sentenceCount: sentences.count)
        func mentionsOf(_ sentence: Int) -> Range<Int> { inSentence.indices.contains(sentence) ? inSentence[sentence] : 0..<0 }
        let article = scope.article
        let published = scope.document.published
        var events: [Event] = []
        func happenings(in range: Range<Int>) -> ArraySlice<Trigger> {
            self.happenings(in: range, of: words, scope: scope)
        }

        // The main event: the dated paragraph (and the next one when the
        // dated paragraph is a single sentence: 2020年11月23日，…正式开展。).
        let titleRange = article.titleRange
        let titleTriggers = happenings(in: titleRange).filter { !Self.isNoun($0, in: titleRange, scope: scope) }
        let titleType = Self.meetingNamedFor(titleTriggers, scope: scope)?.kind ?? mostSpecific(titleTriggers[...])
        // Only dates have a value: the type is tested first (reading the
        // value copies it, and retains its strings).
        let dateMention = date.flatMap { value in
            mentions.indices.first { mentions[$0].type == .date && mentions[$0].temporal == value && !article.titleRange.contains(mentions[$0].range.lowerBound) }
        }
        let mainSentence = dateMention.map { mentions[$0].sentence } ?? 1
        let mainParagraph = dateMention.flatMap { mention in article.paragraphs.firstIndex { $0.range.contains(mentions[mention].range.lowerBound) } } ?? 0
        // Ascending.
        var mainSentences: [Int] = []
        var covered = article.paragraphs.indices.contains(mainParagraph) ? [article.paragraphs[mainParagraph].range] : []
        if let first = covered.first, sentences.filter({ first.contains($0.lowerBound) }).count == 1, article.paragraphs.indices.contains(mainParagraph + 1) {
            covered.append(article.paragraphs[mainParagraph + 1].range)
        }
        for (number, range) in sentences.enumerated() where covered.contains(where: { $0.contains(range.lowerBound) }) { mainSentences.append(number) }
        if !mainSentences.contains(mainSentence) { mainSentences.insert(mainSentence, at: mainSentences.firstIndex { $0 > mainSentence } ?? mainSentences.count) }
        if titleType != nil || date != nil {
            let sentenceRange = sentences.indices.contains(mainSentence) ? sentences[mainSentence] : article.titleRange
            var type = titleType ?? mostSpecific(happenings(in: sentenceRange)) ?? .other
            // Today's work is no battle: a report of this year on 剿匪 history
            // (`采访剿匪土改亲历者`) reports the interviews, not the fighting.
            if type == .military, let date, let published, date.start.year >= published.year - 1 {
                type = mostSpecific(happenings(in: sentenceRange).filter { !Self.isHistorical($0.kind) }) ?? .other
            }
            // Going to a site to hold an activity there (`到周逸群烈士故居开展主题党日活动`)
            // is a visit to it.
            if type == .other, mainSentences.contains(where: { number in
                mentionsOf(number).contains { mentions[$0].type == .site && Self.followsMovement(mentions[$0].range.lowerBound, in: scope) }
            }) {
                type = .visitInspection
            }
            var places = mentionsOf(mainSentence).filter { mentions[$0].type == .place || mentions[$0].type == .site }
            if places.isEmpty { places = mentions.indices.filter { mentions[$0].type == .place && article.titleRange.contains(mentions[$0].range.lowerBound) } }
            // An inspection visit also happened at the sites it inspected
            // (徐塞声一行考察了中共中央西南局缙云山办公地旧址), in whichever sentence.
            if type == .visitInspection {
                for (number, range) in sentences.enumerated() where number > 0 && words.hasVisit(in: range) {
                    places += mentionsOf(number).filter { mentions[$0].type == .site && !places.contains($0) }
                }
            }
            let organisations = mentions.indices.filter { mentions[$0].type == .organisation && (mentions[$0].sentence == mainSentence || article.titleRange.contains(mentions[$0].range.lowerBound)) }
            // Appended, then completed in place, so that the event and its
            // arrays are not copied.
            events.append(Event(
                type: type, temporal: date, summary: article.title.isEmpty ? Self.summary(of: scope.string(sentenceRange)) : article.title,
                isMain: true, sentence: mainSentence,
                range: sentenceRange, places: places,
                participants: participants(in: mainSentences, mentions: mentions, scope: scope, sentences: sentences, runs: inSentence, words: words),
                organisations: organisations))
            events[0].divisions = divisions(places: places, organisations: organisations, mentions: mentions, fallback: scope.localDivision)
            events[0].dateText = (dateMention ?? date.flatMap { value in mentions.indices.first { mentions[$0].type == .date && mentions[$0].temporal == value } })
                .map { mentions[$0].text }
        }

        // Other happenings: each dated stretch of a sentence elsewhere (one
        // event a stretch), and well-known happenings named in passing.
        // Subtitles, subheadings and captions report nothing of their own.
        let asides = article.asides.map(\.range)
        // Each sentence's clauses with triggers: the clause and the indices
        // of its triggers in the sentence's (one list for every sentence).
        var clauses: [(range: Range<Int>, triggers: Range<Int>)] = []
        // The main event's sentence is its own, when there is a main event.
        let mainTaken = !events.isEmpty
        for (number, range) in sentences.enumerated() where number > 0 && !(mainTaken && number == mainSentence) {
            guard !asides.contains(where: { $0.contains(range.lowerBound) }) else { continue }
            let found = happenings(in: range)
            guard !found.isEmpty else { continue }
            // Which triggers are nouns, asked once a sentence (each is
            // tested below two or three times).
            let nouns = found.map { Self.isNoun($0, in: range, scope: scope) }
            func isNoun(_ offset: Int) -> Bool { nouns[offset - found.startIndex] }
            // The clauses the dated events were found in.
            var datedClauses: [Int] = []
            let stretches = datedStretches(of: mentionsOf(number), in: range, mentions: mentions, scope: scope)
            func triggers(in stretch: Range<Int>) -> [Int] {
                found.indices.filter { stretch.contains(found[$0].position) && !isNoun($0) && !isAttributeOrTopic(found[$0], scope: scope) }
            }
            for (position, (dated, stretch)) in stretches.enumerated() {
                guard let datedValue = mentions[dated].temporal, datedValue != date else { continue }
                let anchor = mentions[dated].range.lowerBound
                var inStretch = triggers(in: stretch)
                // A list item that shares the verb of the next (`6月在忠堡、8月在
                // 板栗园又歼灭…`) reports the same kind of happening.
                if inStretch.isEmpty, position + 1 < stretches.count, scope.scalar(stretch.upperBound - 1) == 0x3001 {   // 、
                    inStretch = triggers(in: stretches[position + 1].range)
                }
                guard let nearest = inStretch.min(by: { abs(found[$0].position - anchor) < abs(found[$1].position - anchor) }) else { continue }
                // A more specific trigger that ends the clause is what the
                // clause reports (`黔江获得解放` is a liberation, not a 获得;
                // in `获得…播出许可` the 播出 only qualifies the permit).
                let nearestClause = clauseRange(around: found[nearest].position, in: range, scope: scope)
                var trigger = found[nearest]
                for index in inStretch where nearestClause.contains(found[index].position) && precedes(found[index].kind, trigger.kind)
                    && found[index].position + scope.vocabulary.scalars[found[index].word].count == nearestClause.upperBound {
                    trigger = found[index]
                }
                // A meeting that founds a body reports the founding: `代表大会…
                // 召开，选举产生黔东特区革命委员会`.
                if trigger.kind == .meeting, let founding = inStretch.first(where: { index in
                    found[index].kind == .founding
                        && mentionsOf(number).contains { mentions[$0].type == .organisation && (found[index].position..<(found[index].position + 12)).contains(mentions[$0].range.lowerBound) }
                }) {
                    trigger = found[founding]
                }
                if trigger.kind == .meeting, let happening = Self.meetingNamedFor(inStretch.map { found[$0] }, scope: scope) {
                    trigger = happening
                }
                // A day inside the main event's span is part of it (4月16日,
                // 调研组转到… in a report on 4月15日至17日).
                if let main = date, main.isRange, datedValue.start >= main.start, datedValue.end <= main.end,
                   events.first?.type == trigger.kind { continue }
                // A dated happening told in a work's description is still one
                // (该书记述了1949年11月鹤峰解放至…): the date places it.
                let clause = clauseRange(around: trigger.position, in: range, scope: scope)
                events.append(secondaryEvent((trigger.kind, trigger.position), date: datedValue, sentence: number, range: range, scope: scope, mentions: mentions,
                                             sentences: sentences, runs: inSentence, words: words, within: stretch))
                events[events.count - 1].dateText = mentions[dated].text
                datedClauses.append(clause.lowerBound)
            }
            // Well-known happenings named in passing (是中共中央西南局入驻重庆后的
            // 重要办公地点), dated from the curated known events. An undated
            // trigger is no event of its own: a timeline could not place it.
            // The triggers are in text order, so each clause's are one run
            // of them (less the nouns): a clause is its range and its run.
            if !clauses.isEmpty { clauses.removeAll(keepingCapacity: true) }
            for index in found.indices where !isNoun(index) {
                let clause = self.clauseRange(around: found[index].position, in: range, scope: scope)
                if let last = clauses.last, last.range == clause {
                    clauses[clauses.count - 1].triggers = last.triggers.lowerBound..<(index + 1)
                    continue
                }
                guard !datedClauses.contains(clause.lowerBound), !words.hasNarration(in: clause) else { continue }
                clauses.append((clause, index..<(index + 1)))
            }
            for clause in clauses {
                guard let (trigger, known) = clause.triggers.lazy.compactMap({ index -> (Trigger, Int)? in
                    knownHappening(found[index], clause: clause.range, scope: scope).map { (found[index], $0) }
                }).first, let value = scope.vocabulary.knownDates[known], published.map({ value.start <= $0 }) ?? true else { continue }
                events.append(secondaryEvent((trigger.kind, trigger.position), date: value, sentence: number, range: range, scope: scope, mentions: mentions,
                                             sentences: sentences, runs: inSentence, words: words, within: clause.range))
                let last = events.count - 1
                events[last].dateSource = "knowledge:" + scope.knowledge.knownEvents[known].id
                if let kind = scope.vocabulary.knownTypes[known] { events[last].type = kind }
            }
            // A report of today's work tells what else was done on its day: the
            // delegation visited (与会人员参观芷江受降旧址) or held a meeting
            // (调研组在百福司镇召开座谈会). An undated sentence doing so, of a
            // kind other than the main event's, is an event of the main date.
            if datedClauses.isEmpty, let main = events.first, main.isMain, let date, let published, date.start <= published, date.start.year >= published.year - 1,
               let side = found.indices.first(where: { index in
                   !isNoun(index) && (found[index].kind == .visitInspection || found[index].kind == .meeting) && found[index].kind != main.type
                       && isSideActivity(found[index], among: found, in: range, mentions: mentions, run: mentionsOf(number), scope: scope)
               }) {
                events.append(secondaryEvent((found[side].kind, found[side].position), date: date, sentence: number, range: range, scope: scope, mentions: mentions,
                                             sentences: sentences, runs: inSentence, words: words,
                                             within: clauseRange(around: found[side].position, in: range, scope: scope)))
            }
        }
        return events
    }

    /// Whether a visit or meeting word reports what the main event's party
    /// (与会人员, 调研组, 一行 …, named before the word in its sentence) did
    /// besides: a visit with a site or place in its clause (与会人员参观芷江受降
    /// 旧址, 到永定区、桑植县参观考察), a meeting held (召开座谈会) by, with or at
    /// a named body or place. Work done before the day by others (市委党史研究室
    /// …又前往北碚区进行实地检查指导) and memories (`晚上召开农民大会`) are not.
    private func isSideActivity(_ trigger: Trigger, among found: ArraySlice<Trigger>, in sentence: Range<Int>, mentions: [Mention], run: Range<Int>,
                                scope: ArticleScope) -> Bool {
        guard (sentence.lowerBound..<trigger.position).contains(where: { position in
            Self.partyFirsts.contains(scope.text[position]) && Self.partyWords.contains { scope.has($0, at: position) }
        }) else { return false }
        let clause = clauseRange(around: trigger.position, in: sentence, scope: scope)
        let named = run.filter { clause.contains(mentions[$0].range.lowerBound) }.map { mentions[$0].type }
        if trigger.kind == .visitInspection { return named.contains(.site) || named.contains(.place) }
        return found.filter { $0.kind == .meeting && clause.contains($0.position) }.count >= 2
            && (named.contains(.organisation) || named.contains(.place) || named.contains(.site))
    }

    /// The dated stretches of a sentence, each with the date mention that
    /// opens it: a date at the head of a clause or a list item (`4月在陈家河
    /// 告捷，6月在忠堡、8月在板栗园又歼灭…`) starts a stretch that runs to the
    /// next such date; a date inside a clause belongs to the stretch it is in.
    /// Dates that report no happening are left out: `1997年重庆直辖后` (a time
    /// after something) and dates after publication (plans).
    private func datedStretches(of run: Range<Int>, in sentence: Range<Int>, mentions: [Mention], scope: ArticleScope) -> [(mention: Int, range: Range<Int>)] {
        var heads: [Int] = []
        for index in run where mentions[index].type == .date {
            guard let value = mentions[index].temporal, value.modifier != "after", scope.document.published.map({ value.start <= $0 }) ?? true else { continue }
            if heads.isEmpty || Self.headsClause(mentions[index].range.lowerBound, in: sentence, scope: scope) { heads.append(index) }
        }
        return heads.indices.map { position in
            let start = position == 0 ? sentence.lowerBound : mentions[heads[position]].range.lowerBound
            let end = position + 1 < heads.count ? mentions[heads[position + 1]].range.lowerBound : sentence.upperBound
            return (heads[position], start..<end)
        }
    }

    /// Whether at most two characters (于, 并于, 到) stand between `index`
    /// and the start of its clause or list item.
    static func headsClause(_ index: Int, in sentence: Range<Int>, scope: ArticleScope) -> Bool {
        var start = index
        while start > sentence.lowerBound, index - start <= 2 {
            let previous = scope.text[start - 1]
            if separatesClauses(previous) || previous == 0x3001 { return true }   // 、
            start -= 1
        }
        return start == sentence.lowerBound
    }

    /// For each sentence, the indices of its mentions (which are in text
    /// order, so each sentence's form one run).
    private func mentionRuns(_ mentions: [Mention], sentenceCount: Int) -> [Range<Int>] {
        // Appended sentence by sentence into reserved room.
        var runs: [Range<Int>] = []
        runs.reserveCapacity(sentenceCount)
        var index = 0
        while index < mentions.count {
            let sentence = mentions[index].sentence
            let start = index
            while index < mentions.count && mentions[index].sentence == sentence { index += 1 }
            guard sentence < sentenceCount else { continue }
            while runs.count < sentence { runs.append(0..<0) }
            if runs.count == sentence { runs.append(start..<index) } else { runs[sentence] = start..<index }
        }
        while runs.count < sentenceCount { runs.append(0..<0) }
        return runs
    }

    /// An event of one sentence, or of one clause (`within`) of a sentence
    /// that reports several happenings.
    private func secondaryEvent(_ trigger: (kind: Event.Kind, position: Int), date: TemporalValue?, sentence number: Int, range: Range<Int>,
                                scope: ArticleScope, mentions: [Mention], sentences: [Range<Int>], runs: [Range<Int>], words: EventWords,
                                within: Range<Int>? = nil) -> Event {
        let area = within ?? range
        let own = runs.indices.contains(number) ? runs[number] : 0..<0
        func inArea(_ index: Int) -> Bool { area.contains(mentions[index].range.lowerBound) }
        var places = own.filter { (mentions[$0].type == .place || mentions[$0].type == .site) && inArea($0) }
        // 该旧址, 该馆: the site named last before this sentence. 在这里, 在此,
        // 在纪念馆 (a site's kind with no name): the site or place named last
        // before it, a town or a county rather than a region.
        if !places.contains(where: { mentions[$0].type == .site }), hasAnaphora(in: range, scope: scope),
           let antecedent = mentions.indices.last(where: { mentions[$0].type == .site && mentions[$0].range.upperBound <= range.lowerBound }) {
            places.insert(antecedent, at: 0)
        } else if let (here, siteOnly) = pointsBack(in: area, scope: scope),
                  let antecedent = mentions.indices.last(where: { index in
                      mentions[index].range.upperBound <= here
                          && (mentions[index].type == .site || (!siteOnly && mentions[index].type == .place && Self.isLocal(mentions[index].placeKind)))
                  }), !places.contains(antecedent) {
            places.insert(antecedent, at: 0)
        }
        // A stretch that names no place happened where the sentence was last
        // (1966年，中央决定在白涛兴建816工程，…直到1984年6月工程停建: at 白涛).
        if places.isEmpty { places = scene(before: area.lowerBound, from: number, notBefore: range.lowerBound, mentions: mentions, runs: runs, sentences: sentences, scope: scope) }
        let organisations = own.filter { mentions[$0].type == .organisation && inArea($0) }
        // A happening the text places nowhere happened where the story was
        // last in its paragraph (…省委在大庸城内天主堂宣告成立。12月1日，…省革命
        // 委员会成立), else where the report is: at the places of its title,
        // else in its district (below). Unless a body did it (国家广电总局评定
        // 为…: a national act, of no district).
        if places.isEmpty, organisations.allSatisfy({ mentions[$0].division == nil }) {
            let paragraphStart = scope.article.paragraphs.first { $0.range.contains(range.lowerBound) }?.range.lowerBound ?? range.lowerBound
            places = scene(before: range.lowerBound, from: number, notBefore: paragraphStart, mentions: mentions, runs: runs, sentences: sentences, scope: scope)
            if places.isEmpty {
                places = mentions.indices.filter { mentions[$0].type == .place && scope.article.titleRange.contains(mentions[$0].range.lowerBound) }
            }
        }
        let people = participants(in: [number], mentions: mentions, scope: scope, sentences: sentences, runs: runs, words: words)
            .filter { within == nil || area.contains(mentions[$0.mention].range.lowerBound) || $0.role == .led }
        var event = Event(
            type: trigger.kind, temporal: date,
            summary: clause(around: trigger.position, in: range, scope: scope, mentions: mentions, subjects: places),
            isMain: false, sentence: number, range: range, places: places,
            participants: people, organisations: organisations)
        event.divisions = divisions(places: places, organisations: organisations, mentions: mentions, fallback: organisations.isEmpty ? scope.localDivision : nil)
        return event
    }

    /// Where the story was last before `position`, back to `start`: the
    /// places and sites of the clause that names the last town, county,
    /// locality or site (a region or a province sets no scene). Looks
    /// through the mention runs of sentence `number` and those before it.
    private func scene(before position: Int, from number: Int, notBefore start: Int, mentions: [Mention], runs: [Range<Int>], sentences: [Range<Int>],
                       scope: ArticleScope) -> [Int] {
        func isPlace(_ index: Int) -> Bool { mentions[index].type == .place || mentions[index].type == .site }
        var sentence = number
        while sentence > 0, runs.indices.contains(sentence), sentences[sentence].upperBound > start {
            if let last = runs[sentence].last(where: { index in
                let mention = mentions[index]
                return mention.range.upperBound <= position && mention.range.lowerBound >= start
                    && (mention.type == .site || (mention.type == .place && Self.isLocal(mention.placeKind)))
            }) {
                let clause = clauseRange(around: mentions[last].range.lowerBound, in: sentences[sentence], scope: scope)
                return runs[sentence].filter { isPlace($0) && clause.contains(mentions[$0].range.lowerBound) }
            }
            sentence -= 1
        }
        return []
    }

    /// Gazetteer divisions an event happened in: those of its places and
    /// sites, else of its organisations (北碚区委常委会 → 北碚区), else the
    /// article's district.
    /// (Of its places and organisations, not of the event: an event read
    /// out of the array it was put in is a copy.)
    private func divisions(places: [Int], organisations: [Int], mentions: [Mention], fallback: Int?) -> [Int] {
        var found: [Int] = []
        for index in places { if let division = mentions[index].division, !found.contains(division) { found.append(division) } }
        if found.isEmpty {
            for index in organisations { if let division = mentions[index].division, !found.contains(division) { found.append(division) } }
        }
        if found.isEmpty, let fallback { found.append(fallback) }
        return found
    }

    /// `建党100周年`, `成立100周年`: an anniversary, not the founding.
    private func isAnniversary(at position: Int, in range: Range<Int>, scope: ArticleScope) -> Bool {
        Self.spellsPair(0x5468, 0x5E74, from: position, to: min(range.upperBound, position + 10), in: scope)   // 周年
    }

    /// 会师纪念活动, 纪念红二、六军团会师: a historical happening commemorated,
    /// not happening now.
    /// (The 纪念 of a name, 湘鄂川黔革命根据地纪念馆在塔卧建成开馆, is no commemoration.)
    private func isCommemorated(at position: Int, in range: Range<Int>, scope: ArticleScope) -> Bool {
        let start = max(range.lowerBound, position - 12), end = min(range.upperBound, position + 6)
        return (start..<end).contains { index in
            scope.text[index] == 0x7EAA && scope.scalar(index + 1) == 0x5FF5 && !scope.isClaimed(index)   // 纪念
        }
    }

    /// Whether the two characters `first` `second` start somewhere in
    /// `from..<to` (the second may lie at `to`, inside the article): a scan
    /// for the first, then one look at the next.
    private static func spellsPair(_ first: UInt32, _ second: UInt32, from start: Int, to end: Int, in scope: ArticleScope) -> Bool {
        let last = min(end, scope.range.upperBound - 1)
        var index = max(start, scope.range.lowerBound)
        while index < last {
            if scope.text[index] == first && scope.text[index + 1] == second { return true }
            index += 1
        }
        return false
    }

    /// Where `在这里`, `在此`, `在该地` (a place or a site) or `在` + a site's
    /// kind without a name (`在纪念馆举行`: a site) points back to one named
    /// before, if it does.
    private func pointsBack(in range: Range<Int>, scope: ArticleScope) -> (position: Int, siteOnly: Bool)? {
        var position = range.lowerBound
        while position + 1 < range.upperBound {
            if scope.text[position] == 0x5728 {   // 在
                let next = position + 1
                if Self.hereWords.contains(where: { scope.has($0, at: next) }) { return (position, false) }
                // 在此召开, not 在此基础上 or 在此期间.
                if scope.text[next] == 0x6B64, next + 1 < range.upperBound, !Self.notHere.contains(scope.text[next + 1]) { return (position, false) }   // 此
                if !scope.isClaimed(next), Self.siteKindWords.contains(where: { scope.has($0, at: next) && !scope.isClaimed(next + $0.count - 1) }) { return (position, true) }
            }
            position += 1
        }
        return nil
    }

    private static let hereWords = ["这里", "此地", "此处", "该地", "当地"].map(scalars)
    /// After 在此: 基础, 期间, 之前, 后, 前, 次, 时 make it a time or a basis.
    private static let notHere: [UInt32] = ["基", "期", "之", "后", "前", "次", "时", "间"].map { $0.unicodeScalars.first!.value }
    private static let siteKindWords = ["纪念馆", "旧址", "陈列馆", "会址", "故居", "纪念碑", "烈士陵园"].map(scalars)

    /// Places an event can be said to be at: a town, a county, a locality
    /// or a mountain pass, not a province or a region.
    private static func isLocal(_ kind: String?) -> Bool {
        switch kind {
        case "province", "municipality", "region", "city": false
        default: true
        }
    }

    /// `该旧址`, `该馆`, `该片`: the sentence refers back to something named before.
    private func hasAnaphora(in range: Range<Int>, scope: ArticleScope) -> Bool {
        range.contains { scope.text[$0] == 0x8BE5 }   // 该
    }

    private func precedes(_ a: Event.Kind, _ b: Event.Kind) -> Bool {
        Self.rank(a) < Self.rank(b)
    }

    /// Type of an event from several trigger words: the most specific wins
    /// (agreement, broadcast, exhibition, lecture, designation, visit,
    /// meeting, study session, publication, military, founding, other).
    private static func rank(_ kind: Event.Kind) -> Int {
        switch kind {
        case .agreement: 0
        case .broadcast: 1
        case .exhibition: 2
        case .lecture: 3
        case .designation: 4
        case .visitInspection: 5
        case .meeting: 6
        case .studySession: 7
        case .publication: 8
        case .military: 9
        case .founding: 10
        case .other: 11
        }
    }

    /// Document ranges of the article's sentences (sentence 0 is the title).
    private func sentenceRanges(in scope: ArticleScope) -> [Range<Int>] {
        let starts = scope.sentenceStarts
        return starts.indices.map { index in
            starts[index]..<(index + 1 < starts.count ? starts[index + 1] : scope.range.upperBound)
        }
    }



    /// Whether a trigger word is used as a noun or a time, not as the
    /// report of a happening:
    /// - after 的 (的创建和发展) or after 得到 (`得到解放`);
    /// - before a word it qualifies or a time word (`会师广场`, `重走长征路`,
    ///   `参观者`, `剿匪亲历者`, `新中国成立后`, `遵义会议后`);
    /// - in a plan (`下一步将建立`, `还将陆续组织`);
    /// - in brackets, a note on a name (`红三军（后改称红二军团）`);
    /// - in a purpose (`为红二、六军团会师创造了条件`).
    private static func isNoun(_ trigger: Trigger, in sentence: Range<Int>, scope: ArticleScope) -> Bool {
        let start = trigger.position
        if start > sentence.lowerBound && scope.text[start - 1] == 0x7684 { return true }   // 的
        if nounMakersBefore.contains(where: { start - $0.count >= sentence.lowerBound && scope.has($0, at: start - $0.count) }) { return true }
        let end = start + scope.vocabulary.scalars[trigger.word].count
        if end < sentence.upperBound, nounMakerFirsts.contains(scope.text[end]), nounMakersAfter.contains(where: { scope.has($0, at: end) }) { return true }
        // The clause before the trigger: a plan, or 为 of a purpose. Words
        // are tried only where their first character stands.
        var clauseStart = start
        var hasPurpose = false
        var closesBracket = false
        while clauseStart > sentence.lowerBound, !separatesClauses(scope.text[clauseStart - 1]) {
            clauseStart -= 1
            let value = scope.text[clauseStart]
            if value == 0x4E3A { hasPurpose = true }   // 为
            // Inside brackets: a note on a name (`红三军（后改称红二军团）`).
            if value == 0xFF09 { closesBracket = true }
            if value == 0xFF08 && !closesBracket { return true }
            if planFirsts.contains(value), PlanWords.all.contains(where: { scope.has($0, at: clauseStart) }) { return true }
        }
        guard hasPurpose else { return false }
        for position in end..<min(sentence.upperBound, end + 16) where purposeFirsts.contains(scope.text[position]) {
            if purposeWords.contains(where: { scope.has($0, at: position) }) { return true }
        }
        return false
    }

    // First characters, as short arrays: a linear look at a few numbers
    // costs less than hashing at every character of every clause.
    private static let planFirsts = PlanWords.all.compactMap(\.first)
    private static let purposeFirsts = purposeWords.compactMap(\.first)
    private static let nounMakerFirsts = nounMakersAfter.compactMap(\.first)

    /// The people of the day's event as a group: those at the meeting, the
    /// delegation, those who came.
    private static let partyWords = ["与会", "调研组", "考察组", "考察团", "调研团", "代表团", "一行", "参加活动", "参会", "学员", "全体党员"].map(scalars)
    private static let partyFirsts = partyWords.compactMap(\.first)

    /// Words of going somewhere, before a place: 到, 赴, 走进, 来到, 前往.
    private static let movementWords = ["走进", "来到", "前往", "到", "赴"].map(scalars)

    /// Whether a word of going to a place ends at `index`.
    static func followsMovement(_ index: Int, in scope: ArticleScope) -> Bool {
        movementWords.contains { index - $0.count >= scope.range.lowerBound && scope.has($0, at: index - $0.count) }
    }

    /// 得到解放 (the people's lot), not 黔江获得解放 (a place's liberation).
    private static let nounMakersBefore = ["得到"].map(scalars)
    /// After a trigger: 后, 以后, 之后, 前夕, 期间 make it a time; 者, 路,
    /// 广场, 旧址 … a word it qualifies.
    private static let nounMakersAfter = ["后", "以后", "之后", "前夕", "期间", "时期", "者", "路", "广场", "旧址", "遗址", "精神", "纪念", "故事", "文化", "地点", "亲历者", "历史", "老战士"].map(scalars)
    private static let purposeWords = ["奠定", "创造了", "提供了", "打下", "作出了", "做出了"].map(scalars)


    /// 参与重庆解放的将士, 解密“重庆解放”: a trigger word that qualifies a noun
    /// or ends a quoted topic reports no happening. A word quoted alone is
    /// the happening's own name (发动第四次“围剿”).
    private func isAttributeOrTopic(_ trigger: Trigger, scope: ArticleScope) -> Bool {
        let end = trigger.position + scope.vocabulary.scalars[trigger.word].count
        guard end < scope.text.count else { return false }
        if scope.text[end] == 0x201D { return trigger.position == 0 || scope.text[trigger.position - 1] != 0x201C }   // ” “
        return scope.text[end] == 0x7684     // 的
    }

    /// Triggers that report something happening: not an anniversary
    /// (成立100周年) and not a past happening commemorated (会师纪念活动).
    private func happenings(in range: Range<Int>, of words: EventWords, scope: ArticleScope) -> ArraySlice<Trigger> {
        func happens(_ trigger: Trigger) -> Bool {
            !isAnniversary(at: trigger.position, in: range, scope: scope)
                && !(Self.isHistorical(trigger.kind) && isCommemorated(at: trigger.position, in: range, scope: scope))
                && !(Self.isMovement(trigger, scope: scope) && !Self.armyBefore(trigger.position, in: range, scope: scope))
        }
        // Most sentences keep all their triggers: those are a slice of the
        // article's, with no array made for them.
        let inRange = words.triggers(in: range)
        return inRange.allSatisfy(happens) ? inRange : ArraySlice(inRange.filter(happens))
    }

    /// 进入, 到达, 进驻, 离开: a movement, military only when an army moves
    /// (`红三军从川东南进入黔东`), not a delegation (`调研组到达…`).
    private static let armyMovementWords = ["进入", "到达", "抵达", "进驻", "离开"].map(scalars)

    private static func isMovement(_ trigger: Trigger, scope: ArticleScope) -> Bool {
        armyMovementWords.contains { $0 == scope.vocabulary.scalars[trigger.word] }
    }

    /// Whether 军 (红三军, 解放军, 红六军团) stands earlier in the sentence.
    private static func armyBefore(_ position: Int, in sentence: Range<Int>, scope: ArticleScope) -> Bool {
        (sentence.lowerBound..<position).contains { scope.text[$0] == 0x519B }   // 军
    }

    /// A meeting named for the happening it marks reports the happening:
    /// `会师庆祝大会`, `会师大会` (military), `首发座谈会`, `终审会`
    /// (publication), `成立大会` (founding): a trigger of another kind
    /// right before a meeting word.
    private static func meetingNamedFor(_ triggers: [Trigger], scope: ArticleScope) -> Trigger? {
        triggers.first { trigger in
            let end = trigger.position + scope.vocabulary.scalars[trigger.word].count
            return trigger.kind != .meeting && trigger.kind != .other
                && triggers.contains { $0.kind == .meeting && $0.position == end }
        }
    }

    /// The most specific type the triggers give (see ``rank(_:)``).
    private func mostSpecific(_ triggers: ArraySlice<Trigger>) -> Event.Kind? {
        var best: Event.Kind?
        for trigger in triggers where best.map({ precedes(trigger.kind, $0) }) ?? true { best = trigger.kind }
        return best
    }

    /// The well-known happening a trigger names (会师 in 红二、六军团在酉阳南腰界
    /// 成功会师): every cue group of a curated known event occurs in the
    /// clause, and the trigger word itself lies inside one of its cues, not
    /// in an attribute (参与重庆解放的将士).
    /// - Returns: an index into ``AnnalsKnowledge/KnowledgeBase/knownEvents``.
    private func knownHappening(_ trigger: Trigger, clause: Range<Int>, scope: ArticleScope) -> Int? {
        if let known = knownHappening(word: trigger.word, at: trigger.position, clause: clause, scope: scope, kind: trigger.kind) { return known }
        // The words inside a longer trigger (创建 in 恢复和创建) name known
        // happenings too.
        let end = trigger.position + scope.vocabulary.scalars[trigger.word].count
        var found: Int?
        for position in trigger.position..<end where found == nil {
            scope.forEachMatch(at: position) { length, entries in
                // Words inside the trigger, not the trigger itself.
                guard found == nil, position + length <= end, length < end - trigger.position || position > trigger.position else { return }
                for entry in entries where entry.kind == .eventWord && found == nil {
                    found = knownHappening(word: Int(entry.index), at: position, clause: clause, scope: scope, kind: trigger.kind)
                }
            }
        }
        return found
    }

    private func knownHappening(word: Int, at position: Int, clause: Range<Int>, scope: ArticleScope, kind: Event.Kind) -> Int? {
        let trigger: Trigger = (kind, position, word)
        let cues = scope.vocabulary.cuesContaining[trigger.word]
        guard !cues.isEmpty else { return nil }
        let clauseText = scope.text[clause]
        /// The trigger lies inside this cue as the text spells it.
        func spells(_ cue: EventVocabulary.TriggerCue) -> Bool {
            let start = trigger.position - cue.offset, end = start + cue.scalars.count
            guard start >= clause.lowerBound, end <= clause.upperBound,
                  (start..<end).allSatisfy({ scope.text[$0] == cue.scalars[$0 - start] }) else { return false }
            // “重庆解放”这一事件: a quoted name is a topic, not a happening.
            if start > clause.lowerBound, end < clause.upperBound, scope.text[start - 1] == 0x201C, scope.text[end] == 0x201D { return false }
            return end >= clause.upperBound || scope.text[end] != 0x7684     // 的
        }
        // The trigger inside one of an event's cues is tested first: it
        // looks at a few characters, where naming tests the whole clause.
        var matches: [Int] = []
        var index = 0
        while index < cues.count {
            let event = cues[index].event
            var spelt = false
            while index < cues.count && cues[index].event == event {
                if !spelt && spells(cues[index]) { spelt = true }
                index += 1
            }
            if spelt && KnownEvent.isNamed(by: scope.vocabulary.knownCues[event], in: clauseText) { matches.append(event) }
        }
        return matches.first { scope.vocabulary.knownTypes[$0] == trigger.kind } ?? matches.first
    }

    /// People of `sentences`, each with the role the words after the name
    /// give, up to the next person or the sentence's end; a list of names
    /// (贺龙、关向应率领) shares the role after its last name.
    /// - Parameter sentenceNumbers: ascending.
    private func participants(in sentenceNumbers: [Int], mentions: [Mention], scope: ArticleScope, sentences: [Range<Int>],
                              runs: [Range<Int>], words: EventWords) -> [(mention: Int, role: Event.Role)] {
        var result: [(mention: Int, role: Event.Role)] = []
        var people: [Int] = []
        for sentence in sentenceNumbers where runs.indices.contains(sentence) {
            for index in runs[sentence] where mentions[index].type == .person { people.append(index) }
        }
        // The roles of people[i], appended in order (see mentionRuns).
        var rolesOf: [RoleList] = []
        rolesOf.reserveCapacity(people.count)
        for (position, index) in people.enumerated() {
            let sentence = sentences[mentions[index].sentence]
            // Skip over the rest of a list: 、 and the names after it.
            var start = mentions[index].range.upperBound
            var next = position + 1
            while next < people.count, mentions[people[next]].range.lowerBound == start + 1, scope.text[start] == 0x3001 {
                start = mentions[people[next]].range.upperBound
                next += 1
            }
            var end = next < people.count && mentions[people[next]].sentence == mentions[index].sentence
                ? mentions[people[next]].range.lowerBound : sentence.upperBound
            // The role is in the person's own clause; a name that is itself
            // followed by a comma (主任徐塞声，…等100余人参加) takes the next.
            let skipFirstComma = start < end && scope.text[start] == 0xFF0C
            if let comma = ((skipFirstComma ? start + 1 : start)..<end).first(where: { scope.text[$0] == 0xFF0C }) { end = comma }
            rolesOf.append(words.roles(in: start..<max(start, end)))
        }
        // A name in a list of titled names (王建军、…主任徐塞声分别致辞;
        // 赵世勇，…黄蓉生教授等出席) shares the role of the next name when
        // nothing but titles and organisations stands between them.
        for (position, index) in people.enumerated().reversed() where rolesOf[position].isEmpty && position + 1 < people.count {
            let next = people[position + 1]
            let between = mentions[index].range.upperBound..<mentions[next].range.lowerBound
            var commas = 0
            for offset in between where scope.text[offset] == 0xFF0C { commas += 1 }
            if mentions[next].sentence == mentions[index].sentence, between.count <= 30, commas <= 1 {
                rolesOf[position] = rolesOf[position + 1]
            }
        }
        for (position, index) in people.enumerated() {
            for role in rolesOf[position] where !result.contains(where: { $0.mention == index && $0.role == role }) { result.append((index, role)) }
        }
        return result
    }

    private func clauseRange(around position: Int, in sentence: Range<Int>, scope: ArticleScope) -> Range<Int> {
        var start = position
        while start > sentence.lowerBound, !Self.separatesClauses(scope.text[start - 1]) { start -= 1 }
        var end = position
        while end < sentence.upperBound, !Self.separatesClauses(scope.text[end]) { end += 1 }
        return start..<end
    }

    /// ，。；！？ and line breaks (not 、, which parts the items of a list:
    /// `为红二、六军团会师…` is one clause).
    @inline(__always)
    static func separatesClauses(_ value: UInt32) -> Bool {
        switch value {
        case 0xFF0C, 0x3002, 0xFF1B, 0x0A, 0xFF01, 0xFF1F: true
        default: false
        }
    }

    /// The clause around a trigger (between commas), with a subject in
    /// front when the clause names none (该旧址…，2009年12月被…公布为…).
    /// An untitled article's main event is summed up by its sentence, cut
    /// at a clause near 40 characters: a timeline or a graph then has a label
    /// a person can read.
    static func summary(of sentence: String) -> String {
        guard sentence.count > 48 else { return sentence }
        let head = sentence.prefix(48)
        if let cut = head.lastIndex(where: { "，；、,;".contains($0) }), head.distance(from: head.startIndex, to: cut) >= 16 {
            return String(head[..<cut]) + "…"
        }
        return String(sentence.prefix(40)) + "…"
    }

    private func clause(around position: Int, in sentence: Range<Int>, scope: ArticleScope, mentions: [Mention], subjects: [Int]) -> String {
        let range = clauseRange(around: position, in: sentence, scope: scope)
        let text = scope.string(range)
        // Only a clause that names no one and nothing gets a subject: the
        // site the sentence (or its 该旧址) is about.
        let named = mentions.indices.contains { mentions[$0].type != .date && range.contains(mentions[$0].range.lowerBound) }
        if !named, let subject = subjects.first(where: { mentions[$0].type == .site && !range.contains(mentions[$0].range.lowerBound) }) {
            return mentions[subject].name + "：" + text
        }
        return text
    }
}

/// An article's event words, found in one scan: the trigger words outside
/// names, and where narration words (讲述), visit words (考察) and role words
/// (主持) start, in claimed text too. Each sentence, clause or stretch after
/// a name then looks up its own (a search in a short list) instead of
/// scanning its text again; the extractor asks it, too, which dates a
/// work's description gives (``isNarrated(_:in:)``). A class: the rule's
/// helpers are passed one reference, not five arrays.
final class EventWords {
    typealias Trigger = EventRecognizer.Trigger
    /// By position.
    private let triggers: [Trigger]
    /// Ascending.
    private let narrations: [Int]
    /// Where each narration word ends.
    private let narrationEnds: [Int]
    private let visits: [Int]
    /// Where a role word starts, ascending, with the longest role word
    /// there: its end and the role it gives.
    private let roleWords: [(position: Int, end: Int, role: Event.Role)]

    init(in scope: ArticleScope) {
        var triggers: [Trigger] = [], narrations: [Int] = [], narrationEnds: [Int] = [], visits: [Int] = []
        var roleWords: [(position: Int, end: Int, role: Event.Role)] = []
        var triggerEnd = 0
        // Room for an article's usual counts, not grown from one.
        triggers.reserveCapacity(32)
        roleWords.reserveCapacity(16)
        let vocabulary = scope.vocabulary
        let range = scope.range
        var index = scope.nextCandidate(from: range.lowerBound, .event, unclaimed: false)
        while index < range.upperBound {
            let claimed = scope.isClaimed(index)
            var narration = 0, visit = false
            var longest = 0
            var role: Event.Role?
            var trigger: (kind: Event.Kind, word: Int, length: Int)?
            scope.forEachMatch(at: index) { length, entries in
                for entry in entries where entry.kind == .eventWord {
                    let word = Int(entry.index)
                    if !claimed, index >= triggerEnd, var kind = vocabulary.triggerKind[word], length > (trigger?.length ?? 0) {
                        if Self.opensExhibition(word, at: index, in: scope) { kind = .exhibition }
                        trigger = (kind, word, length)
                    }
                    if vocabulary.isNarration[word] { narration = max(narration, length) }
                    if vocabulary.isVisit[word] { visit = true }
                    if length > longest, let found = vocabulary.role[word] {
                        longest = length
                        role = found
                    }
                }
            }
            // The longest trigger here, and none inside it: 建成开馆 is one
            // word, not 建成 and 开馆.
            if let trigger {
                triggers.append((trigger.kind, index, trigger.word))
                triggerEnd = index + trigger.length
            }
            if narration > 0 {
                narrations.append(index)
                narrationEnds.append(index + narration)
            }
            if visit { visits.append(index) }
            if let role { roleWords.append((index, index + longest, role)) }
            index = scope.nextCandidate(from: index + 1, .event, unclaimed: false)
        }
        self.triggers = triggers
        self.narrations = narrations
        self.narrationEnds = narrationEnds
        self.visits = visits
        self.roleWords = roleWords
    }

    private static let carryOut = scalars("开展")
    private static let exhibitionNames = ["陈列展", "展览", "图片展", "成果展", "专题展", "主题展", "史料展", "文物展", "陈列", "展（"].map(scalars)

    /// 开展 is "to carry out" (开展调研), but after an exhibition's name in
    /// its clause it is the exhibition opening (`…陈列展（一期）正式开展`).
    static func opensExhibition(_ word: Int, at index: Int, in scope: ArticleScope) -> Bool {
        // 开展 as written here (a test of two characters, before the word's own).
        guard scope.text[index] == 0x5F00, scope.scalar(index + 1) == 0x5C55, scope.vocabulary.scalars[word] == carryOut else { return false }
        var start = index
        while start > max(scope.range.lowerBound, index - 40), !EventRecognizer.separatesClauses(scope.text[start - 1]) { start -= 1 }
        return (start..<index).contains { position in exhibitionNames.contains { scope.has($0, at: position) } }
    }

    /// The trigger words that start in `range`, a slice of the article's.
    func triggers(in range: Range<Int>) -> ArraySlice<Trigger> {
        let first = Self.firstIndex(triggers.count, atOrAfter: range.lowerBound) { triggers[$0].position }
        var end = first
        while end < triggers.count && triggers[end].position < range.upperBound { end += 1 }
        return triggers[first..<end]
    }

    /// Whether a narration word (讲述, 反映 …) starts in `range`: a clause
    /// that describes a work or a topic.
    func hasNarration(in range: Range<Int>) -> Bool {
        let first = Self.firstIndex(narrations.count, atOrAfter: range.lowerBound) { narrations[$0] }
        return first < narrations.count && narrations[first] < range.upperBound
    }

    /// Whether the date at `index` tells what a work or a talk is about
    /// (`该书记述了1949年11月黔江解放至2022年底…，其中包括1952年…`), not when the
    /// report's own happening was: a narration word (记述了, 讲述, 反映 …)
    /// stands before it in its sentence, and the description has not ended —
    /// at a date that opens a clause (`…研究阐释，2020年11月10日，…举行`) or
    /// at the noun the description qualifies (`反映重庆解放历史的纪录片于…首播`),
    /// unless the description had dated its subject already.
    func isNarrated(_ index: Int, in scope: ArticleScope) -> Bool {
        let sentenceStart = scope.sentenceStarts[scope.sentence(of: index)]
        var last = Self.firstIndex(narrations.count, atOrAfter: index) { narrations[$0] } - 1
        while last >= 0, narrations[last] >= sentenceStart, narrationEnds[last] > index { last -= 1 }
        guard last >= 0, narrations[last] >= sentenceStart,
              !EventRecognizer.headsClause(index, in: sentenceStart..<index, scope: scope) else { return false }
        let narrationEnd = narrationEnds[last]
        guard let qualifier = (narrationEnd..<index).first(where: { scope.text[$0] == 0x7684 }) else { return true }   // 的
        // A year written between the narration and its 的: the subject was dated.
        return (narrationEnd..<qualifier).contains { scope.text[$0] == 0x5E74 && $0 > narrationEnd && ScalarClass.isDigit(scope.text[$0 - 1]) }   // 年
    }

    /// Whether a word for inspecting (考察, 参观, 视察) starts in `range`.
    func hasVisit(in range: Range<Int>) -> Bool {
        let first = Self.firstIndex(visits.count, atOrAfter: range.lowerBound) { visits[$0] }
        return first < visits.count && visits[first] < range.upperBound
    }

    /// The roles the role words in `range` give, read left to right, each
    /// word the longest starting where it starts (主持召开, not 主持 and 召开).
    fileprivate func roles(in range: Range<Int>) -> RoleList {
        var roles = RoleList()
        var next = Self.firstIndex(roleWords.count, atOrAfter: range.lowerBound) { roleWords[$0].position }
        while next < roleWords.count && roleWords[next].position < range.upperBound {
            roles.insert(roleWords[next].role)
            let end = roleWords[next].end
            while next < roleWords.count && roleWords[next].position < end { next += 1 }
        }
        return roles
    }

    /// The first of `count` ascending keys that is `value` or more.
    private static func firstIndex(_ count: Int, atOrAfter value: Int, key: (Int) -> Int) -> Int {
        var low = 0, high = count
        while low < high {
            let middle = (low + high) / 2
            if key(middle) < value { low = middle + 1 } else { high = middle }
        }
        return low
    }
}

/// The roles the words after a name give, each once, in the order written:
/// packed four bits a role in one word, so that a list per person is no
/// array of its own.
private struct RoleList: Sequence, IteratorProtocol {
    private var packed: UInt32 = 0

    var isEmpty: Bool { packed == 0 }

    /// Adds `role` after the others unless it is there already.
    mutating func insert(_ role: Event.Role) {
        let code = Self.code(of: role)
        var rest = packed, shift: UInt32 = 0
        while rest != 0 {
            if rest & 0xF == code { return }
            rest >>= 4
            shift += 4
        }
        packed |= code << shift
    }

    /// The roles in order (a copy iterates, taking them off the front).
    mutating func next() -> Event.Role? {
        guard packed != 0 else { return nil }
        defer { packed >>= 4 }
        return Self.role(of: packed & 0xF)
    }

    private static func code(of role: Event.Role) -> UInt32 {
        switch role {
        case .chaired: 1
        case .spoke: 2
        case .attended: 3
        case .accompanied: 4
        case .led: 5
        case .visited: 6
        }
    }

    private static func role(of code: UInt32) -> Event.Role {
        switch code {
        case 1: .chaired
        case 2: .spoke
        case 3: .attended
        case 4: .accompanied
        case 5: .led
        default: .visited
        }
    }
}
