import ConvenorTesting
import Foundation
import Testing

@testable import ConvenorCore

/// Issue 15: confirm-date stops when the chairs answer (a date, a cancellation, or "no meeting this window"), asks
/// at most `confirm_date_asks` times, and never after the window's last candidate date.
@Suite struct ConfirmDateBoundsTests {
    typealias Support = ScheduleTestSupport

    static func confirmDates(
        _ group: Group,
        from: String = "2026-07-01",
        to: String = "2027-07-01",
        installation: Installation = ConfigFixtures.installation()
    ) throws -> [String] {
        try Support.mailings(group, from: from, to: to, installation: installation)
            .filter { $0.key.kind == .confirmDate }.map(Support.summary)
    }

    @Test func anUnansweredWindowIsAskedThreeTimesBeforeItOpens() throws {
        // Feb 2027 is unconfirmed: 8 weeks before 1 February is Monday 7 December, then every 14 days, 3 in all.
        let group = ConfigFixtures.customerServicesCoP()
        #expect(
            try Self.confirmDates(group, from: "2026-12-01", to: "2027-03-31") == [
                "confirm-date 2027-02~2026-12-07 2026-12-07T09:00:00+00:00",
                "confirm-date 2027-02~2026-12-21 2026-12-21T09:00:00+00:00",
                "confirm-date 2027-02~2027-01-04 2027-01-04T09:00:00+00:00",
            ]
        )
        let mailings = try Support.mailings(group, from: "2026-12-01", to: "2027-03-31")
            .filter { $0.key.kind == .confirmDate }
        #expect(mailings.map(\.reminderNumber) == [1, 2, 3] && mailings.allSatisfy { $0.reminderCount == 3 })
    }

    @Test func theInstallationChoosesHowManyAsksButNeverPastTheLastCandidate() throws {
        var installation = ConfigFixtures.installation()
        installation.confirmDateAsks = 12
        let group = ConfigFixtures.customerServicesCoP(installation: installation)
        let mailings = try Support.mailings(group, from: "2026-12-01", to: "2027-03-31", installation: installation)
            .filter { $0.key.kind == .confirmDate }
        // The second Wednesday of February 2027 (the 10th, 14:00) is the last date the rule offers: the repeat of
        // 15 February would ask for a date it can no longer suggest.
        #expect(
            mailings.map(Support.summary) == [
                "confirm-date 2027-02~2026-12-07 2026-12-07T09:00:00+00:00",
                "confirm-date 2027-02~2026-12-21 2026-12-21T09:00:00+00:00",
                "confirm-date 2027-02~2027-01-04 2027-01-04T09:00:00+00:00",
                "confirm-date 2027-02~2027-01-18 2027-01-18T09:00:00+00:00",
                "confirm-date 2027-02~2027-02-01 2027-02-01T09:00:00+00:00",
            ]
        )
        let lastCandidate = try Support.instant("2027-02-10T14:00:00Z")
        #expect(mailings.allSatisfy { $0.validUntil == lastCandidate && !$0.candidates.isEmpty })
        // The mail says which reminder it is of how many: 5 here, not the 12 allowed.
        #expect(mailings.map(\.reminderNumber) == [1, 2, 3, 4, 5])
        #expect(mailings.allSatisfy { $0.reminderCount == 5 })
    }

    @Test func withoutAProposeRuleTheWindowsLastDayIsTheBound() throws {
        var installation = ConfigFixtures.installation()
        installation.confirmDateAsks = 12
        let group = ConfigFixtures.group(windows: [ConfigFixtures.window(6)], installation: installation)
        let keys = try Support.mailings(group, from: "2026-01-01", to: "2026-12-31", installation: installation)
            .map(\.key.occurrence)
        #expect(
            keys == [
                "2026-06~2026-04-06", "2026-06~2026-04-20", "2026-06~2026-05-04", "2026-06~2026-05-18",
                "2026-06~2026-06-01", "2026-06~2026-06-15", "2026-06~2026-06-29",
            ]
        )
    }

    @Test func aCancelledMeetingAnswersItsWindow() throws {
        let group = ConfigFixtures.customerServicesCoP(meetings: [
            ConfigFixtures.meeting("2026-11-12 14:00", cancelled: true)
        ])
        #expect(try Self.confirmDates(group, from: "2026-07-01", to: "2026-12-01").isEmpty)
        // The overview asks for no date for it either.
        let overview = OverviewBuilder(
            scheduler: Scheduler(config: ConfigFixtures.config(groups: [group])),
            firstDay: ConfigFixtures.date("2026-10-01"),
            lastDay: ConfigFixtures.date("2026-12-31"),
            now: try Support.instant("2026-10-20T12:00:00Z")
        )
        #expect(overview.unconfirmedWindows(of: group, meetings: group.meetingOccurrences, reminded: []).isEmpty)
    }

    @Test func aCancellationInsideTheWindowCreatesNoBackDatedMailNothingMissedNoAlert() throws {
        // The meeting of 12 November is called off on 20 October, after every confirm-date of the window would
        // have fallen due. Before: four back-dated mailings, three recorded missed (superseded) and one sent.
        let now = try Support.instant("2026-10-20T12:00:00Z")
        let cancelled = ConfigFixtures.customerServicesCoP(meetings: [
            ConfigFixtures.meeting("2026-11-12 14:00", cancelled: true)
        ])
        let scheduler = Scheduler(config: ConfigFixtures.config(groups: [cancelled]))
        let due = scheduler.mailings(from: now.addingTimeInterval(-60 * 86_400), to: now.addingTimeInterval(86_400))
        let plan = DeliveryPlanner.plan(due: due, snapshot: LedgerSnapshot(), now: now)
        #expect(!plan.miss.contains { $0.mailing.key.kind == .confirmDate })
        #expect(!due.contains { $0.key.kind == .confirmDate })
        #expect(!plan.send.contains { $0.mailing.key.kind == .confirmDate })
    }

    @Test func noMeetingThisWindowStopsTheAsks() throws {
        var group = ConfigFixtures.customerServicesCoP()
        group.windowSkips["2027-02"] = WindowSkip(
            reason: "the annual conference",
            location: SourceLocation(file: "config/groups/x.yaml", line: 30)
        )
        #expect(try Self.confirmDates(group, from: "2026-12-01", to: "2027-03-31").isEmpty)
        #expect(try Self.confirmDates(group, from: "2027-03-01", to: "2027-07-01").count == 3)
    }

    // MARK: The group file's `no_meeting:`

    static let group = ConfigTextFixtures.group

    @Test func noMeetingIsReadInEveryFormChairsWrite() throws {
        let text =
            Self.group + """
                no_meeting:
                  - window: Feb 2027
                    reason: the annual conference takes its place
                  - window: 2027-06
                  - October–November 2027

                """
        let result = ConfigTextFixtures.parse(groups: [text])
        #expect(result.diagnostics.isEmpty)
        let group = try #require(result.config?.groups.first)
        #expect(Set(group.windowSkips.keys) == ["2027-02", "2027-06", "2027-10"])
        #expect(group.windowSkips["2027-02"]?.reason == "the annual conference takes its place")
        #expect(group.windowSkips["2027-02"]?.location.line == 12)
        #expect(group.windowSkips["2027-06"]?.reason == "")
    }

    @Test(arguments: [
        ("Dec-Jan 2026", "2026-12"), ("December 2026–January 2027", "2026-12"), ("2026-12", "2026-12"),
        ("june 2027", "2027-06"),
    ])
    func windowNames(text: String, key: String) throws {
        let windows = [ConfigFixtures.window(12, 1), ConfigFixtures.window(6)]
        #expect(try NoMeetingParser.occurrence(named: text, in: windows).get().key == key)
    }

    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var yaml: String
        var expected: [String]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "a month of a longer window names the whole window",
            yaml: "no_meeting:\n  - {window: Nov 2026, reason: staff away}\n",
            expected: [
                "config/groups/test-cop.yaml:12:14: error: `Nov 2026` is part of the Oct-Nov 2026 window; name the whole window: `window: Oct-Nov 2026`"
            ]
        ),
        Case(
            name: "the key of a month inside a window names the window",
            yaml: "no_meeting:\n  - window: 2026-11\n",
            expected: [
                "config/groups/test-cop.yaml:12:13: error: `2026-11` is part of the Oct-Nov 2026 window; name the whole window: `window: Oct-Nov 2026`"
            ]
        ),
        Case(
            name: "a month outside every window lists the windows",
            yaml: "no_meeting:\n  - window: Mar 2027\n",
            expected: [
                "config/groups/test-cop.yaml:12:13: error: `Mar 2027` is outside every window of the group; name one of the group's windows (Oct-Nov, Feb, Jun) and the year it opens in, e.g. `window: Oct-Nov 2027`"
            ]
        ),
        Case(
            name: "a day is not a window",
            yaml: "no_meeting:\n  - window: 2027-02-10\n",
            expected: [
                "config/groups/test-cop.yaml:12:13: error: `2027-02-10` is a day, not a meeting window; name one of the group's windows (Oct-Nov, Feb, Jun) and the year it opens in, e.g. `window: Oct-Nov 2027`"
            ]
        ),
        Case(
            name: "a window without its year",
            yaml: "no_meeting:\n  - window: Feb\n",
            expected: [
                "config/groups/test-cop.yaml:12:13: error: `Feb` does not name a meeting window and its year; name one of the group's windows (Oct-Nov, Feb, Jun) and the year it opens in, e.g. `window: Oct-Nov 2027`"
            ]
        ),
        Case(
            name: "a window that has a meeting",
            yaml: "meetings:\n  - start: 2027-02-10 14:00\nno_meeting:\n  - window: Feb 2027\n",
            expected: [
                "config/groups/test-cop.yaml:14:13: error: Feb 2027 has a meeting on 2027-02-10 14:00 (line 12), so it cannot also have no meeting; remove this entry, or mark the meeting `cancelled: true` (with a `reason:`) if it is off"
            ]
        ),
        Case(
            name: "the same window twice",
            yaml: "no_meeting:\n  - window: Feb 2027\n  - window: 2027-02\n",
            expected: [
                "config/groups/test-cop.yaml:13:13: error: Feb 2027 is already in `no_meeting` (line 12); remove one of the two entries"
            ]
        ),
        Case(
            name: "skip: is pointed at no_meeting:",
            yaml: "skip: true\n",
            expected: [
                "config/groups/test-cop.yaml:11:1: error: `skip` does not belong in the group; write `no_meeting:` (a list of windows), e.g. `no_meeting: [{window: Feb 2027, reason: ...}]`"
            ]
        ),
        Case(
            name: "a date key in an entry is pointed at the window",
            yaml: "no_meeting:\n  - {date: 2027-02-10}\n",
            expected: [
                "config/groups/test-cop.yaml:12:5: error: a `no_meeting` entry has no `window`; add a line `window: Feb 2027`",
                "config/groups/test-cop.yaml:12:6: error: `date` does not belong in a `no_meeting` entry; name the window, not a date: `window: Feb 2027`",
            ]
        ),
    ]

    @Test(arguments: cases)
    func printsTheWholeMessage(_ testCase: Case) {
        #expect(ConfigTextFixtures.lines(groups: [Self.group + testCase.yaml]) == testCase.expected)
    }

    @Test func noMeetingNeedsWindows() {
        let text =
            ConfigTextFixtures.group.replacingOccurrences(
                of:
                    "cadence:\n  windows: [Oct-Nov, Feb, Jun]\n  length: 90 minutes\n  online: https://teams.example.org/test\n",
                with: ""
            ) + "no_meeting:\n  - window: Feb 2027\n"
        #expect(
            ConfigTextFixtures.lines(groups: [text]) == [
                "config/groups/test-cop.yaml:8:3: error: `no_meeting` names windows, but the group has no `cadence: {windows: [...]}`; add the group's windows under `cadence:`, or remove `no_meeting:`"
            ]
        )
    }

    // MARK: `confirm_date_asks:` in convenor.yaml

    @Test func confirmDateAsksIsRead() throws {
        let parsed = ConfigTextFixtures.parse(installation: ConfigTextFixtures.installation + "confirm_date_asks: 5\n")
        #expect(parsed.diagnostics.isEmpty)
        #expect(parsed.config?.installation.confirmDateAsks == 5)
        #expect(ConfigTextFixtures.parse().config?.installation.confirmDateAsks == 3)
    }

    @Test func confirmDateAsksOutOfRangeSaysWhatToWrite() {
        #expect(
            ConfigTextFixtures.lines(installation: ConfigTextFixtures.installation + "confirm_date_asks: 0\n") == [
                "config/convenor.yaml:8:20: error: `confirm_date_asks` should be a whole number from 1 to 12, not `0`; write e.g. `confirm_date_asks: 3`; to send none, write `mailings: {confirm-date: off}`"
            ]
        )
    }

    // MARK: The chairs' web saves the same fact

    @Test func theChairsSkipIsTheSameValueAndTheFilesWins() throws {
        let change = { (number: Int, action: ChairChange.Action, occurrence: String, payload: String) in
            ChairChange(
                number: number,
                group: "customer-services-cop",
                occurrence: occurrence,
                action: action,
                payload: payload,
                author: "c.townson@example.ac.uk",
                at: Date(timeIntervalSince1970: 1_790_000_000)
            )
        }
        var group = ConfigFixtures.customerServicesCoP()
        group.windowSkips["2027-06"] = WindowSkip(
            reason: "summer",
            location: SourceLocation(file: "config/groups/customer-services-cop.yaml", line: 40)
        )
        let config = ConfigFixtures.config(groups: [group])
        let (merged, diagnostics) = ChairOverlay.apply(
            [
                change(1, .skip, "2027-02", "no speakers"),
                change(2, .confirm, "2027-06", "start: 2027-06-09 14:00"),
            ],
            to: config
        )
        #expect(merged.groups[0].windowSkips["2027-02"]?.reason == "no speakers")
        #expect(merged.groups[0].windowSkips["2027-02"]?.location.file == "chairs/customer-services-cop")
        #expect(merged.groups[0].windowSkips["2027-06"]?.reason == "summer")
        #expect(!merged.groups[0].meetings.contains { $0.start.date == ConfigFixtures.date("2027-06-09") })
        #expect(
            diagnostics.map(\.description) == [
                "chairs/customer-services-cop:2:1: warning: the chairs saved a confirm for 2027-06, but config/groups/customer-services-cop.yaml (line 40) sets no meeting in this window; the file wins; remove the entry from config/groups/customer-services-cop.yaml to let the chairs' change stand, or leave it and nothing changes"
            ]
        )
    }
}

extension ConfirmDateBoundsTests {
    /// The confirm-date mail tells the chairs to copy `window: {{window}}`: what it prints must read back.
    @Test func theWindowAsTheMailPrintsItReadsBack() throws {
        let group = ConfigFixtures.customerServicesCoP(meetings: [])
        let windows = try #require(group.cadence?.windows)
        for year in [2026, 2027] {
            for window in windows + [ConfigFixtures.window(12, 1)] {
                let occurrence = window.occurrence(in: year)
                let printed = TemplateDates.window(occurrence)
                let read = try NoMeetingParser.occurrence(named: printed, in: windows + [ConfigFixtures.window(12, 1)])
                    .get()
                #expect(read == occurrence, "\(printed)")
            }
        }
    }
}
