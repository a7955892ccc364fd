import ConvenorIO
import ConvenorPostgres
import ConvenorTesting
import Foundation
import Logging
import Testing

/// The web's sign-in links, sessions and limits as the ledger's database keeps them.
@Suite struct WebStoreTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    /// The stores that hold the web's state: the SQLite file and the shared PostgreSQL ledger.
    static let stores: [LedgerStoreKind] = [.sqlite, .postgres]

    func make(_ kind: LedgerStoreKind) async throws -> any WebStore {
        try #require(try await kind.make() as? any WebStore)
    }

    @Test(arguments: stores)
    func aSignInTokenWorksOnceAndNotAfterItExpires(store: LedgerStoreKind) async throws {
        let ledger = try await make(store)
        try await ledger.storeSignInToken(hash: "h1", address: "a@x.org", created: Self.now, expires: Self.now + 900)
        try await ledger.storeSignInToken(hash: "h2", address: "b@x.org", created: Self.now, expires: Self.now + 900)
        #expect(try await ledger.consumeSignInToken(hash: "h1", now: Self.now + 60) == "a@x.org")
        #expect(try await ledger.consumeSignInToken(hash: "h1", now: Self.now + 61) == nil)
        #expect(try await ledger.consumeSignInToken(hash: "h2", now: Self.now + 900) == nil)
        #expect(try await ledger.consumeSignInToken(hash: "nope", now: Self.now) == nil)
    }

    @Test(arguments: stores)
    func aSessionIsFoundByItsHashUntilItExpiresOrEnds(store: LedgerStoreKind) async throws {
        let ledger = try await make(store)
        let session = WebSession(address: "a@x.org", csrfToken: "c", expires: Self.now + 3600)
        try await ledger.createSession(hash: "s1", session: session, created: Self.now)
        #expect(try await ledger.session(hash: "s1", now: Self.now + 10) == session)
        #expect(try await ledger.session(hash: "s1", now: Self.now + 3600) == nil)
        try await ledger.deleteSession(hash: "s1")
        #expect(try await ledger.session(hash: "s1", now: Self.now + 10) == nil)
    }

    @Test(arguments: stores)
    func signInRequestsAreLimitedPerKeyWithinTheWindow(store: LedgerStoreKind) async throws {
        let ledger = try await make(store)
        let keys: [(key: String, limit: Int)] = [("address:a", 3), ("client:1", 10)]
        for minute in 0..<3 {
            #expect(try await ledger.admitSignInRequest(keys: keys, window: 900, now: Self.now + Double(minute * 60)))
        }
        #expect(try await !ledger.admitSignInRequest(keys: keys, window: 900, now: Self.now + 200))
        // Another address from the same client still gets through; the refused request was not counted.
        #expect(
            try await ledger.admitSignInRequest(
                keys: [("address:b", 3), ("client:1", 10)],
                window: 900,
                now: Self.now + 200
            )
        )
        // Fifteen minutes after the first, the address may ask again.
        #expect(try await ledger.admitSignInRequest(keys: keys, window: 900, now: Self.now + 901))
    }

    @Test func twoInstancesUsingOneSignInLinkAtOnceSignInOnlyOne() async throws {
        let settings = try PostgresTestServer.freshDatabase()
        let logger = Logger(label: "convenor.test")
        let first = try await PostgresLedger.open(settings, password: nil, logger: logger)
        let second = try await PostgresLedger.open(settings, password: nil, logger: logger)
        defer {
            try? first.close()
            try? second.close()
        }
        for round in 0..<10 {
            try await first.storeSignInToken(
                hash: "t\(round)",
                address: "a@x.org",
                created: Self.now,
                expires: Self.now + 900
            )
            async let a = first.consumeSignInToken(hash: "t\(round)", now: Self.now + 1)
            async let b = second.consumeSignInToken(hash: "t\(round)", now: Self.now + 1)
            let used = [try await a, try await b].compactMap { $0 }
            #expect(used == ["a@x.org"], "round \(round)")
        }
    }
}
