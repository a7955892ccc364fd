import ConvenorCore
import ConvenorTesting
import Foundation
import Testing

/// Issue 20's set-up, as docs/OPERATOR.md describes it, on one machine: two `convenor run` daemons with their own
/// state folders and the same groups, sharing one PostgreSQL ledger on 127.0.0.1. One leads and sends; the other
/// stands by; when the leader is killed, the other takes over and the mail goes on, each mailing sent once.
@Suite(.serialized) struct TwoInstanceTests {
    static let now = "2027-02-09T12:00:00Z"

    /// Two installations whose convenor.yaml name the same fresh database, with a 2-second lease.
    static func installations(groups: Int) throws -> (RunInstallation, RunInstallation) {
        let settings = try PostgresTestServer.freshDatabase()
        let ledger = """
            ledger:
              url: postgresql://127.0.0.1:\(settings.port)/\(settings.database)
              user: convenor
              tls: off
              lease: 2 seconds

            """
        return (try RunInstallation(groups: groups, extra: ledger), try RunInstallation(groups: groups, extra: ledger))
    }

    /// The Message-ID of every .eml in the installation's outbox.
    static func messageIDs(_ installation: RunInstallation) throws -> [String] {
        try installation.outboxFiles().map { name in
            let text = try String(contentsOfFile: installation.outbox + "/" + name, encoding: .utf8)
            return text.split(separator: "\r\n").first { $0.lowercased().hasPrefix("message-id:") }.map(String.init)
                ?? ""
        }
    }

    @Test func oneLeaderSendsTheOtherTakesOverWhenItIsKilledAndNothingGoesTwice() async throws {
        let (first, second) = try Self.installations(groups: 2)
        defer {
            first.cleanUp()
            second.cleanUp()
        }
        let a = try first.startDaemon(now: Self.now)
        defer { a.stop() }
        #expect(await a.waitForLog("leading: this instance plans and sends"), "\(a.log)")
        #expect(await a.waitForLog("] sent", count: 8), "\(a.log)")
        let b = try second.startDaemon(now: Self.now)
        defer { b.stop() }
        #expect(await b.waitForLog("standing by: another instance leads"), "\(b.log)")

        // Both hosts see one ledger: `convenor ledger` on the standby lists the leader's eight rows.
        let listed = try ConvenorBinary.run(["ledger", "--format", "json", "--config", second.configDirectory])
        #expect(listed.status == 0, "\(listed.stderr)")
        let rows = try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]] ?? []
        #expect(rows.count == 8 && rows.allSatisfy { $0["state"] as? String == "sent" }, "\(listed.stdout)")
        let status = try ConvenorBinary.run(["ledger", "status", "--config", second.configDirectory])
        #expect(status.stdout.contains("store: postgresql postgresql://127.0.0.1:"), "\(status.stdout)")
        #expect(status.stdout.contains("leader: \(ProcessInfo.processInfo.hostName):\(a.pid):"), "\(status.stdout)")

        // The leader dies without a word; a new group is added to both hosts' config.
        let killed = ContinuousClock.now
        a.signal(SIGKILL)
        for installation in [first, second] {
            try RunInstallation.group("g3").write(
                toFile: installation.configDirectory + "/groups/g3.yaml",
                atomically: true,
                encoding: .utf8
            )
        }
        #expect(await b.waitForLog("leading: this instance plans and sends", timeout: .seconds(20)), "\(b.log)")
        let takeover = ContinuousClock.now - killed
        // Two leases at most (the lease is 2 s), plus the polling of this test.
        #expect(takeover < .seconds(6), "took \(takeover) to take over")
        b.signal(SIGHUP)
        #expect(await b.waitForLog("] sent", count: 4), "\(b.log)")

        let ids = try Self.messageIDs(first) + Self.messageIDs(second)
        #expect(ids.count == 12 && Set(ids).count == 12, "\(ids)")
        #expect(try Self.messageIDs(second).count == 4)
    }

    @Test func runOnceOnAStandbyHostSendsNothingWhileAnotherLeads() async throws {
        let (first, second) = try Self.installations(groups: 1)
        defer {
            first.cleanUp()
            second.cleanUp()
        }
        let a = try first.startDaemon(now: Self.now)
        defer { a.stop() }
        #expect(await a.waitForLog("] sent", count: 4), "\(a.log)")
        let once = try await second.runOnce(now: Self.now)
        #expect(once.status == 0, "\(once.stderr)")
        #expect(
            once.stderr.contains("another instance leads the shared ledger; this run sends nothing"),
            "\(once.stderr)"
        )
        #expect(second.outboxFiles().isEmpty)
    }

    @Test func migrateToCopiesTheSQLiteLedgerAndTheDaemonGoesOnFromIt() async throws {
        let single = try RunInstallation(groups: 1)
        defer { single.cleanUp() }
        let sent = try await single.runOnce(now: Self.now)
        #expect(sent.status == 0, "\(sent.stderr)")
        #expect(single.outboxFiles().count == 4)
        let settings = try PostgresTestServer.freshDatabase()
        let url = "postgresql://127.0.0.1:\(settings.port)/\(settings.database)"
        let migrate = try ConvenorBinary.run([
            "ledger", "migrate-to", url, "--user", "convenor", "--plain", "--config", single.configDirectory,
        ])
        #expect(migrate.status == 0, "\(migrate.stderr)")
        #expect(migrate.stdout.contains("copied 4 mailings"), "\(migrate.stdout)")
        let again = try ConvenorBinary.run([
            "ledger", "migrate-to", url, "--user", "convenor", "--plain", "--config", single.configDirectory,
        ])
        #expect(
            again.status == 1 && again.stderr.contains("the target ledger is not empty (4 mailings"),
            "\(again.stderr)"
        )
        // The same installation, now on PostgreSQL: what was sent is not sent again.
        let shared = try RunInstallation(
            groups: 1,
            extra: "ledger:\n  url: \(url)\n  user: convenor\n  tls: off\n"
        )
        defer { shared.cleanUp() }
        let rerun = try await shared.runOnce(now: Self.now)
        #expect(rerun.status == 0, "\(rerun.stderr)")
        #expect(shared.outboxFiles().isEmpty, "\(rerun.stderr)")
    }

    @Test("check and schedule on a shared ledger both read the chairs' changes from PostgreSQL")
    func checkSeesTheChairsChangesOfASharedLedger() async throws {
        let settings = try PostgresTestServer.freshDatabase()
        let installation = try RunInstallation(
            groups: 1,
            extra: "ledger:\n  url: postgresql://127.0.0.1:\(settings.port)/\(settings.database)\n  user: convenor\n"
                + "  tls: off\n"
        )
        defer { installation.cleanUp() }
        // Opening the ledger migrates it; then a change a chair saved on the web for a group closed since.
        let status = try ConvenorBinary.run(["ledger", "status", "--config", installation.configDirectory])
        #expect(status.status == 0, "\(status.stderr)")
        let bin = try #require(PostgresTestServer.binDirectory)
        let inserted = try Subprocess.run(
            "\(bin)/psql",
            [
                "-h", "127.0.0.1", "-p", "\(settings.port)", "-U", "convenor", "-d", settings.database, "-c",
                """
                INSERT INTO chair_change ("group", occurrence, action, payload, author, at)
                VALUES ('closed-sig', '2027-03', 'confirm', '2027-03-03 14:00', 'ann@test.example.org', now())
                """,
            ]
        )
        #expect(inserted.status == 0, "\(inserted.stderr)")
        let warning = "the chairs saved changes for the group `closed-sig`, which no group file defines any more"

        let check = try ConvenorBinary.run(["check", "--config", installation.configDirectory])
        let schedule = try ConvenorBinary.run([
            "schedule", "--config", installation.configDirectory, "--now", Self.now,
        ])

        #expect(check.status == 0 && check.stdout.contains(warning), "\(check.stdout)\(check.stderr)")
        #expect(check.stdout.contains("config OK: 1 group (1 warning)"), "\(check.stdout)")
        #expect(schedule.status == 0 && schedule.stderr.contains(warning), "\(schedule.stderr)")
    }

    @Test func anUnreachableSharedLedgerIsOneClearErrorNamingTheBlock() async throws {
        let installation = try RunInstallation(
            groups: 1,
            extra: "ledger:\n  url: postgresql://127.0.0.1:1/convenor\n  user: convenor\n  tls: off\n"
        )
        defer { installation.cleanUp() }
        for arguments in [["ledger", "status"], ["ledger"], ["run", "--once", "--now", Self.now]] {
            let result = try ConvenorBinary.run(arguments + ["--config", installation.configDirectory])
            #expect(result.status == 1, "\(arguments): \(result.stderr)")
            let errors = result.stderr.components(separatedBy: "cannot open the shared ledger").count - 1
            #expect(errors == 1, "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains("convenor.yaml:"), "\(result.stderr)")
            #expect(
                result.stderr.contains("postgresql://127.0.0.1:1/convenor: PostgreSQL: nothing accepts connections"),
                "\(result.stderr)"
            )
            #expect(installation.outboxFiles().isEmpty)
        }
    }
}
