import ConvenorCore
import ConvenorIO
import ConvenorTesting
import Foundation
import Testing

/// The daemon reads a list's moderator password at send time and puts it in `Approved:` on list posts only.
@Suite struct DeliveryPassApprovalTests {
    /// Answers every secret with a fixed value, or fails as an unreadable file would.
    struct FixedSecrets: SecretReading {
        var value: String?

        func read(_ source: SecretSource) throws(SecretError) -> Secret {
            guard let value else {
                throw SecretError(path: "/etc/convenor/moderator", problem: .readableByOthers(mode: 0o644))
            }
            return Secret(value)
        }
    }

    static func moderatedConfiguration(_ fixture: DaemonFixture, transport: any MailTransport) -> DaemonConfiguration {
        var config = fixture.config
        config.installation.groupCredentials = ["moderator"]
        config.groups = config.groups.map { group in
            var group = group
            group.posting = PostingProfile(from: nil, approvedPasswordCredential: "moderator")
            return group
        }
        return DaemonConfiguration(config: config, renderer: fixture.renderer, transport: transport)
    }

    @Test func listPostsCarryTheModeratorPasswordReadAtSendTime() async throws {
        let fixture = try DaemonFixture()
        defer { fixture.cleanUp() }
        let transport = RecordingTransport()
        var pass = fixture.pass()
        pass.secrets = FixedSecrets(value: "mod-s3cret")
        fixture.clock.set("2027-02-09T12:00:00Z")

        let result = await pass.run(Self.moderatedConfiguration(fixture, transport: transport))

        #expect(result.sent == 4)
        for message in transport.messages {
            #expect(String(decoding: message.data, as: UTF8.self).contains("\r\nApproved: mod-s3cret\r\n"))
        }
        #expect(!fixture.logs.all.joined(separator: "\n").contains("mod-s3cret"))
    }

    @Test func anUnreadableModeratorPasswordFailsTheMailingInsteadOfPostingUnapproved() async throws {
        let fixture = try DaemonFixture()
        defer { fixture.cleanUp() }
        let transport = RecordingTransport()
        var pass = fixture.pass()
        pass.secrets = FixedSecrets(value: nil)
        fixture.clock.set("2027-02-09T12:00:00Z")

        let result = await pass.run(Self.moderatedConfiguration(fixture, transport: transport))

        // Nothing went to the list; the operator got the alert that says what to fix.
        #expect(transport.messages.map(\.recipients) == [[fixture.config.installation.operatorAddress]])
        #expect(result.failed == 4)
        let entry = try #require(
            try await fixture.ledger.entries(state: .failed).first
        )
        #expect(entry.lastError?.contains("moderator password cannot be read") == true)
    }
}
