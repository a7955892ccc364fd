import ConvenorTesting
import Foundation
import Testing

/// `kill -9` at random moments while `convenor run --once` talks to a relay that is slow to answer DATA, then
/// restarts until everything went out: nothing lost, duplicates only with the same Message-ID, the ledger intact.
@Suite struct RunCrashTests {
    /// Three rounds of 24 mailings (6 groups): announcements, calls for agenda, agendas.
    static let rounds = ["2027-02-09T12:00:00Z", "2027-02-16T12:00:00Z", "2027-03-01T12:00:00Z"]

    /// The kill moments come from `seed` (printed in every failure), so a failing run's moments can be replayed; how
    /// far the run had got at each moment still depends on the machine's speed.
    @Test(arguments: [13] as [UInt64])
    func killNineAtRandomMomentsLosesNothingAndDuplicatesOnlyWithTheSameMessageID(seed: UInt64) async throws {
        var generator = SeededGenerator(seed: seed)
        let relay = try await SMTPTestServer.start(listeners: ["slow": .slowData], slowDataSeconds: 0.15)
        defer { relay.stop() }
        let installation = try RunInstallation(groups: 6, delivery: relay.deliveryYAML("slow"))
        defer { installation.cleanUp() }

        var kills = 0
        var runs = 0
        var integrityFailures: [String] = []
        for (index, now) in Self.rounds.enumerated() {
            let expected = 24 * (index + 1)
            var done = false
            while !done && runs < 150 {
                runs += 1
                let process = try RunningDaemon(
                    arguments: ["run", "--once", "--config", installation.configDirectory, "--now", now],
                    logPath: installation.directory + "/run-\(runs).log"
                )
                defer { process.stop() }
                // Until the round has had its share of kills, kill at a random moment; then let a run finish.
                if kills < 7 * (index + 1) {
                    try await Task.sleep(for: .milliseconds(Int.random(in: 50...700, using: &generator)))
                    if process.process.isRunning {
                        process.signal(SIGKILL)
                        process.process.waitUntilExit()
                        kills += 1
                        // A kill before the first run created the state folder leaves no ledger to check (on a loaded
                        // machine start-up alone can take longer than the earliest kill).
                        if FileManager.default.fileExists(atPath: installation.ledgerPath) {
                            let check = try installation.integrityCheck()
                            if check != "ok" { integrityFailures.append(check) }
                        }
                        continue
                    }
                }
                guard await process.waitForExit(timeout: .seconds(30)) != nil else {
                    Issue.record("seed \(seed): run --once did not finish within 30 s: \(process.log)")
                    return
                }
                #expect(process.process.terminationStatus == 0, "seed \(seed): \(process.log)")
                let rows = try installation.ledgerRows()
                done = rows.count == expected && rows.allSatisfy { $0.state == "sent" }
            }
            #expect(done, "seed \(seed): round \(now) did not complete in \(runs) runs")
        }

        let rows = try installation.ledgerRows()
        let ledgerIDs = Set(rows.map { "Message-ID: <\($0.messageID)>" })
        let received = try relay.receivedMessageIDs("slow")
        let duplicates = received.count - Set(received).count
        print(
            "kill -9 (seed \(seed)): \(kills) kills in \(runs) runs; \(rows.count) mailings, "
                + "\(Set(received).count) delivered, \(duplicates) duplicates (same Message-ID); integrity_check ok after every kill: "
                + "\(integrityFailures.isEmpty)"
        )
        #expect(kills >= 20, "seed \(seed)")
        #expect(integrityFailures.isEmpty, "seed \(seed): \(integrityFailures)")
        #expect(try installation.integrityCheck() == "ok", "seed \(seed)")
        #expect(rows.count == 72 && rows.allSatisfy { $0.state == "sent" }, "seed \(seed): \(rows.map(\.state))")
        // Every mailing arrived, under the one Message-ID the ledger holds for it, and nothing else arrived.
        #expect(Set(received) == ledgerIDs, "seed \(seed)")
        #expect(ledgerIDs.count == 72, "seed \(seed)")
    }
}
