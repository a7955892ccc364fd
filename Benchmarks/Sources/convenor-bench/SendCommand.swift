import ConvenorCore
import ConvenorIO
import Foundation

/// `convenor-bench send DIR URL CA PASSWORD_FILE`: every `*.eml` in DIR through one `SMTPTransport` batch.
///
/// This is the daemon's sending path without the schedule and ledger around it: one connection, one STARTTLS and
/// one AUTH for the whole batch (`rate_per_minute: 0`). The runner times the whole process, start-up included, so
/// the figure compares fairly with one curl process per message.
enum SendCommand {
    static func run(_ arguments: [String]) async -> Int32 {
        guard arguments.count == 4 else {
            print("usage: convenor-bench send DIR URL CA PASSWORD_FILE")
            return 2
        }
        let (directory, url, caFile, passwordFile) = (arguments[0], arguments[1], arguments[2], arguments[3])
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
            .filter { $0.hasSuffix(".eml") }.sorted()
        let messages = names.compactMap { name -> OutboundMessage? in
            guard let data = FileManager.default.contents(atPath: directory + "/" + name) else { return nil }
            return OutboundMessage(
                envelopeFrom: "groups@aln.example.org", recipients: ["list@example.ac.uk"],
                messageID: String(name.dropLast(4)), data: [UInt8](data))
        }
        let settings = SMTPSettings(
            url: url, username: "convenor@example.ac.uk", password: .file(passwordFile), caFile: caFile,
            connectTimeoutSeconds: 10, responseTimeoutSeconds: 30)
        let transport = SMTPTransport(settings: settings, secrets: SecretReader(credentialsDirectory: nil))
        let outcomes = await transport.deliver(messages)
        let delivered = outcomes.filter(\.isDelivered).count
        print("delivered \(delivered) of \(messages.count)")
        if let failure = outcomes.first(where: { !$0.isDelivered }) {
            print("first failure: \(failure)")
        }
        return delivered == messages.count && !messages.isEmpty ? 0 : 1
    }
}
