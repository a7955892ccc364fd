import ConvenorTesting
import Foundation
import Testing

@testable import ConvenorCore

/// The scheduler skips window occurrences none of whose confirm-date asks can fall in the range asked about
/// (issue 16: the pass looked at two months and worked out four years). Skipping must never change an answer, so
/// each query is checked here against the whole, unskipped list filtered by hand, over three years of ranges and
/// with closures long enough to move an ask weeks earlier.
@Suite struct ConfirmDatePruningTests {
    typealias Support = ScheduleTestSupport

    /// Seed 000's CoP, a New York group with a long lead and a window across the year's end, and a closure that
    /// covers the whole of December 2026 and the first week of January (asks move back into November).
    static func scheduler() -> Scheduler {
        var installation = ConfigFixtures.installation()
        installation.closures = [
            LocalDateRange(first: ConfigFixtures.date("2026-12-01"), last: ConfigFixtures.date("2027-01-08"))
        ]
        installation.confirmDateAsks = 4
        let longLead = ConfigFixtures.group(
            id: "alliance-cop",
            timeZone: "America/New_York",
            list: "alliance-cop@googlegroups.com",
            windows: [ConfigFixtures.window(12, 1), ConfigFixtures.window(5)],
            propose: "first tue 10:00",
            mailings: [.confirmDate: .beforeWindow(CalendarSpan(months: 5))],
            installation: installation
        )
        let config = ConfigFixtures.config(
            installation: installation,
            groups: [ConfigFixtures.customerServicesCoP(installation: installation), longLead]
        )
        return Scheduler(config: config)
    }

    /// Every mailing of every group, nothing skipped, over the years `years(from:to:)` gives for the range.
    static func unskipped(_ scheduler: Scheduler, from start: Date, to end: Date) -> [Mailing] {
        let years = scheduler.years(from: start, to: end)
        return scheduler.config.groups.flatMap { scheduler.allMailings(for: $0, years: years) }
    }

    static func starts() throws -> [Date] {
        var instant = try Support.instant("2026-01-01T00:00:00Z")
        let end = try Support.instant("2029-01-01T00:00:00Z")
        var result: [Date] = []
        while instant < end {
            result.append(instant)
            instant = instant.addingTimeInterval(11 * 86_400 + 7_200)
        }
        return result
    }

    @Test func rangesGiveWhatTheWholeListGives() throws {
        let scheduler = Self.scheduler()
        var confirmDates = 0
        for start in try Self.starts() {
            for days in [0.0, 1, 14, 61, 400] {
                let end = start.addingTimeInterval(days * 86_400)
                let expected = Self.unskipped(scheduler, from: start, to: end)
                    .filter { start <= $0.due && $0.due < end }.inScheduleOrder
                let got = scheduler.mailings(from: start, to: end)
                #expect(got == expected, "from \(start), \(days) days")
                confirmDates += got.filter { $0.key.kind == .confirmDate }.count
            }
        }
        #expect(confirmDates > 100)
    }

    @Test func thePassGetsTheSameRangeAndNextWake() throws {
        let scheduler = Self.scheduler()
        for instant in try Self.starts() {
            let from = instant.addingTimeInterval(-61 * 86_400)
            let horizon = instant.addingTimeInterval(Scheduler.lookAhead)
            let whole = Self.unskipped(scheduler, from: min(from, instant), to: horizon)
            let combined = scheduler.mailings(from: from, to: instant, nextDueAfter: instant)
            #expect(combined.mailings == whole.filter { from <= $0.due && $0.due < instant }.inScheduleOrder)
            let next = whole.filter { instant < $0.due && $0.due < horizon }.map(\.due).min()
            #expect(combined.nextDue == next, "at \(instant)")
        }
    }

    @Test func outstandingMailingsAreTheWholeListsOutstandingOnes() throws {
        let scheduler = Self.scheduler()
        for now in try Self.starts() {
            let whole = Self.unskipped(scheduler, from: now.addingTimeInterval(-Scheduler.lookAhead), to: now)
            let expected = whole.filter { $0.due <= now && now < $0.validUntil }.inScheduleOrder
            #expect(scheduler.mailings(outstandingAt: now) == expected, "at \(now)")
        }
    }

    @Test func nothingDueWithinTheNearHorizonStillFindsTheNextWake() throws {
        // One window a year, in June, asked about 8 weeks ahead: from July the next ask is months away.
        let installation = ConfigFixtures.installation()
        let group = ConfigFixtures.group(
            windows: [ConfigFixtures.window(6)],
            propose: "second wed 14:00",
            mailings: [.confirmDate: .beforeWindow(CalendarSpan(days: 56))],
            installation: installation
        )
        let config = ConfigFixtures.config(installation: installation, groups: [group])
        let scheduler = Scheduler(config: config)
        let instant = try Support.instant("2026-07-01T00:00:00Z")
        let next = scheduler.mailings(from: instant, to: instant, nextDueAfter: instant).nextDue
        let expected = Self.unskipped(scheduler, from: instant, to: instant.addingTimeInterval(Scheduler.lookAhead))
            .filter { $0.due > instant }.map(\.due).min()
        #expect(next != nil && next == expected)
        #expect(try #require(next) > instant.addingTimeInterval(Scheduler.nearHorizon))
    }
}
