import AnnalsModel
import Foundation
import Testing

@Suite("Temporal values and calendar days")
struct TemporalValueTests {
    @Test func isoFormsGiveTheirIntervalAndPrecision() throws {
        let month = try #require(TemporalValue(iso: "1934-10"))
        #expect(month.precision == .month)
        #expect(month.start.description == "1934-10-01" && month.end.description == "1934-10-31")
        let leap = try #require(TemporalValue(iso: "2020-02"))
        #expect(leap.end.description == "2020-02-29")
        let year = try #require(TemporalValue(iso: "1949"))
        #expect(year.precision == .year && year.end.description == "1949-12-31")
        let range = try #require(TemporalValue(iso: "1934-08/1934-10"))
        #expect(range.isRange && range.start.description == "1934-08-01" && range.end.description == "1934-10-31")
    }

    @Test func malformedOrImpossibleIsoFormsAreRefused() {
        for text in ["1934-13", "2020-02-30", "34-10", "1934/10", "1934-10/1934-08", "", "一九三四", "1934-1-5"] {
            #expect(TemporalValue(iso: text) == nil, "\(text)")
        }
    }

    @Test func decadesAndCenturiesAreWrittenAsTIMEX3() throws {
        let fifties = try #require(TemporalValue.decade(1950))
        #expect(fifties.value == "195X" && fifties.end.description == "1959-12-31")
        #expect(TemporalValue.decade(1955) == nil)
        let twentieth = try #require(TemporalValue.century(1900))
        #expect(twentieth.value == "19XX" && twentieth.precision == .century)
        // A year below 1000 keeps four digits.
        #expect(TemporalValue.century(200)?.value == "02XX")
    }

    @Test func aRangeRunsFromTheFirstStartToTheSecondEnd() throws {
        let august = try #require(TemporalValue.month(1934, 8))
        let october = try #require(TemporalValue.month(1934, 10))
        #expect(august.through(october)?.value == "1934-08/1934-10")
        #expect(october.through(august) == nil)
    }

    @Test func calendarDaysRefuseImpossibleDatesAndCodeAsISO() throws {
        #expect(CalendarDay(year: 2021, month: 2, day: 29) == nil)
        #expect(CalendarDay(year: 2020, month: 2, day: 29) != nil)
        let day = try #require(CalendarDay(year: 1934, month: 10, day: 24))
        let encoded = try JSONEncoder().encode([day])
        #expect(String(decoding: encoded, as: UTF8.self) == #"["1934-10-24"]"#)
        #expect(try JSONDecoder().decode([CalendarDay].self, from: encoded) == [day])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([CalendarDay].self, from: Data(#"["1934-10"]"#.utf8)) }
    }
}
