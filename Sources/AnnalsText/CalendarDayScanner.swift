import AnnalsModel

extension CalendarDay {
    /// Finds the first full date in `text`: `2020年12月10日` (also with 号),
    /// `二〇二〇年十二月十日`, `2020-12-10`, `2020.12.10`, `2020/12/10`.
    /// Returns the date and the indices it covers; impossible dates
    /// (`2020年13月45日`) are skipped.
    public static func find(in text: ArraySlice<UInt32>) -> (day: CalendarDay, range: Range<Int>)? {
        var index = text.startIndex
        while index < text.endIndex {
            if let found = match(in: text, at: index) { return found }
            index += 1
        }
        return nil
    }

    private static func match(in text: ArraySlice<UInt32>, at start: Int) -> (day: CalendarDay, range: Range<Int>)? {
        if start > text.startIndex && ScalarClass.isDigit(text[start - 1]) { return nil }
        var cursor = start
        if let year = readNumber(text, &cursor, digits: 4...4) {
            guard cursor < text.endIndex else { return nil }
            let separator = text[cursor]
            if separator == 0x5E74 {                                 // 年
                cursor += 1
                guard let month = readNumber(text, &cursor, digits: 1...2), expect(text, &cursor, 0x6708),   // 月
                      let day = readNumber(text, &cursor, digits: 1...2),
                      expect(text, &cursor, 0x65E5) || expect(text, &cursor, 0x53F7),                      // 日 号
                      let date = CalendarDay(year: year, month: month, day: day) else { return nil }
                return (date, start..<cursor)
            }
            if separator == 0x2D || separator == 0x2E || separator == 0x2F {      // - . /
                cursor += 1
                guard let month = readNumber(text, &cursor, digits: 1...2), cursor < text.endIndex, text[cursor] == separator else { return nil }
                cursor += 1
                guard let day = readNumber(text, &cursor, digits: 1...2),
                      cursor == text.endIndex || !ScalarClass.isDigit(text[cursor]),
                      let date = CalendarDay(year: year, month: month, day: day) else { return nil }
                return (date, start..<cursor)
            }
            return nil
        }
        guard let year = readChineseYear(text, &cursor), expect(text, &cursor, 0x5E74),
              let month = readChineseNumber(text, &cursor), expect(text, &cursor, 0x6708),
              let day = readChineseNumber(text, &cursor),
              expect(text, &cursor, 0x65E5) || expect(text, &cursor, 0x53F7),
              let date = CalendarDay(year: year, month: month, day: day) else { return nil }
        return (date, start..<cursor)
    }

    private static func expect(_ text: ArraySlice<UInt32>, _ cursor: inout Int, _ value: UInt32) -> Bool {
        guard cursor < text.endIndex, text[cursor] == value else { return false }
        cursor += 1
        return true
    }

    private static func readNumber(_ text: ArraySlice<UInt32>, _ cursor: inout Int, digits: ClosedRange<Int>) -> Int? {
        var value = 0
        var count = 0
        var index = cursor
        while index < text.endIndex, ScalarClass.isDigit(text[index]), count < digits.upperBound {
            value = value * 10 + Int(text[index] - 0x30)
            count += 1
            index += 1
        }
        guard digits.contains(count), index == text.endIndex || !ScalarClass.isDigit(text[index]) else { return nil }
        cursor = index
        return value
    }

    /// 〇/零 一 二 … 九 as digits.
    @inlinable
    package static func chineseDigit(_ value: UInt32) -> Int? {
        switch value {
        case 0x3007, 0x96F6, 0x25CB, 0x039F, 0x004F, 0xFF2F: 0   // 〇 零 ○ and the O look-alikes OCR gives
        case 0x4E00: 1
        case 0x4E8C: 2
        case 0x4E09: 3
        case 0x56DB: 4
        case 0x4E94: 5
        case 0x516D: 6
        case 0x4E03: 7
        case 0x516B: 8
        case 0x4E5D: 9
        default: nil
        }
    }

    /// 一九三四, 二〇二〇: four digit characters.
    private static func readChineseYear(_ text: ArraySlice<UInt32>, _ cursor: inout Int) -> Int? {
        guard cursor + 4 <= text.endIndex else { return nil }
        var value = 0
        for index in cursor..<cursor + 4 {
            guard let digit = chineseDigit(text[index]) else { return nil }
            value = value * 10 + digit
        }
        guard value >= 1000 else { return nil }
        cursor += 4
        return value
    }

    /// 一 … 九, 十, 十一 … 十九, 二十 … 三十一 (months and days).
    package static func readChineseNumber(_ text: ArraySlice<UInt32>, _ cursor: inout Int) -> Int? {
        let ten: UInt32 = 0x5341   // 十
        var index = cursor
        var value = 0
        if index < text.endIndex, let tens = chineseDigit(text[index]), tens > 0,
           index + 1 < text.endIndex, text[index + 1] == ten {
            value = tens * 10
            index += 2
        } else if index < text.endIndex, text[index] == ten {
            value = 10
            index += 1
        }
        if index < text.endIndex, let unit = chineseDigit(text[index]), unit > 0 {
            value += unit
            index += 1
        }
        guard value > 0 else { return nil }
        cursor = index
        return value
    }
}
