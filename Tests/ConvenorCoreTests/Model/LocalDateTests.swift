import ConvenorCore
import Testing

@Suite struct LocalDateTests {
    @Test(arguments: ["2026-02-30", "2026-13-01", "2026-1-01", "26-01-01", "2026-02-29", "", "2026/01/01"])
    func rejectsDaysThatDoNotExistOrAreMisspelled(text: String) {
        #expect(LocalDate(iso: text) == nil)
    }

    @Test func acceptsLeapDay() {
        #expect(LocalDate(iso: "2028-02-29")?.description == "2028-02-29")
    }

    @Test func roundTripsThroughDaysSinceEpoch() throws {
        var date = try #require(LocalDate(iso: "1999-12-25"))
        for _ in 0..<20_000 {
            let next = date.adding(days: 1)
            #expect(LocalDate(daysSinceEpoch: next.daysSinceEpoch) == next)
            #expect(date.days(until: next) == 1)
            date = next
        }
    }

    @Test(arguments: [
        ("2026-11-12", Weekday.thursday), ("1970-01-01", .thursday), ("2027-03-28", .sunday), ("2000-02-29", .tuesday),
    ])
    func knowsTheWeekday(text: String, weekday: Weekday) throws {
        #expect(try #require(LocalDate(iso: text)).weekday == weekday)
    }

    @Test func addingMonthsClampsToTheMonthsLength() throws {
        #expect(try #require(LocalDate(iso: "2027-01-31")).adding(months: 1).description == "2027-02-28")
        #expect(try #require(LocalDate(iso: "2025-09-01")).adding(months: 12).description == "2026-09-01")
    }
}
