import ConvenorCore
import Foundation
import Testing

/// Python's `email` (policy default) and PyPI's `icalendar` read what the core composes.
@Suite struct MailValidationTests {
    static let london = TimeZone(identifier: "Europe/London")!
    static let newYork = TimeZone(identifier: "America/New_York")!
    static let from = MailAddress(displayName: "ALN Groups", address: "groups@aln.example.org")

    /// An instant from a wall time at an explicit offset, so each expected UTC instant is visible here.
    static func instant(_ text: String, offsetHours: Int) -> Date {
        let wall = LocalDateTime(text: text)!
        let seconds = wall.date.daysSinceEpoch * 86_400 + wall.time.minutesSinceMidnight * 60 - offsetHours * 3600
        return Date(timeIntervalSince1970: Double(seconds))
    }

    static func event(_ id: String, _ start: Date, minutes: Int, _ zone: TimeZone) -> CalendarEvent {
        CalendarEvent(
            uid: ICalendarUID.make(group: "sig", occurrence: id, domain: "aln.example.org"),
            start: start,
            end: start.addingTimeInterval(Double(minutes) * 60),
            timeZone: zone,
            summary: "Meeting \(id)",
            description: "Clock-change day",
            stamp: instant("2026-01-05 09:00", offsetHours: 0)
        )
    }

    /// Meetings on the days UK and US clocks change, including both passes through New York's repeated hour.
    static let clockChangeEvents: [CalendarEvent] = [
        event("uk-spring", instant("2026-03-29 14:00", offsetHours: 1), minutes: 90, london),
        event("uk-autumn", instant("2026-10-25 14:00", offsetHours: 0), minutes: 90, london),
        event("us-spring", instant("2026-03-08 14:00", offsetHours: -4), minutes: 60, newYork),
        event("us-autumn", instant("2026-11-01 14:00", offsetHours: -5), minutes: 60, newYork),
        event("us-repeated-first", instant("2026-11-01 01:30", offsetHours: -4), minutes: 20, newYork),
        event("us-repeated-second", instant("2026-11-01 01:30", offsetHours: -5), minutes: 20, newYork),
        event("uk-skipped", instant("2027-03-28 02:30", offsetHours: 1), minutes: 30, london),
    ]

    @Test func clockChangeMeetingsStartAtTheRightInstant() throws {
        let directory = try PythonMailCheck.temporaryDirectory()
        defer { PythonMailCheck.remove(directory) }
        let file = directory.appendingPathComponent("clock-changes.ics")
        let text = ICalendarWriter.publish(events: Self.clockChangeEvents, productID: "-//convenor//test//EN")
        try Data(text.utf8).write(to: file)
        let problems = try PythonMailCheck.run(
            [MailCheckCase(ics: file.path, events: Self.clockChangeEvents.map(MailCheckCase.event))],
            in: directory
        )
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }

    @Test func agendaWithCalendarParsesWithoutDefects() throws {
        let directory = try PythonMailCheck.temporaryDirectory()
        defer { PythonMailCheck.remove(directory) }
        let events = [Self.clockChangeEvents[0]]
        let message = OutgoingMessage(
            from: Self.from,
            to: [MailAddress(address: "CSC-COP@JISCMAIL.AC.UK")],
            replyTo: [MailAddress(displayName: "Zoë Ó Súilleabháin", address: "zoe@leeds.example.ac.uk")],
            subject: "Agenda – Customer Services CoP, Sunday 29 March 2026",
            date: events[0].stamp,
            messageID: MessageID.make(
                for: MailingKey(group: "csc", kind: .agenda, occurrence: "2026-03"),
                domain: Self.from.domain
            ),
            extraHeaders: [MailHeader(name: "Approved", value: "secret")],
            textBody: "Sunday 29 March 2026, 14:00–15:30 BST\n.\nFrom the chairs\n",
            htmlBody: "<p>Agenda</p>",
            calendar: CalendarAttachment(text: ICalendarWriter.publish(events: events, productID: "-//convenor//EN")),
            attachments: [Attachment(filename: "minutes.md", mediaType: "text/markdown", bytes: Array("# M\n".utf8))]
        )
        let file = directory.appendingPathComponent("agenda.eml")
        try Data(try MessageComposer().compose(message)).write(to: file)
        let problems = try PythonMailCheck.run(
            [MailCheckCase.message(message, file: file.path, events: events.map(MailCheckCase.event))],
            in: directory
        )
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }

    /// The core's golden files, read from the source tree, also satisfy Python.
    @Test func goldenFilesParseWithoutDefects() throws {
        let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("ConvenorCoreTests/Fixtures/mail")
        let base = ["Date", "From", "To", "Subject", "Message-ID", "MIME-Version", "Content-Type"]
        func eml(_ name: String, _ extra: [String]) -> MailCheckCase {
            MailCheckCase(
                eml: fixtures.appendingPathComponent(name).path,
                expect: .init(headers: base + extra)
            )
        }
        let london = MailCheckCase.Event(
            uid: "convenor.customer-services-cop.2026-03-29@aln.example.org",
            summary: "Extra meeting, Leeds",
            description: "Clocks went forward at 01:00 GMT.",
            location: "Room 1, Parkinson Building, University of Leeds",
            sequence: 1,
            status: "CONFIRMED",
            start_utc: "2026-03-29T13:00:00Z",
            end_utc: "2026-03-29T14:00:00Z"
        )
        let newYork = MailCheckCase.Event(
            uid: "convenor.us-partners-sig.2026-11-01@aln.example.org",
            summary: "US Partners SIG (cancelled)",
            description: "Cancelled; see the list.",
            url: "https://meet.example.org/us",
            sequence: 2,
            status: "CANCELLED",
            start_utc: "2026-11-01T19:00:00Z",
            end_utc: "2026-11-01T20:00:00Z"
        )
        let cases = [
            eml("chairs-notice.eml", ["Auto-Submitted", "Content-Transfer-Encoding"]),
            eml("agenda-with-calendar.eml", ["Reply-To"]),
            eml("minutes-html-attachment.eml", ["Reply-To", "Approved"]),
            eml("reminder-7bit.eml", ["Reply-To", "Content-Transfer-Encoding"]),
            MailCheckCase(ics: fixtures.appendingPathComponent("london-clock-change.ics").path, events: [london]),
            MailCheckCase(ics: fixtures.appendingPathComponent("new-york-clock-change.ics").path, events: [newYork]),
        ]
        let directory = try PythonMailCheck.temporaryDirectory()
        defer { PythonMailCheck.remove(directory) }
        let problems = try PythonMailCheck.run(cases, in: directory) + PythonMailCheck.runOnDirectory(fixtures)
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }
}
