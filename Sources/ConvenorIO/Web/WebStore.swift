package import Foundation

/// A signed-in browser: whose it is and the token its forms must carry.
package struct WebSession: Hashable, Sendable {
    /// The address the person signed in with, as the config spells it.
    package var address: String
    /// The CSRF token every form of this session posts back.
    package var csrfToken: String
    package var expires: Date

    package init(address: String, csrfToken: String, expires: Date) {
        self.address = address
        self.csrfToken = csrfToken
        self.expires = expires
    }
}

/// What the web keeps between requests: sign-in links, sessions and the sign-in rate limits.
///
/// It lives in the same store as the ledger (issue 20: two instances on one database must agree on who is signed
/// in), behind this protocol so the SQLite ledger and a PostgreSQL one can both hold it. Tokens and session ids are
/// stored only as SHA-256 hashes: a copy of the database signs nobody in.
package protocol WebStore: Sendable {
    /// Records one sign-in request under every key when each is below its limit within `window`; false (nothing
    /// recorded) when any key is at its limit.
    func admitSignInRequest(keys: [(key: String, limit: Int)], window: TimeInterval, now: Date) async throws -> Bool

    /// Stores a sign-in link's token hash for `address`, valid until `expires`.
    func storeSignInToken(hash: String, address: String, created: Date, expires: Date) async throws

    /// Uses up the token: its address when it exists, is unused and has not expired; nil otherwise. A token is
    /// accepted at most once, even by two instances at the same moment.
    func consumeSignInToken(hash: String, now: Date) async throws -> String?

    /// Starts a session whose id hashes to `hash`.
    func createSession(hash: String, session: WebSession, created: Date) async throws

    /// The live session whose id hashes to `hash`, nil when unknown or expired.
    func session(hash: String, now: Date) async throws -> WebSession?

    /// Ends the session (sign out).
    func deleteSession(hash: String) async throws
}
