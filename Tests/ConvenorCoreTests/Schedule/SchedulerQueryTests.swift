import ConvenorCore
import ConvenorTesting
import Foundation
import Testing

/// The questions the daemon, `schedule` and `send-test` ask of a schedule.
@Suite struct SchedulerQueryTests {
    typealias Support = ScheduleTestSupport

    static func scheduler(minutes: Set<String> = []) -> Scheduler {
        let config = ConfigFixtures.config(groups: [
            ConfigFixtures.customerServicesCoP(),
            ConfigFixtures.group(
                id: "alliance-cop",
                timeZone: "America/New_York",
                list: "alliance-cop@googlegroups.com",
                meetings: [ConfigFixtures.meeting("2026-11-12 14:00")]
            ),
        ])
        return Scheduler(config: config, existingMinutes: minutes)
    }

    @Test func mailingsAreSortedByDueThenKeyAndBoundedHalfOpen() throws {
        let from = try Support.instant("2026-10-15T08:00:00Z")  // the CoP's announcement, exactly
        let to = try Support.instant("2026-10-15T13:00:00Z")  // the alliance's announcement, exactly
        let mailings = Self.scheduler().mailings(from: from, to: to)
        #expect(mailings.map(\.key.description) == ["customer-services-cop/announcement/2026-10/0"])
        let week = Self.scheduler().mailings(from: from, to: try Support.instant("2026-10-23T00:00:00Z"))
        #expect(
            week.map(\.key.description) == [
                "customer-services-cop/announcement/2026-10/0", "alliance-cop/announcement/2026-11-12/0",
                "customer-services-cop/call-for-agenda/2026-10/0", "alliance-cop/call-for-agenda/2026-11-12/0",
            ]
        )
        #expect(week.map(\.due) == week.map(\.due).sorted())
    }

    @Test func equalDueTimesAreOrderedByKey() throws {
        let config = ConfigFixtures.config(groups: [
            ConfigFixtures.group(id: "b-group", meetings: [ConfigFixtures.meeting("2026-11-12 14:00")]),
            ConfigFixtures.group(id: "a-group", meetings: [ConfigFixtures.meeting("2026-11-12 10:00")]),
        ])
        let mailings = Scheduler(config: config).mailings(
            from: try Support.instant("2026-11-05T00:00:00Z"),
            to: try Support.instant("2026-11-06T00:00:00Z")
        )
        #expect(mailings.map(\.key.description) == ["a-group/agenda/2026-11-12/0", "b-group/agenda/2026-11-12/0"])
    }

    @Test func nextDueIsStrictlyAfterTheGivenInstant() throws {
        let scheduler = Self.scheduler()
        let announcement = try Support.instant("2026-10-15T09:00:00+01:00")
        #expect(scheduler.nextDue(after: announcement) == (try Support.instant("2026-10-15T09:00:00-04:00")))
        #expect(scheduler.nextDue(after: announcement.addingTimeInterval(-1)) == announcement)
    }

    @Test func nextDueIsNilWhenNothingIsEverDue() throws {
        var installation = ConfigFixtures.installation()
        installation.mailings = [:]
        let config = ConfigFixtures.config(
            installation: installation,
            groups: [ConfigFixtures.group(installation: installation)]
        )
        #expect(Scheduler(config: config).nextDue(after: try Support.instant("2026-01-01T00:00:00Z")) == nil)
    }

    @Test func outstandingMailingsAreDueAndNotYetStale() throws {
        let now = try Support.instant("2026-11-06T12:00:00Z")
        let outstanding = Self.scheduler().mailings(outstandingAt: now)
        #expect(
            outstanding.map(\.key.description) == [
                "customer-services-cop/announcement/2026-10/0", "alliance-cop/announcement/2026-11-12/0",
                "customer-services-cop/call-for-agenda/2026-10/0", "alliance-cop/call-for-agenda/2026-11-12/0",
                "customer-services-cop/agenda/2026-10/0", "alliance-cop/agenda/2026-11-12/0",
            ]
        )
        // Once the meeting has started its list mailings are stale; the chase is not due yet.
        let after = Self.scheduler().mailings(outstandingAt: try Support.instant("2026-11-12T14:00:00Z"))
        #expect(
            after.map(\.key.description) == [
                "alliance-cop/announcement/2026-11-12/0",
                "alliance-cop/call-for-agenda/2026-11-12/0", "alliance-cop/agenda/2026-11-12/0",
            ]
        )
    }

    @Test func schedulingIsDeterministic() throws {
        let from = try Support.instant("2025-01-01T00:00:00Z")
        let to = try Support.instant("2028-01-01T00:00:00Z")
        #expect(Self.scheduler().mailings(from: from, to: to) == Self.scheduler().mailings(from: from, to: to))
        #expect(Self.scheduler().mailings(from: to, to: from).isEmpty)
    }
}

/// The daemon's pass asks for its range and the next wake in one scheduling pass (issue 16); the answer must be the
/// one the two separate questions give.
@Suite struct SchedulerSinglePassTests {
    @Test func oneCallAnswersTheRangeAndTheNextDueAsTwoCallsDo() throws {
        let scheduler = SchedulerQueryTests.scheduler()
        var instant = try ScheduleTestSupport.instant("2026-01-01T00:00:00Z")
        let end = try ScheduleTestSupport.instant("2028-01-01T00:00:00Z")
        var checked = 0
        while instant < end {
            let from = instant.addingTimeInterval(-Scheduler.lookAhead)
            let combined = scheduler.mailings(from: from, to: instant, nextDueAfter: instant)
            #expect(combined.mailings.map(\.key) == scheduler.mailings(from: from, to: instant).map(\.key))
            let expected = scheduler.mailings(from: instant, to: instant.addingTimeInterval(Scheduler.lookAhead))
                .first { $0.due > instant }?.due
            #expect(combined.nextDue == expected, "at \(instant)")
            #expect(scheduler.nextDue(after: instant) == expected)
            instant = instant.addingTimeInterval(9 * 86_400 + 3_600)
            checked += 1
        }
        #expect(checked > 70)
    }
}

/// The daemon's lookback (`validAfter`) is applied inside the scheduler, before every group's mailings are gathered
/// and ordered (issue 16); it must leave exactly what filtering the whole range afterwards leaves, and not move the
/// next wake.
@Suite struct SchedulerLookbackTests {
    @Test func validAfterLeavesWhatFilteringAfterwardsLeaves() throws {
        let scheduler = SchedulerQueryTests.scheduler()
        var instant = try ScheduleTestSupport.instant("2026-01-01T00:00:00Z")
        let end = try ScheduleTestSupport.instant("2028-01-01T00:00:00Z")
        var dropped = 0
        while instant < end {
            let from = instant.addingTimeInterval(-Scheduler.lookAhead)
            let validAfter = instant.addingTimeInterval(-120 * 86_400)
            let whole = scheduler.mailings(from: from, to: instant)
            let expected = whole.filter { $0.validUntil > validAfter }
            dropped += whole.count - expected.count
            #expect(scheduler.mailings(from: from, to: instant, validAfter: validAfter) == expected, "at \(instant)")
            let combined = scheduler.mailings(from: from, to: instant, nextDueAfter: instant, validAfter: validAfter)
            #expect(combined.mailings == expected, "at \(instant)")
            #expect(combined.nextDue == scheduler.nextDue(after: instant), "at \(instant)")
            instant = instant.addingTimeInterval(9 * 86_400 + 3_600)
        }
        // The range reaches three years back, so most of it is long stale: the filter must have had work to do.
        #expect(dropped > 1_000)
    }

    /// At the edges: a mailing whose validity ends exactly at `validAfter` is gone, one a second later stays.
    @Test func aMailingStaleExactlyAtValidAfterIsLeftOut() throws {
        let scheduler = SchedulerQueryTests.scheduler()
        let from = try ScheduleTestSupport.instant("2026-01-01T00:00:00Z")
        let to = try ScheduleTestSupport.instant("2027-06-01T00:00:00Z")
        let whole = scheduler.mailings(from: from, to: to)
        let ends = Set(whole.map(\.validUntil)).sorted()
        #expect(ends.count > 5)
        for end in ends {
            for validAfter in [end, end.addingTimeInterval(-1)] {
                let expected = whole.filter { $0.validUntil > validAfter }
                #expect(scheduler.mailings(from: from, to: to, validAfter: validAfter) == expected, "at \(validAfter)")
                let combined = scheduler.mailings(from: from, to: to, nextDueAfter: to, validAfter: validAfter)
                #expect(combined.mailings == expected, "at \(validAfter)")
            }
        }
    }
}
