import Foundation
import Testing

@testable import ConvenorCore

/// Each mistake the issue lists, with the exact line `convenor check` prints for it.
@Suite struct ConfigDiagnosticTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var group: String
        var expected: String
        var testDescription: String { name }
    }

    static let groupCases: [Case] = [
        Case(
            name: "misspelt key",
            group: ConfigTextFixtures.group(adding: "timezon: Europe/London"),
            expected:
                "config/groups/test-cop.yaml:11:1: error: unknown key `timezon` in the group; did you mean `timezone`?"
        ),
        Case(
            name: "unknown zone",
            group: ConfigTextFixtures.group(adding: "timezone: Europe/Lundon"),
            expected:
                "config/groups/test-cop.yaml:11:11: error: unknown time zone `Europe/Lundon`; did you mean `Europe/London`? write a zone name such as Europe/London or America/New_York"
        ),
        Case(
            name: "bad window",
            group: ConfigTextFixtures.group.replacingOccurrences(
                of: "[Oct-Nov, Feb, Jun]",
                with: "[Oct-Nvo, Feb, Jun]"
            ),
            expected:
                "config/groups/test-cop.yaml:8:13: error: unknown month `Nvo` in window `Oct-Nvo`; did you mean `Nov`? write months as Jan, Feb, Mar, Apr, May, Jun, Jul, Aug, Sep, Oct, Nov, Dec or in full"
        ),
        Case(
            name: "impossible date",
            group: ConfigTextFixtures.group(adding: "meetings:\n  - start: 2026-02-30 14:00"),
            expected:
                "config/groups/test-cop.yaml:12:12: error: 2026-02-30 is not a day: February 2026 has 28 days; write a day that exists, as YYYY-MM-DD"
        ),
        Case(
            name: "bad duration",
            group: ConfigTextFixtures.group.replacingOccurrences(of: "90 minutes", with: "90 minuets"),
            expected:
                "config/groups/test-cop.yaml:9:11: error: unknown unit `minuets` in `90 minuets`; did you mean `minutes`? write minutes, hours, days, weeks, months or years"
        ),
        Case(
            name: "timing in the wrong direction",
            group: ConfigTextFixtures.group(adding: "mailings: {reminder: 1 day after}"),
            expected:
                "config/groups/test-cop.yaml:11:22: error: `reminder` is counted before the meeting, not `after`; write e.g. `reminder: 1 day before` (before the meeting), or `off`"
        ),
        Case(
            name: "bad email",
            group: ConfigTextFixtures.group.replacingOccurrences(of: "a.chair@example.ac.uk", with: "a.chair@example"),
            expected:
                "config/groups/test-cop.yaml:5:30: error: `a.chair@example` is not an email address: `example` is not a domain such as example.ac.uk; write it as name@example.ac.uk"
        ),
        Case(
            name: "meeting outside every window",
            group: ConfigTextFixtures.group(adding: "meetings:\n  - start: 2026-12-03 14:00"),
            expected:
                "config/groups/test-cop.yaml:12:12: warning: the meeting on 2026-12-03 is outside every window (Oct-Nov, Feb, Jun); the nearest is Oct-Nov 2026, so it is an extra meeting with its own mailings; nothing to do if that is intended; if it is the Oct-Nov 2026 meeting, move it into Oct-Nov"
        ),
        Case(
            name: "missing required key",
            group: ConfigTextFixtures.group.replacingOccurrences(of: "list: test-cop@lists.example.ac.uk\n", with: ""),
            expected:
                "config/groups/test-cop.yaml:1:1: error: the group has no `list`; add a line `list: NAME@JISCMAIL.AC.UK`"
        ),
        Case(
            name: "YAML syntax error",
            group: ConfigTextFixtures.group(adding: "remit: Ideas: sharing them"),
            expected:
                "config/groups/test-cop.yaml:11:13: error: YAML cannot read this: mapping values are not allowed in this context; put a value that contains `: ` in double quotes, or check this line's indentation"
        ),
        Case(
            name: "wrong type",
            group: ConfigTextFixtures.group.replacingOccurrences(
                of: "name: Test Community of Practice",
                with: "name: [Test, Community]"
            ),
            expected:
                "config/groups/test-cop.yaml:2:7: error: `name` takes a single value, not a list; write it without brackets: `name: Test, Community`"
        ),
        Case(
            name: "tab indentation",
            group: ConfigTextFixtures.group.replacingOccurrences(
                of: "  length: 90 minutes",
                with: "\tlength: 90 minutes"
            ),
            expected:
                "config/groups/test-cop.yaml:9:1: error: this line is indented with a tab, which YAML does not allow; indent with spaces only (two per level)"
        ),
        Case(
            name: "empty file",
            group: "# nothing here yet\n",
            expected:
                "config/groups/test-cop.yaml:1:1: error: the file is empty; write the settings as `key: value` lines; config/README.md lists every key"
        ),
        Case(
            name: "Cyrillic look-alike group type",
            group: ConfigTextFixtures.group.replacingOccurrences(of: "type: CoP", with: "type: СоР"),
            expected:
                "config/groups/test-cop.yaml:3:7: error: `СоР` looks like `CoP` but contains non-Latin letters: С (Cyrillic), о (Cyrillic), Р (Cyrillic); retype it on the keyboard as `type: CoP`"
        ),
        Case(
            name: "bad propose rule",
            group: ConfigTextFixtures.group.replacingOccurrences(
                of: "  length:",
                with: "  propose: second Wensday 14:00\n  length:"
            ),
            expected:
                "config/groups/test-cop.yaml:9:12: error: `wensday` in `second Wensday 14:00` is not a day of the week; did you mean `Wednesday`? write which weekday of the month and a time, e.g. `second Wednesday 14:00` (first, second, third, fourth or last)"
        ),
        Case(
            name: "unclosed quotes",
            group: ConfigTextFixtures.group(adding: "remit: \"open\nnetwork: x"),
            expected:
                "config/groups/test-cop.yaml:11:8: error: these quotes are never closed; close the quotes or brackets opened here"
        ),
        Case(
            name: "duplicate key",
            group: ConfigTextFixtures.group(adding: "name: Another name"),
            expected:
                "config/groups/test-cop.yaml:11:1: error: `name` appears more than once in the same block (first on line 2); keep one line for each key and delete the other"
        ),
    ]

    @Test(arguments: groupCases)
    func groupMistakeIsPrintedWithFileLineAndFix(_ testCase: Case) {
        #expect(ConfigTextFixtures.lines(groups: [testCase.group]) == [testCase.expected])
    }

    @Test func aMeetingOutsideEveryWindowIsOnlyAWarning() {
        let result = ConfigTextFixtures.parse(groups: [
            ConfigTextFixtures.group(adding: "meetings:\n  - start: 2026-12-03 14:00")
        ])
        #expect(result.config?.groups.first?.meetings.count == 1)
        #expect(result.warnings.count == 1)
    }

    @Test func secretInTheYAMLIsRefusedWithWhereItGoesInstead() {
        let installation = ConfigTextFixtures.installation.replacingOccurrences(
            of: "  transport: outbox\n",
            with: "  transport: smtp\n  smtp:\n    url: smtp://smtp.example.ac.uk:587\n    password: hunter2\n"
        )
        #expect(
            ConfigTextFixtures.lines(installation: installation) == [
                "config/convenor.yaml:10:5: error: a secret must never be written in the config (`password`); put it in a file only convenor can read (chmod 600) and write `password_file: /etc/convenor/smtp-password` under `delivery: smtp:`, or use a systemd credential: `password_credential: smtp-password`"
            ]
        )
        #expect(!ConfigTextFixtures.lines(installation: installation).joined().contains("hunter2"))
    }

    @Test func nonUTF8FileIsPointedAtTheBadByte() {
        var bytes = Array("id: test-cop\nname: \"caf".utf8)
        bytes += [0xE9, 0x22, 0x0A]
        let file = ConfigFile(
            displayPath: "config/groups/test-cop.yaml",
            absolutePath: "/srv/aln/config/groups/test-cop.yaml",
            contents: .success(bytes)
        )
        let result = ConfigParser.parse(installation: ConfigTextFixtures.installationFile(), groups: [file])
        #expect(
            result.diagnostics.map(\.description) == [
                "config/groups/test-cop.yaml:2:11: error: the file is not UTF-8 text (byte 0xE9 here); save it again with the encoding UTF-8 (in most editors: Save As, Encoding: UTF-8)"
            ]
        )
    }

    @Test func tenMegabyteFileIsRefusedBeforeParsing() {
        let file = ConfigFile(
            displayPath: "config/groups/big.yaml",
            absolutePath: "/srv/aln/config/groups/big.yaml",
            contents: .success([UInt8](repeating: UInt8(ascii: "a"), count: 10 * 1_048_576))
        )
        let result = ConfigParser.parse(installation: ConfigTextFixtures.installationFile(), groups: [file])
        #expect(
            result.diagnostics.map(\.description) == [
                "config/groups/big.yaml:1:1: error: the file is 10 MB, more than a config file can be (at most 1 MB); check that this is the right file: a group's settings take a few kilobytes"
            ]
        )
    }

    @Test(arguments: [
        (
            ConfigReadFailure.permissionDenied,
            "config/groups/test-cop.yaml:1:1: error: convenor may not read this file (permission denied); let the user convenor runs as read it, e.g. `chmod 644 config/groups/test-cop.yaml`"
        ),
        (
            .isDirectory,
            "config/groups/test-cop.yaml:1:1: error: this is a folder, not a file; remove or rename the folder; a config file ends in .yaml"
        ),
        (
            .tooLarge(bytes: 10 * 1_048_576),
            "config/groups/test-cop.yaml:1:1: error: the file is 10 MB, more than a config file can be (at most 1 MB); check that this is the right file: a group's settings take a few kilobytes"
        ),
    ])
    func unreadableFileIsReported(failure: ConfigReadFailure, expected: String) {
        let file = ConfigFile(
            displayPath: "config/groups/test-cop.yaml",
            absolutePath: "/srv/aln/config/groups/test-cop.yaml",
            contents: .failure(failure)
        )
        let result = ConfigParser.parse(installation: ConfigTextFixtures.installationFile(), groups: [file])
        #expect(result.diagnostics.map(\.description) == [expected])
        #expect(result.config == nil)
    }

    @Test func duplicateGroupIdNamesBothFiles() {
        let files = [
            ConfigTextFixtures.groupFile(ConfigTextFixtures.group, name: "test-cop"),
            ConfigTextFixtures.groupFile(ConfigTextFixtures.group, name: "test-cop-copy"),
        ]
        let result = ConfigParser.parse(installation: ConfigTextFixtures.installationFile(), groups: files)
        #expect(
            result.errors.map(\.description) == [
                "config/groups/test-cop-copy.yaml:1:5: error: the group id `test-cop` is already used by config/groups/test-cop.yaml (line 1); give each group its own id; ids must differ across all files in groups/"
            ]
        )
    }

    @Test func everyProblemInAFileIsReportedNotJustTheFirst() {
        let group =
            ConfigTextFixtures.group
            .replacingOccurrences(of: "type: CoP", with: "type: Club")
            .replacingOccurrences(of: "Feb, Jun", with: "Febuary, Jun")
            + "timezone: Mars/Olympus\n"
        let lines = ConfigTextFixtures.lines(groups: [group])
        #expect(lines.count == 3)
        #expect(
            lines.map { $0.prefix(30) } == [
                "config/groups/test-cop.yaml:3:", "config/groups/test-cop.yaml:8:", "config/groups/test-cop.yaml:11",
            ]
        )
    }

    @Test func problemsInSeveralFilesAreAllReported() {
        let installation = ConfigTextFixtures.installation.replacingOccurrences(of: "timezone:", with: "timezon:")
        let result = ConfigParser.parse(
            installation: ConfigTextFixtures.installationFile(installation),
            groups: [
                ConfigTextFixtures.groupFile("", name: "a"),
                ConfigTextFixtures.groupFile("id: b\n\tname: B\n", name: "b"),
            ]
        )
        #expect(
            Set(result.errors.map(\.location.file)) == [
                "config/convenor.yaml", "config/groups/a.yaml", "config/groups/b.yaml",
            ]
        )
        #expect(result.config == nil)
    }
}
