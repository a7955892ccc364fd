import ConvenorCore
import ConvenorTesting
import Foundation
import Testing

/// Minutes and minutes-chase after a meeting; tor-review and call-for-members on their dates.
@Suite struct FollowUpMailingTests {
    typealias Support = ScheduleTestSupport

    static let minutesPath = "/srv/convenor/config/minutes/meeting.md"

    /// (meeting start, length in minutes, minutes due): the first send time after the meeting, on a working day.
    @Test(arguments: [
        ("2026-11-12 14:00", 90, "2026-11-13T09:00:00+00:00"),  // Thu afternoon → Fri
        ("2026-11-13 14:00", 90, "2026-11-16T09:00:00+00:00"),  // Fri → Mon
        ("2026-11-12 07:00", 60, "2026-11-12T09:00:00+00:00"),  // over before send time → same day
        ("2026-11-12 08:00", 60, "2026-11-12T09:00:00+00:00"),  // ends exactly at send time
        ("2026-11-12 08:00", 61, "2026-11-13T09:00:00+00:00"),
        ("2026-12-23 14:00", 90, "2027-01-04T09:00:00+00:00"),  // closure 24 Dec – 1 Jan
    ])
    func minutesGoOutOnTheFirstWorkingDayAfterTheMeeting(start: String, length: Int, expected: String) throws {
        let group = ConfigFixtures.customerServicesCoP(meetings: [
            ConfigFixtures.meeting(start, lengthMinutes: length, minutes: Self.minutesPath)
        ])
        let mailings = try Support.mailings(group, minutes: [Self.minutesPath])
        #expect(Support.due(.minutes, in: mailings) == expected)
        #expect(Support.due(.minutesChase, in: mailings) == nil)
    }

    @Test func minutesStayValidSixtyDaysAfterTheMeeting() throws {
        let group = ConfigFixtures.customerServicesCoP(meetings: [
            ConfigFixtures.meeting("2026-11-12 14:00", minutes: Self.minutesPath)
        ])
        let minutes = try #require(
            try Support.mailings(group, minutes: [Self.minutesPath]).first { $0.key.kind == .minutes }
        )
        #expect(minutes.validUntil.iso8601(in: minutes.timeZone) == "2027-01-11T15:30:00+00:00")
        #expect(minutes.recipients == ["ALN-CUSTOMER-SERVICES-COP@JISCMAIL.AC.UK"])
        #expect(minutes.key.occurrence == "2026-10")
    }

    /// (meeting start, minutes path written in the config, chase due).
    @Test(
        arguments: [
            ("2026-11-12 14:00", minutesPath, "2026-11-26T09:00:00+00:00"),  // file named but not there yet
            ("2026-11-12 14:00", nil, "2026-11-26T09:00:00+00:00"),  // no minutes key at all
            ("2026-12-10 14:00", nil, "2026-12-23T09:00:00+00:00"),  // 24 Dec is closed
            ("2026-11-14 10:00", nil, "2026-11-27T09:00:00+00:00"),  // Sat + 14 = Sat → Fri
        ] as [(String, String?, String)]
    )
    func chairsAreChasedWhenNoMinutesFileExists(start: String, path: String?, expected: String) throws {
        let group = ConfigFixtures.customerServicesCoP(meetings: [ConfigFixtures.meeting(start, minutes: path)])
        let mailings = try Support.mailings(group)
        #expect(Support.due(.minutesChase, in: mailings) == expected)
        #expect(Support.due(.minutes, in: mailings) == nil)
        let chase = try #require(mailings.first { $0.key.kind == .minutesChase })
        #expect(chase.audience == .chairs)
        #expect(chase.recipients == ["c.townson@example.ac.uk", "r.gladwin@example.ac.uk"])
        #expect(chase.validUntil == chase.due.addingTimeInterval(30 * 86_400))
    }

    @Test func termsOfReferenceReviewComesAYearAfterTheUpdateThenYearly() throws {
        let group = ConfigFixtures.customerServicesCoP()
        let reviews = try Support.mailings(group, from: "2025-01-01", to: "2029-01-01")
            .filter { $0.key.kind == .torReview }
        #expect(
            reviews.map(Support.summary) == [
                "tor-review 2026-09-01 2026-09-01T09:00:00+01:00",
                "tor-review 2027-09-01 2027-09-01T09:00:00+01:00",
                "tor-review 2028-09-01 2028-09-01T09:00:00+01:00",
            ]
        )
        #expect(reviews[0].audience == .chairsAndLiaison)
        #expect(
            reviews[0].recipients == ["c.townson@example.ac.uk", "r.gladwin@example.ac.uk", "t.stubbs@example.ac.uk"]
        )
        #expect(reviews[0].validUntil.iso8601(in: reviews[0].timeZone) == "2026-10-01T09:00:00+01:00")
    }

    @Test func termsOfReferenceReviewOnAWeekendMovesBackAndNeverDrifts() throws {
        var group = ConfigFixtures.customerServicesCoP(mailings: [.torReview: .afterUpdate(CalendarSpan(months: 6))])
        group.termsOfReference = TermsOfReference(
            created: ConfigFixtures.date("2025-01-01"),
            updated: ConfigFixtures.date("2025-08-31")
        )
        let reviews = try Support.mailings(group, from: "2026-01-01", to: "2028-06-01")
            .filter { $0.key.kind == .torReview }
        #expect(
            reviews.map(Support.summary) == [
                "tor-review 2026-02-28 2026-02-27T09:00:00+00:00",  // Saturday → Friday
                "tor-review 2027-02-28 2027-02-26T09:00:00+00:00",  // Sunday → Friday
                "tor-review 2028-02-29 2028-02-29T09:00:00+00:00",  // leap year: counted from 31 August
            ]
        )
    }

    @Test func callForMembersOnceGoesToTheWiderLists() throws {
        let group = ConfigFixtures.customerServicesCoP()
        let calls = try Support.mailings(group, from: "2025-01-01", to: "2030-01-01")
            .filter { $0.key.kind == .callForMembers }
        #expect(calls.map(Support.summary) == ["call-for-members 2025-09-03 2025-09-03T09:00:00+01:00"])
        #expect(calls[0].audience == .wider)
        #expect(calls[0].recipients == ["ALN-BOARD@JISCMAIL.AC.UK", "ALN-LEADERS@JISCMAIL.AC.UK"])
        #expect(calls[0].validUntil.iso8601(in: calls[0].timeZone) == "2025-10-03T09:00:00+01:00")
    }

    /// (month, day, expected summaries from 2026 to 2028).
    @Test(arguments: [
        (
            9, 3,
            [
                "call-for-members 2026-09-03 2026-09-03T09:00:00+01:00",
                "call-for-members 2027-09-03 2027-09-03T09:00:00+01:00",
            ]
        ),
        (
            2, 29,
            [
                "call-for-members 2026-02-28 2026-02-27T09:00:00+00:00",
                "call-for-members 2027-02-28 2027-02-26T09:00:00+00:00",
            ]
        ),
    ])
    func callForMembersYearlyRecursEveryYear(month: Int, day: Int, expected: [String]) throws {
        var group = ConfigFixtures.customerServicesCoP()
        group.callForMembers?.on = .yearly(month: month, day: day)
        let calls = try Support.mailings(group, from: "2026-01-01", to: "2028-01-01")
            .filter { $0.key.kind == .callForMembers }
        #expect(calls.map(Support.summary) == expected)
    }
}
