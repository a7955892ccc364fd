import ConvenorCore
package import Foundation
import GRDB

/// The web's sign-in links, sessions and rate limits, in the ledger's database (tables of migration v2).
extension SQLiteLedger: WebStore {
    package func admitSignInRequest(
        keys: [(key: String, limit: Int)],
        window: TimeInterval,
        now: Date
    ) async throws -> Bool {
        let since = now.addingTimeInterval(-window)
        let pairs = keys.map { ($0.key, $0.limit) }
        return try await write("admit sign-in request") { db in
            try db.execute(sql: "DELETE FROM web_sign_in_request WHERE at < ?", arguments: [since])
            for (key, limit) in pairs {
                let count =
                    try Int.fetchOne(
                        db,
                        sql: "SELECT COUNT(*) FROM web_sign_in_request WHERE key = ? AND at >= ?",
                        arguments: [key, since]
                    ) ?? 0
                if count >= limit { return false }
            }
            for (key, _) in pairs {
                try db.execute(sql: "INSERT INTO web_sign_in_request (key, at) VALUES (?, ?)", arguments: [key, now])
            }
            return true
        }
    }

    package func storeSignInToken(hash: String, address: String, created: Date, expires: Date) async throws {
        try await write("store sign-in token") { db in
            // Links long dead are of no use to anyone; keep the table small.
            try db.execute(
                sql: "DELETE FROM web_sign_in WHERE expires_at < ?",
                arguments: [created.addingTimeInterval(-86_400)]
            )
            try db.execute(
                sql: "INSERT INTO web_sign_in (token_hash, address, created_at, expires_at) VALUES (?, ?, ?, ?)",
                arguments: [hash, address, created, expires]
            )
        }
    }

    package func consumeSignInToken(hash: String, now: Date) async throws -> String? {
        try await write("use sign-in token") { db in
            // One statement decides: a second use, or a racing instance, finds used_at set and changes no row.
            try db.execute(
                sql: "UPDATE web_sign_in SET used_at = ? WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?",
                arguments: [now, hash, now]
            )
            guard db.changesCount == 1 else { return nil }
            return try String.fetchOne(
                db,
                sql: "SELECT address FROM web_sign_in WHERE token_hash = ?",
                arguments: [hash]
            )
        }
    }

    package func createSession(hash: String, session: WebSession, created: Date) async throws {
        try await write("create session") { db in
            try db.execute(sql: "DELETE FROM web_session WHERE expires_at < ?", arguments: [created])
            try db.execute(
                sql: """
                    INSERT INTO web_session (id_hash, address, csrf_token, created_at, expires_at)
                    VALUES (?, ?, ?, ?, ?)
                    """,
                arguments: [hash, session.address, session.csrfToken, created, session.expires]
            )
        }
    }

    package func session(hash: String, now: Date) async throws -> WebSession? {
        try await read("read session") { db in
            try Row.fetchOne(
                db,
                sql: "SELECT address, csrf_token, expires_at FROM web_session WHERE id_hash = ? AND expires_at > ?",
                arguments: [hash, now]
            ).map { row in WebSession(address: row["address"], csrfToken: row["csrf_token"], expires: row["expires_at"])
            }
        }
    }

    package func deleteSession(hash: String) async throws {
        try await write("delete session") { db in
            try db.execute(sql: "DELETE FROM web_session WHERE id_hash = ?", arguments: [hash])
        }
    }
}
