import ConvenorCore
import Foundation
import Logging

/// Gets the bearer token for a batch: the cached one while it lasts, a fresh one from the token endpoint otherwise.
///
/// Reads the client secret at every fetch (a rotated secret is picked up without a restart) and keeps it only for
/// the request. Logs the fetch at `debug` with the endpoint's host and the token's life, never the token or secret.
struct OAuth2Authorizer {
    let settings: OAuth2Settings
    let client: OAuth2TokenClient
    let secrets: any SecretReading
    let store: OAuth2TokenStore
    let clock: any WallClock
    let logger: Logger

    /// A token the relay should accept until at least `mustLastUntil`, and whether it was fetched just now.
    func token(mustLastUntil: Date) -> Result<(token: OAuth2TokenState.Token, fetched: Bool), OAuth2Failure> {
        let now = clock.now()
        if case .use(let token) = store.action(now: now, mustLastUntil: mustLastUntil) {
            return .success((token, false))
        }
        return fetch().map { ($0, true) }
    }

    /// Forgets `rejected` (the relay answered 535 to it) and fetches another.
    func replace(_ rejected: OAuth2TokenState.Token) -> Result<OAuth2TokenState.Token, OAuth2Failure> {
        store.rejected(rejected)
        return fetch()
    }

    /// One request to the token endpoint; the result is stored for the batches that follow.
    func fetch() -> Result<OAuth2TokenState.Token, OAuth2Failure> {
        let secret: Secret
        do {
            secret = try secrets.read(settings.clientSecret)
        } catch {
            return .failure(
                .init(.configuration, "cannot get an OAuth2 token: cannot read the client secret: \(error)")
            )
        }
        let requestedAt = clock.now()
        switch client.fetch(clientSecret: secret) {
        case .success(let issued):
            let token = store.fetched(Secret(issued.accessToken), expiresIn: issued.expiresIn, requestedAt: requestedAt)
            logger.debug(
                "OAuth2 token fetched",
                metadata: ["endpoint": "\(settings.tokenHost)", "expires_in": "\(issued.expiresIn)"]
            )
            return .success(token)
        case .failure(let failure):
            logger.debug(
                "OAuth2 token not fetched",
                metadata: ["endpoint": "\(settings.tokenHost)", "reason": "\(failure.reason)"]
            )
            return .failure(OAuth2Failure(failure.kind, "cannot get an OAuth2 token: \(failure.reason)"))
        }
    }
}
