import ConvenorCore
import ConvenorIO
import ConvenorTesting
import Foundation
import Testing

/// Mailman's moderator password is a credential the installation declares: read from `secrets_dir` like the SMTP
/// password (owner-only files, one trailing newline dropped) or from `$CREDENTIALS_DIRECTORY`.
@Suite struct ListApprovalSecretTests {
    static func group(credential: String?) -> Group {
        var group = ConfigFixtures.customerServicesCoP()
        group.posting = PostingProfile(approvedPasswordCredential: credential)
        return group
    }

    /// An installation whose `secrets_dir` is `directory` and which offers `approved` to groups.
    static func installation(secretsDirectory: String?, declared: Set<String> = ["approved"]) -> Installation {
        var installation = ConfigFixtures.installation()
        installation.secretsDirectory = secretsDirectory
        installation.groupCredentials = declared
        return installation
    }

    static func file(_ contents: String, mode: Int) throws -> (directory: URL, path: String) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "convenor-approved-\(UUID().uuidString)"
        )
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("approved").path
        try Data(contents.utf8).write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
        return (directory, path)
    }

    @Test func anOwnerOnlyFileGivesThePassword() throws {
        let (directory, _) = try Self.file("list-moderator-pw\n", mode: 0o600)
        defer { try? FileManager.default.removeItem(at: directory) }
        let reader = SecretReader(credentialsDirectory: nil)
        let installation = Self.installation(secretsDirectory: directory.path)
        #expect(
            try reader.listApproval(for: Self.group(credential: "approved"), installation: installation)
                == .password("list-moderator-pw")
        )
    }

    @Test func aFileOthersCanReadIsRefused() throws {
        let (directory, path) = try Self.file("list-moderator-pw\n", mode: 0o644)
        defer { try? FileManager.default.removeItem(at: directory) }
        let reader = SecretReader(credentialsDirectory: nil)
        #expect(throws: SecretError(path: path, problem: .readableByOthers(mode: 0o644))) {
            try reader.listApproval(
                for: Self.group(credential: "approved"),
                installation: Self.installation(secretsDirectory: directory.path)
            )
        }
    }

    @Test func aGroupWithoutAModeratorPasswordNeedsNone() throws {
        let reader = SecretReader(credentialsDirectory: nil)
        #expect(
            try reader.listApproval(
                for: Self.group(credential: nil),
                installation: Self.installation(secretsDirectory: nil)
            ) == nil
        )
    }

    @Test func aSystemdCredentialIsReadFromTheCredentialsDirectory() throws {
        let (directory, _) = try Self.file("from-systemd\n", mode: 0o444)
        defer { try? FileManager.default.removeItem(at: directory) }
        let reader = SecretReader(credentialsDirectory: directory.path)
        #expect(
            try reader.listApproval(
                for: Self.group(credential: "approved"),
                installation: Self.installation(secretsDirectory: nil)
            )
                == .password("from-systemd")
        )
    }

    @Test func anUndeclaredCredentialIsNeverReadEvenIfTheParserWasBypassed() throws {
        let (directory, _) = try Self.file("relay-password\n", mode: 0o600)
        defer { try? FileManager.default.removeItem(at: directory) }
        let reader = SecretReader(credentialsDirectory: directory.path)
        #expect(throws: SecretError(path: "approved", problem: .undeclaredCredential("approved"))) {
            try reader.listApproval(
                for: Self.group(credential: "approved"),
                installation: Self.installation(secretsDirectory: nil, declared: ["other"])
            )
        }
    }
}
