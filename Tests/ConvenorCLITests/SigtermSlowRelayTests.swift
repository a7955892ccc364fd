import ConvenorTesting
import Foundation
import Testing

/// SIGTERM while the relay takes 30 s to answer DATA: convenor stops within OPERATOR.md's 10 s, leaves no row
/// claimed, records the message in flight as "outcome unknown" (the dot went out; the relay may have it) and
/// releases the rest of the batch, which it starts no more.
@Suite struct SigtermSlowRelayTests {
    @Test func sigtermWhileTheRelaySitsOnDataStopsWithinTenSecondsWithNoClaimLeft() async throws {
        let relay = try await SMTPTestServer.start(listeners: ["slow": .slowData], slowDataSeconds: 30)
        defer { relay.stop() }
        let installation = try RunInstallation(groups: 1, delivery: relay.deliveryYAML("slow"))
        defer { installation.cleanUp() }
        let daemon = try installation.startDaemon(
            now: "2027-02-09T12:00:00Z",
            extraArguments: ["--log-level", "debug"]
        )
        defer { daemon.stop() }
        #expect(await daemon.waitForLog("prepared", count: 4), "\(daemon.log)")
        // Signal only once the first message is on the wire: the relay logs it at the final dot, then sits 30 s
        // before it answers (polled every 50 ms, at most 30 s).
        let onTheWire = ContinuousClock.now + .seconds(30)
        while try relay.receivedMessageIDs("slow").isEmpty {
            try #require(ContinuousClock.now < onTheWire, "the relay saw no message within 30 s: \(daemon.log)")
            try await Task.sleep(for: .milliseconds(50))
        }

        let signalled = ContinuousClock.now
        daemon.signal(SIGTERM)
        let elapsed = await daemon.waitForExit(timeout: .seconds(30))
        let stop = ContinuousClock.now - signalled

        try #require(elapsed != nil, "\(daemon.log)")
        #expect(stop < .seconds(10), "\(stop): \(daemon.log)")
        #expect(daemon.process.terminationStatus == 0, "\(daemon.log)")
        let rows = try installation.ledgerRows()
        #expect(rows.count == 4 && rows.allSatisfy { $0.state != "claimed" }, "\(rows)")
        #expect(daemon.log.contains("outcome unknown"), "\(daemon.log)")
        // The one on the wire waits for its retry; the three SIGTERM kept from starting are released, due at once.
        #expect(rows.map(\.state).sorted() == ["deferred", "scheduled", "scheduled", "scheduled"], "\(rows)")
        print("SIGTERM on a relay answering DATA after 30 s: stopped in \(stop), rows \(rows.map(\.state))")
    }
}
