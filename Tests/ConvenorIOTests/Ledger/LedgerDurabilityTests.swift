import ConvenorCore
import ConvenorIO
import ConvenorTesting
import Foundation
import GRDB
import Testing

/// The ledger on real files: WAL, synchronous=FULL, reopening after a crash, migrations, refusing newer files.
@Suite struct LedgerDurabilityTests {
    let now = LedgerFixtures.monday
    let agenda = LedgerFixtures.mailing(
        .agenda,
        due: LedgerFixtures.at(hours: -1),
        validUntil: LedgerFixtures.at(days: 7)
    )

    func withStateDirectory(_ body: (String) async throws -> Void) async throws {
        let base = try LedgerFixtures.temporaryDirectory("durability")
        defer { try? FileManager.default.removeItem(atPath: base) }
        // A state directory that does not exist yet, as on a fresh installation.
        try await body(base + "/state/convenor")
    }

    @Test func openCreatesTheDirectoryAndRunsWithWALAndSynchronousFullAgainAfterReopening() async throws {
        try await withStateDirectory { directory in
            for _ in 0..<2 {
                let ledger = try SQLiteLedger.open(directory: directory)
                let settings = try await ledger.durabilitySettings()
                #expect(settings.journalMode == "wal")
                #expect(settings.synchronous == 2)
                #expect(try await ledger.schemaVersion() == SQLiteLedger.currentSchemaVersion)
                try ledger.close()
            }
            #expect(FileManager.default.fileExists(atPath: directory + "/ledger.sqlite"))
        }
    }

    /// Why `SQLiteLedger.open` sets synchronous=FULL again after opening: GRDB's WAL set-up, which runs after
    /// `prepareDatabase`, lowers the writer to NORMAL. If GRDB stops doing that, this test tells us the extra step
    /// can go.
    @Test func grdbAloneWouldLeaveTheWriterAtSynchronousNormal() async throws {
        try await withStateDirectory { directory in
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            var configuration = Configuration()
            configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
            let pool = try DatabasePool(path: directory + "/plain.sqlite", configuration: configuration)
            let synchronous = try await pool.writeWithoutTransaction { db in
                try Int.fetchOne(db, sql: "PRAGMA synchronous")
            }
            #expect(synchronous == 1)
            try pool.close()
        }
    }

    @Test func aClaimSurvivesACrashAndThePlannerResendsIt() async throws {
        try await withStateDirectory { directory in
            do {
                // The "crash": the process goes away between claim and record; the pool is dropped unclosed.
                let ledger = try SQLiteLedger.open(directory: directory)
                let result = try await ledger.claim(agenda, messageID: "agenda.chess.2026-11@aln.example.org", now: now)
                #expect(result.allowsSend)
            }
            let reopened = try SQLiteLedger.open(directory: directory)
            #expect(try await reopened.integrityCheck())
            let entry = try #require(try await reopened.entry(for: agenda.key))
            #expect(entry.state == .claimed)
            #expect(entry.messageID == "agenda.chess.2026-11@aln.example.org")

            let plan = DeliveryPlanner.plan(due: [agenda], snapshot: try await reopened.snapshot(), now: now)
            #expect(plan.send == [PlannedSend(mailing: agenda, resumesInterruptedAttempt: true, previousAttempts: 1)])
            let again = try await reopened.claim(agenda, messageID: "agenda.chess.2026-11@aln.example.org", now: now)
            #expect(again == .claimed(again.entry, wasAlreadyClaimed: true))
            try reopened.close()
        }
    }

    @Test func reopeningKeepsRowsAndDoesNotMigrateTwice() async throws {
        try await withStateDirectory { directory in
            let first = try SQLiteLedger.open(directory: directory)
            _ = try await first.claim(agenda, messageID: "m@x", now: now)
            try await first.record(
                .delivered(reply: "250 OK"),
                for: agenda.key,
                now: now,
                policy: .standard,
                jitter: 0.5
            )
            try first.close()

            let second = try SQLiteLedger.open(directory: directory)
            #expect(try await second.schemaVersion() == SQLiteLedger.currentSchemaVersion)
            #expect(try await second.entries().map(\.state) == [.sent])
            try second.close()

            let migrations = try await DatabaseQueue(path: directory + "/ledger.sqlite").read { db in
                try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations")
            }
            #expect(
                migrations == [
                    "v1 mailing and announced_occurrence", "v2 mailing states checked by LedgerState, not a fixed list",
                    "v3 web sign-in and sessions", "v4 chair changes",
                    "v5 what came back from the list", "v6 ledger markers (first start)",
                    "v7 leader lease and fencing token",
                ]
            )
        }
    }

    @Test func aVersionOneFileKeepsItsRowsThroughTheStateListMigration() async throws {
        try await withStateDirectory { directory in
            let first = try SQLiteLedger.open(directory: directory)
            _ = try await first.claim(agenda, messageID: "m@x", now: now)
            try await first.record(
                .delivered(reply: "250 OK"),
                for: agenda.key,
                now: now,
                policy: .standard,
                jitter: 0.5
            )
            let before = try await first.entries()
            try first.close()
            // Put the file back to version 1 (the old CHECK list, the v2 row forgotten), as a v1 convenor left it.
            try await DatabaseQueue(path: directory + "/ledger.sqlite").write { db in
                try db.execute(
                    sql: """
                        CREATE TABLE mailing_v1 AS SELECT * FROM mailing;
                        DROP TABLE mailing;
                        ALTER TABLE mailing_v1 RENAME TO mailing;
                        DELETE FROM grdb_migrations WHERE identifier LIKE 'v2 %';
                        PRAGMA user_version = 1;
                        """
                )
            }
            let upgraded = try SQLiteLedger.open(directory: directory)
            #expect(try await upgraded.schemaVersion() == SQLiteLedger.currentSchemaVersion)
            #expect(try await upgraded.entries() == before)
            #expect(try await upgraded.integrityCheck())
            try upgraded.close()
        }
    }

    @Test func aFileFromANewerConvenorIsRefused() async throws {
        try await withStateDirectory { directory in
            try SQLiteLedger.open(directory: directory).close()
            try await DatabaseQueue(path: directory + "/ledger.sqlite").write { db in
                try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v2 from the future')")
            }
            #expect {
                try SQLiteLedger.open(directory: directory)
            } throws: { error in
                guard let error = error as? LedgerError, case .newerSchema(let unknown) = error.reason else {
                    return false
                }
                return unknown == ["v2 from the future"] && error.description.contains("upgrade convenor")
            }
        }
    }

    @Test func aStateDirectoryThatCannotBeCreatedIsATypedError() async throws {
        try await withStateDirectory { directory in
            let base = (directory as NSString).deletingLastPathComponent
            try FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
            // A plain file where a directory should be.
            #expect(FileManager.default.createFile(atPath: directory, contents: Data()))
            #expect {
                try SQLiteLedger.open(directory: directory)
            } throws: { error in
                guard let error = error as? LedgerError, case .directory(let path, _) = error.reason else {
                    return false
                }
                return path == directory && error.operation == "open"
            }
        }
    }

    @Test func aCorruptFileIsReportedWithSQLitesCode() async throws {
        try await withStateDirectory { directory in
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let garbage = Data(repeating: 0x5A, count: 8192)
            #expect(FileManager.default.createFile(atPath: directory + "/ledger.sqlite", contents: garbage))
            #expect {
                try SQLiteLedger.open(directory: directory)
            } throws: { error in
                // SQLITE_NOTADB (26): "file is not a database".
                (error as? LedgerError)?.sqliteCode == 26
            }
        }
    }
}
