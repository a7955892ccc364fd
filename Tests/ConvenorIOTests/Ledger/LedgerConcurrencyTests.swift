import ConvenorCore
import ConvenorIO
import ConvenorTesting
import Foundation
import GRDB
import Testing

/// Two openers of one file (the daemon and `convenor ledger retry`), and writes that fail.
@Suite struct LedgerConcurrencyTests {
    let now = LedgerFixtures.monday

    func mailing(_ number: Int, group: String) -> Mailing {
        LedgerFixtures.mailing(
            .agenda,
            group: group,
            occurrence: String(format: "2026-%02d", number % 12 + 1),
            revision: number / 12,
            due: LedgerFixtures.at(hours: -1),
            validUntil: LedgerFixtures.at(days: 7)
        )
    }

    @Test func twoLedgersOnOneFileWriteConcurrentlyWithoutLosingAClaim() async throws {
        let directory = try LedgerFixtures.temporaryDirectory("two-openers")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let daemon = try SQLiteLedger.open(directory: directory)
        let operatorTool = try SQLiteLedger.open(directory: directory)
        let now = self.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (name, ledger) in [("daemon", daemon), ("cli", operatorTool)] {
                group.addTask {
                    for number in 0..<40 {
                        let item = mailing(number, group: name)
                        _ = try await ledger.claim(item, messageID: "\(item.key)@x", now: now)
                        try await ledger.record(
                            .delivered(reply: "250"),
                            for: item.key,
                            now: now,
                            policy: .standard,
                            jitter: 0.5
                        )
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(try await daemon.entries(state: .sent).count == 80)
        #expect(try await operatorTool.entries(group: "daemon").count == 40)
        #expect(try await daemon.integrityCheck())
        try daemon.close()
        try operatorTool.close()
    }

    @Test func aClaimThatCannotBeWrittenThrowsAndChangesNothing() async throws {
        let directory = try LedgerFixtures.temporaryDirectory("failing-write")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let item = mailing(0, group: "chess")
        let ledger = try SQLiteLedger.open(directory: directory)
        _ = try await ledger.claim(item, messageID: "m@x", now: now)
        try await ledger.record(.temporary(reason: "451"), for: item.key, now: now, policy: .standard, jitter: 0.5)
        // Simulate a write the disk refuses (running as root defeats chmod, so a trigger aborts instead).
        try await DatabaseQueue(path: directory + "/" + SQLiteLedger.fileName).write { db in
            try db.execute(
                sql: """
                    CREATE TRIGGER refuse_update BEFORE UPDATE ON mailing
                    BEGIN SELECT RAISE(ABORT, 'disk says no'); END
                    """
            )
        }
        // The daemon sends only after `claim` returns `.claimed`; here it throws, so nothing is sent.
        await #expect {
            _ = try await ledger.claim(item, messageID: "m@x", now: now)
        } throws: { error in
            guard let error = error as? LedgerError else { return false }
            // SQLITE_CONSTRAINT_TRIGGER = SQLITE_CONSTRAINT | (7 << 8).
            return error.sqliteCode == 1811 && error.operation == "claim \(item.key)"
                && error.description.contains("disk says no")
        }
        let entry = try #require(try await ledger.entry(for: item.key))
        #expect(entry.state == .deferred)
        #expect(entry.attempts == 1)
        try ledger.close()
    }
}
