package import ConvenorIO
package import Foundation
import PostgresNIO

/// The web's sign-in links, sessions and rate limits in the shared ledger (tables of migration v3): two instances
/// agree on who is signed in, and a link is used at most once even when both see it at the same moment.
extension PostgresLedger: WebStore {
    package func admitSignInRequest(
        keys: [(key: String, limit: Int)],
        window: TimeInterval,
        now: Date
    ) async throws -> Bool {
        let since = now.addingTimeInterval(-window)
        let pairs = keys.map { ($0.key, $0.limit) }
        return try await withTransaction("admit sign-in request") { connection in
            // Serialises the count and the insert across instances, like SQLite's immediate transaction.
            try await connection.query(
                "LOCK TABLE web_sign_in_request IN SHARE ROW EXCLUSIVE MODE",
                logger: Self.silent
            )
            try await connection.query("DELETE FROM web_sign_in_request WHERE at < \(since)", logger: Self.silent)
            for (key, limit) in pairs {
                let rows = try await connection.query(
                    "SELECT count(*) FROM web_sign_in_request WHERE key = \(key) AND at >= \(since)",
                    logger: Self.silent
                )
                for try await count in rows.decode(Int.self) where count >= limit { return false }
            }
            for (key, _) in pairs {
                try await connection.query(
                    "INSERT INTO web_sign_in_request (key, at) VALUES (\(key), \(now))",
                    logger: Self.silent
                )
            }
            return true
        }
    }

    package func storeSignInToken(hash: String, address: String, created: Date, expires: Date) async throws {
        let longDead = created.addingTimeInterval(-86_400)
        try await withTransaction("store sign-in token") { connection in
            try await connection.query("DELETE FROM web_sign_in WHERE expires_at < \(longDead)", logger: Self.silent)
            try await connection.query(
                """
                INSERT INTO web_sign_in (token_hash, address, created_at, expires_at)
                VALUES (\(hash), \(address), \(created), \(expires))
                """,
                logger: Self.silent
            )
        }
    }

    package func consumeSignInToken(hash: String, now: Date) async throws -> String? {
        try await withConnection("use sign-in token") { connection in
            // One statement decides: a second use, or a racing instance, finds used_at set and gets no row.
            let rows = try await connection.query(
                """
                UPDATE web_sign_in SET used_at = \(now)
                WHERE token_hash = \(hash) AND used_at IS NULL AND expires_at > \(now)
                RETURNING address
                """,
                logger: Self.silent
            )
            for try await address in rows.decode(String.self) { return address }
            return nil
        }
    }

    package func createSession(hash: String, session: WebSession, created: Date) async throws {
        try await withTransaction("create session") { connection in
            try await connection.query("DELETE FROM web_session WHERE expires_at < \(created)", logger: Self.silent)
            try await connection.query(
                """
                INSERT INTO web_session (id_hash, address, csrf_token, created_at, expires_at)
                VALUES (\(hash), \(session.address), \(session.csrfToken), \(created), \(session.expires))
                """,
                logger: Self.silent
            )
        }
    }

    package func session(hash: String, now: Date) async throws -> WebSession? {
        try await withConnection("read session") { connection in
            let rows = try await connection.query(
                "SELECT address, csrf_token, expires_at FROM web_session WHERE id_hash = \(hash) AND expires_at > \(now)",
                logger: Self.silent
            )
            for try await (address, csrf, expires) in rows.decode((String, String, Date).self) {
                return WebSession(address: address, csrfToken: csrf, expires: expires)
            }
            return nil
        }
    }

    package func deleteSession(hash: String) async throws {
        _ = try await withConnection("delete session") { connection in
            try await connection.query("DELETE FROM web_session WHERE id_hash = \(hash)", logger: Self.silent)
        }
    }
}
