import ConvenorCore
import ConvenorIO
import PostgresNIO

/// Issue 20's fencing, inside the transaction of each write a leading daemon makes.
///
/// An instance paused past its lease (SIGSTOP, a long GC, a VM freeze) may wake in the middle of a batch. Its own
/// monotonic clock already stops it (`Leadership.holds()`), but a pause can fall between that check and the write,
/// so the database decides too:
/// - a **claim** is written only while the lease row still names this instance, with the token it holds, and has
///   not expired by the database's clock; the row keeps that token (`mailing.lease_token`);
/// - any other write of a row (the relay's outcome, a release, a return) goes through while the row still carries
///   this instance's token, or while this instance holds the lease now. A row another leader claimed since carries
///   that leader's token: the paused instance's write is refused and the row is left as the new leader wrote it.
///
/// The lease row is read `FOR SHARE`, so a takeover (an UPDATE of that row) waits for the write in flight and a
/// write never commits under a lease that was already replaced. Commands (`ledger retry`) and the web make no
/// claims and have no lease: they pass no `FencingTokenSource` and are not fenced.
enum Fencing {
    /// Checks `write` against the lease; returns the token to store with a claim (nil: keep the row's token).
    static func check(
        _ write: LedgerWrite,
        fencing: (any FencingTokenSource)?,
        key: MailingKey,
        on connection: PostgresConnection
    ) async throws -> Int? {
        guard let fencing else { return nil }
        if write.isClaim {
            guard let token = fencing.token else {
                throw LedgerError(
                    operation: "claim \(key)",
                    reason: .fenced("this instance's leader lease lapsed; nothing written")
                )
            }
            guard try await holdsLease(fencing.instance, token: token, on: connection) else {
                throw LedgerError(
                    operation: "claim \(key)",
                    reason: .fenced("another instance took the leader lease (token \(token) is no longer current)")
                )
            }
            return token
        }
        // Recording what the relay said of a mailing this instance claimed stays allowed after its lease lapsed
        // (a database outage, a pause), as long as nobody claimed the row since: the row still carries our token.
        guard let token = fencing.token ?? fencing.lastToken else {
            throw LedgerError(
                operation: "write \(key)",
                reason: .fenced("this instance never held the leader lease; nothing written")
            )
        }
        let leadsNow = try await holdsLease(fencing.instance, token: token, on: connection)
        if leadsNow { return nil }
        let rowToken = try await Self.rowToken(key, on: connection)
        guard rowToken == token else {
            throw LedgerError(
                operation: "write \(key)",
                reason: .fenced(
                    "the mailing was claimed under lease token \(rowToken.map(String.init) ?? "none") since, "
                        + "not this instance's \(token)"
                )
            )
        }
        return nil
    }

    /// True while the lease row names `instance` with `token` and has not expired by the database's clock.
    static func holdsLease(_ instance: String, token: Int, on connection: PostgresConnection) async throws -> Bool {
        let rows = try await connection.query(
            """
            SELECT holder = \(instance) AND token = \(token) AND expires_at > clock_timestamp()
            FROM leader_lease WHERE name = \(PostgresLedger.leaseName) FOR SHARE
            """,
            logger: PostgresLedger.silent
        )
        for try await holds in rows.decode(Bool.self) { return holds }
        return false
    }

    private static func rowToken(_ key: MailingKey, on connection: PostgresConnection) async throws -> Int? {
        let rows = try await connection.query(
            """
            SELECT lease_token FROM mailing WHERE "group" = \(key.group) AND kind = \(key.kind.rawValue)
                AND occurrence = \(key.occurrence) AND revision = \(key.revision)
            """,
            logger: PostgresLedger.silent
        )
        for try await token in rows.decode(Int?.self) { return token }
        return nil
    }
}

extension LedgerWrite {
    /// True when the step is a claim: the row becomes `claimed` with one attempt more than it had. Only claims
    /// start a send, so only they need the lease itself.
    var isClaim: Bool {
        row.state == .claimed && row.attempts > (replacing?.attempts ?? 0)
    }
}
