import Foundation
import Testing

@testable import ConvenorCore

/// What a valid config turns into: defaults applied, paths resolved, settings read.
@Suite struct ConfigParserTests {
    @Test func installationDefaultsAndPathsAreApplied() throws {
        let config = try #require(ConfigTextFixtures.parse(groups: [ConfigTextFixtures.group]).config)
        let installation = config.installation
        #expect(installation.network == "Academic Libraries North")
        #expect(installation.timeZone.identifier == "Europe/London")
        #expect(installation.from == MailAddress(displayName: "ALN Groups", address: "groups@aln.example.org"))
        #expect(installation.stateDirectory == "/srv/aln/state")
        #expect(installation.outboxDirectory == "/srv/aln/outbox")
        #expect(installation.templatesDirectory == "/srv/aln/templates")
        #expect(installation.sendTime == LocalTime(hour: 9, minute: 0))
        #expect(installation.workingDays == [.monday, .tuesday, .wednesday, .thursday, .friday])
        #expect(
            installation.closures == [
                LocalDateRange(first: LocalDate(iso: "2026-12-24")!, last: LocalDate(iso: "2027-01-01")!),
                LocalDateRange(first: LocalDate(iso: "2027-04-02")!, last: LocalDate(iso: "2027-04-02")!),
            ]
        )
        #expect(installation.mailings == MailingTiming.defaults)
        #expect(installation.delivery == Delivery(transport: .outbox, ratePerMinute: 30))
    }

    @Test func groupInheritsZoneNetworkAndTimingsAndMeetingsInheritTheCadence() throws {
        let installation = ConfigTextFixtures.installation + "mailings: {agenda: 10 days before}\n"
        let group = ConfigTextFixtures.group(
            adding: """
                mailings: {reminder: 1 day before}
                meetings:
                  - start: 2026-11-12 14:00
                    agenda: [Welcome, Benchmarking]
                    minutes: ../minutes/2026-11-12.md
                  - {start: 2027-02-10 10:00, length: 2 hours, venue: "Room 1, University of Leeds"}
                """
        )
        let config = try #require(ConfigTextFixtures.parse(installation: installation, groups: [group]).config)
        let parsed = try #require(config.group(id: "test-cop"))
        #expect(parsed.timeZone.identifier == "Europe/London")
        #expect(parsed.network == "Academic Libraries North")
        #expect(parsed.timing(for: .reminder) == .before(CalendarSpan(days: 1)))
        #expect(parsed.timing(for: .agenda) == .before(CalendarSpan(days: 10)))
        #expect(parsed.timing(for: .announcement) == .before(CalendarSpan(days: 28)))
        #expect(parsed.meetings.count == 2)
        let first = parsed.meetings[0]
        #expect(first.start == LocalDateTime(text: "2026-11-12 14:00"))
        #expect(first.lengthMinutes == 90)
        #expect(first.place == Place(online: "https://teams.example.org/test"))
        #expect(first.agenda == ["Welcome", "Benchmarking"])
        #expect(first.minutesPath == "/srv/aln/config/minutes/2026-11-12.md")
        #expect(first.location == SourceLocation(file: "config/groups/test-cop.yaml", line: 13, column: 5))
        let second = parsed.meetings[1]
        #expect(second.lengthMinutes == 120)
        #expect(second.place == Place(venue: "Room 1, University of Leeds"))
    }

    @Test func callForMembersIsOnceForADateAndYearlyForMonthAndDay() throws {
        let once = ConfigTextFixtures.group(
            adding: "call_for_members: {to: [ALN-BOARD@JISCMAIL.AC.UK], on: 2025-09-03}"
        )
        let yearly = ConfigTextFixtures.group(adding: "call_for_members: {to: ALN-BOARD@JISCMAIL.AC.UK, on: \"09-03\"}")
        let onceGroup = try #require(ConfigTextFixtures.parse(groups: [once]).config?.groups.first)
        let yearlyGroup = try #require(ConfigTextFixtures.parse(groups: [yearly]).config?.groups.first)
        #expect(
            onceGroup.callForMembers
                == CallForMembers(to: ["ALN-BOARD@JISCMAIL.AC.UK"], on: .once(LocalDate(iso: "2025-09-03")!))
        )
        #expect(yearlyGroup.callForMembers?.on == .yearly(month: 9, day: 3))
    }

    @Test func smtpBlockIsReadWithSecretsAsSourcesNeverValues() throws {
        let installation = ConfigTextFixtures.installation.replacingOccurrences(
            of: "  transport: outbox\n",
            with: """
                  transport: smtp
                  rate_per_minute: 10
                  smtp:
                    url: smtp://smtp.example.ac.uk:587
                    username: convenor@example.ac.uk
                    password_file: secrets/smtp-password
                    ca_file: /etc/ssl/certs/ca-certificates.crt
                    envelope_from: bounces@aln.example.org
                    connect_timeout: 20 seconds
                    response_timeout: 10 minutes

                """
        )
        let config = try #require(ConfigTextFixtures.parse(installation: installation).config)
        #expect(
            config.installation.delivery
                == Delivery(
                    transport: .smtp(
                        SMTPSettings(
                            url: "smtp://smtp.example.ac.uk:587",
                            username: "convenor@example.ac.uk",
                            password: .file("/srv/aln/config/secrets/smtp-password"),
                            caFile: "/etc/ssl/certs/ca-certificates.crt",
                            envelopeFrom: "bounces@aln.example.org",
                            connectTimeoutSeconds: 20,
                            responseTimeoutSeconds: 600
                        )
                    ),
                    ratePerMinute: 10
                )
        )
    }

    @Test(arguments: [
        ("    url: http://smtp.example.ac.uk\n", "is not an SMTP relay address"),
        (
            "    url: smtps://smtp.example.ac.uk:465\n    password_file: /a\n    password_credential: b\n",
            "are both set"
        ),
        ("    url: smtps://smtp.example.ac.uk:465\n    token: abc\n", "a secret must never be written"),
    ])
    func badSMTPBlocksAreRefused(block: String, problem: String) {
        let installation = ConfigTextFixtures.installation.replacingOccurrences(
            of: "  transport: outbox\n",
            with: "  transport: smtp\n  smtp:\n" + block
        )
        let result = ConfigTextFixtures.parse(installation: installation)
        #expect(result.config == nil)
        #expect(result.errors.count == 1)
        #expect(result.errors.first?.problem.contains(problem) == true)
    }

    @Test func twoMeetingsInOneWindowAreRefused() {
        let group = ConfigTextFixtures.group(
            adding: "meetings:\n  - start: 2026-10-14 14:00\n  - start: 2026-11-12 14:00"
        )
        #expect(
            ConfigTextFixtures.lines(groups: [group]) == [
                "config/groups/test-cop.yaml:13:12: error: two meetings in the Oct-Nov window of 2026: 2026-10-14 14:00 and 2026-11-12 14:00; a window holds one meeting; remove one, or mark the old one `cancelled: true`"
            ]
        )
    }

    @Test func idThatDiffersFromTheFileNameIsAWarning() {
        let result = ConfigParser.parse(
            installation: ConfigTextFixtures.installationFile(),
            groups: [ConfigTextFixtures.groupFile(ConfigTextFixtures.group, name: "other-name")]
        )
        #expect(result.config != nil)
        #expect(
            result.diagnostics.map(\.description) == [
                "config/groups/other-name.yaml:1:5: warning: the id `test-cop` differs from the file name `other-name.yaml`; rename the file to `test-cop.yaml` so the group is easy to find"
            ]
        )
    }

    @Test func theExampleConfigIsValid() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("config")
        func file(_ relative: String) throws -> ConfigFile {
            let url = root.appendingPathComponent(relative)
            return ConfigFile(
                displayPath: "config/" + relative,
                absolutePath: url.path,
                contents: .success(Array(try Data(contentsOf: url)))
            )
        }
        let groupNames = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("groups").path)
            .filter { $0.hasSuffix(".yaml") }.sorted()
        let result = ConfigParser.parse(
            installation: try file("convenor.yaml"),
            groups: try groupNames.map { try file("groups/" + $0) }
        )
        #expect(result.diagnostics.map(\.description) == [])
        let config = try #require(result.config)
        #expect(
            config.groups.map(\.id) == ["rare-books-sig", "resource-sharing-cop", "customer-services-cop"].sorted()
        )
        let customerServices = try #require(config.group(id: "customer-services-cop"))
        #expect(customerServices.type == .cop)
        #expect(customerServices.cadence?.windows.map(\.description) == ["Oct-Nov", "Feb", "Jun"])
        let minutes = try #require(customerServices.meetings.first?.minutesPath)
        #expect(FileManager.default.fileExists(atPath: minutes))
        #expect(config.group(id: "resource-sharing-cop")?.timeZone.identifier == "America/New_York")
        #expect(config.group(id: "rare-books-sig")?.timing(for: .reminder) == .before(CalendarSpan(days: 1)))
        #expect(config.group(id: "rare-books-sig")?.cadence?.place.venue?.contains("University of Leeds") == true)
    }
}
