import Foundation
import Testing

@testable import convenor

/// `convenor check` as a user runs it: output lines and exit status.
@Suite struct CheckCommandTests {
    /// The repository root, so `config/...` paths print as a chair would see them.
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// A fresh config folder with a valid convenor.yaml and the given group files.
    static func makeConfig(groups: [String: String] = [:]) throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "convenor-check-\(UUID().uuidString)"
        )
        let config = directory.appendingPathComponent("config")
        try FileManager.default.createDirectory(
            at: config.appendingPathComponent("groups"),
            withIntermediateDirectories: true
        )
        try """
        network: Academic Libraries North
        timezone: Europe/London
        from: "ALN Groups <groups@aln.example.org>"
        operator: convenor-alerts@aln.example.org
        templates_dir: \(repository.appendingPathComponent("templates").path)

        """.write(to: config.appendingPathComponent("convenor.yaml"), atomically: true, encoding: .utf8)
        for (name, text) in groups {
            try text.write(to: config.appendingPathComponent("groups/\(name)"), atomically: true, encoding: .utf8)
        }
        return directory
    }

    static let validGroup = """
        id: test-cop
        name: Test Community of Practice
        type: CoP
        chairs: [{name: Ann Chair, email: a.chair@example.ac.uk}]
        list: test-cop@lists.example.ac.uk

        """

    @Test func exampleConfigIsValidAndExitsZero() throws {
        let result = try ConvenorBinary.run(["check"], currentDirectory: Self.repository)
        #expect(result.stdout == "config OK: 3 groups\n")
        #expect(result.status == 0)
    }

    @Test func configFolderComesFromTheEnvironmentWhenNoOptionIsGiven() throws {
        let directory = try Self.makeConfig(groups: ["test-cop.yaml": Self.validGroup])
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try ConvenorBinary.run(
            ["check"],
            environment: ["CONVENOR_CONFIG": directory.appendingPathComponent("config").path],
            currentDirectory: Self.repository.appendingPathComponent("Sources")
        )
        #expect(result.stdout == "config OK: 1 group\n")
        #expect(result.status == 0)
    }

    @Test func everyProblemIsPrintedWithASummaryAndExitOne() throws {
        let broken =
            Self.validGroup.replacingOccurrences(of: "type: CoP", with: "type: Club") + "timezon: Europe/London\n"
        let directory = try Self.makeConfig(groups: ["test-cop.yaml": broken, "empty.yaml": ""])
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try ConvenorBinary.run(["check", "--config", "config"], currentDirectory: directory)
        #expect(
            result.stdout == """
                config/groups/empty.yaml:1:1: error: the file is empty; write the settings as `key: value` lines; config/README.md lists every key
                config/groups/test-cop.yaml:3:7: error: unknown group type `Club`; write `SIG` (Special Interest Group) or `CoP` (Community of Practice)
                config/groups/test-cop.yaml:6:1: error: unknown key `timezon` in the group; did you mean `timezone`?
                3 errors in 2 files

                """
        )
        #expect(result.status == 1)
        #expect(result.stderr.isEmpty)
    }

    @Test func warningsAloneStillExitZero() throws {
        let directory = try Self.makeConfig(groups: ["other.yaml": Self.validGroup])
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try ConvenorBinary.run(["check"], currentDirectory: directory)
        #expect(result.stdout.hasSuffix("config OK: 1 group (1 warning)\n"))
        #expect(result.status == 0)
    }

    @Test func tenMegabyteFileIsRefusedWithoutBeingParsed() throws {
        let directory = try Self.makeConfig(groups: ["test-cop.yaml": Self.validGroup])
        defer { try? FileManager.default.removeItem(at: directory) }
        let big = Data(repeating: UInt8(ascii: "a"), count: 10 * 1_048_576)
        try big.write(to: directory.appendingPathComponent("config/groups/big.yaml"))
        let started = ContinuousClock.now
        let result = try ConvenorBinary.run(["check"], currentDirectory: directory)
        // Parsing 10 MB of YAML takes seconds; a stat takes microseconds (the bound is loose for a busy machine).
        #expect(ContinuousClock.now - started < .seconds(5))
        #expect(
            result.stdout.hasPrefix(
                "config/groups/big.yaml:1:1: error: the file is 10 MB, more than a config file can be (at most 1 MB); check that this is the right file: a group's settings take a few kilobytes\n"
            )
        )
        #expect(result.status == 1)
    }

    @Test(.enabled(if: getuid() != 0, "root may read any file, so chmod 000 cannot make one unreadable"))
    func fileWithoutReadPermissionIsReported() throws {
        let directory = try Self.makeConfig(groups: ["test-cop.yaml": Self.validGroup])
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("config/groups/test-cop.yaml").path
        try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: path)
        let result = try ConvenorBinary.run(["check"], currentDirectory: directory)
        #expect(
            result.stdout.hasPrefix(
                "config/groups/test-cop.yaml:1:1: error: convenor may not read this file (permission denied); let the user convenor runs as read it, e.g. `chmod 644 config/groups/test-cop.yaml`\n"
            )
        )
        #expect(result.status == 1)
    }

    /// Works as root too: a folder where a file should be cannot be read as one.
    @Test func folderNamedLikeAGroupFileIsReported() throws {
        let directory = try Self.makeConfig(groups: ["test-cop.yaml": Self.validGroup])
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(
            at: directory.appendingPathComponent("config/groups/archive.yaml"),
            withIntermediateDirectories: true
        )
        let result = try ConvenorBinary.run(["check"], currentDirectory: directory)
        #expect(
            result.stdout == """
                config/groups/archive.yaml:1:1: error: this is a folder, not a file; remove or rename the folder; a config file ends in .yaml
                1 error in 1 file

                """
        )
        #expect(result.status == 1)
    }

    @Test func missingConfigFolderIsAnErrorNotACrash() throws {
        let result = try ConvenorBinary.run(["check", "--config", "/nonexistent/convenor-config"])
        #expect(result.stdout.hasPrefix("/nonexistent/convenor-config: error: the config folder does not exist;"))
        #expect(result.status == 1)
    }

    @Test(arguments: [["check", "--bogus"], ["check", "--config"], ["nonsense"], ["check", "extra"]])
    func usageMistakesExitTwo(arguments: [String]) throws {
        let result = try ConvenorBinary.run(arguments, currentDirectory: Self.repository)
        #expect(result.status == 2)
        #expect(
            result.stderr.contains("Usage:") || result.stderr.contains("Error:")
                || result.stderr.hasPrefix("convenor: there is no command")
        )
        #expect(!result.stderr.contains("Fatal error"))
    }

    @Test func helpExplainsTheConfigOptionInPlainWords() throws {
        let result = try ConvenorBinary.run(["check", "--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("--config <dir>"))
        #expect(result.stdout.contains("$CONVENOR_CONFIG"))
    }
}

/// `--now`, shared by every command that looks at the calendar.
@Suite struct ClockOptionsTests {
    @Test(arguments: [
        ("2026-11-24T09:00:00Z", 1_795_510_800.0),
        ("2026-11-24T09:00:00+00:00", 1_795_510_800.0),
        ("2026-11-24T10:00:00+01:00", 1_795_510_800.0),
        ("2026-11-24T09:00Z", 1_795_510_800.0),
        ("2026-11-24T09:00:00.000Z", 1_795_510_800.0),
        ("2026-11-24", 1_795_478_400.0),
    ])
    func acceptedSpellings(text: String, seconds: Double) throws {
        #expect(try ClockOptions.parse(text) == Date(timeIntervalSince1970: seconds))
    }

    @Test(arguments: ["tomorrow", "2026-11-24 09:00", "2026-11-24T09:00:00", "24/11/2026", "2026-02-30"])
    func rejectedSpellings(text: String) {
        #expect(throws: (any Error).self) { try ClockOptions.parse(text) }
    }
}

/// `check` also checks the templates that `templates_dir` names.
@Suite struct CheckCommandTemplateTests {
    @Test func aMisspeltTemplateVariableIsReportedWithItsFileAndLine() throws {
        let directory = try CheckCommandTests.makeConfig(groups: ["test-cop.yaml": CheckCommandTests.validGroup])
        defer { try? FileManager.default.removeItem(at: directory) }
        let templates = directory.appendingPathComponent("templates")
        try FileManager.default.copyItem(
            at: CheckCommandTests.repository.appendingPathComponent("templates"),
            to: templates
        )
        let agenda = templates.appendingPathComponent("agenda.mustache")
        let original = try String(contentsOf: agenda, encoding: .utf8)
        try original.replacingOccurrences(of: "{{meeting.date_long}}", with: "{{meeting.dat_long}}")
            .write(to: agenda, atomically: true, encoding: .utf8)
        let yaml = directory.appendingPathComponent("config/convenor.yaml")
        let text = try String(contentsOf: yaml, encoding: .utf8)
            .replacingOccurrences(
                of: CheckCommandTests.repository.appendingPathComponent("templates").path,
                with: "../templates"
            )
        try text.write(to: yaml, atomically: true, encoding: .utf8)

        let result = try ConvenorBinary.run(["check", "--config", "config"], currentDirectory: directory)
        #expect(result.status == 1)
        let line = try #require(result.stdout.split(separator: "\n").first { $0.contains("dat_long") })
        #expect(line.hasPrefix("templates/agenda.mustache:"))
        #expect(line.contains(": error: no variable 'meeting.dat_long'; did you mean 'meeting.date_long'?"))
    }
}
