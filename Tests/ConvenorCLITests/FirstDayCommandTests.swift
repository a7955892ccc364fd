import Foundation
import Testing

/// Issue 15's command-line mistakes, as a new chair or operator makes them: each whole message and exit status.
@Suite struct FirstDayCommandTests {
    static let repository = CheckCommandTests.repository

    @Test func aMistypedCommandGetsDidYouMean() throws {
        let result = try ConvenorBinary.run(["chek"], currentDirectory: Self.repository)
        #expect(
            result.stderr
                == "convenor: there is no command 'chek'; did you mean 'check'? the commands are check, schedule, "
                + "preview, send-test, overview, calendar, run, ledger, chairs, init (`convenor --help` explains each)\n"
        )
        #expect(result.stdout.isEmpty)
        #expect(result.status == 2)
    }

    @Test func theGroupsFolderGivenAsTheConfigSaysToPassItsParent() throws {
        let result = try ConvenorBinary.run(["check", "--config", "config/groups"], currentDirectory: Self.repository)
        #expect(
            result.stdout == """
                config/groups: error: this is a groups folder, not the config folder (it has no convenor.yaml); pass the folder above it, which holds convenor.yaml and groups/: `--config config`
                1 error in 1 file

                """
        )
        #expect(result.status == 1)
    }

    @Test func aPreviewWithNothingDueNamesTheRangeItLookedAt() throws {
        let result = try ConvenorBinary.run(
            ["preview", "--from", "2026-12-24", "--to", "2026-12-31", "--now", "2026-12-01T10:00:00Z"],
            currentDirectory: Self.repository
        )
        #expect(
            result.stdout == """
                nothing is due from 2026-12-24 00:00 until 2027-01-01 00:00 (Europe/London)
                `convenor schedule` lists the whole year; `--month YYYY-MM` or `--from`/`--to` look at another range

                """
        )
        #expect(result.status == 0)
    }

    @Test func checkWarnsAboutAMeetingInAPastYear() throws {
        let group =
            CheckCommandTests.validGroup
            + "cadence: {windows: [Oct-Nov, Feb, Jun]}\nmeetings:\n  - start: 2024-11-13 14:00\n"
        let directory = try CheckCommandTests.makeConfig(groups: ["test-cop.yaml": group])
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try ConvenorBinary.run(
            ["check", "--config", "config", "--now", "2026-12-01T10:00:00Z"],
            currentDirectory: directory
        )
        #expect(
            result.stdout == """
                config/groups/test-cop.yaml:8:5: warning: the meeting on 2024-11-13 is dated 2024, a year that has passed (it falls in the Oct-Nov 2024 window), so nothing will be sent for it; if you meant 2027, write `start: 2027-11-13 14:00`; if it is a past meeting kept for the record, nothing to do
                config OK: 1 group (1 warning)

                """
        )
        #expect(result.status == 0)
    }

    @Test func initStartsAGroupFromAnExampleWithItsListLeftEmpty() throws {
        let directory = try CheckCommandTests.makeConfig()
        defer { try? FileManager.default.removeItem(at: directory) }
        let examples = Self.repository.appendingPathComponent("config/groups").path
        let result = try ConvenorBinary.run(
            ["init", "chess-sig", "--from", "customer-services-cop", "--config", "config", "--examples", examples],
            currentDirectory: directory
        )
        #expect(
            result.stdout == """
                wrote config/groups/chess-sig.yaml from the example customer-services-cop
                next: write your list's posting address after `list:`, edit the name, chairs and meetings, then run `convenor check`

                """
        )
        #expect(result.status == 0, "\(result.stderr)")
        let written = try String(
            contentsOf: directory.appendingPathComponent("config/groups/chess-sig.yaml"),
            encoding: .utf8
        )
        #expect(written.contains("\nid: chess-sig\n"))
        #expect(!written.contains("ALN-CUSTOMER-SERVICES-COP@JISCMAIL.AC.UK"))
        let check = try ConvenorBinary.run(["check", "--config", "config"], currentDirectory: directory)
        #expect(
            check.stdout.hasPrefix(
                "config/groups/chess-sig.yaml:18:6: error: `list` is empty; write e.g. `list: NAME@JISCMAIL.AC.UK`\n"
            )
        )
        // A second init of the same id leaves the chair's file alone.
        let again = try ConvenorBinary.run(
            ["init", "chess-sig", "--from", "customer-services-cop", "--config", "config", "--examples", examples],
            currentDirectory: directory
        )
        #expect(again.status == 1)
        #expect(
            again.stderr
                == "convenor: config/groups/chess-sig.yaml exists already; choose another id or edit that file\n"
        )
    }
}
