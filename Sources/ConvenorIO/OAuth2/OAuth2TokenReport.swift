package import ConvenorCore
package import Foundation

/// What `SMTPTransport.prepareToken()` found: a token (and how long it lives), or why there is none.
package enum OAuth2TokenReport: Hashable, Sendable {
    /// A token is at hand; `fetched` is false when the cached one was reused.
    case ready(fetched: Bool, endpoint: String, expiresIn: TimeInterval)
    case failed(OAuth2Failure)

    /// One line for people: `token: fetched from login.microsoftonline.com, expires in 59 minutes`.
    package var line: String {
        switch self {
        case .ready(let fetched, let endpoint, let expiresIn):
            let seconds = max(0, Int(expiresIn.rounded(.down)))
            let life = seconds >= 120 ? "\(seconds / 60) minutes" : "\(seconds) seconds"
            return "token: \(fetched ? "fetched from" : "reusing the one from") \(endpoint), expires in \(life)"
        case .failed(let failure):
            let kind = failure.kind == .transient ? "temporary, try again later" : "check the oauth2 settings"
            return "token: not fetched (\(kind)): \(failure.reason)"
        }
    }
}
