import ConvenorTesting
import Foundation

/// A Dovecot IMAP server on 127.0.0.1 for one test, started by `Tests/Support/dovecot_returns.sh` (the same script
/// a person can run by hand) in a temporary folder and stopped by `stop()`; nothing outside the folder is touched.
struct DovecotTestServer {
    let directory: String
    let imapsPort: Int
    let starttlsPort: Int

    var caFile: String { directory + "/ca.pem" }
    var passwordFile: String { directory + "/password" }
    /// The user's INBOX Maildir: a file written to `new/` is a delivered message.
    var inbox: String { directory + "/mail/returns" }

    static var script: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Support/dovecot_returns.sh").path
    }

    static var isAvailable: Bool { FileManager.default.isExecutableFile(atPath: "/usr/sbin/dovecot") }

    static func start() throws -> DovecotTestServer {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("convenor-imap-\(UUID())").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        // The script's own waits are bounded (10 s for the listeners); `timeout` bounds the rest (the CA, a stuck
        // shell), and its output goes through files, which no daemon can hold open against us.
        let result = try Subprocess.run(
            "/usr/bin/timeout",
            ["60", "/bin/sh", script, "start", directory],
            environment: ["OWNER_PID": "\(getpid())"]
        )
        let ports = result.stdout.split(separator: "\n").compactMap { Int($0) }
        guard result.status == 0, ports.count == 2 else {
            _ = try? Subprocess.run("/usr/bin/timeout", ["30", "/bin/sh", script, "stop", directory])
            throw TestServerError(message: "dovecot did not start: \(result.stderr)")
        }
        return DovecotTestServer(directory: directory, imapsPort: ports[0], starttlsPort: ports[1])
    }

    /// Writes `text` as a delivered message, readable by the mail user (nobody when the tests run as root).
    func deliver(_ text: String, as name: String) throws {
        let path = "\(inbox)/new/\(name)"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
    }

    /// The file names in one of the user's Maildir folders (`""` is INBOX), across `cur/` and `new/`.
    func files(folder: String = "") -> [String] {
        let base = folder.isEmpty ? inbox : "\(inbox)/.\(folder)"
        return ["new", "cur"].flatMap { sub in
            ((try? FileManager.default.contentsOfDirectory(atPath: "\(base)/\(sub)")) ?? []).map { "\(sub)/\($0)" }
        }.sorted()
    }

    func stop() {
        _ = try? Subprocess.run("/usr/bin/timeout", ["30", "/bin/sh", Self.script, "stop", directory])
        try? FileManager.default.removeItem(atPath: directory)
    }
}
