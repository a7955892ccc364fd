package import Foundation

/// The in-memory life of convenor's OAuth2 access token: a pure state machine, no clock and no IO of its own.
///
/// Like async-http-client's `Transaction+StateMachine`, the owner asks what to do (`action`) and reports what
/// happened (`fetched`, `rejected`); the value decides. A token is used until shortly before its `expires_in` runs
/// out (the margin is a fifth of its life, at most a minute), measured from the moment the request was *sent*, so
/// the clock skew of a slow answer counts against convenor, not the relay. A batch asks for a token that outlives
/// the batch's likely duration; each message asks again, so a batch longer than a token's life refreshes midway.
/// The token is never written anywhere: only this value and libcurl's copy hold it.
package struct OAuth2TokenState: Sendable {
    /// A token and the instants that bound its use.
    package struct Token: Hashable, Sendable {
        /// The bearer token itself; prints as `<redacted>`.
        package var value: Secret
        /// When the request that got it was sent.
        package var requestedAt: Date
        /// `requestedAt + expires_in`: the relay refuses it after this.
        package var expiresAt: Date

        package init(value: Secret, requestedAt: Date, expiresAt: Date) {
            self.value = value
            self.requestedAt = requestedAt
            self.expiresAt = expiresAt
        }

        /// The last instant convenor starts a message with it: `expiresAt` less the refresh margin.
        package var usableUntil: Date {
            expiresAt.addingTimeInterval(
                -OAuth2TokenState.refreshMargin(lifetime: expiresAt.timeIntervalSince(requestedAt))
            )
        }
    }

    /// What the owner should do before sending.
    package enum Action: Hashable, Sendable {
        /// The cached token lasts long enough.
        case use(Token)
        /// Fetch a new token (none yet, or the cached one would expire too soon).
        case fetch
    }

    /// The token in use, if any.
    package private(set) var current: Token?

    package init() {}

    /// How long before expiry a token is no longer started with: a fifth of its life, at most 60 s. An hour's token
    /// (Microsoft's usual 3599 s) is refreshed a minute early; a test token of 5 s, one second early.
    package static func refreshMargin(lifetime: TimeInterval) -> TimeInterval {
        min(60, max(0, lifetime) / 5)
    }

    /// How long a batch of `messages` is expected to take, for `action(now:mustLastUntil:)`: two seconds a message
    /// (Exchange Online allows 30 a minute), at most ten minutes.
    package static func expectedDuration(ofBatch messages: Int) -> TimeInterval {
        min(600, 2 * Double(max(0, messages)))
    }

    /// `.use` when the cached token is still usable at `mustLastUntil`, else `.fetch`.
    package func action(now: Date, mustLastUntil: Date) -> Action {
        guard let current, current.usableUntil > max(now, mustLastUntil) else { return .fetch }
        return .use(current)
    }

    /// Records a token issued for a request sent at `requestedAt` and returns it.
    @discardableResult
    package mutating func fetched(_ value: Secret, expiresIn: Int, requestedAt: Date) -> Token {
        let token = Token(
            value: value,
            requestedAt: requestedAt,
            expiresAt: requestedAt.addingTimeInterval(TimeInterval(expiresIn))
        )
        current = token
        return token
    }

    /// The relay refused `token` (535) although it should still be valid: forget it, so the next action fetches.
    /// A newer token fetched meanwhile is kept.
    package mutating func rejected(_ token: Token) {
        if current == token { current = nil }
    }
}
