import ConvenorCore
import ConvenorTesting
import Foundation
import Testing

/// List mailings before a confirmed meeting: offsets, working days, closures, clock changes.
@Suite struct MeetingMailingTests {
    typealias Support = ScheduleTestSupport

    @Test func customerServicesMeetingGetsItsDefaultListMailingsAndMinutes() throws {
        let group = ConfigFixtures.customerServicesCoP()
        let minutes: Set<String> = ["/srv/convenor/config/minutes/2026-11-12.md"]
        let mailings = try Support.mailings(group, from: "2026-10-01", to: "2026-12-01", minutes: minutes)
        #expect(
            mailings.map(Support.summary) == [
                "announcement 2026-10 2026-10-15T09:00:00+01:00",
                "call-for-agenda 2026-10 2026-10-22T09:00:00+01:00",
                "agenda 2026-10 2026-11-05T09:00:00+00:00",
                "minutes 2026-10 2026-11-13T09:00:00+00:00",
            ]
        )
        let agenda = try #require(mailings.first { $0.key.kind == .agenda })
        #expect(agenda.audience == .list)
        #expect(agenda.recipients == ["ALN-CUSTOMER-SERVICES-COP@JISCMAIL.AC.UK"])
        #expect(agenda.validUntil == (try Support.instant("2026-11-12T14:00:00Z")))
        #expect(agenda.meeting?.startInstant == (try Support.instant("2026-11-12T14:00:00Z")))
        #expect(agenda.meeting?.endInstant == (try Support.instant("2026-11-12T15:30:00Z")))
        #expect(agenda.meeting?.agenda == ["Welcome and introductions", "Benchmarking service standards"])
        #expect(agenda.window?.key == "2026-10")
        #expect(agenda.window?.lastDay == ConfigFixtures.date("2026-11-30"))
    }

    /// (meeting start, kind, expected due): a due day on a weekend or in a closure moves to the working day before.
    @Test(arguments: [
        ("2026-11-14 14:00", MailingKind.agenda, "2026-11-06T09:00:00+00:00"),  // Sat → Fri
        ("2026-11-15 14:00", .agenda, "2026-11-06T09:00:00+00:00"),  // Sun → Fri
        ("2026-11-14 14:00", .announcement, "2026-10-16T09:00:00+01:00"),  // Sat → Fri
        ("2026-11-16 14:00", .agenda, "2026-11-09T09:00:00+00:00"),  // Mon stays
        ("2027-01-07 14:00", .agenda, "2026-12-23T09:00:00+00:00"),  // 31 Dec closed → 23 Dec
        ("2027-01-07 14:00", .callForAgenda, "2026-12-17T09:00:00+00:00"),
        ("2027-01-07 14:00", .announcement, "2026-12-10T09:00:00+00:00"),
        ("2027-04-09 14:00", .agenda, "2027-04-01T09:00:00+01:00"),  // Good Friday closed → Thu
    ])
    func dueDayMovesToThePreviousWorkingDay(start: String, kind: MailingKind, expected: String) throws {
        let group = ConfigFixtures.customerServicesCoP(meetings: [ConfigFixtures.meeting(start)])
        #expect(Support.due(kind, in: try Support.mailings(group)) == expected)
    }

    /// (zone, meeting start, agenda due 7 days before, meeting start with offset): send time and meeting time stay
    /// wall times when the clocks change in between.
    @Test(arguments: [
        ("Europe/London", "2026-10-29 14:00", "2026-10-22T09:00:00+01:00", "2026-10-29T14:00:00+00:00"),
        ("Europe/London", "2026-10-25 10:00", "2026-10-16T09:00:00+01:00", "2026-10-25T10:00:00+00:00"),
        ("Europe/London", "2027-03-28 14:00", "2027-03-19T09:00:00+00:00", "2027-03-28T14:00:00+01:00"),
        ("Europe/London", "2027-04-01 14:00", "2027-03-25T09:00:00+00:00", "2027-04-01T14:00:00+01:00"),
        ("America/New_York", "2026-11-05 14:00", "2026-10-29T09:00:00-04:00", "2026-11-05T14:00:00-05:00"),
        ("America/New_York", "2026-11-01 01:30", "2026-10-23T09:00:00-04:00", "2026-11-01T01:30:00-04:00"),
        ("America/New_York", "2027-03-14 14:00", "2027-03-05T09:00:00-05:00", "2027-03-14T14:00:00-04:00"),
        ("America/New_York", "2027-03-18 14:00", "2027-03-11T09:00:00-05:00", "2027-03-18T14:00:00-04:00"),
        ("Australia/Sydney", "2026-04-09 14:00", "2026-04-02T09:00:00+11:00", "2026-04-09T14:00:00+10:00"),
        ("Australia/Sydney", "2026-10-08 14:00", "2026-10-01T09:00:00+10:00", "2026-10-08T14:00:00+11:00"),
    ])
    func agendaKeepsSendTimeAcrossClockChanges(zone: String, start: String, agenda: String, meeting: String) throws {
        let group = ConfigFixtures.customerServicesCoP(timeZone: zone, meetings: [ConfigFixtures.meeting(start)])
        let mailing = try #require(try Support.mailings(group).first { $0.key.kind == .agenda })
        #expect(mailing.due.iso8601(in: mailing.timeZone) == agenda)
        #expect(mailing.meeting?.startInstant.iso8601(in: mailing.timeZone) == meeting)
        #expect(mailing.validUntil == mailing.meeting?.startInstant)
    }

    @Test func meetingInAGapStartsAfterTheGap() throws {
        let group = ConfigFixtures.customerServicesCoP(
            timeZone: "America/New_York",
            meetings: [ConfigFixtures.meeting("2027-03-14 02:30")]
        )
        let mailing = try #require(try Support.mailings(group).first { $0.key.kind == .announcement })
        #expect(mailing.meeting?.startInstant.iso8601(in: mailing.timeZone) == "2027-03-14T03:30:00-04:00")
    }

    @Test func reminderIsSentOnlyWhenConfigured() throws {
        let meeting = ConfigFixtures.meeting("2026-11-16 14:00")
        let without = ConfigFixtures.customerServicesCoP(meetings: [meeting])
        let with = ConfigFixtures.customerServicesCoP(
            meetings: [meeting],
            mailings: [.reminder: .before(CalendarSpan(days: 1))]
        )
        #expect(Support.due(.reminder, in: try Support.mailings(without)) == nil)
        // Sunday 15 November is not a working day: Friday 13th.
        #expect(Support.due(.reminder, in: try Support.mailings(with)) == "2026-11-13T09:00:00+00:00")
    }

    /// (meeting start, reminder span, expected due or nil when it would be at or after the start).
    @Test(
        arguments: [
            ("2026-11-16 10:00", CalendarSpan(minutes: 120), "2026-11-16T09:00:00+00:00"),
            ("2026-11-16 08:30", CalendarSpan(minutes: 120), nil),
            ("2026-11-16 09:00", CalendarSpan(days: 0), nil),
            ("2026-11-16 08:30", CalendarSpan(days: 1), "2026-11-13T09:00:00+00:00"),
        ] as [(String, CalendarSpan, String?)]
    )
    func mailingThatWouldBeLateIsSkipped(start: String, span: CalendarSpan, expected: String?) throws {
        let group = ConfigFixtures.customerServicesCoP(
            meetings: [ConfigFixtures.meeting(start)],
            mailings: [.reminder: .before(span)]
        )
        #expect(Support.due(.reminder, in: try Support.mailings(group)) == expected)
    }

    @Test func kindSetOffIsNeverSent() throws {
        let group = ConfigFixtures.customerServicesCoP(mailings: [.announcement: .off, .callForAgenda: .off])
        let kinds = Set(try Support.mailings(group, from: "2026-10-01", to: "2026-12-01").map(\.key.kind))
        #expect(kinds == [.agenda, .minutesChase])
    }

    @Test func cancelledMeetingGetsNoMailingAndItsWindowIsAnswered() throws {
        // Calling the meeting off answers the window: no confirm-date restarts for it (issue 15).
        let group = ConfigFixtures.customerServicesCoP(meetings: [
            ConfigFixtures.meeting("2026-11-12 14:00", cancelled: true)
        ])
        let mailings = try Support.mailings(group, from: "2026-08-01", to: "2026-12-01")
        #expect(mailings.allSatisfy { $0.meeting == nil && $0.audience != .list })
        #expect(Set(mailings.map(\.key.kind)) == [.torReview])
    }
}
