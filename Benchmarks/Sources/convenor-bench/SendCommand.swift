import ConvenorCore
import ConvenorIO
import Foundation

/// `convenor-bench send DIR URL CA SECRET_FILE [TOKEN_URL CLIENT_ID]`: every `*.eml` in DIR through one
/// `SMTPTransport` batch, logging in with the password in SECRET_FILE, or (with TOKEN_URL and CLIENT_ID) with an
/// XOAUTH2 token the transport fetches from TOKEN_URL using the client secret in SECRET_FILE.
///
/// This is the daemon's sending path without the schedule and ledger around it: one connection, one STARTTLS and
/// one AUTH for the whole batch (`rate_per_minute: 0`). The runner times the whole process, start-up included, so
/// the figure compares fairly with one curl process per message.
enum SendCommand {
    static func run(_ arguments: [String]) async -> Int32 {
        guard arguments.count == 4 || arguments.count == 6 else {
            print("usage: convenor-bench send DIR URL CA SECRET_FILE [TOKEN_URL CLIENT_ID]")
            return 2
        }
        let (directory, url, caFile, secretFile) = (arguments[0], arguments[1], arguments[2], arguments[3])
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
            .filter { $0.hasSuffix(".eml") }.sorted()
        let messages = names.compactMap { name -> OutboundMessage? in
            guard let data = FileManager.default.contents(atPath: directory + "/" + name) else { return nil }
            return OutboundMessage(
                envelopeFrom: "groups@aln.example.org",
                recipients: ["list@example.ac.uk"],
                messageID: String(name.dropLast(4)),
                data: [UInt8](data)
            )
        }
        let oauth2 =
            arguments.count == 6
            ? OAuth2Settings(tokenURL: arguments[4], clientID: arguments[5], clientSecret: .file(secretFile)) : nil
        let settings = SMTPSettings(
            url: url,
            username: "convenor@example.ac.uk",
            password: oauth2 == nil ? .file(secretFile) : nil,
            oauth2: oauth2,
            caFile: caFile,
            connectTimeoutSeconds: 10,
            responseTimeoutSeconds: 30
        )
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
