import ConvenorTesting
import Foundation

/// A real GNU Mailman 3 core (Debian's mailman3) on 127.0.0.1 for one test, started by
/// `Tests/Support/mailman_lists.sh` (the same script a person can run by hand) in a temporary folder and stopped by
/// `stop()`: its lists `members@` (the posting address is a member) and `closed@` (it is not), `nosuch@` unknown,
/// convenor's relay in front of Mailman's LMTP and a sink behind its outgoing SMTP that files mail per recipient.
struct MailmanLists {
    static let domain = "lists.test.example.org"
    static let poster = "groups@test.example.org"
    static let members = ["member.one@members.test.example.org", "member.two@members.test.example.org"]

    let directory: String
    let frontPort: Int

    var caFile: String { directory + "/ca.pem" }
    var passwordFile: String { directory + "/password" }
    /// The posting address's Maildir: what comes back to convenor (`returns:` points here).
    var returnsMaildir: String { mailbox(Self.poster) }

    /// Its own waits are bounded (60 s for the listeners: Mailman's runners each import the whole of Mailman).
    static let script = ServerScript("mailman_lists.sh", startSeconds: 120, stopSeconds: 60)

    static func start() throws -> MailmanLists {
        let (directory, result) = try script.start(folderPrefix: "convenor-mailman")
        let ports = Dictionary(
            result.stdout.split(separator: "\n").compactMap { line -> (String, Int)? in
                let parts = line.split(separator: "=")
                guard parts.count == 2, let port = Int(parts[1]) else { return nil }
                return (String(parts[0]), port)
            },
            uniquingKeysWith: { first, _ in first }
        )
        guard result.status == 0, let front = ports["front"] else {
            script.stop(directory, removingFolder: false)
            throw RunTestFailure("Mailman did not start (status \(result.status)): \(result.stderr)")
        }
        return MailmanLists(directory: directory, frontPort: front)
    }

    /// The Maildir the sink files `address`'s mail in.
    func mailbox(_ address: String) -> String { "\(directory)/mailboxes/\(address.lowercased())" }

    /// The messages in `address`'s Maildir (`new/` and `cur/`, and the Maildir++ sub-folders convenor moves
    /// understood mail to), oldest first.
    func messages(_ address: String) -> [String] {
        let base = mailbox(address)
        let folders =
            [base]
            + ((try? FileManager.default.contentsOfDirectory(atPath: base)) ?? []).filter { $0.hasPrefix(".") }.map {
                "\(base)/\($0)"
            }
        return folders.flatMap { folder in
            ["new", "cur"].flatMap { sub in
                ((try? FileManager.default.contentsOfDirectory(atPath: "\(folder)/\(sub)")) ?? []).map {
                    "\(folder)/\(sub)/\($0)"
                }
            }
        }.sorted { ($0 as NSString).lastPathComponent < ($1 as NSString).lastPathComponent }
            .compactMap { try? String(contentsOfFile: $0, encoding: .utf8) }
    }

    /// Waits (polling every 100 ms, at most `timeout`) until `address` has at least `count` messages matching
    /// `where`; returns how long that took, or nil when it did not happen in time.
    func waitFor(
        _ address: String,
        count: Int = 1,
        timeout: Duration = .seconds(60),
        where matches: (String) -> Bool = { _ in true }
    ) async -> Duration? {
        let start = ContinuousClock.now
        while ContinuousClock.now - start < timeout {
            if messages(address).filter(matches).count >= count { return ContinuousClock.now - start }
            await Self.pause(milliseconds: 100)
        }
        return nil
    }

    /// The relay's and Mailman's logs, for a failed expectation's message.
    var logs: String {
        ["relay.log", "var/logs/mailman.log", "var/logs/smtp.log", "master.out"].map { name in
            "--- \(name)\n" + ((try? String(contentsOfFile: "\(directory)/\(name)", encoding: .utf8)) ?? "")
        }.joined(separator: "\n")
    }

    /// The `delivery:` block that posts through the relay in front of Mailman.
    var deliveryYAML: String {
        """
        transport: smtp
          smtp:
            url: smtp://127.0.0.1:\(frontPort)
            username: convenor
            password_file: \(passwordFile)
            ca_file: \(caFile)
            connect_timeout: 10 seconds
            response_timeout: 10 seconds
        """
    }

    func stop() { Self.script.stop(directory) }

    /// A pause on a Dispatch timer, so a waiting test does not hold a cooperative thread.
    static func pause(milliseconds: Int) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(milliseconds)) { continuation.resume() }
        }
    }
}
