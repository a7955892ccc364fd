package import ConvenorCore
package import ConvenorIO
package import Foundation
import PostgresNIO

/// The leader lease in the `leader_lease` table (migration v7): `LeaderLease.request`'s rule as one conditional
/// statement on the database's clock (`clock_timestamp()`), never an instance's, so hosts with skewed clocks cannot
/// both lead. Modelled on Oban's `oban_peers` upsert.
extension PostgresLedger: LeaderElection {
    /// The one lease row's name.
    static let leaseName = "leader"

    package func requestLeadership(instance: String, seconds: Int, now: Date) async throws(LedgerError) -> LeaderLease {
        try await withConnection("renew the leader lease") { connection in
            // Insert the first lease; renew our own (same token); take over an expired one (token + 1). A valid
            // lease of another instance matches no WHERE and is left alone; RETURNING is then empty. `before` is
            // the row as the statement found it: on a takeover, when the predecessor's lease ran out
            // (`LeaderLease.claimHold`).
            let taken = try await connection.query(
                """
                WITH before AS (SELECT holder, expires_at FROM leader_lease WHERE name = \(Self.leaseName))
                INSERT INTO leader_lease AS current (name, holder, token, acquired_at, expires_at)
                VALUES (\(Self.leaseName), \(instance), 1, clock_timestamp(),
                    clock_timestamp() + make_interval(secs => \(Double(seconds))))
                ON CONFLICT (name) DO UPDATE SET
                    token = CASE WHEN current.holder = EXCLUDED.holder THEN current.token ELSE current.token + 1 END,
                    acquired_at = CASE WHEN current.holder = EXCLUDED.holder THEN current.acquired_at
                        ELSE EXCLUDED.acquired_at END,
                    expires_at = CASE WHEN current.holder = EXCLUDED.holder
                        THEN GREATEST(current.expires_at, EXCLUDED.expires_at) ELSE EXCLUDED.expires_at END,
                    holder = EXCLUDED.holder
                WHERE current.holder = EXCLUDED.holder OR current.expires_at <= clock_timestamp()
                RETURNING current.holder, current.token, current.acquired_at, current.expires_at,
                    (SELECT before.expires_at FROM before WHERE before.holder <> current.holder)
                """,
                logger: Self.silent
            )
            for try await lease in taken.decode((String, Int, Date, Date, Date?).self) {
                return LeaderLease(
                    holder: lease.0,
                    token: lease.1,
                    acquiredAt: lease.2,
                    expiresAt: lease.3,
                    previousExpiresAt: lease.4
                )
            }
            guard let lease = try await Self.lease(on: connection) else {
                throw LedgerError(operation: "renew the leader lease", reason: .unreadableRow("no lease row"))
            }
            return lease
        }
    }

    package func resignLeadership(instance: String, now: Date) async throws(LedgerError) {
        _ = try await withConnection("resign the leader lease") { connection in
            try await connection.query(
                """
                UPDATE leader_lease SET expires_at = LEAST(expires_at, clock_timestamp())
                WHERE name = \(Self.leaseName) AND holder = \(instance)
                """,
                logger: Self.silent
            )
        }
    }

    package func currentLeader() async throws(LedgerError) -> LeaderLease? {
        try await withConnection("read the leader lease") { connection in try await Self.lease(on: connection) }
    }

    package func claimedKeys(underToken token: Int) async throws(LedgerError) -> Set<MailingKey> {
        try await withConnection("read the previous leader's claims") { connection in
            let rows = try await connection.query(
                """
                SELECT "group", kind, occurrence, revision FROM mailing
                WHERE state = \(LedgerState.claimed.rawValue) AND lease_token = \(token)
                """,
                logger: Self.silent
            )
            var keys = Set<MailingKey>()
            for try await (group, kind, occurrence, revision) in rows.decode((String, String, String, Int).self) {
                guard let kind = MailingKind(rawValue: kind) else { continue }
                keys.insert(MailingKey(group: group, kind: kind, occurrence: occurrence, revision: revision))
            }
            return keys
        }
    }

    static func lease(on connection: PostgresConnection) async throws -> LeaderLease? {
        let rows = try await connection.query(
            "SELECT holder, token, acquired_at, expires_at FROM leader_lease WHERE name = \(leaseName)",
            logger: silent
        )
        for try await lease in rows.decode((String, Int, Date, Date).self) {
            return LeaderLease(holder: lease.0, token: lease.1, acquiredAt: lease.2, expiresAt: lease.3)
        }
        return nil
    }
}
