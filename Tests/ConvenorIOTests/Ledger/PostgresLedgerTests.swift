import ConvenorCore
import ConvenorIO
import ConvenorPostgres
import ConvenorTesting
import Foundation
import Logging
import Synchronization
import Testing

/// What only a shared PostgreSQL ledger has to get right (issue 20), against a real server on 127.0.0.1: two
/// instances on one database, the leader lease on the database's clock, fencing, migrations under a lock, and a
/// database that goes away and comes back. The rules common to every store are in the suites over
/// `LedgerStoreKind` (LedgerLogicTests and others), which include `.postgres`.
@Suite(.serialized) struct PostgresLedgerTests {
    let logger = Logger(label: "convenor.test")
    let now = LedgerFixtures.monday
    let agenda = LedgerFixtures.mailing(
        .agenda,
        due: LedgerFixtures.at(hours: -1),
        validUntil: LedgerFixtures.at(days: 7)
    )

    /// Two instances' stores on one fresh database.
    func twoInstances(
        leaseSeconds: Int = 30,
        fencing: (any FencingTokenSource)? = nil,
        other: (any FencingTokenSource)? = nil
    ) async throws -> (PostgresLedger, PostgresLedger, LedgerSettings) {
        let settings = try PostgresTestServer.freshDatabase(leaseSeconds: leaseSeconds)
        async let first = PostgresLedger.open(settings, password: nil, logger: logger, fencing: fencing)
        async let second = PostgresLedger.open(settings, password: nil, logger: logger, fencing: other)
        return (try await first, try await second, settings)
    }

    @Test func twoInstancesMigrateTogetherOnceAndAgreeOnTheSchema() async throws {
        let (a, b, _) = try await twoInstances()
        defer {
            try? a.close()
            try? b.close()
        }
        #expect(try await a.schemaVersion() == SQLiteLedger.currentSchemaVersion)
        #expect(try await b.schemaVersion() == SQLiteLedger.currentSchemaVersion)
    }

    @Test func concurrentClaimsFromTwoInstancesAreSerialisedWithNoLostAttempt() async throws {
        let (a, b, _) = try await twoInstances()
        defer {
            try? a.close()
            try? b.close()
        }
        let agenda = agenda
        let now = now
        let results = try await withThrowingTaskGroup(of: ClaimResult.self) { group in
            for index in 0..<20 {
                let store = index.isMultiple(of: 2) ? a : b
                group.addTask { try await store.claim(agenda, messageID: "agenda@x", now: now) }
            }
            var all: [ClaimResult] = []
            for try await result in group { all.append(result) }
            return all
        }
        // Exactly one claim found no row; every other saw the one before it (row locks, no lost update).
        #expect(results.filter { if case .claimed(_, false) = $0 { true } else { false } }.count == 1)
        #expect(try await a.entry(for: agenda.key)?.attempts == 20)
    }

    @Test func aNewerDatabaseIsRefusedNamingTheUnknownMigration() async throws {
        let settings = try PostgresTestServer.freshDatabase()
        let first = try await PostgresLedger.open(settings, password: nil, logger: logger)
        try first.close()
        let bin = try #require(PostgresTestServer.binDirectory)
        let inserted = try Subprocess.run(
            "\(bin)/psql",
            [
                "-h", "127.0.0.1", "-p", "\(settings.port)", "-U", "convenor", "-d", settings.database, "-c",
                "INSERT INTO schema_migration (name) VALUES ('v99 from the future')",
            ]
        )
        #expect(inserted.status == 0, "\(inserted.stderr)")
        await #expect(
            throws: LedgerError(operation: "open", reason: .newerSchema(unknownMigrations: ["v99 from the future"]))
        ) {
            _ = try await PostgresLedger.open(settings, password: nil, logger: self.logger)
        }
    }

    @Test func theLeaseIsOneInstancesUntilItExpiresOrIsResigned() async throws {
        let (a, b, _) = try await twoInstances()
        defer {
            try? a.close()
            try? b.close()
        }
        let first = try await a.requestLeadership(instance: "a", seconds: 1, now: now)
        #expect(first.holder == "a" && first.token == 1)
        #expect(try await b.requestLeadership(instance: "b", seconds: 1, now: now).holder == "a")
        let renewed = try await a.requestLeadership(instance: "a", seconds: 1, now: now)
        #expect(renewed.token == 1 && renewed.expiresAt >= first.expiresAt)
        // Expired by the database's clock: the next request takes it over with a new token.
        var taken = try await b.requestLeadership(instance: "b", seconds: 1, now: now)
        for _ in 0..<40 where taken.holder != "b" {
            try await Wakeup.sleep(for: .milliseconds(100))
            taken = try await b.requestLeadership(instance: "b", seconds: 1, now: now)
        }
        #expect(taken.holder == "b" && taken.token == 2)
        // Only the takeover's answer says when the predecessor's lease ran out (b's hold on a's claims).
        #expect(first.previousExpiresAt == nil && renewed.previousExpiresAt == nil)
        #expect(taken.previousExpiresAt == renewed.expiresAt)
        let hold = try #require(taken.claimHold(seconds: 1))
        #expect(hold > 0 && hold <= 1)
        #expect(try await b.requestLeadership(instance: "b", seconds: 1, now: now).previousExpiresAt == nil)
        // A resignation hands it on at once, without waiting the lease out.
        try await b.resignLeadership(instance: "b", now: now)
        let back = try await a.requestLeadership(instance: "a", seconds: 30, now: now)
        #expect(back.holder == "a" && back.token == 3 && back.previousExpiresAt != nil)
        #expect(try await b.currentLeader()?.token == back.token)
    }

    @Test func aPausedLeaderCannotRecordOrClaimWhatTheNextLeaderClaimed() async throws {
        let oldLeader = TestFencing(instance: "old")
        let newLeader = TestFencing(instance: "new")
        let (old, new, _) = try await twoInstances(fencing: oldLeader, other: newLeader)
        defer {
            try? old.close()
            try? new.close()
        }
        oldLeader.set(try await old.requestLeadership(instance: "old", seconds: 1, now: now).token)
        _ = try await old.claim(agenda, messageID: "agenda@x", now: now)
        // The old leader freezes; its lease runs out and the other instance takes over and claims the row again.
        var lease = try await new.requestLeadership(instance: "new", seconds: 30, now: now)
        for _ in 0..<40 where lease.holder != "new" {
            try await Wakeup.sleep(for: .milliseconds(100))
            lease = try await new.requestLeadership(instance: "new", seconds: 30, now: now)
        }
        newLeader.set(lease.token)
        // What the new leader would leave to the old one for a while (`ClaimHold`): the row claimed under its token.
        #expect(try await new.claimedKeys(underToken: lease.token - 1) == [agenda.key])
        #expect(try await new.claimedKeys(underToken: lease.token).isEmpty)
        let reclaimed = try await new.claim(agenda, messageID: "agenda@x", now: now)
        #expect(try await new.claimedKeys(underToken: lease.token) == [agenda.key])
        #expect(reclaimed == .claimed(reclaimed.entry, wasAlreadyClaimed: true))
        // The old one wakes, still believing its token: its outcome and any new claim are refused by the database.
        let late = LedgerFixtures.mailing(.reminder, due: now, validUntil: LedgerFixtures.at(days: 7))
        await #expect(throws: LedgerError.self) {
            try await old.record(
                .delivered(reply: "250 OK"),
                for: self.agenda.key,
                now: self.now,
                policy: .standard,
                jitter: 0.5
            )
        }
        await #expect(throws: LedgerError.self) {
            _ = try await old.claim(late, messageID: "late@x", now: self.now)
        }
        #expect(try await new.entry(for: late.key) == nil)
        // The row is the new leader's to finish.
        let sent = try await new.record(
            .delivered(reply: "250 OK"),
            for: agenda.key,
            now: now,
            policy: .standard,
            jitter: 0.5
        )
        #expect(sent.state == .sent)
    }

    @Test func theLeaderRecordsItsOwnClaimAfterItsLeaseLapsedWhenNobodyClaimedSince() async throws {
        let leader = TestFencing(instance: "solo")
        let settings = try PostgresTestServer.freshDatabase()
        let store = try await PostgresLedger.open(settings, password: nil, logger: logger, fencing: leader)
        defer { try? store.close() }
        leader.set(try await store.requestLeadership(instance: "solo", seconds: 1, now: now).token)
        _ = try await store.claim(agenda, messageID: "agenda@x", now: now)
        try await store.resignLeadership(instance: "solo", now: now)
        // The relay said 250 before the lease went: recording it is true and harms nobody, so it is allowed.
        let sent = try await store.record(
            .delivered(reply: "250 OK"),
            for: agenda.key,
            now: now,
            policy: .standard,
            jitter: 0.5
        )
        #expect(sent.state == .sent)
    }

    @Test func aLeaderWhoseOwnClockSaysTheLeaseLapsedRecordsOnlyRowsNobodyClaimedSince() async throws {
        let oldLeader = TestFencing(instance: "old")
        let newLeader = TestFencing(instance: "new")
        let (old, new, _) = try await twoInstances(fencing: oldLeader, other: newLeader)
        defer {
            try? old.close()
            try? new.close()
        }
        oldLeader.set(try await old.requestLeadership(instance: "old", seconds: 1, now: now).token)
        let reminder = LedgerFixtures.mailing(.reminder, due: now, validUntil: LedgerFixtures.at(days: 7))
        _ = try await old.claim(agenda, messageID: "agenda@x", now: now)
        _ = try await old.claim(reminder, messageID: "reminder@x", now: now)
        // A database outage: the old leader's clock runs its lease out; it may claim nothing more.
        oldLeader.lapse()
        let late = LedgerFixtures.mailing(.announcement, due: now, validUntil: LedgerFixtures.at(days: 7))
        await #expect(throws: LedgerError.self) {
            _ = try await old.claim(late, messageID: "late@x", now: self.now)
        }
        // The database answers again; another instance takes over and claims one of the two rows again.
        var lease = try await new.requestLeadership(instance: "new", seconds: 30, now: now)
        for _ in 0..<40 where lease.holder != "new" {
            try await Wakeup.sleep(for: .milliseconds(100))
            lease = try await new.requestLeadership(instance: "new", seconds: 30, now: now)
        }
        newLeader.set(lease.token)
        _ = try await new.claim(agenda, messageID: "agenda@x", now: now)
        // The relay's 250 for the row nobody touched since is recorded (no needless resend); the other is refused.
        let sent = try await old.record(
            .delivered(reply: "250 OK"),
            for: reminder.key,
            now: now,
            policy: .standard,
            jitter: 0.5
        )
        #expect(sent.state == .sent)
        await #expect(throws: LedgerError.self) {
            try await old.record(
                .delivered(reply: "250 OK"),
                for: self.agenda.key,
                now: self.now,
                policy: .standard,
                jitter: 0.5
            )
        }
        #expect(try await new.entry(for: agenda.key)?.state == .claimed)
    }

    @Test func anUnreachableDatabaseIsAClearErrorNotAHang() async throws {
        // A port nobody listens on (bound and closed again).
        let settings = LedgerSettings(
            host: "127.0.0.1",
            port: try Self.closedPort(),
            database: "none",
            user: "convenor",
            security: .plain
        )
        let started = ContinuousClock.now
        do {
            _ = try await PostgresLedger.open(settings, password: nil, logger: logger, deadline: .seconds(3))
            Issue.record("opened a database that is not there")
        } catch {
            guard case .postgres = error.reason else {
                Issue.record("expected a PostgreSQL error, got \(error)")
                return
            }
        }
        #expect(ContinuousClock.now - started < .seconds(10))
    }

    @Test func aDatabaseOutageFailsCallsAndTheStoreRecoversByItself() async throws {
        // A server of its own, so stopping it disturbs no other test.
        let (directory, port) = try Self.startOwnServer("pg-outage")
        defer { Self.stopOwnServer(directory) }
        let settings = LedgerSettings(
            host: "127.0.0.1",
            port: port,
            database: "postgres",
            user: "convenor",
            security: .plain
        )
        let store = try await PostgresLedger.open(settings, password: nil, logger: logger, deadline: .seconds(3))
        defer { try? store.close() }
        _ = try await store.claim(agenda, messageID: "agenda@x", now: now)
        let stopped = try Subprocess.run("/bin/sh", [PostgresTestServer.script, "stop", directory])
        #expect(stopped.status == 0)
        await #expect(throws: LedgerError.self) { _ = try await store.entry(for: self.agenda.key) }
        let restarted = try Subprocess.run("/bin/sh", [PostgresTestServer.script, "pause", directory, "0"])
        #expect(restarted.status == 0, "\(restarted.stderr)")
        var entry: LedgerEntry?
        for _ in 0..<60 where entry == nil {
            entry = try? await store.entry(for: agenda.key)
            if entry == nil { try await Wakeup.sleep(for: .milliseconds(250)) }
        }
        #expect(entry?.state == .claimed)
    }

    @Test func tlsIsVerifiedAgainstTheCAFileAndAnUnknownCAIsRefused() async throws {
        let (directory, port) = try Self.startOwnServer("pg-tls", tls: true)
        defer { Self.stopOwnServer(directory) }
        func settings(_ security: LedgerSettings.Security) -> LedgerSettings {
            LedgerSettings(host: "localhost", port: port, database: "postgres", user: "convenor", security: security)
        }
        let verified = try await PostgresLedger.open(
            settings(.verifiedTLS(caFile: directory + "/tls/ca.pem")),
            password: nil,
            logger: logger
        )
        defer { try? verified.close() }
        _ = try await verified.claim(agenda, messageID: "agenda@x", now: now)
        // The server's own view, independent of convenor: every convenor connection is encrypted.
        let bin = try #require(PostgresTestServer.binDirectory)
        let seen = try Subprocess.run(
            "\(bin)/psql",
            [
                "-h", "127.0.0.1", "-p", "\(port)", "-U", "convenor", "-d", "postgres", "-At", "-c",
                "SELECT bool_and(ssl), count(*) FROM pg_stat_ssl JOIN pg_stat_activity USING (pid) "
                    + "WHERE application_name = 'convenor'",
            ]
        )
        #expect(seen.stdout.hasPrefix("t|"), "\(seen.stdout) \(seen.stderr)")
        // The system's roots do not know the test CA, and another CA is not this one: both refused, no fallback.
        let otherCA = try LedgerFixtures.temporaryDirectory("pg-other-ca")
        defer { try? FileManager.default.removeItem(atPath: otherCA) }
        _ = try Subprocess.run(
            "/bin/sh",
            [
                PostgresTestServer.script.replacingOccurrences(of: "postgres_server.sh", with: "make_test_ca.sh"),
                otherCA,
            ]
        )
        for security in [LedgerSettings.Security.verifiedTLS(caFile: nil), .verifiedTLS(caFile: otherCA + "/ca.pem")] {
            do {
                let ledger = try await PostgresLedger.open(
                    settings(security),
                    password: nil,
                    logger: logger,
                    deadline: .seconds(5)
                )
                try? ledger.close()
                Issue.record("connected with \(security) to a server whose CA it does not trust")
            } catch {
                guard case .postgres = error.reason else {
                    Issue.record("expected a PostgreSQL error, got \(error)")
                    continue
                }
            }
        }
    }

    @Test func migrateToCopiesEveryRowAndRefusesATargetThatHoldsRows() async throws {
        let source = try SQLiteLedger.inMemory()
        _ = try await source.claim(agenda, messageID: "agenda@x", now: now)
        try await source.record(.delivered(reply: "250 OK"), for: agenda.key, now: now, policy: .standard, jitter: 0.5)
        _ = try await source.appendChairChange(
            ChairChange(
                number: 0,
                group: "chess",
                occurrence: "2026-11",
                action: .confirm,
                payload: "x",
                author: "c@x",
                at: now
            ),
            seen: nil
        )
        _ = try await source.recordFirstStart(now)
        let settings = try PostgresTestServer.freshDatabase()
        let target = try await PostgresLedger.open(settings, password: nil, logger: logger)
        defer { try? target.close() }
        let copied = try await LedgerCopy.copy(from: source, to: target)
        #expect(copied.mailings == 1 && copied.chairChanges == 1)
        #expect(try await target.snapshot() == (try await source.snapshot()))
        #expect(try await target.chairChanges() == (try await source.chairChanges()))
        #expect(try await target.firstStart() == now)
        await #expect(throws: LedgerCopy.Refusal.self) { _ = try await LedgerCopy.copy(from: source, to: target) }
    }

    /// A PostgreSQL server for one test (with TLS when asked), in its own folder; returns the folder and port.
    static func startOwnServer(_ label: String, tls: Bool = false) throws -> (directory: String, port: Int) {
        let directory = try LedgerFixtures.temporaryDirectory(label)
        let started = try Subprocess.run(
            "/bin/sh",
            [PostgresTestServer.script, "start", directory, "\(ProcessInfo.processInfo.processIdentifier)"],
            environment: tls ? ["PGTEST_TLS": "1"] : [:]
        )
        guard started.status == 0, let port = Int(started.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            stopOwnServer(directory)
            throw TestServerError(message: "postgres_server.sh did not start: \(started.stderr)")
        }
        return (directory, port)
    }

    static func stopOwnServer(_ directory: String) {
        _ = try? Subprocess.run("/bin/sh", [PostgresTestServer.script, "stop", directory])
        try? FileManager.default.removeItem(atPath: directory)
    }

    static func closedPort() throws -> Int {
        let result = try Subprocess.python([
            "-c",
            "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1]); s.close()",
        ])
        return try #require(Int(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)))
    }
}
