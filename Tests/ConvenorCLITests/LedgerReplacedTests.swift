import Foundation
import Testing

/// A ledger deleted or replaced under the running daemon stops the sending; it never starts over on a fresh ledger.
@Suite struct LedgerReplacedTests {
    @Test(arguments: ["deleted", "replaced"])
    func theDaemonNoticesAtTheNextReloadAlertsAndSendsNothingMore(what: String) async throws {
        let installation = try RunInstallation()
        defer { installation.cleanUp() }
        let daemon = try installation.startDaemon(now: "2027-02-09T12:00:00Z")
        defer { daemon.stop() }
        #expect(await daemon.waitForLog("] sent", count: 4), "\(daemon.log)")
        let modes = try [installation.directory + "/state", installation.outbox].map {
            try FileManager.default.attributesOfItem(atPath: $0)[.posixPermissions] as? Int
        }
        #expect(modes == [0o700, 0o700])

        let state = installation.directory + "/state"
        for suffix in ["", "-wal", "-shm"] {
            try? FileManager.default.removeItem(atPath: installation.ledgerPath + suffix)
        }
        if what == "replaced" {
            // An empty ledger (as a restore of the wrong backup would leave) at the same path.
            let other = try RunInstallation()
            defer { other.cleanUp() }
            _ = try await other.runOnce(now: "2026-01-05T12:00:00Z")
            try FileManager.default.copyItem(atPath: other.ledgerPath, toPath: installation.ledgerPath)
        }
        daemon.signal(SIGHUP)

        #expect(
            await daemon.waitForLog("the ledger was \(what == "deleted" ? "deleted" : "replaced")"),
            "\(daemon.log)"
        )
        #expect(await daemon.waitForLog("operator alerted about the ledger"), "\(daemon.log)")
        let mail = installation.outboxFiles()
        #expect(mail.filter { !$0.contains("convenor-alert") }.count == 4, "\(mail)")
        #expect(mail.filter { $0.contains("convenor-alert") }.count == 1, "\(mail)")
        #expect(FileManager.default.fileExists(atPath: state + "/ledger.sqlite") == (what == "replaced"))
        #expect(daemon.process.isRunning)
    }
}
