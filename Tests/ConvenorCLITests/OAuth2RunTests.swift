import ConvenorTesting
import Foundation
import Testing

/// `convenor run --once` with `smtp.oauth2`, the built binary against the HTTPS token endpoint and the XOAUTH2-only
/// relay: mail goes out with fetched tokens, and neither the client secret nor a token lands in the log, the
/// ledger or the outbox, whether the token request succeeds or is refused.
@Suite struct OAuth2RunTests {
    /// Every file under the installation's state and outbox folders, as bytes read whole (the SQLite file, its WAL).
    static func storedBytes(_ installation: RunInstallation) -> [String: Data] {
        var stored: [String: Data] = [:]
        for folder in [installation.directory + "/state", installation.outbox] {
            let names = (try? FileManager.default.subpathsOfDirectory(atPath: folder)) ?? []
            for name in names {
                if let data = FileManager.default.contents(atPath: folder + "/" + name) { stored[name] = data }
            }
        }
        return stored
    }

    /// The client secret's first seven characters: a copy cut short is a leak too.
    static let secretStart = String(SMTPTestServer.clientSecret.prefix(7))

    static func leaks(_ text: String) -> Bool {
        text.contains(SMTPTestServer.clientSecret) || text.contains("cnv1.") || text.contains(secretStart)
    }

    static func leaks(_ data: Data) -> Bool {
        [Data(SMTPTestServer.clientSecret.utf8), Data("cnv1.".utf8), Data(secretStart.utf8)].contains {
            data.range(of: $0) != nil
        }
    }

    @Test func runOnceSendsEveryMailingWithAFetchedTokenAndNoSecretIsStoredOrLogged() async throws {
        let relay = try await SMTPTestServer.start(listeners: ["relay": .xoauth2], oauth2: true)
        defer { relay.stop() }
        let installation = try RunInstallation(
            groups: 2,
            delivery: relay.oauth2DeliveryYAML("relay", endpoint: "ok-3600")
        )
        defer { installation.cleanUp() }

        let result = try await installation.runOnce(now: "2027-02-09T12:00:00Z")

        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("sent=8"), "\(result.stderr)")
        let ids = try relay.receivedMessageIDs("relay")
        #expect(ids.count == 8 && Set(ids).count == 8)
        #expect(try relay.tokenRequests().count == 1)
        let stored = Self.storedBytes(installation)
        #expect(stored.keys.contains { $0.hasSuffix(".sqlite") })
        #expect(!Self.leaks(result.stdout + result.stderr))
        #expect(stored.values.allSatisfy { !Self.leaks($0) })
    }

    @Test func aRefusedClientSendsNothingAndTheLogSaysWhyWithoutTheSecret() async throws {
        let relay = try await SMTPTestServer.start(listeners: ["relay": .xoauth2], oauth2: true)
        defer { relay.stop() }
        let installation = try RunInstallation(
            groups: 1,
            delivery: relay.oauth2DeliveryYAML("relay", endpoint: "invalid-client")
        )
        defer { installation.cleanUp() }

        let result = try await installation.runOnce(now: "2027-02-09T12:00:00Z")

        #expect(result.stderr.contains("invalid_client: AADSTS7000215"), "\(result.stderr)")
        #expect(result.stderr.contains("SMTP.SendAsApp"))
        #expect(try relay.receivedMessageIDs("relay").isEmpty)
        #expect(try installation.ledgerRows().allSatisfy { $0.state != "sent" })
        // The operator alert goes through the same relay, so it cannot be sent either; the log says so.
        #expect(result.stderr.contains("the operator alert could not be sent"))
        #expect(!Self.leaks(result.stdout + result.stderr))
        #expect(Self.storedBytes(installation).values.allSatisfy { !Self.leaks($0) })
    }
}
