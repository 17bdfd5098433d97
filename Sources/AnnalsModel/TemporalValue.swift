/// A calendar value in the TIMEX3 style: `2020-11-18`, `2020-11`, `1934`,
/// `195X`, `19XX`, or a range `1934-08/1934-10`, with the interval of days
/// it covers.
public struct TemporalValue: Sendable, Equatable, Hashable {
    public enum Precision: String, Sendable, Comparable {
        case day, month, season, year, decade, century

        private var rank: Int {
            switch self {
            case .day: 0
            case .month: 1
            case .season: 2
            case .year: 3
            case .decade: 4
            case .century: 5
            }
        }

        public static func < (a: Precision, b: Precision) -> Bool { a.rank < b.rank }
    }

    /// The TIMEX3 value: `2020-11-18`, `195X`, `1934-08/1934-10`.
    public var value: String
    public var precision: Precision
    /// First and last day covered.
    public var start: CalendarDay
    public var end: CalendarDay
    /// `start`, `mid`, `end` for 上旬/年初 …, `after` for `…以来`.
    public var modifier: String?

    public static func day(_ year: Int, _ month: Int, _ day: Int) -> TemporalValue? {
        guard let date = CalendarDay(year: year, month: month, day: day) else { return nil }
        return TemporalValue(value: date.description, precision: .day, start: date, end: date)
    }

    public static func month(_ year: Int, _ month: Int) -> TemporalValue? {
        guard let first = CalendarDay(year: year, month: month, day: 1),
              let last = CalendarDay(year: year, month: month, day: CalendarDay.daysIn(month: month, year: year)) else { return nil }
        return TemporalValue(value: first.iso(length: 7), precision: .month, start: first, end: last)
    }

    public static func year(_ year: Int) -> TemporalValue? {
        guard let first = CalendarDay(year: year, month: 1, day: 1), let last = CalendarDay(year: year, month: 12, day: 31) else { return nil }
        return TemporalValue(value: first.iso(length: 4), precision: .year, start: first, end: last)
    }

    /// TIMEX3's seasons: `SP` spring (March–May), `SU` summer (June–August),
    /// `FA` autumn (September–November), `WI` winter (December to the end of
    /// the next February): `season(1935, .spring)` → `1935-SP`.
    public enum Season: String, Sendable, CaseIterable {
        case spring = "SP", summer = "SU", autumn = "FA", winter = "WI"

        var firstMonth: Int {
            switch self {
            case .spring: 3
            case .summer: 6
            case .autumn: 9
            case .winter: 12
            }
        }
    }

    public static func season(_ year: Int, _ season: Season) -> TemporalValue? {
        let lastMonth = season.firstMonth + 2
        let lastYear = lastMonth > 12 ? year + 1 : year
        let month = (lastMonth - 1) % 12 + 1
        guard let first = CalendarDay(year: year, month: season.firstMonth, day: 1),
              let last = CalendarDay(year: lastYear, month: month, day: CalendarDay.daysIn(month: month, year: lastYear)) else { return nil }
        return TemporalValue(value: first.iso(length: 4) + "-" + season.rawValue, precision: .season, start: first, end: last)
    }

    /// `decade(1950)` → `195X`, 1950-01-01 … 1959-12-31.
    public static func decade(_ startYear: Int) -> TemporalValue? {
        guard startYear % 10 == 0, let first = CalendarDay(year: startYear, month: 1, day: 1),
              let last = CalendarDay(year: startYear + 9, month: 12, day: 31) else { return nil }
        return TemporalValue(value: String(Self.fourDigits(startYear).prefix(3)) + "X", precision: .decade, start: first, end: last)
    }

    /// A year as TIMEX3 writes it, in four digits: 200 → `0200`.
    private static func fourDigits(_ year: Int) -> String {
        let digits = String(year)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    /// `century(1900)` → `19XX` (the 20th century).
    public static func century(_ startYear: Int) -> TemporalValue? {
        guard startYear % 100 == 0, let first = CalendarDay(year: startYear, month: 1, day: 1),
              let last = CalendarDay(year: startYear + 99, month: 12, day: 31) else { return nil }
        return TemporalValue(value: String(Self.fourDigits(startYear).prefix(2)) + "XX", precision: .century, start: first, end: last)
    }

    /// Whether the value is a range (`1934-08/1934-10`).
    public var isRange: Bool { value.utf8.contains(UInt8(ascii: "/")) }

    /// From the start of `self` to the end of `other`: `1934-08/1934-10`.
    public func through(_ other: TemporalValue) -> TemporalValue? {
        guard other.end >= start else { return nil }
        return TemporalValue(value: value + "/" + other.value, precision: max(precision, other.precision), start: start, end: other.end)
    }
}

extension TemporalValue {
    /// A value written in ISO form, as curated data and query bounds give
    /// it: `1934`, `1934-10`, `1934-10-24`, or `START/END` of those.
    public init?(iso text: String) {
        // Parsed over the UTF-8 bytes, with no substrings: query bounds
        // and curated data give many values.
        var text = text
        guard let value = text.withUTF8({ Self.parseISO($0) }) else { return nil }
        self = value
    }

    /// `START/END` (one slash), or `YYYY`, `YYYY-MM`, `YYYY-MM-DD`.
    private static func parseISO(_ bytes: UnsafeBufferPointer<UInt8>) -> TemporalValue? {
        let slash = UInt8(ascii: "/")
        if let first = bytes.firstIndex(of: slash) {
            let rest = UnsafeBufferPointer(rebasing: bytes[(first + 1)...])
            guard !rest.contains(slash), let start = parseDate(UnsafeBufferPointer(rebasing: bytes[..<first])),
                  let end = parseDate(rest) else { return nil }
            return start.through(end)
        }
        return parseDate(bytes)
    }

    /// Four digits, then up to two fields of two, joined by `-` (each field
    /// read as `Int(_:)` reads it: digits, optionally after a `+`).
    private static func parseDate(_ bytes: UnsafeBufferPointer<UInt8>) -> TemporalValue? {
        var numbers = [Int]()
        numbers.reserveCapacity(3)
        var fieldStart = 0
        for index in 0...bytes.count where index == bytes.count || bytes[index] == UInt8(ascii: "-") {
            let field = UnsafeBufferPointer(rebasing: bytes[fieldStart..<index])
            guard numbers.count < 3, field.count == (numbers.isEmpty ? 4 : 2), let number = integer(field) else { return nil }
            numbers.append(number)
            fieldStart = index + 1
        }
        switch numbers.count {
        case 1: return .year(numbers[0])
        case 2: return .month(numbers[0], numbers[1])
        default: return .day(numbers[0], numbers[1], numbers[2])
        }
    }

    private static func integer(_ field: UnsafeBufferPointer<UInt8>) -> Int? {
        var digits = field[...]
        if digits.first == UInt8(ascii: "+") { digits = digits.dropFirst() }
        guard !digits.isEmpty else { return nil }
        var value = 0
        for byte in digits {
            guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }
}
