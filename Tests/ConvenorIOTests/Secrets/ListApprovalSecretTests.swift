import ConvenorCore
import ConvenorIO
import ConvenorTesting
import Foundation
import Testing

/// Mailman's moderator password is read like the SMTP one: owner-only files, one trailing newline dropped.
@Suite struct ListApprovalSecretTests {
    static func group(password: SecretSource?) -> Group {
        var group = ConfigFixtures.customerServicesCoP()
        group.posting = PostingProfile(approvedPassword: password)
        return group
    }

    static func file(_ contents: String, mode: Int) throws -> (directory: URL, path: String) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "convenor-approved-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("approved").path
        try Data(contents.utf8).write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
        return (directory, path)
    }

    @Test func anOwnerOnlyFileGivesThePassword() throws {
        let (directory, path) = try Self.file("list-moderator-pw\n", mode: 0o600)
        defer { try? FileManager.default.removeItem(at: directory) }
        let reader = SecretReader(credentialsDirectory: nil)
        #expect(try reader.listApproval(for: Self.group(password: .file(path))) == .password("list-moderator-pw"))
    }

    @Test func aFileOthersCanReadIsRefused() throws {
        let (directory, path) = try Self.file("list-moderator-pw\n", mode: 0o644)
        defer { try? FileManager.default.removeItem(at: directory) }
        let reader = SecretReader(credentialsDirectory: nil)
        #expect(throws: SecretError(path: path, problem: .readableByOthers(mode: 0o644))) {
            try reader.listApproval(for: Self.group(password: .file(path)))
        }
    }

    @Test func aGroupWithoutAModeratorPasswordNeedsNone() throws {
        let reader = SecretReader(credentialsDirectory: nil)
        #expect(try reader.listApproval(for: Self.group(password: nil)) == nil)
    }
}
