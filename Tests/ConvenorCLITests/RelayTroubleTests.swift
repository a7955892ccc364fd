import ConvenorTesting
import Foundation
import Testing

/// A wrong relay password is the operator's to fix, not the mailings' fault: they wait, and go once it is fixed.
@Suite struct RelayTroubleTests {
    @Test func aRefusedLoginLeavesEveryMailingWaitingAndTheyGoOnceThePasswordIsFixed() async throws {
        let relay = try await SMTPTestServer.start(listeners: ["relay": .normal])
        defer { relay.stop() }
        let installation = try RunInstallation(groups: 1, delivery: relay.deliveryYAML("relay"))
        defer { installation.cleanUp() }
        try Data("not-the-password\n".utf8).write(to: URL(fileURLWithPath: relay.passwordFile))

        let refused = try await installation.runOnce(now: "2027-02-09T12:00:00Z")
        let rows = try installation.ledgerRows()
        #expect(rows.count == 4 && rows.allSatisfy { $0.state == "deferred" }, "\(rows)\n\(refused.stderr)")
        #expect(refused.stderr.contains("failed=0"), "\(refused.stderr)")
        #expect(
            refused.stderr.contains("trouble=authentication waiting=4 [ConvenorIO] the relay cannot be used"),
            "\(refused.stderr)"
        )
        let ledger = try ConvenorBinary.run(["ledger", "--config", installation.configDirectory])
        #expect(ledger.stdout.contains("waiting: the relay refused the login (535"), "\(ledger.stdout)")
        #expect(!ledger.stdout.contains("not-the-password") && !refused.stderr.contains("not-the-password"))

        try Data((SMTPTestServer.password + "\n").utf8).write(to: URL(fileURLWithPath: relay.passwordFile))
        let fixed = try await installation.runOnce(now: "2027-02-09T12:06:00Z")
        #expect(fixed.stderr.contains("sent=4"), "\(fixed.stderr)")
        #expect(try relay.receivedMessageIDs("relay").count == 4)
    }
}
