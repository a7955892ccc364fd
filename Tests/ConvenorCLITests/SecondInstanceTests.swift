import ConvenorTesting
import Foundation
import Testing

/// One daemon per ledger: a second `convenor run` on the same state folder would send every mailing again.
@Suite struct SecondInstanceTests {
    @Test func aSecondDaemonOnTheSameStateFolderExitsAtOnceNamingTheFirst() async throws {
        let installation = try RunInstallation()
        defer { installation.cleanUp() }
        let first = try installation.startDaemon(now: "2027-02-09T12:00:00Z")
        defer { first.stop() }
        #expect(await first.waitForLog("] sent", count: 4), "\(first.log)")

        let second = try installation.startDaemon(now: "2027-02-09T12:00:00Z")
        defer { second.stop() }
        let elapsed = await second.waitForExit(timeout: .seconds(10))

        try #require(elapsed != nil, "the second daemon kept running beside the first: \(second.log)")
        #expect(second.process.terminationStatus == 1, "\(second.log)")
        #expect(second.log.contains("another convenor (pid \(first.pid)) is using "), "\(second.log)")
        // Read-only commands keep working beside the running daemon.
        let ledger = try ConvenorBinary.run(["ledger", "--config", installation.configDirectory])
        #expect(ledger.status == 0, "\(ledger.stderr)")
        #expect(first.process.isRunning)
    }

    @Test func twoRunOnceAtTheSameMomentSendEachMailingOnce() async throws {
        let relay = try await SMTPTestServer.start(listeners: ["slow": .slowData], slowDataSeconds: 0.3)
        defer { relay.stop() }
        let installation = try RunInstallation(groups: 2, delivery: relay.deliveryYAML("slow"))
        defer { installation.cleanUp() }

        async let first = installation.runOnce(now: "2027-02-09T12:00:00Z")
        async let second = installation.runOnce(now: "2027-02-09T12:00:00Z")
        let results = try await [first, second]

        let ids = try relay.receivedMessageIDs("slow")
        #expect(ids.count == 8 && Set(ids).count == 8, "\(results.map(\.stderr))")
        // Normally the second finds the first at work and exits 1; on a loaded machine it may start after the first
        // finished, and then sends nothing.
        for result in results where result.status != 0 {
            #expect(result.status == 1 && result.stderr.contains("another convenor (pid "), "\(result.stderr)")
        }
    }
}
