import ConvenorCore
import ConvenorTesting
import Foundation
import Testing

/// Which window a meeting belongs to, extra meetings, and confirm-date for windows with no confirmed meeting.
@Suite struct WindowTests {
    typealias Support = ScheduleTestSupport

    /// Mar, Jun, Oct-Nov and a window crossing the year end, Dec-Jan.
    static let windows = [
        ConfigFixtures.window(3), ConfigFixtures.window(6), ConfigFixtures.window(10, 11), ConfigFixtures.window(12, 1),
    ]

    /// (meeting start, expected occurrence key, expected window or nil for an extra meeting).
    @Test(
        arguments: [
            ("2026-10-01 10:00", "2026-10", "Oct-Nov"),
            ("2026-11-30 14:00", "2026-10", "Oct-Nov"),
            ("2026-12-10 14:00", "2026-12", "Dec-Jan"),
            ("2027-01-14 14:00", "2026-12", "Dec-Jan"),
            ("2026-01-14 14:00", "2025-12", "Dec-Jan"),
            ("2026-06-30 14:00", "2026-06", "Jun"),
            ("2026-07-01 14:00", "2026-07-01", nil),
            ("2027-02-10 14:00", "2027-02-10", nil),
        ] as [(String, String, String?)]
    )
    func meetingBelongsToTheWindowItsStartFallsIn(start: String, occurrence: String, window: String?) throws {
        let group = ConfigFixtures.group(windows: Self.windows, meetings: [ConfigFixtures.meeting(start)])
        let found = try #require(group.meetingOccurrences.first)
        #expect(found.occurrence == occurrence)
        #expect(found.window?.window.description == window)
        let agenda = try #require(try Support.mailings(group, from: "2025-01-01").first { $0.key.kind == .agenda })
        #expect(agenda.key.occurrence == occurrence)
        #expect(agenda.meeting?.window?.description == window)
    }

    @Test func secondMeetingInAWindowIsAnExtraMeetingKeyedByItsDate() throws {
        let group = ConfigFixtures.group(
            windows: Self.windows,
            meetings: [
                ConfigFixtures.meeting("2026-11-19 14:00"), ConfigFixtures.meeting("2026-10-08 14:00"),
                ConfigFixtures.meeting("2026-08-05 10:00"), ConfigFixtures.meeting("2026-08-05 15:00"),
            ]
        )
        let occurrences = group.meetingOccurrences
        #expect(occurrences.map(\.occurrence) == ["2026-08-05", "2026-08-05~1500", "2026-10", "2026-11-19"])
        #expect(occurrences.map { $0.window?.key } == [nil, nil, "2026-10", nil])
        #expect(occurrences.map { $0.containingWindow?.key } == [nil, nil, "2026-10", "2026-10"])
        let agendas = try Support.mailings(group).filter { $0.key.kind == .agenda }
        #expect(Set(agendas.map(\.key.occurrence)) == Set(occurrences.map(\.occurrence)))
    }

    @Test func movingAMeetingInsideItsWindowKeepsItsKeys() throws {
        func keys(_ start: String) throws -> Set<MailingKey> {
            let group = ConfigFixtures.customerServicesCoP(meetings: [ConfigFixtures.meeting(start)])
            return Set(try Support.mailings(group, from: "2026-09-15", to: "2026-12-31").map(\.key))
        }
        #expect(try keys("2026-11-12 14:00") == (try keys("2026-10-21 10:00")))
    }

    @Test func unconfirmedWindowGetsConfirmDateEveryFourteenDaysThreeTimes() throws {
        // Oct-Nov 2026 is confirmed; Feb 2027 is not. 56 days before 1 February is Monday 7 December.
        let group = ConfigFixtures.customerServicesCoP()
        let mailings = try Support.mailings(group, from: "2026-12-01", to: "2027-03-31")
            .filter { $0.key.kind == .confirmDate }
        #expect(
            mailings.map(Support.summary) == [
                "confirm-date 2027-02~2026-12-07 2026-12-07T09:00:00+00:00",
                "confirm-date 2027-02~2026-12-21 2026-12-21T09:00:00+00:00",
                "confirm-date 2027-02~2027-01-04 2027-01-04T09:00:00+00:00",
            ]
        )
        // Valid until the last date the rule proposes: the second Wednesday of February 2027, 14:00.
        let end = try Support.instant("2027-02-10T14:00:00Z")
        #expect(mailings.allSatisfy { $0.validUntil == end && $0.window?.key == "2027-02" && $0.meeting == nil })
        #expect(mailings.allSatisfy { $0.audience == .chairs })
        #expect(mailings[0].recipients == ["c.townson@example.ac.uk", "r.gladwin@example.ac.uk"])
        #expect(mailings.map(\.candidates.count) == [1, 1, 1])
        #expect(mailings[0].candidates == [ConfigFixtures.dateTime("2027-02-10 14:00")])
    }

    @Test func confirmDateOnAWeekendMovesBackButKeepsItsNominalDateInTheKey() throws {
        // 56 days before 1 February 2026 is Sunday 7 December 2025.
        let group = ConfigFixtures.customerServicesCoP()
        let first = try #require(
            try Support.mailings(group, from: "2025-11-01", to: "2026-03-01").first { $0.window?.key == "2026-02" }
        )
        #expect(Support.summary(first) == "confirm-date 2026-02~2025-12-07 2025-12-05T09:00:00+00:00")
    }

    @Test func candidatesSkipClosuresAndFollowTheRule() throws {
        // Dec-Jan 2026: the last Thursday of December is the 31st, inside the closure; January's is the 28th.
        let group = ConfigFixtures.group(windows: [ConfigFixtures.window(12, 1)], propose: "last thu 14:00")
        let mailings = try Support.mailings(group, from: "2026-09-01", to: "2027-02-01")
            .filter { $0.key.kind == .confirmDate }
        #expect(mailings.first.map(Support.summary) == "confirm-date 2026-12~2026-10-06 2026-10-06T09:00:00+01:00")
        #expect(mailings.first?.candidates == [ConfigFixtures.dateTime("2027-01-28 14:00")])
        #expect(mailings.last?.validUntil == (try Support.instant("2027-01-28T14:00:00Z")))
        // No mailing falls inside the closure, and two repeats never share a day.
        let days = mailings.map { LocalDate(instant: $0.due, in: $0.timeZone) }
        #expect(days.allSatisfy { ConfigFixtures.installation().isWorkingDay($0) })
        #expect(Set(days).count == days.count)
    }

    /// (rule, month start, expected day).
    @Test(arguments: [
        ("first mon 10:00", "2026-06-01", "2026-06-01"), ("second wed 14:00", "2026-11-01", "2026-11-11"),
        ("second wed 14:00", "2027-02-01", "2027-02-10"), ("fourth fri 09:30", "2026-02-01", "2026-02-27"),
        ("last thu 14:00", "2026-12-01", "2026-12-31"), ("last sun 14:00", "2027-02-01", "2027-02-28"),
        ("third tue 14:00", "2026-09-01", "2026-09-15"),
    ])
    func proposeRulePicksTheRightDay(rule: String, month: String, expected: String) {
        let day = ConfigFixtures.proposeRule(rule).date(inMonthOf: ConfigFixtures.date(month))
        #expect(day == ConfigFixtures.date(expected))
    }

    @Test func confirmedWindowGetsNoConfirmDateAndUnconfirmedOneNoListMailing() throws {
        let group = ConfigFixtures.customerServicesCoP(meetings: [
            ConfigFixtures.meeting("2026-11-12 14:00"), ConfigFixtures.meeting("2027-02-10 14:00"),
        ])
        let mailings = try Support.mailings(group, from: "2026-07-01", to: "2027-07-01")
        let confirmWindows = Set(mailings.filter { $0.key.kind == .confirmDate }.compactMap { $0.window?.key })
        #expect(confirmWindows == ["2027-06"])
        let listOccurrences = Set(mailings.filter { $0.audience == .list }.map(\.key.occurrence))
        #expect(listOccurrences == ["2026-10", "2027-02"])
    }

    @Test func confirmDateWithoutAProposeRuleNudgesWithNoCandidates() throws {
        let group = ConfigFixtures.group(windows: [ConfigFixtures.window(6)])
        let mailings = try Support.mailings(group, from: "2026-01-01", to: "2026-12-31")
        #expect(
            mailings.map(\.key.occurrence) == ["2026-06~2026-04-06", "2026-06~2026-04-20", "2026-06~2026-05-04"]
        )
        #expect(mailings.allSatisfy { $0.key.kind == .confirmDate && $0.candidates.isEmpty })
    }

    /// (lead, query start, query end, first occurrence expected in that range).
    @Test(arguments: [
        (CalendarSpan(months: 12), "2028-02-01", "2028-02-10", "2029-02~2028-02-01"),
        (CalendarSpan(days: 364), "2028-02-01", "2028-02-10", "2029-02~2028-02-03"),
        (CalendarSpan(months: 24), "2028-02-01", "2028-02-10", "2030-02~2028-02-01"),
        // 1 August 2027 is a Sunday: due Friday 30 July, keyed by the nominal date.
        (CalendarSpan(months: 6), "2027-07-25", "2027-08-10", "2028-02~2027-08-01"),
    ])
    func longLeadsReachWindowsInLaterYears(lead: CalendarSpan, from: String, to: String, expected: String) throws {
        let group = ConfigFixtures.group(
            windows: [ConfigFixtures.window(2)],
            mailings: [.confirmDate: .beforeWindow(lead)]
        )
        let mailings = try Support.mailings(group, from: from, to: to)
        let window = String(expected.prefix(7))
        #expect(mailings.first { $0.window?.key == window }?.key.occurrence == expected)
    }
}
