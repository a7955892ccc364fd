import ConvenorIO
import Foundation
import Testing

/// The token's life as a table: when a cached token is used, when a new one is fetched, and what a 535 forgets.
@Suite struct OAuth2TokenStateTests {
    static let start = Date(timeIntervalSince1970: 1_800_000_000)

    static func state(lifetime: Int) -> OAuth2TokenState {
        var state = OAuth2TokenState()
        state.fetched(Secret("token-1"), expiresIn: lifetime, requestedAt: start)
        return state
    }

    @Test(arguments: [
        // (token life, seconds after the fetch, batch of N messages, fetch?)
        (3599, 0.0, 1, false),  // fresh hour token
        (3599, 3400.0, 30, false),  // 199 s left: margin 60 + batch 60 still fit
        (3599, 3480.0, 30, true),  // 119 s left: a 30-message batch (60 s) would outlive it with the margin
        (3599, 3480.0, 1, false),  // ...but one message still fits
        (3599, 3540.0, 0, true),  // inside the last minute: never started with
        (3, 2.0, 0, false),  // a 3 s test token: margin 0.6 s
        (3, 2.5, 0, true),
        (0, 0.0, 0, true),  // expires_in 0: always fetch
    ])
    func aCachedTokenIsUsedUntilShortlyBeforeItExpiresAndNotForABatchThatWouldOutliveIt(
        lifetime: Int,
        after: Double,
        messages: Int,
        fetch: Bool
    ) {
        let state = Self.state(lifetime: lifetime)
        let now = Self.start.addingTimeInterval(after)
        let action = state.action(
            now: now,
            mustLastUntil: now.addingTimeInterval(OAuth2TokenState.expectedDuration(ofBatch: messages))
        )
        #expect((action == .fetch) == fetch, "\(action)")
    }

    @Test func withoutATokenTheActionIsFetch() {
        #expect(OAuth2TokenState().action(now: Self.start, mustLastUntil: Self.start) == .fetch)
    }

    @Test func theMarginIsAFifthOfTheLifeAtMostAMinute() {
        #expect(OAuth2TokenState.refreshMargin(lifetime: 3599) == 60)
        #expect(OAuth2TokenState.refreshMargin(lifetime: 5) == 1)
        #expect(OAuth2TokenState.expectedDuration(ofBatch: 30) == 60)
        #expect(OAuth2TokenState.expectedDuration(ofBatch: 10_000) == 600)
    }

    @Test func aRejectedTokenIsForgottenButANewerOneIsKept() {
        var state = Self.state(lifetime: 3599)
        let first = try! #require(state.current)
        state.rejected(first)
        #expect(state.current == nil)
        #expect(state.action(now: Self.start, mustLastUntil: Self.start) == .fetch)

        let second = state.fetched(Secret("token-2"), expiresIn: 3599, requestedAt: Self.start)
        state.rejected(first)
        #expect(state.current == second)
    }

    @Test func theLifeIsCountedFromWhenTheRequestWasSent() {
        var state = OAuth2TokenState()
        let token = state.fetched(Secret("t"), expiresIn: 100, requestedAt: Self.start)
        #expect(token.expiresAt == Self.start.addingTimeInterval(100))
        #expect(token.usableUntil == Self.start.addingTimeInterval(80))
        #expect(!"\(token)".contains("\"t\"") && "\(token)".contains("<redacted>"))
    }
}
