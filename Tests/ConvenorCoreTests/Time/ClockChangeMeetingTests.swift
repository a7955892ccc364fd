import Foundation
import Testing

@testable import ConvenorCore

/// A meeting at a wall time that happens twice or never: `check` says which moment is meant, and the mail says the
/// time that will really happen.
@Suite struct ClockChangeMeetingTests {
    static func lines(zone: String, start: String) -> [String] {
        let group =
            ConfigTextFixtures.group.replacingOccurrences(
                of: "list: test-cop@lists.example.ac.uk",
                with: "list: test-cop@lists.example.ac.uk\ntimezone: \(zone)"
            )
            + "meetings:\n  - start: \(start)\n"
        return ConfigTextFixtures.lines(groups: [group]).filter { !$0.contains("outside every window") }
    }

    @Test func aStartThatHappensTwiceNamesBothInstants() {
        #expect(
            Self.lines(zone: "America/New_York", start: "2026-11-01 01:30") == [
                "config/groups/test-cop.yaml:13:5: warning: 2026-11-01 01:30 happens twice in America/New_York (the clocks go back that night): 01:30 EDT (05:30 UTC) and 01:30 EST (06:30 UTC); convenor announces the first, 01:30 EDT (05:30 UTC); nothing to do if the first is meant; otherwise move the meeting out of the repeated hour"
            ]
        )
    }

    @Test func aStartThatDoesNotExistNamesTheMovedOne() {
        #expect(
            Self.lines(zone: "Europe/London", start: "2027-03-28 01:30") == [
                "config/groups/test-cop.yaml:13:5: warning: 2027-03-28 01:30 does not exist in Europe/London (the clocks go forward that night): the meeting would really start at 02:30 BST (01:30 UTC), and the mail and calendar say so; write the time it will really happen, e.g. `start: 2027-03-28 02:30`"
            ]
        )
    }

    @Test func anOrdinaryStartGetsNoWarning() {
        #expect(Self.lines(zone: "Europe/London", start: "2027-03-29 01:30").isEmpty)
    }

    @Test func aMeetingAcrossTheClockChangeSaysEachEndInItsOwnZoneTime() {
        let start = LocalTime(hour: 1, minute: 30)!
        #expect(TemplateDates.range(from: start, to: start, zones: ("EDT", "EST")) == "01:30 EDT–01:30 EST")
        #expect(TemplateDates.withZone("01:30 EDT–01:30 EST", "EDT") == "01:30 EDT–01:30 EST")
        #expect(
            TemplateDates.range(from: start, to: LocalTime(hour: 3, minute: 0)!, zones: ("GMT", "GMT")) == "01:30–03:00"
        )
        #expect(TemplateDates.withZone("01:30–03:00", "GMT") == "01:30–03:00 GMT")
    }
}
