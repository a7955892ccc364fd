import ConvenorCore
import Foundation
import Testing

@Suite struct ICalendarWriterTests {
    static func event(_ start: Date, _ zone: String, uid: String = "u@x.org") -> CalendarEvent {
        CalendarEvent(
            uid: uid,
            start: start,
            end: start.addingTimeInterval(3600),
            timeZone: TimeZone(identifier: zone)!,
            summary: "S",
            description: "D",
            stamp: MailSamples.sent
        )
    }

    static func lines(_ events: [CalendarEvent]) -> [String] {
        ICalendarWriter.publish(events: events, productID: "-//t//EN").components(separatedBy: "\r\n")
    }

    @Test func writesTheCalendarEnvelope() {
        let lines = Self.lines([Self.event(MailSamples.instant("2026-11-12 14:00"), "Europe/London")])
        #expect(
            Array(lines.prefix(5)) == [
                "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//t//EN", "CALSCALE:GREGORIAN",
                "METHOD:PUBLISH",
            ]
        )
        #expect(lines.suffix(2) == ["END:VCALENDAR", ""])
        #expect(lines.contains("DTSTART;TZID=Europe/London:20261112T140000"))
        #expect(lines.contains("DTEND;TZID=Europe/London:20261112T150000"))
        #expect(lines.contains("DTSTAMP:20261124T090000Z"))
        #expect(lines.contains("SEQUENCE:0") && lines.contains("STATUS:CONFIRMED"))
    }

    @Test func wallTimesFollowTheClockChange() {
        // 14:00 BST on the day UK clocks go forward is 13:00 UTC; 14:00 EST the day US clocks go back is 19:00 UTC.
        let lines = Self.lines([
            Self.event(MailSamples.instant("2026-03-29 13:00"), "Europe/London"),
            Self.event(MailSamples.instant("2026-11-01 19:00"), "America/New_York"),
        ])
        #expect(lines.contains("DTSTART;TZID=Europe/London:20260329T140000"))
        #expect(lines.contains("DTSTART;TZID=America/New_York:20261101T140000"))
        #expect(lines.filter { $0 == "BEGIN:VTIMEZONE" }.count == 2)
        #expect(lines.contains("TZID:America/New_York") && lines.contains("TZID:Europe/London"))
    }

    @Test func vTimeZoneListsEachTransitionWithItsOnsetInTheOldOffset() {
        let lines = Self.lines([Self.event(MailSamples.instant("2026-11-12 14:00"), "Europe/London")])
        let start = lines.firstIndex(of: "BEGIN:VTIMEZONE")!
        let end = lines.firstIndex(of: "END:VTIMEZONE")!
        let zone = Array(lines[start...end])
        #expect(zone.filter { $0 == "BEGIN:DAYLIGHT" }.count == 3)  // 2025, 2026, 2027
        #expect(zone.filter { $0 == "BEGIN:STANDARD" }.count == 3)
        let autumn = zone.firstIndex(of: "DTSTART:20261025T020000")!
        #expect(
            Array(zone[autumn...autumn + 3]) == [
                "DTSTART:20261025T020000", "TZOFFSETFROM:+0100",
                "TZOFFSETTO:+0000", "TZNAME:GMT",
            ]
        )
        let spring = zone.firstIndex(of: "DTSTART:20260329T010000")!
        #expect(
            Array(zone[spring - 1...spring + 3]) == [
                "BEGIN:DAYLIGHT", "DTSTART:20260329T010000",
                "TZOFFSETFROM:+0000", "TZOFFSETTO:+0100", "TZNAME:BST",
            ]
        )
    }

    @Test func aZoneWithoutDaylightSavingGetsOneStandardObservance() {
        let lines = Self.lines([Self.event(MailSamples.instant("2026-11-12 09:00"), "Asia/Kolkata")])
        #expect(lines.filter { $0 == "BEGIN:STANDARD" }.count == 1)
        #expect(!lines.contains("BEGIN:DAYLIGHT"))
        #expect(lines.contains("TZOFFSETFROM:+0530") && lines.contains("TZOFFSETTO:+0530"))
        #expect(lines.contains("DTSTART;TZID=Asia/Kolkata:20261112T143000"))
    }

    @Test func utcZonesUseUTCFormWithoutVTimeZone() {
        let lines = Self.lines([Self.event(MailSamples.instant("2026-11-12 14:00"), "UTC")])
        #expect(lines.contains("DTSTART:20261112T140000Z"))
        #expect(!lines.contains("BEGIN:VTIMEZONE"))
    }

    @Test func theSecondPassThroughARepeatedHourIsWrittenInUTC() {
        // 01:30 happens twice in New York on 1 November 2026: 05:30 UTC (EDT), then 06:30 UTC (EST).
        let lines = Self.lines([
            Self.event(MailSamples.instant("2026-11-01 05:30"), "America/New_York"),
            Self.event(MailSamples.instant("2026-11-01 06:30"), "America/New_York"),
        ])
        #expect(lines.contains("DTSTART;TZID=America/New_York:20261101T013000"))
        #expect(lines.contains("DTSTART:20261101T063000Z"))
    }

    @Test func oneVTimeZoneCoversManyEventsInTheSameZone() {
        let events = (0..<12).map {
            Self.event(
                MailSamples.instant("2026-01-15 14:00").addingTimeInterval(Double($0) * 30 * 86_400),
                "Europe/London",
                uid: "\($0)@x.org"
            )
        }
        let lines = Self.lines(events)
        #expect(lines.filter { $0 == "BEGIN:VTIMEZONE" }.count == 1)
        #expect(lines.filter { $0 == "BEGIN:VEVENT" }.count == 12)
    }

    @Test func optionalPropertiesAreEscapedAndSanitised() {
        var event = Self.event(MailSamples.instant("2026-11-12 14:00"), "Europe/London")
        event.location = "Room 1, Leeds; 2nd floor"
        event.url = "https://meet.example.org/j/1?a=b c\r\n"
        event.organizer = MailAddress(displayName: "Shah, \"P\"", address: "p@example.org")
        event.status = .cancelled
        event.sequence = 3
        let lines = Self.lines([event])
        #expect(lines.contains("LOCATION:Room 1\\, Leeds\\; 2nd floor"))
        #expect(lines.contains("URL:https://meet.example.org/j/1?a=b%20c"))
        #expect(lines.contains("ORGANIZER;CN=\"Shah, 'P'\":mailto:p@example.org"))
        #expect(lines.contains("STATUS:CANCELLED") && lines.contains("SEQUENCE:3"))
    }

    @Test func everyLineEndsInCRLFAndFitsIn75Octets() {
        var event = MailSamples.londonEvent
        event.description = String(repeating: "Zoë – 会议 😀\n", count: 40)
        let text = ICalendarWriter.publish(events: [event], productID: MailSamples.productID)
        let bytes = Array(text.utf8)
        #expect(MessageInvariants.problems(in: bytes).filter { !$0.hasPrefix("header line") }.isEmpty)
        #expect(text.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 75 })
    }

    @Test func shortNamesComeFromEnglishLocales() {
        let summer = MailSamples.instant("2026-07-01 12:00")
        let winter = MailSamples.instant("2026-01-01 12:00")
        #expect(MailSamples.london.shortName(at: summer) == "BST")
        #expect(MailSamples.london.shortName(at: winter) == "GMT")
        #expect(MailSamples.newYork.shortName(at: summer) == "EDT")
        #expect(TimeZone(identifier: "Asia/Kolkata")!.shortName(at: summer) == "IST")
        #expect(TimeZone(identifier: "Australia/Sydney")!.shortName(at: summer) == "AEST")
        // No English name: an offset-only name would mislead, so none is written.
        #expect(TimeZone(identifier: "Asia/Kathmandu")!.shortName(at: summer) == nil)
    }
}
