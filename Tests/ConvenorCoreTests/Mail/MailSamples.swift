import ConvenorCore
import Foundation

/// The messages and calendars the golden files hold, built from fixed values (no clock).
enum MailSamples {
    static let london = TimeZone(identifier: "Europe/London")!
    static let newYork = TimeZone(identifier: "America/New_York")!
    static let from = MailAddress(displayName: "ALN Groups", address: "groups@aln.example.org")
    static let zoe = MailAddress(displayName: "Zoë Ó Súilleabháin", address: "zoe.osuilleabhain@leeds.example.ac.uk")
    static let priya = MailAddress(displayName: "Priya Shah (York)", address: "p.shah@york.example.ac.uk")
    static let list = MailAddress(address: "CUSTOMER-SERVICES-COP@JISCMAIL.AC.UK")
    static let productID = "-//convenor//convenor 1.0//EN"

    /// An instant written as a wall time at an explicit UTC offset, so every expected instant is visible in the test.
    static func instant(_ text: String, offsetHours: Int = 0) -> Date {
        let wall = LocalDateTime(text: text)!
        let seconds = wall.date.daysSinceEpoch * 86_400 + wall.time.minutesSinceMidnight * 60 - offsetHours * 3600
        return Date(timeIntervalSince1970: Double(seconds))
    }

    static let sent = instant("2026-11-24 09:00")

    static func key(_ kind: MailingKind, _ occurrence: String = "2026-10") -> MailingKey {
        MailingKey(group: "customer-services-cop", kind: kind, occurrence: occurrence)
    }

    /// A nudge to the chairs: Auto-Submitted, non-ASCII names and an en dash in the subject.
    static var chairsNotice: OutgoingMessage {
        OutgoingMessage(
            from: from,
            to: [zoe, priya],
            subject: "Please confirm a date for Customer Services CoP – Oct–Nov 2026",
            date: sent,
            messageID: MessageID.make(for: key(.confirmDate), domain: from.domain),
            autoSubmitted: true,
            textBody: """
                Dear Zoë and Priya,

                No meeting date is confirmed yet for the Customer Services CoP window Oct–Nov 2026.
                convenor proposes these dates (2nd Wednesday, 14:00 GMT):

                  - Wednesday 14 October 2026, 14:00–15:30 BST
                  - Wednesday 11 November 2026, 14:00–15:30 GMT

                Add the date you choose under `meetings:` in groups/customer-services-cop.yaml.

                -- 
                convenor for Academic Libraries North
                """
        )
    }

    static var londonEvent: CalendarEvent {
        CalendarEvent(
            uid: ICalendarUID.make(group: "customer-services-cop", occurrence: "2026-10", domain: from.domain),
            start: instant("2026-11-12 14:00"),
            end: instant("2026-11-12 15:30"),
            timeZone: london,
            summary: "Customer Services CoP meeting",
            description:
                "Agenda:\n1. Welcome, introductions\n2. Chat services; lessons learnt\n\nJoin: https://meet.example.org/csc",
            url: "https://meet.example.org/csc",
            stamp: sent,
            organizer: from
        )
    }

    /// The agenda for the list: Reply-To the chairs, text plus calendar alternative plus .ics attachment.
    static var agenda: OutgoingMessage {
        OutgoingMessage(
            from: from,
            to: [list],
            replyTo: [zoe, priya],
            subject: "Agenda: Customer Services CoP – Thursday 12 November 2026",
            date: sent,
            messageID: MessageID.make(for: key(.agenda), domain: from.domain),
            textBody: """
                The Customer Services CoP meets on Thursday 12 November 2026, 14:00–15:30 GMT, online.
                Join: https://meet.example.org/csc

                Agenda
                1. Welcome, introductions
                2. Chat services; lessons learnt
                3. Any other business

                Zoë Ó Súilleabháin and Priya Shah, chairs
                """,
            calendar: CalendarAttachment(text: ICalendarWriter.publish(events: [londonEvent], productID: productID))
        )
    }

    /// The minutes with an HTML alternative, a Markdown attachment and Mailman's Approved header.
    static var minutesWithAttachment: OutgoingMessage {
        OutgoingMessage(
            from: from,
            to: [MailAddress(displayName: "Customer Services CoP", address: "csc@lists.example.org")],
            replyTo: [zoe],
            subject: "Minutes: Customer Services CoP, 12 November 2026",
            date: sent,
            messageID: MessageID.make(for: key(.minutes), domain: from.domain),
            extraHeaders: [MailHeader(name: "Approved", value: "list-moderator-secret")],
            textBody: "The minutes of the meeting on 12 November 2026 are attached.\n\nZoë\n",
            htmlBody: "<p>The minutes of the meeting on 12 November 2026 are attached.</p>\n<p>Zoë</p>\n",
            attachments: [
                Attachment(
                    filename: "minutes 2026-11-12 (draft).md",
                    mediaType: "text/markdown",
                    bytes: Array("# Minutes\n\n- Chat services: Zoë reports 40% fewer queues.\n".utf8)
                )
            ]
        )
    }

    /// A plain ASCII reminder: 7bit, no Auto-Submitted (list mail).
    static var reminder: OutgoingMessage {
        OutgoingMessage(
            from: from,
            to: [list],
            replyTo: [priya],
            subject: "Reminder: Customer Services CoP meets tomorrow",
            date: sent,
            messageID: MessageID.make(for: key(.reminder), domain: from.domain),
            textBody:
                "Tomorrow, Thursday 12 November 2026, 14:00-15:30 GMT, online.\nJoin: https://meet.example.org/csc\n"
        )
    }

    static let messages: [(name: String, message: OutgoingMessage)] = [
        ("chairs-notice", chairsNotice), ("agenda-with-calendar", agenda),
        ("minutes-html-attachment", minutesWithAttachment), ("reminder-7bit", reminder),
    ]

    /// A UK meeting on the day British clocks go forward (29 March 2026): 14:00 BST is 13:00 UTC.
    static var londonClockChange: CalendarEvent {
        CalendarEvent(
            uid: ICalendarUID.make(group: "customer-services-cop", occurrence: "2026-03-29", domain: from.domain),
            sequence: 1,
            start: instant("2026-03-29 14:00", offsetHours: 1),
            end: instant("2026-03-29 15:00", offsetHours: 1),
            timeZone: london,
            summary: "Extra meeting, Leeds",
            description: "Clocks went forward at 01:00 GMT.",
            location: "Room 1, Parkinson Building, University of Leeds",
            stamp: sent
        )
    }

    /// A US meeting on the day American clocks go back (1 November 2026): 14:00 EST is 19:00 UTC.
    static var newYorkClockChange: CalendarEvent {
        CalendarEvent(
            uid: ICalendarUID.make(group: "us-partners-sig", occurrence: "2026-11-01", domain: from.domain),
            sequence: 2,
            status: .cancelled,
            start: instant("2026-11-01 14:00", offsetHours: -5),
            end: instant("2026-11-01 15:00", offsetHours: -5),
            timeZone: newYork,
            summary: "US Partners SIG (cancelled)",
            description: "Cancelled; see the list.",
            url: "https://meet.example.org/us",
            stamp: sent
        )
    }

    static let calendars: [(name: String, events: [CalendarEvent])] = [
        ("london-clock-change", [londonClockChange]), ("new-york-clock-change", [newYorkClockChange]),
    ]
}
