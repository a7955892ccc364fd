import ConvenorIO
import ConvenorTesting
import Foundation
import Testing

/// The web's sign-in links, sessions and limits as the ledger's database keeps them.
@Suite struct WebStoreTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func aSignInTokenWorksOnceAndNotAfterItExpires() async throws {
        let ledger = try makeInMemoryLedger()
        try await ledger.storeSignInToken(hash: "h1", address: "a@x.org", created: Self.now, expires: Self.now + 900)
        try await ledger.storeSignInToken(hash: "h2", address: "b@x.org", created: Self.now, expires: Self.now + 900)
        #expect(try await ledger.consumeSignInToken(hash: "h1", now: Self.now + 60) == "a@x.org")
        #expect(try await ledger.consumeSignInToken(hash: "h1", now: Self.now + 61) == nil)
        #expect(try await ledger.consumeSignInToken(hash: "h2", now: Self.now + 900) == nil)
        #expect(try await ledger.consumeSignInToken(hash: "nope", now: Self.now) == nil)
    }

    @Test func aSessionIsFoundByItsHashUntilItExpiresOrEnds() async throws {
        let ledger = try makeInMemoryLedger()
        let session = WebSession(address: "a@x.org", csrfToken: "c", expires: Self.now + 3600)
        try await ledger.createSession(hash: "s1", session: session, created: Self.now)
        #expect(try await ledger.session(hash: "s1", now: Self.now + 10) == session)
        #expect(try await ledger.session(hash: "s1", now: Self.now + 3600) == nil)
        try await ledger.deleteSession(hash: "s1")
        #expect(try await ledger.session(hash: "s1", now: Self.now + 10) == nil)
    }

    @Test func signInRequestsAreLimitedPerKeyWithinTheWindow() async throws {
        let ledger = try makeInMemoryLedger()
        let keys: [(key: String, limit: Int)] = [("address:a", 3), ("client:1", 10)]
        for minute in 0..<3 {
            #expect(try await ledger.admitSignInRequest(keys: keys, window: 900, now: Self.now + Double(minute * 60)))
        }
        #expect(try await !ledger.admitSignInRequest(keys: keys, window: 900, now: Self.now + 200))
        // Another address from the same client still gets through; the refused request was not counted.
        #expect(try await ledger.admitSignInRequest(keys: [("address:b", 3), ("client:1", 10)], window: 900, now: Self.now + 200))
        // Fifteen minutes after the first, the address may ask again.
        #expect(try await ledger.admitSignInRequest(keys: keys, window: 900, now: Self.now + 901))
    }
}
