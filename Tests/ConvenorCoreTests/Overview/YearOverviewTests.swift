import ConvenorCore
import ConvenorTesting
import Foundation
import Testing

/// The year overview of fixture configs: what goes out when, what waits on the chairs, and the text chairs read.
@Suite struct YearOverviewTests {
    typealias Support = OverviewTestSupport

    @Test func theTextShowsTheCustomerServicesYearMonthByMonth() throws {
        let overview = try Support.overview(
            [ConfigFixtures.customerServicesCoP()],
            from: "2026-10-01",
            to: "2027-02-28",
            now: "2026-10-01T00:00:00Z"
        )
        #expect(
            overview.text == """
                Year overview, 1 Oct 2026 to 28 Feb 2027
                Academic Libraries North: 1 group; times are local to each group.

                Customer Services Community of Practice (customer-services-cop)
                ===============================================================
                CoP, Academic Libraries North, Europe/London; list ALN-CUSTOMER-SERVICES-COP@JISCMAIL.AC.UK
                Chairs: Charly Townson, Rachel Gladwin

                Waiting on the chairs:
                  * Confirm a date in the Feb 2027 window
                    The window runs Mon 1 Feb 2027 to Sun 28 Feb 2027.
                    First reminder to the chairs: Mon 7 Dec 2026 09:00 GMT.
                    Proposed: Wed 10 Feb 2027 14:00 GMT.
                    Until the chairs add the meeting to the group's file, nothing about it goes to the list.

                What goes out:
                  October 2026
                    Thu 15 Oct 09:00 BST  announcement     the list    meeting Thu 12 Nov 2026 14:00 GMT
                    Thu 22 Oct 09:00 BST  call-for-agenda  the list    meeting Thu 12 Nov 2026 14:00 GMT
                  November 2026
                    Thu 5 Nov 09:00 GMT   agenda           the list    meeting Thu 12 Nov 2026 14:00 GMT
                    Thu 12 Nov 14:00 GMT  meeting                      1 hour 30 minutes online, 2 agenda items
                    Thu 26 Nov 09:00 GMT  minutes-chase    the chairs  no minutes yet for the meeting of Thu 12 Nov 2026
                  December 2026
                    Mon 7 Dec 09:00 GMT   confirm-date     the chairs  the Feb 2027 window has no date yet
                    Mon 21 Dec 09:00 GMT  confirm-date     the chairs  the Feb 2027 window has no date yet
                  January 2027
                    Mon 4 Jan 09:00 GMT   confirm-date     the chairs  the Feb 2027 window has no date yet
                  February 2027
                    nothing

                """
        )
    }

    @Test func aMeetingOverWithoutItsMinutesFileIsWaitingOnTheChairs() throws {
        let overview = try Support.overview(
            [ConfigFixtures.customerServicesCoP()],
            from: "2026-11-01",
            to: "2026-11-30",
            now: "2026-12-01T00:00:00Z"
        )
        let tasks = try #require(overview.groups.first).tasks
        #expect(tasks.map(\.title) == ["Minutes missing for the meeting of Thu 12 Nov 2026"])
        #expect(
            tasks.first?.details == [
                "The meeting began Thu 12 Nov 2026 14:00 GMT.",
                "No file at /srv/convenor/config/minutes/2026-11-12.md yet.",
                "Reminder to the chairs: Thu 26 Nov 2026 09:00 GMT.",
            ]
        )
    }

    /// Issue 15: a draft is not "missing": the overview says it was found, where, and how to mark it ready.
    @Test func aDraftMinutesFileIsFoundNotMarkedReady() throws {
        let overview = try Support.overview(
            [ConfigFixtures.customerServicesCoP()],
            from: "2026-11-01",
            to: "2026-11-30",
            now: "2026-12-01T00:00:00Z",
            drafts: ["customer-services-cop/2026-10": "/srv/convenor/config/minutes/2026-11-12.md"]
        )
        let tasks = try #require(overview.groups.first).tasks
        #expect(tasks.map(\.title) == ["Minutes of the meeting of Thu 12 Nov 2026: draft found, not marked ready"])
        #expect(
            tasks.first?.details == [
                "The meeting began Thu 12 Nov 2026 14:00 GMT.",
                "/srv/convenor/config/minutes/2026-11-12.md is marked `draft: true`, so nothing has gone to the list: remove that line (and the --- lines around it) when the minutes are final.",
                "Reminder to the chairs: Thu 26 Nov 2026 09:00 GMT.",
            ]
        )
        #expect(
            overview.text.contains(
                "    Thu 26 Nov 09:00 GMT  minutes-chase  the chairs  draft found, not marked ready, for the meeting of Thu 12 Nov 2026\n"
            )
        )
    }

    @Test func aDraftSavedOnTheChairsWebSaysWhereToMarkItReady() throws {
        let overview = try Support.overview(
            [ConfigFixtures.customerServicesCoP()],
            from: "2026-11-01",
            to: "2026-11-30",
            now: "2026-12-01T00:00:00Z",
            drafts: ["customer-services-cop/2026-10": MinutesDraft.webDraft]
        )
        #expect(
            overview.groups.first?.tasks.first?.details == [
                "The meeting began Thu 12 Nov 2026 14:00 GMT.",
                "The minutes are saved on the chairs' web as a draft, so nothing has gone to the list: press \"Mark ready to send\" on the meeting's minutes page when they are final.",
                "Reminder to the chairs: Thu 26 Nov 2026 09:00 GMT.",
            ]
        )
    }

    @Test func minutesOnDiskOrAMeetingStillAheadWaitOnNobody() throws {
        let withMinutes = try Support.overview(
            [ConfigFixtures.customerServicesCoP()],
            from: "2026-11-01",
            to: "2026-11-30",
            now: "2026-12-01T00:00:00Z",
            minutes: ["/srv/convenor/config/minutes/2026-11-12.md"]
        )
        #expect(withMinutes.groups.first?.tasks == [])
        #expect(
            withMinutes.text.contains(
                "    Fri 13 Nov 09:00 GMT  minutes  the list  minutes of the meeting of Thu 12 Nov 2026\n"
            )
        )
        let beforeTheMeeting = try Support.overview(
            [ConfigFixtures.customerServicesCoP()],
            from: "2026-11-01",
            to: "2026-11-30",
            now: "2026-11-12T14:00:00Z"
        )
        #expect(beforeTheMeeting.groups.first?.tasks == [])
    }

    @Test func aCancelledMeetingAnswersItsWindowAndNeedsNoMinutes() throws {
        let group = ConfigFixtures.customerServicesCoP(meetings: [
            ConfigFixtures.meeting("2026-11-12 14:00", cancelled: true)
        ])
        let overview = try Support.overview([group], from: "2026-11-01", to: "2026-11-30", now: "2026-11-20T00:00:00Z")
        let year = try #require(overview.groups.first)
        #expect(year.tasks.map(\.title) == [])
        let meeting = try #require(year.months.first?.entries.first { $0.subject == .meeting(cancelled: true) })
        #expect(meeting.label == "meeting (cancelled)")
        #expect(meeting.about == "called off: Chairs unavailable")
    }

    @Test func aWindowThatClosedBeforeNowIsNoLongerWaiting() throws {
        let overview = try Support.overview(
            [ConfigFixtures.customerServicesCoP()],
            from: "2026-09-01",
            to: "2027-08-31",
            now: "2027-03-01T00:00:00Z"
        )
        let titles = try #require(overview.groups.first).tasks.map(\.title)
        #expect(!titles.contains("Confirm a date in the Feb 2027 window"))
        #expect(titles.contains("Confirm a date in the Oct-Nov 2027 window"))
    }

    @Test func aWindowAfterTheRangeIsWaitingOnceItsRemindersGoOutInTheRange() throws {
        let overview = try Support.overview(
            [ConfigFixtures.customerServicesCoP()],
            from: "2026-12-01",
            to: "2026-12-31",
            now: "2026-12-01T00:00:00Z"
        )
        #expect(overview.groups.first?.tasks.map(\.title) == ["Confirm a date in the Feb 2027 window"])
    }

    @Test func theTermsOfReferenceReviewIsWaitingOnTheChairsWhenItFallsDue() throws {
        let overview = try Support.overview(
            [ConfigFixtures.customerServicesCoP()],
            from: "2026-09-01",
            to: "2026-09-30",
            now: "2026-09-01T00:00:00Z"
        )
        let task = try #require(overview.groups.first?.tasks.first)
        #expect(task.title == "Terms of reference review due Tue 1 Sep 2026")
        #expect(
            task.details == [
                "Last updated Mon 1 Sep 2025; the chairs and liaison are reminded Tue 1 Sep 2026 09:00 BST."
            ]
        )
    }

    @Test func everyMonthOfTheRangeIsShownEvenWhenNothingGoesOut() throws {
        let quiet = ConfigFixtures.group(id: "quiet-sig", name: "Quiet SIG")
        let overview = try Support.overview([quiet], from: "2026-09-01", to: "2027-08-31", now: "2026-09-01T00:00:00Z")
        let months = try #require(overview.groups.first).months
        #expect(months.count == 12)
        #expect(months.allSatisfy { $0.entries.isEmpty })
        #expect(months.first?.start == ConfigFixtures.date("2026-09-01"))
        #expect(months.last?.start == ConfigFixtures.date("2027-08-01"))
        #expect(overview.text.contains("  March 2027\n    nothing\n"))
    }

    @Test func aGroupInAnotherZoneShowsItsOwnLocalTimesAndZoneNames() throws {
        let group = ConfigFixtures.customerServicesCoP(
            timeZone: "America/New_York",
            meetings: [ConfigFixtures.meeting("2027-03-14 14:00")]
        )
        let overview = try Support.overview([group], from: "2027-03-01", to: "2027-03-31", now: "2027-03-01T00:00:00Z")
        let entries = try #require(overview.groups.first?.months.first).entries
        let meeting = try #require(entries.first { $0.subject == .meeting(cancelled: false) })
        #expect(meeting.whenText == "Sun 14 Mar 14:00 EDT")
        let agenda = try #require(entries.first { $0.label == "agenda" })
        // The agenda is due 7 days before, on a Sunday, so it moves to Friday: still winter time in New York.
        #expect(agenda.whenText == "Fri 5 Mar 09:00 EST")
    }

    @Test(arguments: [
        ("2026-11-24T09:00:00Z", "2026-11-01", "2027-10-31"),
        // 00:30 on 1 October in British Summer Time is still 30 September in UTC: the month is London's.
        ("2026-09-30T23:30:00Z", "2026-10-01", "2027-09-30"),
        ("2028-02-29T12:00:00Z", "2028-02-01", "2029-01-31"),
    ])
    func theDefaultRangeIsTwelveMonthsFromTheStartOfNowsMonth(now: String, first: String, last: String) throws {
        let instant = try #require(ISO8601DateFormatter().date(from: now))
        let range = YearOverview.defaultRange(now: instant, in: ConfigFixtures.zone("Europe/London"))
        #expect(range.firstDay == ConfigFixtures.date(first))
        #expect(range.lastDay == ConfigFixtures.date(last))
    }
}
