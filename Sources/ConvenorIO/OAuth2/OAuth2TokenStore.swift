package import Foundation
import Synchronization

/// Guards one `OAuth2TokenState` shared by every batch of a transport, so a token outlives the batch that fetched
/// it and the next batch (or `send-test`'s own check) reuses it.
///
/// A lock rather than an actor: the batch runs on a dedicated thread inside synchronous libcurl code and must ask
/// between two messages without awaiting. The lock is never held during a fetch; two batches that both see
/// `.fetch` at once both fetch, and the later token wins, which is harmless.
package final class OAuth2TokenStore: Sendable {
    private let state = Mutex(OAuth2TokenState())

    package init() {}

    /// See `OAuth2TokenState.action(now:mustLastUntil:)`.
    package func action(now: Date, mustLastUntil: Date) -> OAuth2TokenState.Action {
        state.withLock { $0.action(now: now, mustLastUntil: mustLastUntil) }
    }

    /// See `OAuth2TokenState.fetched(_:expiresIn:requestedAt:)`.
    @discardableResult
    package func fetched(_ value: Secret, expiresIn: Int, requestedAt: Date) -> OAuth2TokenState.Token {
        state.withLock { $0.fetched(value, expiresIn: expiresIn, requestedAt: requestedAt) }
    }

    /// See `OAuth2TokenState.rejected(_:)`.
    package func rejected(_ token: OAuth2TokenState.Token) {
        state.withLock { $0.rejected(token) }
    }

    /// The token in use, if any.
    package var current: OAuth2TokenState.Token? { state.withLock { $0.current } }
}
