import ConvenorCore
import ConvenorIO
import Foundation
import Testing

/// Secrets come from owner-only files or systemd credentials, lose one trailing newline, and never print.
@Suite struct SecretReaderTests {
    let directory: String

    init() {
        directory =
            FileManager.default.temporaryDirectory.appendingPathComponent("convenor-secrets-\(UUID().uuidString)").path
    }

    /// Writes a file into this test's own directory (created on first use; each test removes it).
    func file(_ name: String, _ contents: String, mode: Int = 0o600) throws -> String {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = directory + "/" + name
        try Data(contents.utf8).write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
        return path
    }

    @Test(
        arguments: [
            ("hunter2-long\n", "hunter2-long"), ("hunter2-long\r\n", "hunter2-long"), ("no newline", "no newline"),
            ("ends in two\n\n", nil),
        ] as [(String, String?)]
    )
    func ownerOnlyFileIsReadWithoutItsTrailingNewline(contents: String, expected: String?) throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = try file("password", contents)
        let reader = SecretReader(credentialsDirectory: nil)
        if let expected {
            #expect(try reader.read(.file(path)).unredacted == expected)
        } else {
            #expect(throws: SecretError(path: path, problem: .malformed("has more than one line"))) {
                try reader.read(.file(path))
            }
        }
    }

    @Test(arguments: [0o644, 0o640, 0o604, 0o660])
    func fileOthersCanReadIsRefusedWithTheChmodFix(mode: Int) throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = try file("password", "secret-value\n", mode: mode)
        let error = #expect(throws: SecretError.self) { try SecretReader(credentialsDirectory: nil).read(.file(path)) }
        #expect(error?.problem == .readableByOthers(mode: UInt32(mode)))
        #expect(
            error?.description
                == "refusing to read \(path): group or others can read it (mode 0\(String(mode, radix: 8))); run `chmod 600 \(path)`"
        )
    }

    @Test func missingFileErrorNamesTheFile() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/absent"
        let error = #expect(throws: SecretError.self) { try SecretReader(credentialsDirectory: nil).read(.file(path)) }
        #expect(error?.description == "cannot read \(path): open failed: No such file or directory (errno 2)")
    }

    @Test func emptyFileIsRefused() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = try file("password", "\n")
        #expect(throws: SecretError(path: path, problem: .empty)) {
            try SecretReader(credentialsDirectory: nil).read(.file(path))
        }
    }

    @Test func credentialIsReadFromTheCredentialsDirectory() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // systemd's credentials are the service's business: their mode is not checked.
        _ = try file("smtp-password", "from-systemd\n", mode: 0o444)
        let reader = SecretReader(credentialsDirectory: directory)
        #expect(try reader.read(.credential("smtp-password")).unredacted == "from-systemd")
    }

    @Test func credentialWithoutCredentialsDirectoryExplainsLoadCredential() {
        let error = #expect(throws: SecretError.self) {
            try SecretReader(credentialsDirectory: nil).read(.credential("smtp-password"))
        }
        #expect(error?.description.contains("LoadCredential=smtp-password:FILE") == true)
    }

    @Test(arguments: ["../etc/shadow", "a/b", "..", ""])
    func credentialNameMustBeAPlainFileName(name: String) {
        #expect(throws: SecretError(path: name, problem: .invalidCredentialName(name))) {
            try SecretReader(credentialsDirectory: "/run/credentials/convenor.service").read(.credential(name))
        }
    }

    @Test func secretNeverPrintsItself() {
        let secret = Secret("correct-horse-battery")
        var dumped = ""
        dump(secret, to: &dumped)
        let printed = ["\(secret)", String(reflecting: secret), dumped, "\([secret])", "\(Optional(secret) as Any)"]
        #expect(printed.allSatisfy { !$0.contains("correct-horse") })
        #expect("\(secret)" == "<redacted>")
        #expect(secret.redacting("a correct-horse-battery b") == "a <redacted> b")
    }
}
