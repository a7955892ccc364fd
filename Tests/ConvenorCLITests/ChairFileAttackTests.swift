import Foundation
import Testing

/// A chair is trusted with the group's wording, never with the server's files: every file a group file names must
/// stay inside the folders the operator allows, and is never read (or mailed) otherwise.
///
/// Each test is an attack a careless or hostile chair can write; each failed before path confinement existed
/// (`check` said OK and the file went to the list).
@Suite struct ChairFileAttackTests {
    /// A secret only the server should know, in a file outside every allowed folder.
    struct Target {
        let installation: RunInstallation
        let secret = "TOP-SECRET-\(UUID().uuidString)"
        let path: String

        init() throws {
            installation = try RunInstallation(groups: 1)
            path = installation.directory + "/secret.txt"
            try secret.write(toFile: path, atomically: true, encoding: .utf8)
            chmod(path, 0o600)
        }

        /// Writes group `leak`, whose one meeting names `minutes` (line 9) and has `extra` lines after it.
        func writeGroup(minutes: String, posting: String = "") throws {
            try """
            id: leak
            name: Group leak
            type: SIG
            chairs:
              - {name: Ann Chair, email: ann@test.example.org}
            list: LEAK@LISTS.TEST.EXAMPLE.ORG
            meetings:
              - start: 2027-03-03 14:00
                minutes: \(minutes)
            \(posting)

            """.write(toFile: installation.configDirectory + "/groups/leak.yaml", atomically: true, encoding: .utf8)
        }

        /// True when any `.eml` in the outbox holds the secret.
        func outboxLeaks() -> Bool {
            installation.outboxFiles().contains { name in
                let text = (try? String(contentsOfFile: installation.outbox + "/" + name, encoding: .utf8)) ?? ""
                return text.contains(secret)
            }
        }

        func check() throws -> ConvenorBinary.Result {
            try ConvenorBinary.run(["check", "--config", installation.configDirectory])
        }
    }

    /// The day after the meeting: the minutes mailing is due.
    static let dayAfter = "2027-03-04T12:00:00Z"

    @Test(arguments: ["absolute", "relative", "symlink"])
    func minutesNamingAFileOutsideTheAllowedFoldersAreALocatedErrorAndNeverMailed(form: String) async throws {
        let target = try Target()
        defer { target.installation.cleanUp() }
        let minutes: String
        switch form {
        case "absolute":
            minutes = target.path
        case "relative":
            minutes = "../../secret.txt"
        default:
            // A symlink inside the minutes folder, pointing out of it.
            let folder = target.installation.configDirectory + "/minutes"
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try FileManager.default.createSymbolicLink(atPath: folder + "/leak.md", withDestinationPath: target.path)
            minutes = "../minutes/leak.md"
        }
        try target.writeGroup(minutes: minutes)

        let check = try target.check()
        #expect(check.status == 1, "\(check.stdout)\(check.stderr)")
        let output = check.stdout + check.stderr
        #expect(output.contains("leak.yaml:9:14: error: "), "\(output)")
        #expect(output.contains("outside the folders"), "\(output)")

        _ = try await target.installation.runOnce(now: Self.dayAfter)
        #expect(!target.outboxLeaks())
    }

    @Test func aFIFOInTheMinutesFolderIsRefusedInsteadOfHangingTheDaemon() async throws {
        let target = try Target()
        defer { target.installation.cleanUp() }
        let folder = target.installation.configDirectory + "/minutes"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        #expect(mkfifo(folder + "/leak.md", 0o644) == 0)
        try target.writeGroup(minutes: "../minutes/leak.md")

        let check = try target.check()
        #expect(check.status == 1)
        #expect((check.stdout + check.stderr).contains("leak.yaml:9:14: error: "), "\(check.stdout)\(check.stderr)")
    }

    @Test func minutesLargerThanOneMegabyteAreRefusedWithTheReason() async throws {
        let target = try Target()
        defer { target.installation.cleanUp() }
        let folder = target.installation.configDirectory + "/minutes"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try String(repeating: "minutes\n", count: 200_000).write(
            toFile: folder + "/leak.md",
            atomically: true,
            encoding: .utf8
        )
        try target.writeGroup(minutes: "../minutes/leak.md")

        let check = try target.check()
        let output = check.stdout + check.stderr
        #expect(check.status == 1)
        #expect(output.contains("leak.yaml:9:14: error: "), "\(output)")
        #expect(output.contains("1 MB"), "\(output)")
    }

    @Test func nonUTF8MinutesFailTheMailingInsteadOfMailingAnEmptyBody() async throws {
        let target = try Target()
        defer { target.installation.cleanUp() }
        let folder = target.installation.configDirectory + "/minutes"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try Data([0x4d, 0x69, 0x6e, 0xff, 0xfe, 0x0a]).write(to: URL(fileURLWithPath: folder + "/leak.md"))
        try target.writeGroup(minutes: "../minutes/leak.md")

        let run = try await target.installation.runOnce(now: Self.dayAfter)
        let rows = try target.installation.ledgerRows().filter { $0.key.hasPrefix("leak/minutes/") }
        #expect(rows.map(\.state) == ["failed"], "\(run.stderr)")
        #expect(run.stderr.contains("not UTF-8"), "\(run.stderr)")
        let minutesMail = target.installation.outboxFiles().filter { $0.contains("minutes") }
        #expect(minutesMail.isEmpty, "\(minutesMail)")
    }

    @Test func aGroupNamingTheRelayPasswordFileForApprovedIsALocatedErrorAndTheSecretIsNeverMailed() async throws {
        let target = try Target()
        defer { target.installation.cleanUp() }
        try target.writeGroup(
            minutes: "../minutes/none.md",
            posting: "posting: {approved_password_file: \(target.path)}"
        )

        let check = try target.check()
        let output = check.stdout + check.stderr
        #expect(check.status == 1, "\(output)")
        #expect(output.contains("leak.yaml:10:"), "\(output)")
        #expect(output.contains("approved_password_credential"), "\(output)")

        _ = try await target.installation.runOnce(now: "2027-02-09T12:00:00Z")
        #expect(!target.outboxLeaks())
    }
}
