import AnnalsModel
import AnnalsText

/// Finds temporal expressions and normalises them to TIMEX3 values with
/// their precision and interval.
///
/// Rules (see Guides/DateRecognizer.md):
/// - full and partial dates in Arabic or Chinese numerals: `2020年11月18日`,
///   `一九三四年十月`, `二〇二〇年`, `2009年12月`;
/// - `11月17日` takes its year from the nearest preceding date in the
///   article, else the issue date (a day after the issue date means the year
///   before); `25日` takes month and year from the preceding date;
/// - ranges: `1934年8月至10月`, `4月12日至14日`;
/// - parts: `5月上旬/中旬/下旬`, `2019年年初/年底`, `上半年/下半年`;
/// - `20世纪50年代` → `195X`, `50年代` → `195X`, `20世纪` → `19XX`;
/// - `2017年以来` → `2017` (open-ended: modifier `after`);
/// - relative years against the issue date: `今年`, `明年`, `去年`, `前年`;
/// - five-year plan periods: `十四五` → `2021/2025`;
/// - `次日`/`翌日`: the day after the preceding date; `同年`/`次年`: the year
///   of the preceding date, or the one after it; `年底` heading a clause: the
///   end of the year of the preceding date.
/// Expressions with no calendar value (`近年来`, `当前`, `100周年`) are not dates.
struct DateRecognizer: Recognizer {
    var name: String { "dates" }
    var produces: [MentionType] { [.date] }
    var needs: RecognizerNeeds { RecognizerNeeds(startCharacters: Self.mayStartDate) }

    private static let year = scalars("年")
    private static let month: UInt32 = 0x6708      // 月
    private static let day: UInt32 = 0x65E5        // 日
    private static let dayAlt: UInt32 = 0x53F7     // 号
    // The word tables, built once (as literals in the functions they were
    // arrays allocated at every date candidate).
    private static let monthParts = [("上旬", "start", 1, 10), ("中旬", "mid", 11, 20), ("下旬", "end", 21, 31)]
    private static let yearParts = [("年初", "start"), ("年底", "end"), ("年末", "end"), ("初", "start"), ("底", "end"),
                                    ("上半年", "first_half"), ("下半年", "second_half")]
    private static let relativeYears = [("今年", 0), ("明年", 1), ("去年", -1), ("前年", -2), ("后年", 2), ("本年度", 0)]
    private static let nextDays = ["次日", "翌日", "第二天"]
    private static let narrativeYears = [("同年", 0), ("次年", 1), ("翌年", 1), ("第二年", 1)]

    /// 至 到 — – - ～ ~ between the two ends of a range.
    private static func isRangeConnector(_ value: UInt32) -> Bool {
        switch value {
        case 0x81F3, 0x5230, 0x2014, 0x2013, 0x2D, 0xFF5E, 0x007E: true
        default: false
        }
    }

    /// `日` starting a word: 日军, 日本, 日报, 日常, 日益, 日前, 日子.
    private static func continuesDayWord(_ value: UInt32) -> Bool {
        switch value {
        case 0x519B, 0x672C, 0x62A5, 0x5E38, 0x76CA, 0x524D, 0x5B50: true
        default: false
        }
    }

    func recognise(in scope: ArticleScope, starts: Candidates) {
        let published = scope.document.published
        var context: TemporalValue? = nil      // the last dated expression, for 11月17日 / 25日
        var writtenYear: Int? = nil            // the last year written out, for 同年 / 次年
        // A report on today's work (its first date within a year of the
        // issue) dates each paragraph's month-days from the issue, not from
        // the history told in the paragraph before; a narrative's months run
        // on from the last year it gave.
        var reportsToday: Bool?
        var paragraphs = scope.article.paragraphs.lazy.map(\.range).makeIterator()
        var paragraph = paragraphs.next()
        func next(_ index: Int) -> Int { scope.nextCandidate(from: index, starts) }
        var index = next(scope.range.lowerBound)
        while index < scope.range.upperBound {
            if let current = paragraph, index >= current.upperBound {
                while let current = paragraph, index >= current.upperBound { paragraph = paragraphs.next() }
                if reportsToday == true { context = nil }
            }
            if let (value, length) = match(at: index, in: scope, context: context, writtenYear: writtenYear, published: published) {
                let span = index..<(index + length)
                if scope.isFree(span) {
                    if reportsToday == nil, index >= scope.article.titleRange.upperBound, let published {
                        reportsToday = value.start <= published && value.start.year >= published.year - 1
                    }
                    scope.add(Mention(type: .date, range: span, text: scope.string(span), name: value.value, temporal: value))
                    if Self.writesYear(span, in: scope) { writtenYear = value.start.year }
                    // Later partial dates take their year (and month) from the
                    // last date: 明年…3月上旬 is next March. An open period
                    // (2017年以来) sets no context.
                    if value.precision <= .year && value.modifier != "after" {
                        if value.precision == .year, let previous = context, previous.precision <= .month, previous.start.year == value.start.year {
                            // 2020年…: keep the finer date of the same year.
                        } else {
                            context = value
                        }
                    }
                    index = next(index + length)
                    continue
                }
            }
            index = next(index + 1)
        }
    }

    /// The expression starting at `index`, if any: its value and length.
    func match(at index: Int, in scope: ArticleScope, context: TemporalValue?, writtenYear: Int? = nil, published: CalendarDay?) -> (TemporalValue, Int)? {
        guard let first = scope.scalar(index), Self.mayStartDate(first) else { return nil }
        // Do not start inside a number (`12020年`) or a word (`近年`).
        if let previous = scope.scalar(index - 1),
           ScalarClass.isDigit(previous) || (Self.numeral(previous) != nil && Self.isChineseNumber(first)) {
            return nil
        }
        if ScalarClass.isDigit(first) || Self.isChineseNumber(first) {
            if let found = absolute(at: index, in: scope, context: context, published: published) { return found }
        }
        return relative(at: index, in: scope, context: context, writtenYear: writtenYear, published: published)
    }

    /// Whether a date spells its year in digits (`1949年12月8日`), as
    /// opposed to taking it from context (`12月`) or a word (`次年`).
    private static func writesYear(_ span: Range<Int>, in scope: ArticleScope) -> Bool {
        var digits = 0
        for index in span {
            let value = scope.text[index]
            if ScalarClass.isDigit(value) || numeral(value) != nil { digits += 1 } else if value == 0x5E74 && digits == 4 { return true } else { digits = 0 }
        }
        return false
    }

    // MARK: - Absolute dates

    private func absolute(at index: Int, in scope: ArticleScope, context: TemporalValue?, published: CalendarDay?) -> (TemporalValue, Int)? {
        guard Self.unitFollowsNumber(at: index, in: scope) else { return nil }
        var cursor = index
        // 20世纪50年代, 20世纪
        if let century = number(in: scope, at: &cursor, maxDigits: 2), scope.has("世纪", at: cursor) {
            cursor += 2
            let startYear = (century - 1) * 100
            var decadeCursor = cursor
            if let decade = number(in: scope, at: &decadeCursor, maxDigits: 2), decade % 10 == 0, decade < 100,
               scope.has("年代", at: decadeCursor) {
                return TemporalValue.decade(startYear + decade).map { ($0, decadeCursor + 2 - index) }
            }
            if scope.has("初", at: cursor) || scope.has("末", at: cursor) {
                return TemporalValue.century(startYear).map { ($0, cursor + 1 - index) }
            }
            return TemporalValue.century(startYear).map { ($0, cursor - index) }
        }
        cursor = index
        // 50年代 (the twentieth century), 1950年代
        if let decade = number(in: scope, at: &cursor, maxDigits: 4), scope.has("年代", at: cursor) {
            let startYear = decade < 100 ? 1900 + decade : decade
            return TemporalValue.decade(startYear).map { ($0, cursor + 2 - index) }
        }
        cursor = index
        // Year first: 2020年, 2020年11月, 2020年11月18日
        if let year = yearNumber(in: scope, at: &cursor), scope.scalar(cursor) == 0x5E74 {
            cursor += 1
            // Not a count of years (`2020年卷` is a volume, `3年` a span — years have four digits).
            var value: TemporalValue
            var monthCursor = cursor
            if let month = monthNumber(in: scope, at: &monthCursor), scope.scalar(monthCursor) == Self.month {
                monthCursor += 1
                var dayCursor = monthCursor
                if let day = dayNumber(in: scope, at: &dayCursor), scope.scalar(dayCursor) == Self.day || scope.scalar(dayCursor) == Self.dayAlt,
                   let dated = TemporalValue.day(year, month, day) {
                    value = dated
                    cursor = dayCursor + 1
                } else if let monthValue = TemporalValue.month(year, month) {
                    value = monthValue
                    cursor = monthCursor
                } else {
                    return nil
                }
            } else if let yearValue = TemporalValue.year(year) {
                if scope.has("卷", at: cursor) { return nil }
                value = yearValue
            } else {
                return nil
            }
            return finish(value, at: cursor, from: index, in: scope)
        }
        cursor = index
        // Month first: 11月17日, 11月, 5月上旬 (the year from context)
        if let month = monthNumber(in: scope, at: &cursor), scope.scalar(cursor) == Self.month {
            cursor += 1
            let year = inferYear(month: month, context: context, published: published, ahead: Self.looksAhead(from: index, to: cursor, in: scope))
            var dayCursor = cursor
            if let day = dayNumber(in: scope, at: &dayCursor), scope.scalar(dayCursor) == Self.day || scope.scalar(dayCursor) == Self.dayAlt {
                guard let year, let value = TemporalValue.day(year, month, day) else { return nil }
                return finish(value, at: dayCursor + 1, from: index, in: scope)
            }
            // A bare month needs a sign that it is a date: a part of the month or a range.
            guard let year, let value = TemporalValue.month(year, month) else { return nil }
            if scope.has("上旬", at: cursor) || scope.has("中旬", at: cursor) || scope.has("下旬", at: cursor)
                || scope.has("初", at: cursor) || scope.has("底", at: cursor) || scope.has("份", at: cursor)
                || scope.has("至", at: cursor) || scope.has("，", at: cursor) || context != nil {
                return finish(value, at: cursor, from: index, in: scope)
            }
            return nil
        }
        cursor = index
        // Day alone in a narrative: 25日 (month and year from the preceding date)
        if let day = dayNumber(in: scope, at: &cursor), scope.scalar(cursor) == Self.day,
           let context, context.precision <= .month,
           let value = TemporalValue.day(context.start.year, context.start.month, day) {
            // Not `日` starting a word: 日军, 日本, 日报, 日常, 日益, 日前.
            if let next = scope.scalar(cursor + 1), Self.continuesDayWord(next) { return nil }
            return finish(value, at: cursor + 1, from: index, in: scope)
        }
        return nil
    }

    /// Whether the run of digits and numerals at `index` is followed by 世
    /// (世纪), 年, 月, 日 or 号. Every form below reads a number from `index`
    /// and needs one of those right after it; no number reads past such a
    /// run, and none of those characters is in one, so a number that a unit
    /// follows ends where the run ends. Most numerals start no date (一个,
    /// 统一, 三是): one scan rejects them, not five readings of the number.
    private static func unitFollowsNumber(at index: Int, in scope: ArticleScope) -> Bool {
        var cursor = index
        while let value = scope.scalar(cursor), ScalarClass.isDigit(value) || isChineseNumber(value) { cursor += 1 }
        switch scope.scalar(cursor) {
        case 0x4E16, 0x5E74, month, day, dayAlt: return true   // 世 年
        default: return false
        }
    }

    /// A season after a year (`1935年春`, `1949年冬季`); not 春节 (the
    /// Spring Festival) or 秋收 (the autumn harvest, as in 秋收起义).
    private static func season(at cursor: Int, in scope: ArticleScope) -> (TemporalValue.Season, Int)? {
        guard let value = scope.scalar(cursor), let season = seasonWords[value] else { return nil }
        if let next = scope.scalar(cursor + 1), notSeasons.contains(next) { return nil }
        if let next = scope.scalar(cursor + 1), next == 0x5B63 || next == 0x5929 { return (season, 2) }   // 季 天
        return (season, 1)
    }
    private static let seasonWords: [UInt32: TemporalValue.Season] = [0x6625: .spring, 0x590F: .summer, 0x79CB: .autumn, 0x51AC: .winter]
    /// 节 (春节), 收 (秋收), 令 (夏令营, 冬令), 装 (冬装), 粮 (夏粮): words, not seasons.
    private static let notSeasons: Set<UInt32> = Set("节收令装粮耕播种".unicodeScalars.map(\.value))

    /// Adds what may follow a date: a part (上旬, 年初 …), `以来`, or the end
    /// of a range (`至10月`, `至14日`, `—1936年`).
    private func finish(_ value: TemporalValue, at cursor: Int, from start: Int, in scope: ArticleScope) -> (TemporalValue, Int) {
        var value = value
        var cursor = cursor
        if value.precision == .month {
            for (word, modifier, first, last) in Self.monthParts where scope.has(word, at: cursor) {
                let lastDay = min(last, CalendarDay.daysIn(month: value.start.month, year: value.start.year))
                if let begin = CalendarDay(year: value.start.year, month: value.start.month, day: first),
                   let end = CalendarDay(year: value.start.year, month: value.start.month, day: lastDay) {
                    value.start = begin
                    value.end = end
                    value.modifier = modifier
                }
                cursor += 2
                break
            }
        }
        if value.precision == .year {
            if let (season, length) = Self.season(at: cursor, in: scope), let seasonal = TemporalValue.season(value.start.year, season) {
                value = seasonal
                cursor += length
            }
            for (word, modifier) in Self.yearParts where value.precision == .year && scope.has(word, at: cursor) {
                value.modifier = modifier
                cursor += word.unicodeScalars.count
                break
            }
        }
        if scope.has("以来", at: cursor) {
            value.modifier = "after"
            if let published = scope.document.published, published >= value.start { value.end = published }
            cursor += 2
        } else if let connector = scope.scalar(cursor), Self.isRangeConnector(connector) {
            var next = cursor + 1
            if connector == 0x2014 && scope.scalar(next) == 0x2014 { next += 1 }
            if let (end, length) = rangeEnd(after: value, at: next, in: scope), let range = value.through(end) {
                value = range
                cursor = next + length
            }
        }
        return (value, cursor - start)
    }

    /// The second half of a range, which may leave out what the first gave:
    /// `至10月` (same year), `至14日` (same month), `—1936年`.
    private func rangeEnd(after first: TemporalValue, at index: Int, in scope: ArticleScope) -> (TemporalValue, Int)? {
        var cursor = index
        if let year = yearNumber(in: scope, at: &cursor), scope.scalar(cursor) == 0x5E74 {
            cursor += 1
            var monthCursor = cursor
            if let month = monthNumber(in: scope, at: &monthCursor), scope.scalar(monthCursor) == Self.month {
                monthCursor += 1
                var dayCursor = monthCursor
                if let day = dayNumber(in: scope, at: &dayCursor), scope.scalar(dayCursor) == Self.day, let value = TemporalValue.day(year, month, day) {
                    return (value, dayCursor + 1 - index)
                }
                return TemporalValue.month(year, month).map { ($0, monthCursor - index) }
            }
            return TemporalValue.year(year).map { ($0, cursor - index) }
        }
        cursor = index
        if let month = monthNumber(in: scope, at: &cursor), scope.scalar(cursor) == Self.month {
            cursor += 1
            var dayCursor = cursor
            if let day = dayNumber(in: scope, at: &dayCursor), scope.scalar(dayCursor) == Self.day,
               let value = TemporalValue.day(first.start.year, month, day) {
                return (value, dayCursor + 1 - index)
            }
            guard first.precision <= .month else { return nil }
            return TemporalValue.month(first.start.year, month).map { ($0, cursor - index) }
        }
        cursor = index
        if first.precision == .day, let day = dayNumber(in: scope, at: &cursor), scope.scalar(cursor) == Self.day,
           let value = TemporalValue.day(first.start.year, first.start.month, day) {
            return (value, cursor + 1 - index)
        }
        return nil
    }

    /// A month with no year: the preceding date's year, else the issue's
    /// (a month after the issue month belongs to the year before, unless
    /// the text looks ahead to it: `力争10月底前完成`).
    private func inferYear(month: Int, context: TemporalValue?, published: CalendarDay?, ahead: Bool) -> Int? {
        if let context { return context.start.year }
        guard let published else { return nil }
        return month > published.month && !ahead ? published.year - 1 : published.year
    }

    /// Whether a word of a plan stands before a date (力争, 计划, 将于:
    /// ``PlanWords``), 将 earlier in its clause (`展览将持续至9月30日`), or 前
    /// after it (`10月底前`).
    private static func looksAhead(from start: Int, to end: Int, in scope: ArticleScope) -> Bool {
        if PlanWords.all.contains(where: { start - $0.count >= scope.range.lowerBound && scope.has($0, at: start - $0.count) }) { return true }
        var position = start - 1
        while position >= max(scope.range.lowerBound, start - 8), !EventRecognizer.separatesClauses(scope.text[position]) {
            // 将 of the future, not of 将军 or 将领.
            if scope.text[position] == 0x5C06, scope.scalar(position + 1) != 0x519B, scope.scalar(position + 1) != 0x9886 { return true }
            position -= 1
        }
        return (end..<min(end + 4, scope.range.upperBound)).contains { scope.text[$0] == 0x524D }   // 前
            && !(end..<min(end + 4, scope.range.upperBound)).contains { scope.has("以前", at: $0) || scope.has("前后", at: $0) }
    }

    // MARK: - Relative expressions

    private func relative(at index: Int, in scope: ArticleScope, context: TemporalValue?, writtenYear: Int?, published: CalendarDay?) -> (TemporalValue, Int)? {
        if let published {
            for (word, offset) in Self.relativeYears where scope.has(word, at: index) {
                // 今年以来, 明年年初: the part words apply.
                guard let value = TemporalValue.year(published.year + offset) else { return nil }
                let length = word.unicodeScalars.count
                let (finished, total) = finish(value, at: index + length, from: index, in: scope)
                return (finished, total)
            }
        }
        // 同年, 次年: the year last written out, or the one after it (a
        // narrative's 次年 counts from the year it gave, not from the last
        // 次年), with the month and day that follow (`次年1月`). Only after a
        // date: with none before, 同年 says nothing of when.
        if context != nil, let writtenYear {
            for (word, offset) in Self.narrativeYears where scope.has(word, at: index) {
                let year = writtenYear + offset
                var cursor = index + word.unicodeScalars.count
                guard var value = TemporalValue.year(year) else { return nil }
                var monthCursor = cursor
                if let month = monthNumber(in: scope, at: &monthCursor), scope.scalar(monthCursor) == Self.month, let monthValue = TemporalValue.month(year, month) {
                    value = monthValue
                    cursor = monthCursor + 1
                    var dayCursor = cursor
                    if let day = dayNumber(in: scope, at: &dayCursor), scope.scalar(dayCursor) == Self.day || scope.scalar(dayCursor) == Self.dayAlt,
                       let dayValue = TemporalValue.day(year, month, day) {
                        value = dayValue
                        cursor = dayCursor + 1
                    }
                }
                return finish(value, at: cursor, from: index, in: scope)
            }
        }
        // `年底，省委…迁驻塔卧`: a part of the year at the head of a clause, in
        // the year of the last date.
        if let context, scope.text[index] == 0x5E74, index == scope.range.lowerBound || EventRecognizer.separatesClauses(scope.text[index - 1]) {
            for (word, modifier) in Self.yearParts where scope.has(word, at: index) && word.hasPrefix("年") {
                guard var value = TemporalValue.year(context.start.year) else { return nil }
                value.modifier = modifier
                return (value, word.unicodeScalars.count)
            }
        }
        if let context, context.precision == .day {
            for word in Self.nextDays where scope.has(word, at: index) {
                let next = CalendarDay.dayAfter(context.start)
                return TemporalValue.day(next.year, next.month, next.day).map { ($0, word.unicodeScalars.count) }
            }
        }
        // Five-year plans: 十四五 → 2021/2025 (the third plan began in 1966).
        if scope.scalar(index) == 0x5341 {   // 十
            var cursor = index
            if let plan = CalendarDay.readChineseNumber(scope.text[..<scope.range.upperBound], &cursor), plan >= 10, plan <= 20,
               scope.scalar(cursor) == 0x4E94, scope.scalar(cursor + 1) != 0x4E2D {   // 五 (not 五中全会)
                let firstYear = 1966 + 5 * (plan - 3)
                if let first = TemporalValue.year(firstYear), let last = TemporalValue.year(firstYear + 4), let period = first.through(last) {
                    return (period, cursor + 1 - index)
                }
            }
        }
        return nil
    }

    // MARK: - Numbers

    /// Arabic digits (up to `maxDigits`) or Chinese numerals as a small number.
    private func number(in scope: ArticleScope, at cursor: inout Int, maxDigits: Int) -> Int? {
        var value = 0
        var digits = 0
        var index = cursor
        while let scalar = scope.scalar(index), ScalarClass.isDigit(scalar), digits < maxDigits {
            value = value * 10 + Int(scalar - 0x30)
            digits += 1
            index += 1
        }
        if digits > 0 {
            if let scalar = scope.scalar(index), ScalarClass.isDigit(scalar) { return nil }
            cursor = index
            return value
        }
        // A Chinese number starts with 十 or a digit from 一 to 九.
        guard let first = scope.scalar(index), first == 0x5341 || (CalendarDay.chineseDigit(first) ?? 0) > 0 else { return nil }
        return CalendarDay.readChineseNumber(scope.text[..<scope.range.upperBound], &cursor)
    }

    /// A four-digit year in Arabic or Chinese digits (一九三四, 二〇二〇).
    private func yearNumber(in scope: ArticleScope, at cursor: inout Int) -> Int? {
        var value = 0
        var index = cursor
        for _ in 0..<4 {
            guard let scalar = scope.scalar(index) else { return nil }
            if ScalarClass.isDigit(scalar) {
                value = value * 10 + Int(scalar - 0x30)
            } else if let digit = Self.numeral(scalar) {
                value = value * 10 + digit
            } else {
                return nil
            }
            index += 1
        }
        if let next = scope.scalar(index), ScalarClass.isDigit(next) || Self.numeral(next) != nil { return nil }
        guard value >= 1000 else { return nil }
        cursor = index
        return value
    }

    private func monthNumber(in scope: ArticleScope, at cursor: inout Int) -> Int? {
        var local = cursor
        guard let value = number(in: scope, at: &local, maxDigits: 2), (1...12).contains(value) else { return nil }
        cursor = local
        return value
    }

    private func dayNumber(in scope: ArticleScope, at cursor: inout Int) -> Int? {
        var local = cursor
        guard let value = number(in: scope, at: &local, maxDigits: 2), (1...31).contains(value) else { return nil }
        cursor = local
        return value
    }

    /// Characters a date can start with: digits, numerals, and the first
    /// characters of 今年 明年 去年 前年 后年 本年度 同年 次年 翌年 年底 次日 翌日 第二天 十四五.
    static func mayStartDate(_ value: UInt32) -> Bool {
        if ScalarClass.isDigit(value) || isChineseNumber(value) { return true }
        switch value {
        case 0x4ECA, 0x660E, 0x53BB, 0x524D, 0x540E, 0x672C, 0x6B21, 0x7FCC, 0x7B2C, 0x540C, 0x5E74: return true
        default: return false
        }
    }

    /// A character of a number in Chinese: a numeral, or 十 (十月,
    /// 十一月3号, 十五日: numbers that start with no numeral). Every number
    /// this recogniser reads is made of these and Arabic digits.
    static func isChineseNumber(_ value: UInt32) -> Bool {
        numeral(value) != nil || value == 0x5341
    }

    /// 〇 零 一 … 九 as a digit.
    static func numeral(_ value: UInt32) -> Int? {
        switch value {
        case 0x3007, 0x96F6: 0
        default: CalendarDay.chineseDigit(value).flatMap { $0 == 0 ? nil : $0 }
        }
    }
}

extension CalendarDay {
    static func dayAfter(_ day: CalendarDay) -> CalendarDay {
        if let next = CalendarDay(year: day.year, month: day.month, day: day.day + 1) { return next }
        if let next = CalendarDay(year: day.year, month: day.month + 1, day: 1) { return next }
        return CalendarDay(year: day.year + 1, month: 1, day: 1) ?? day
    }
}

/// Words of a plan (`力争`, `下一步`, `将于`): a date after one lies ahead
/// (`力争10月底前` is this year's October), and a happening named after one
/// has not happened (`下一步将建立`). Shared by dates and events.
enum PlanWords {
    static let all = ["还将", "将于", "将在", "将陆续", "即将", "下一步", "计划", "预计", "拟于", "力争"].map(scalars)
}

