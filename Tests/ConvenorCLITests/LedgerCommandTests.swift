import Foundation
import Testing

/// `convenor ledger` and `ledger retry` after a real `run --once` on a copy of the example installation.
@Suite struct LedgerCommandTests {
    /// A copy of the example config and templates in a fresh folder; returns the folder and its config path.
    static func installation() throws -> (directory: URL, config: String) {
        let directory = try PreviewCommandTests.temporaryDirectory()
        for path in ["config", "templates"] {
            try FileManager.default.copyItem(
                at: PreviewCommandTests.repository.appendingPathComponent(path),
                to: directory.appendingPathComponent(path)
            )
        }
        return (directory, directory.appendingPathComponent("config").path)
    }

    @Test func beforeAnyRunItSaysThereIsNoLedgerAndCreatesNone() throws {
        let (directory, config) = try Self.installation()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try ConvenorBinary.run(["ledger", "--config", config])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("no ledger yet in "))
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("state").path))
    }

    @Test func itListsWhatWentOutWithMessageIDsAndFiltersByGroupAndState() throws {
        let (directory, config) = try Self.installation()
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = try ConvenorBinary.run(["run", "--once", "--config", config, "--now", "2026-11-05T09:30:00Z"])
        #expect(run.status == 0, "\(run.stderr)")

        let json = try ConvenorBinary.run([
            "ledger", "--config", config, "--group", "customer-services-cop", "--state", "sent", "--format", "json",
        ])
        #expect(json.status == 0, "\(json.stderr)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        let agenda = try #require(rows.first { $0["kind"] as? String == "agenda" })
        #expect(agenda["key"] as? String == "customer-services-cop/agenda/2026-10/0")
        #expect(agenda["message_id"] as? String == "convenor.customer-services-cop.agenda.2026-10.r0@aln.example.org")
        #expect(agenda["due"] as? String == "2026-11-05T09:00:00+00:00")
        #expect(agenda["attempts"] as? Int == 1)
        #expect(
            rows.allSatisfy { $0["group"] as? String == "customer-services-cop" && $0["state"] as? String == "sent" }
        )

        let table = try ConvenorBinary.run(["ledger", "--config", config])
        #expect(table.stdout.hasPrefix("KEY "))
        #expect(table.stdout.contains("customer-services-cop/agenda/2026-10/0"))
    }

    @Test(arguments: [
        ("customer-services-cop/agenda/2026-10/0", "is sent; only failed or missed mailings can be retried"),
        ("customer-services-cop/agenda/2031-10/0", "no mailing customer-services-cop/agenda/2031-10/0 in the ledger"),
    ])
    func retryRefusesWhatCannotBeRetriedAndSaysWhy(key: String, message: String) throws {
        let (directory, config) = try Self.installation()
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = try ConvenorBinary.run(["run", "--once", "--config", config, "--now", "2026-11-05T09:30:00Z"])
        #expect(run.status == 0, "\(run.stderr)")

        let result = try ConvenorBinary.run(["ledger", "retry", key, "--config", config])
        #expect(result.status == 1)
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }

    @Test func retryRefusesAKeyItCannotRead() throws {
        let result = try ConvenorBinary.run(["ledger", "retry", "not-a-key", "--config", "config"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("'not-a-key' is not a mailing key"))
    }
}
