import ConvenorCore
import Foundation
import Testing

@Suite struct TemplateDatesTests {
    static let newYork = TimeZone(identifier: "America/New_York")!

    @Test(arguments: [
        ("Europe/London", "2026-03-28 12:00", "GMT"), ("Europe/London", "2026-03-30 12:00", "BST"),
        ("Europe/London", "2026-10-24 12:00", "BST"), ("Europe/London", "2026-10-26 12:00", "GMT"),
        ("America/New_York", "2026-03-07 12:00", "EST"), ("America/New_York", "2026-03-09 12:00", "EDT"),
        ("America/New_York", "2026-11-02 12:00", "EST"), ("Europe/Dublin", "2026-07-01 12:00", "IST"),
        ("Europe/Dublin", "2026-01-01 12:00", "GMT"), ("Europe/Berlin", "2026-07-01 12:00", "CEST"),
        ("Australia/Sydney", "2026-01-01 12:00", "AEDT"), ("Asia/Kathmandu", "2026-01-01 12:00", "UTC+05:45"),
        ("Asia/Tokyo", "2026-01-01 12:00", "UTC+09:00"),
        ("America/Sao_Paulo", "2026-01-01 12:00", "UTC-03:00"), ("UTC", "2026-01-01 12:00", "UTC"),
    ])
    func zonesAreAbbreviatedAsReadersExpect(zone: String, wall: String, abbreviation: String) throws {
        let timeZone = try #require(TimeZone(identifier: zone))
        let instant = RenderFixture.wall(wall).instant(in: timeZone)
        #expect(ZoneAbbreviation.of(timeZone, at: instant) == abbreviation)
    }

    @Test func datesPrintInEnglishWords() {
        #expect(TemplateDates.long(RenderFixture.date("2026-11-12")) == "Thursday 12 November 2026")
        #expect(TemplateDates.dayMonthYear(RenderFixture.date("2025-09-01")) == "1 September 2025")
        #expect(TemplateDates.utc(RenderFixture.instant("2026-06-10 14:00")) == "2026-06-10 13:00 UTC")
    }

    @Test(arguments: [
        (10, 11, "2026-10-01", "2026-11-30", "October–November 2026"),
        (2, 2, "2027-02-01", "2027-02-28", "February 2027"),
        (12, 1, "2026-12-01", "2027-01-31", "December 2026–January 2027"),
    ])
    func windowsPrintAsMonthsAndYear(first: Int, last: Int, firstDay: String, lastDay: String, text: String) {
        let occurrence = WindowOccurrence(
            window: MonthWindow(firstMonth: first, lastMonth: last),
            firstDay: RenderFixture.date(firstDay),
            lastDay: RenderFixture.date(lastDay)
        )
        #expect(TemplateDates.window(occurrence) == text)
    }

    @Test func namesJoinWithAnd() {
        #expect(TemplateDates.joinedWithAnd([]) == "")
        #expect(TemplateDates.joinedWithAnd(["Charly"]) == "Charly")
        #expect(TemplateDates.joinedWithAnd(["Charly", "Rachel"]) == "Charly and Rachel")
        #expect(TemplateDates.joinedWithAnd(["Charly", "Rachel", "Theo"]) == "Charly, Rachel and Theo")
    }

    @Test func aNewYorkMeetingUsesNewYorkTime() {
        let start = RenderFixture.wall("2026-11-02 09:00").instant(in: Self.newYork)
        #expect(TemplateDates.utc(start) == "2026-11-02 14:00 UTC")
    }
}
