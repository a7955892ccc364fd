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

    /// Its own waits are bounded (10 s for the listeners).
    static let script = ServerScript("dovecot_returns.sh", startSeconds: 60, stopSeconds: 30)

    static var isAvailable: Bool { FileManager.default.isExecutableFile(atPath: "/usr/sbin/dovecot") }

    static func start() throws -> DovecotTestServer {
        let (directory, result) = try script.start(folderPrefix: "convenor-imap")
        let ports = result.stdout.split(separator: "\n").compactMap { Int($0) }
        guard result.status == 0, ports.count == 2 else {
            script.stop(directory, removingFolder: false)
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

    func stop() { Self.script.stop(directory) }
}
