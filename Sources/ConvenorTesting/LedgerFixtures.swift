package import ConvenorCore
package import ConvenorIO
import ConvenorPostgres
package import Foundation
import Logging

/// A fresh SQLite ledger in memory with the real migrator, for tests of SQLite's own settings.
package func makeInMemoryLedger() throws -> SQLiteLedger {
    try SQLiteLedger.inMemory()
}

/// The stores every ledger logic test runs against: a test written once must pass on each, which is what keeps the
/// rules in `LedgerStateMachine` and the stores storage only.
package enum LedgerStoreKind: String, CaseIterable, Sendable, CustomStringConvertible {
    /// `SQLiteLedger` on an in-memory database with the real migrator.
    case sqlite
    /// `MemoryLedger`.
    case memory
    /// `PostgresLedger` on a fresh database of a real PostgreSQL server on 127.0.0.1 (`PostgresTestServer`).
    case postgres

    /// A fresh, empty store of this kind.
    package func make() async throws -> any LedgerStore {
        switch self {
        case .sqlite: try SQLiteLedger.inMemory()
        case .memory: MemoryLedger()
        case .postgres:
            try await PostgresLedger.open(
                try PostgresTestServer.freshDatabase(),
                password: nil,
                logger: Logger(label: "convenor.test")
            )
        }
    }

    package var description: String { rawValue }
}

/// Builders for ledger and planner tests: mailings and instants with readable defaults.
package enum LedgerFixtures {
    /// 2026-11-02 09:00 UTC, a Monday: the "now" most tests start from.
    package static let monday = Date(timeIntervalSince1970: 1_793_610_000)

    /// `monday` shifted by whole minutes, hours and days (negative for earlier).
    package static func at(days: Int = 0, hours: Int = 0, minutes: Int = 0, from base: Date = monday) -> Date {
        base.addingTimeInterval(TimeInterval(((days * 24) + hours) * 3600 + minutes * 60))
    }

    /// A list mailing for `chess/<kind>/<occurrence>`, due at `due` and valid until `validUntil`.
    package static func mailing(
        _ kind: MailingKind,
        group: String = "chess",
        occurrence: String = "2026-11",
        revision: Int = 0,
        due: Date,
        validUntil: Date
    ) -> Mailing {
        Mailing(
            key: MailingKey(group: group, kind: kind, occurrence: occurrence, revision: revision),
            due: due,
            validUntil: validUntil,
            audience: kind.audience,
            recipients: ["chess@lists.example.org"],
            timeZone: TimeZone(identifier: "Europe/London")!
        )
    }

    /// A ledger row in `state` for a mailing, with the given attempts and next attempt.
    package static func entry(
        for mailing: Mailing,
        state: LedgerState,
        attempts: Int = 0,
        nextAttempt: Date? = nil
    ) -> LedgerEntry {
        LedgerEntry(
            key: mailing.key,
            state: state,
            messageID: "\(mailing.key)@test",
            due: mailing.due,
            validUntil: mailing.validUntil,
            attempts: attempts,
            firstAttempt: attempts > 0 ? mailing.due : nil,
            nextAttempt: nextAttempt,
            createdAt: mailing.due,
            updatedAt: mailing.due
        )
    }

    /// A unique, empty directory under the system's temporary directory; the caller removes it.
    package static func temporaryDirectory(_ label: String = "ledger") throws -> String {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("convenor-\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }
}
