package import ConvenorCore
package import Foundation

/// Builders for configuration values, so tests across the project state only what matters to them.
///
/// Defaults follow the example installation of issue 3: Academic Libraries North, Europe/London, send time 09:00,
/// Monday to Friday, closures 2026-12-24..2027-01-01 and 2027-04-02, PRODUCT.md's default timings. Values are
/// written as they are in YAML (`"2026-11-12 14:00"`) and a malformed one stops the test at once: it is a typo in
/// the test, not a case under test.
package enum ConfigFixtures {
    /// Monday to Friday.
    package static let weekdays: Set<Weekday> = [.monday, .tuesday, .wednesday, .thursday, .friday]

    /// The example installation's closures.
    package static let exampleClosures = ["2026-12-24..2027-01-01", "2027-04-02"]

    /// A zone by IANA name.
    package static func zone(_ identifier: String) -> TimeZone {
        guard let zone = TimeZone(identifier: identifier) else { preconditionFailure("unknown zone \(identifier)") }
        return zone
    }

    /// `2026-11-12`.
    package static func date(_ text: String) -> LocalDate {
        guard let date = LocalDate(iso: text) else { preconditionFailure("not a date: \(text)") }
        return date
    }

    /// `2026-11-12 14:00`.
    package static func dateTime(_ text: String) -> LocalDateTime {
        guard let value = LocalDateTime(text: text) else { preconditionFailure("not a date and time: \(text)") }
        return value
    }

    /// `09:00`.
    package static func time(_ text: String) -> LocalTime {
        guard let value = LocalTime(text: text) else { preconditionFailure("not a time: \(text)") }
        return value
    }

    /// `2026-12-24..2027-01-01` or a single day `2027-04-02`.
    package static func closure(_ text: String) -> LocalDateRange {
        let parts = text.components(separatedBy: "..")
        return LocalDateRange(first: date(parts[0]), last: date(parts.count == 2 ? parts[1] : parts[0]))
    }

    /// A window by month numbers: `window(10, 11)` is Oct-Nov, `window(2)` is Feb, `window(12, 1)` is Dec-Jan.
    package static func window(_ first: Int, _ last: Int? = nil) -> MonthWindow {
        MonthWindow(firstMonth: first, lastMonth: last ?? first)
    }

    /// The installation, with `mailings` overriding `MailingTiming.defaults` per kind.
    package static func installation(
        timeZone: String = "Europe/London",
        sendTime: String = "09:00",
        workingDays: Set<Weekday> = weekdays,
        closures: [String] = exampleClosures,
        mailings: [MailingKind: MailingTiming] = [:],
        operatorAddress: String = "convenor-alerts@aln.example.org",
        directory: String = "/srv/convenor"
    ) -> Installation {
        Installation(
            network: "Academic Libraries North",
            timeZone: zone(timeZone),
            from: MailAddress(displayName: "ALN Groups", address: "groups@aln.example.org"),
            operatorAddress: operatorAddress,
            stateDirectory: "\(directory)/state",
            outboxDirectory: "\(directory)/outbox",
            templatesDirectory: "\(directory)/templates",
            sendTime: time(sendTime),
            workingDays: workingDays,
            closures: closures.map(closure),
            mailings: MailingTiming.defaults.merging(mailings) { _, override in override },
            delivery: Delivery(),
            source: SourceLocation(file: "config/convenor.yaml")
        )
    }

    /// A meeting; `minutes` is the absolute path of its minutes file.
    package static func meeting(
        _ start: String,
        lengthMinutes: Int = 90,
        place: Place = Place(online: "https://teams.example.org/l/meetup-join/customer-services"),
        agenda: [String] = [],
        minutes: String? = nil,
        cancelled: Bool = false,
        line: Int = 20
    ) -> Meeting {
        Meeting(
            start: dateTime(start),
            lengthMinutes: lengthMinutes,
            place: place,
            agenda: agenda,
            minutesPath: minutes,
            cancelled: cancelled,
            cancellationReason: cancelled ? "Chairs unavailable" : nil,
            location: SourceLocation(file: "config/groups/meetings.yaml", line: line, column: 5)
        )
    }

    /// A group; its timings are the installation's merged with `mailings`, as the loader merges them.
    package static func group(
        id: String = "test-group",
        name: String = "Test Group",
        type: GroupType = .sig,
        timeZone: String = "Europe/London",
        chairs: [Person] = [Person(name: "Ann Chair", email: "ann@example.ac.uk")],
        liaison: Person? = Person(name: "Liam Liaison", email: "liam@example.ac.uk"),
        list: String = "TEST-GROUP@JISCMAIL.AC.UK",
        windows: [MonthWindow] = [],
        propose: String? = nil,
        lengthMinutes: Int = 90,
        termsOfReference: TermsOfReference? = nil,
        callForMembers: CallForMembers? = nil,
        meetings: [Meeting] = [],
        mailings: [MailingKind: MailingTiming] = [:],
        installation: Installation = installation()
    ) -> Group {
        let cadence = Cadence(
            windows: windows,
            propose: propose.map(proposeRule),
            lengthMinutes: lengthMinutes,
            place: Place(online: "https://meet.example.org/\(id)")
        )
        return Group(
            id: id,
            name: name,
            type: type,
            network: installation.network,
            remit: "To meet and share practice.",
            chairs: chairs,
            liaison: liaison,
            institutions: chairs.compactMap(\.institution),
            list: list,
            timeZone: zone(timeZone),
            termsOfReference: termsOfReference,
            cadence: cadence,
            callForMembers: callForMembers,
            meetings: meetings,
            mailings: installation.mailings.merging(mailings) { _, override in override },
            source: SourceLocation(file: "config/groups/\(id).yaml")
        )
    }

    /// The Customer Services CoP of seed 000: windows Oct-Nov, Feb, Jun, "second Wednesday 14:00", 90 minutes,
    /// one confirmed meeting on 2026-11-12 14:00 with a minutes file at `/srv/convenor/config/minutes/2026-11-12.md`.
    package static func customerServicesCoP(
        timeZone: String = "Europe/London",
        meetings: [Meeting] = [
            meeting(
                "2026-11-12 14:00",
                agenda: ["Welcome and introductions", "Benchmarking service standards"],
                minutes: "/srv/convenor/config/minutes/2026-11-12.md"
            )
        ],
        mailings: [MailingKind: MailingTiming] = [:],
        installation: Installation = installation()
    ) -> Group {
        group(
            id: "customer-services-cop",
            name: "Customer Services Community of Practice",
            type: .cop,
            timeZone: timeZone,
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
            list: "ALN-CUSTOMER-SERVICES-COP@JISCMAIL.AC.UK",
            windows: [window(10, 11), window(2), window(6)],
            propose: "second wed 14:00",
            termsOfReference: TermsOfReference(created: date("2025-07-01"), updated: date("2025-09-01")),
            callForMembers: CallForMembers(
                to: ["ALN-BOARD@JISCMAIL.AC.UK", "ALN-LEADERS@JISCMAIL.AC.UK"],
                on: .once(date("2025-09-03"))
            ),
            meetings: meetings,
            mailings: mailings,
            installation: installation
        )
    }

    /// The whole configuration, groups sorted by id as the loader sorts them.
    package static func config(installation: Installation = installation(), groups: [Group]) -> Config {
        Config(installation: installation, groups: groups.sorted { $0.id < $1.id })
    }

    /// `second wed 14:00`: ordinal word, weekday as in `working_days:`, time.
    package static func proposeRule(_ text: String) -> ProposeRule {
        let words = text.split(separator: " ").map(String.init)
        guard words.count == 3,
            let ordinal = ProposeRule.Ordinal.allCases.first(where: { $0.word == words[0] }),
            let weekday = Weekday(rawValue: words[1]), let time = LocalTime(text: words[2])
        else { preconditionFailure("not a propose rule: \(text)") }
        return ProposeRule(ordinal: ordinal, weekday: weekday, time: time)
    }
}
