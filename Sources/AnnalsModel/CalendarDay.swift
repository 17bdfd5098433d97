/// A day of the Gregorian calendar: a bulletin's issue date, the first or
/// last day a date covers.
public struct CalendarDay: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    /// A valid Gregorian date or nil (`2020-13-45` is nil).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...CalendarDay.daysIn(month: month, year: year)).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// ISO 8601 form, `2020-12-10`.
    public var description: String { iso(length: 10) }

    /// The first `length` characters of the ISO form: 4 (`2020`), 7
    /// (`2020-11`) or 10 (`2020-11-18`). Written digit by digit, as a small
    /// string: the recognisers make one for every date they find.
    public func iso(length: Int) -> String {
        guard (0...9999).contains(year), (0...99).contains(month), (0...99).contains(day) else {
            func pad(_ value: Int, _ width: Int) -> String {
                let digits = String(value)
                return String(repeating: "0", count: max(0, width - digits.count)) + digits
            }
            return String("\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))".prefix(length))
        }
        let count = min(max(length, 0), 10)
        return String(unsafeUninitializedCapacity: 10) { bytes in
            func digit(_ value: Int) -> UInt8 { 0x30 + UInt8(value) }
            bytes[0] = digit(year / 1000)
            bytes[1] = digit(year / 100 % 10)
            bytes[2] = digit(year / 10 % 10)
            bytes[3] = digit(year % 10)
            bytes[4] = 0x2D
            bytes[5] = digit(month / 10)
            bytes[6] = digit(month % 10)
            bytes[7] = 0x2D
            bytes[8] = digit(day / 10)
            bytes[9] = digit(day % 10)
            return count
        }
    }

    public static func < (a: CalendarDay, b: CalendarDay) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    /// Decodes the ISO form, `2020-12-10`.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let value = TemporalValue(iso: text), value.precision == .day else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a date: \(text)"))
        }
        self = value.start
    }
}
