import Foundation
import Testing

@testable import ConvenorCore

/// Issue 15's "messages that say the right thing": each mistake a new chair made, with the whole line `convenor
/// check` prints for it. Where convenor can tell what was meant, the fix is the chair's own value rewritten.
@Suite struct FirstDayDiagnosticTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var group: String
        var expected: [String]
        var testDescription: String { name }
    }

    static let group = ConfigTextFixtures.group

    static let cases: [Case] = [
        Case(
            name: "a missing list shows the form, never another group's list",
            group: group.replacingOccurrences(of: "list: test-cop@lists.example.ac.uk\n", with: ""),
            expected: [
                "config/groups/test-cop.yaml:1:1: error: the group has no `list`; add a line `list: NAME@JISCMAIL.AC.UK`"
            ]
        ),
        Case(
            name: "a missing id suggests the file's own name",
            group: group.replacingOccurrences(of: "id: test-cop\n", with: ""),
            expected: ["config/groups/test-cop.yaml:1:1: error: the group has no `id`; add a line `id: test-cop`"]
        ),
        Case(
            name: "no space after the colon is reported on its own line",
            group: group.replacingOccurrences(
                of: "list: test-cop@lists.example.ac.uk",
                with: "list:test-cop@lists.example.ac.uk"
            ),
            expected: [
                "config/groups/test-cop.yaml:6:1: error: there is no space after the colon in `list:test-cop@lists.example.ac.uk`, so YAML does not see a key here; write `list: test-cop@lists.example.ac.uk`"
            ]
        ),
        Case(
            name: "an item holding a colon in a flow list needs quotes",
            group: group
                + "meetings:\n  - start: 2026-11-12 14:00\n    agenda: [Welcome, Benchmarking: standards, AOB]\n",
            expected: [
                "config/groups/test-cop.yaml:13:23: error: `Benchmarking: standards` holds `: `, so YAML reads it as `key: value` instead of text; put it in double quotes: `\"Benchmarking: standards\"`"
            ]
        ),
        Case(
            name: "a length in decimal hours is rewritten in minutes",
            group: group.replacingOccurrences(of: "length: 90 minutes", with: "length: 1.5 hours"),
            expected: [
                "config/groups/test-cop.yaml:9:11: error: `1.5` in `1.5 hours` is not a whole number; write `90 minutes`"
            ]
        ),
        Case(
            name: "windows written as prose get the list",
            group: group.replacingOccurrences(
                of: "windows: [Oct-Nov, Feb, Jun]",
                with: "windows: October/November, February, June"
            ),
            expected: [
                "config/groups/test-cop.yaml:8:12: error: `windows` takes a list, and `October/November, February, June` reads as one value; write it in brackets, separated by commas: `windows: [Oct-Nov, Feb, Jun]`"
            ]
        ),
        Case(
            name: "a window written with a slash gets the hyphen",
            group: group.replacingOccurrences(of: "[Oct-Nov, Feb, Jun]", with: "[October/November, Feb, Jun]"),
            expected: [
                "config/groups/test-cop.yaml:8:13: error: `October/November` is not a meeting window; write a range of months with a hyphen: `Oct-Nov`"
            ]
        ),
        Case(
            name: "dates in words are rewritten as the day they name",
            group: group + "terms_of_reference: {created: 15th January 2026, updated: 3 Sept 2025}\n",
            expected: [
                "config/groups/test-cop.yaml:11:31: error: `15th January 2026` is not written as a date convenor reads; write it as YYYY-MM-DD: `2026-01-15`",
                "config/groups/test-cop.yaml:11:59: error: `3 Sept 2025` is not written as a date convenor reads; write it as YYYY-MM-DD: `2025-09-03`",
            ]
        ),
        Case(
            name: "a meeting start in words is rewritten with its time",
            group: group + "meetings:\n  - start: Wednesday 10th February 2027 14:00\n",
            expected: [
                "config/groups/test-cop.yaml:12:12: error: `Wednesday 10th February 2027 14:00` is not written as a date and time convenor reads; write `start: 2027-02-10 14:00`"
            ]
        ),
        Case(
            name: "a list key given one line of addresses names the key and shows the list",
            group: group + "call_for_members:\n  to: board@example.ac.uk, leaders@example.ac.uk\n  on: 2025-09-03\n",
            expected: [
                "config/groups/test-cop.yaml:12:7: error: `to` takes a list, and `board@example.ac.uk, leaders@example.ac.uk` reads as one value; write it in brackets, separated by commas: `to: [board@example.ac.uk, leaders@example.ac.uk]`"
            ]
        ),
        Case(
            name: "a list key given one entry shows that entry in brackets",
            group: group.replacingOccurrences(
                of: "chairs:\n  - {name: Ann Chair, email: a.chair@example.ac.uk}",
                with: "chairs: {name: Ann Chair, email: a.chair@example.ac.uk}"
            ),
            expected: [
                "config/groups/test-cop.yaml:4:9: error: `chairs` takes a list (even of one), not a single set of `key: value` lines; write it in brackets, e.g. `chairs: [{name: Ann Chair, email: a.chair@example.ac.uk}]`"
            ]
        ),
        Case(
            name: "a meeting outside every window names the nearest one",
            group: group + "meetings:\n  - start: 2027-08-11 14:00\n",
            expected: [
                "config/groups/test-cop.yaml:12:12: warning: the meeting on 2027-08-11 is outside every window (Oct-Nov, Feb, Jun); the nearest is Jun 2027, so it is an extra meeting with its own mailings; nothing to do if that is intended; if it is the Jun 2027 meeting, move it into Jun"
            ]
        ),
    ]

    @Test(arguments: cases)
    func printsTheWholeMessage(_ testCase: Case) {
        #expect(ConfigTextFixtures.lines(groups: [testCase.group]) == testCase.expected)
    }

    @Test(arguments: [
        (
            "  smtp:\n    url: smtp://smtp.example.ac.uk:587\n    password: hunter2\n",
            [
                "config/convenor.yaml:8:3: warning: the `smtp` block is ignored while `transport` is outbox; write `transport: smtp` to send through the relay",
                "config/convenor.yaml:10:5: error: a secret must never be written in the config (`password`); put it in a file only convenor can read (chmod 600) and write `password_file: /etc/convenor/smtp-password` under `delivery: smtp:`, or use a systemd credential: `password_credential: smtp-password`",
            ]
        ),
        (
            "  password: hunter2\n",
            [
                "config/convenor.yaml:8:3: error: a secret must never be written in the config (`password`); put it in a file only convenor can read (chmod 600) and write `password_file: /etc/convenor/smtp-password` under `delivery: smtp:`, or use a systemd credential: `password_credential: smtp-password`"
            ]
        ),
        (
            "password: hunter2\n",
            [
                "config/convenor.yaml:8:1: error: a secret must never be written in the config (`password`); put it in a file only convenor can read (chmod 600) and write `password_file: /etc/convenor/smtp-password` under `delivery: smtp:`, or use a systemd credential: `password_credential: smtp-password`"
            ]
        ),
    ])
    func passwordIsRefusedWhateverTheTransport(appended: String, expected: [String]) {
        let installation = ConfigTextFixtures.installation + appended
        #expect(ConfigTextFixtures.lines(installation: installation, groups: [Self.group]) == expected)
    }

    @Test func aMeetingInAPastYearIsAWarningNamingItsWindow() throws {
        let text = Self.group + "meetings:\n  - start: 2024-11-13 14:00\n"
        let config = try #require(ConfigTextFixtures.parse(groups: [text]).config)
        let today = LocalDate(year: 2026, month: 12, day: 1)!
        #expect(
            MeetingDateCheck.warnings(for: config) { _ in today }.map(\.description) == [
                "config/groups/test-cop.yaml:12:5: warning: the meeting on 2024-11-13 is dated 2024, a year that has passed (it falls in the Oct-Nov 2024 window), so nothing will be sent for it; if you meant 2027, write `start: 2027-11-13 14:00`; if it is a past meeting kept for the record, nothing to do"
            ]
        )
        // This year's meetings, past or not, are left alone.
        let current = try #require(
            ConfigTextFixtures.parse(groups: [Self.group + "meetings:\n  - start: 2026-11-12 14:00\n"]).config
        )
        #expect(MeetingDateCheck.warnings(for: current) { _ in today }.isEmpty)
    }

    @Test(arguments: [
        ("15th January 2026", "2026-01-15"), ("3 Sept 2025", "2025-09-03"), ("January 15, 2026", "2026-01-15"),
        ("Wed 12 Nov 2026", "2026-11-12"), ("1st March 2027", "2027-03-01"),
    ])
    func datesInWordsAreRead(text: String, iso: String) {
        #expect(DateWords.date(text)?.description == iso)
    }

    @Test(arguments: ["03/09/2025", "31st February 2026", "15 January", "next Tuesday", "2026"])
    func ambiguousOrImpossibleDatesAreNotGuessed(text: String) {
        #expect(DateWords.date(text) == nil)
    }
}
