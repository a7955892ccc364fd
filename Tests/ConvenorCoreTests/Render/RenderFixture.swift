import ConvenorCore
import Foundation

/// Config values for rendering tests: the Customer Services CoP of seed 000, with dates in 2026.
enum RenderFixture {
    static let london = TimeZone(identifier: "Europe/London")!

    static func date(_ text: String) -> LocalDate { LocalDate(iso: text)! }
    static func wall(_ text: String) -> LocalDateTime { LocalDateTime(text: text)! }
    /// The instant of a London wall time.
    static func instant(_ text: String, zone: TimeZone = london) -> Date {
        wall(text).instant(in: zone)
    }

    static let remit = """
        To act as a community for supervisors and managers with responsibility for customer service design and \
        delivery to share knowledge, experiences, and challenges related to customer service delivery.
        To identify best practices and trends in library customer service and promote and advocate for these.

        """

    static var installation: Installation {
        var mailings = MailingTiming.defaults
        mailings[.reminder] = .before(CalendarSpan(days: 1))
        return Installation(
            network: "Academic Libraries North",
            timeZone: london,
            from: MailAddress(displayName: "ALN Groups", address: "groups@aln.example.org"),
            operatorAddress: "convenor-alerts@aln.example.org",
            stateDirectory: "/var/lib/convenor",
            outboxDirectory: "/var/lib/convenor/outbox",
            templatesDirectory: "/etc/convenor/templates",
            sendTime: LocalTime(hour: 9, minute: 0)!,
            workingDays: [.monday, .tuesday, .wednesday, .thursday, .friday],
            closures: [LocalDateRange(first: date("2026-12-24"), last: date("2027-01-01"))],
            mailings: mailings,
            delivery: Delivery(),
            source: SourceLocation(file: "config/convenor.yaml")
        )
    }

    static let online = "https://teams.example.org/l/meetup-join/customer-services"
    static let agenda = [
        "Welcome and introductions", "Benchmarking service standards across institutions",
        "Frontline forum: themes for the spring",
    ]

    static var group: Group {
        Group(
            id: "customer-services-cop",
            name: "Customer Services Community of Practice",
            type: .cop,
            network: "Academic Libraries North",
            remit: remit,
            chairs: [
                Person(
                    name: "Charly Townson",
                    email: "c.townson@example.ac.uk",
                    institution: "Leeds Beckett University"
                ),
                Person(
                    name: "Rachel Gladwin",
                    email: "r.gladwin@example.ac.uk",
                    institution: "Leeds Beckett University"
                ),
            ],
            liaison: Person(name: "Theo Stubbs", email: "t.stubbs@example.ac.uk"),
            institutions: ["Leeds Beckett University", "University of Leeds"],
            list: "ALN-CUSTOMER-SERVICES-COP@JISCMAIL.AC.UK",
            timeZone: london,
            termsOfReference: TermsOfReference(created: date("2025-07-01"), updated: date("2025-09-01")),
            cadence: Cadence(
                windows: [
                    MonthWindow(firstMonth: 10, lastMonth: 11), MonthWindow(firstMonth: 2, lastMonth: 2),
                    MonthWindow(firstMonth: 6, lastMonth: 6),
                ],
                propose: ProposeRule(ordinal: .second, weekday: .wednesday, time: LocalTime(hour: 14, minute: 0)!),
                lengthMinutes: 90,
                place: Place(online: online)
            ),
            callForMembers: CallForMembers(
                to: ["ALN-BOARD@JISCMAIL.AC.UK", "ALN-LEADERS@JISCMAIL.AC.UK"],
                on: .yearly(month: 9, day: 3)
            ),
            meetings: [
                Meeting(
                    start: wall("2026-11-12 14:00"),
                    lengthMinutes: 90,
                    place: Place(online: online),
                    agenda: agenda,
                    location: SourceLocation(file: "config/groups/customer-services-cop.yaml", line: 30)
                )
            ],
            mailings: installation.mailings,
            source: SourceLocation(file: "config/groups/customer-services-cop.yaml")
        )
    }

    static let octoberNovember = WindowOccurrence(
        window: MonthWindow(firstMonth: 10, lastMonth: 11),
        firstDay: date("2026-10-01"),
        lastDay: date("2026-11-30")
    )

    static func meeting(
        _ start: String = "2026-11-12 14:00",
        minutes: Int = 90,
        place: Place = Place(online: online),
        agenda: [String] = agenda
    ) -> ScheduledMeeting {
        let startInstant = instant(start)
        return ScheduledMeeting(
            start: wall(start),
            startInstant: startInstant,
            endInstant: startInstant.addingTimeInterval(Double(minutes * 60)),
            lengthMinutes: minutes,
            place: place,
            agenda: agenda,
            minutesPath: nil,
            window: octoberNovember.window
        )
    }

    /// The due day (09:00 London) of each kind for the 12 November 2026 meeting and its neighbours.
    static let dueDays: [MailingKind: String] = [
        .callForMembers: "2026-09-03", .announcement: "2026-10-15", .callForAgenda: "2026-10-22",
        .agenda: "2026-11-05", .reminder: "2026-11-11", .minutes: "2026-11-20", .confirmDate: "2026-08-06",
        .minutesChase: "2026-11-26", .torReview: "2026-09-01", .rescheduled: "2026-11-02", .cancelled: "2026-11-02",
    ]

    /// A realistic mailing of `kind`, as the schedule would produce it.
    static func mailing(_ kind: MailingKind, meeting: ScheduledMeeting? = nil) -> Mailing {
        let due = instant("\(dueDays[kind]!) 09:00")
        let occurrence =
            switch kind {
            case .callForMembers: "2026-09-03"
            case .torReview: "2026-09-01"
            default: "2026-10"
            }
        var mailing = Mailing(
            key: MailingKey(group: "customer-services-cop", kind: kind, occurrence: occurrence),
            due: due,
            validUntil: instant("2026-11-12 14:00"),
            audience: kind.audience,
            recipients: [],
            timeZone: london
        )
        switch kind {
        case .confirmDate:
            mailing.window = octoberNovember
            mailing.candidates = [wall("2026-10-14 14:00"), wall("2026-11-11 14:00")]
            mailing.reminderNumber = 1
            mailing.reminderCount = 3
        case .callForMembers, .torReview:
            break
        case .rescheduled:
            mailing.meeting = meeting ?? self.meeting("2026-11-19 14:00")
            mailing.window = octoberNovember
        default:
            mailing.meeting = meeting ?? self.meeting()
            mailing.window = octoberNovember
        }
        return mailing
    }

    static let minutesText = """
        Present: Charly Townson (chair), Rachel Gladwin (chair), 14 members from 9 institutions.

        1. Welcome and introductions
           New members from York St John and Leeds Arts University were welcomed.

        2. Benchmarking service standards
           Action: Rachel to circulate the draft survey by 4 December.

        """

    /// The shipped templates directory, read from the source tree.
    static func shippedTemplates() throws -> TemplateSources {
        let directory = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("templates")
        var files: [String: String] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: directory.path)
        where name.hasSuffix(".mustache") {
            files[name] = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
        }
        return TemplateSources(directory: "templates", files: files)
    }
}
