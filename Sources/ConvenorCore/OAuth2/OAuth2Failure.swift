/// Why convenor has no OAuth2 token, classified like an SMTP failure: does waiting help, or must the operator act?
///
/// Neither kind is the mailing's fault: the mailings stay pending either way. `configuration` means the identity
/// platform refused convenor (wrong secret, no permission, wrong tenant or scope, not a token endpoint) and the
/// operator must change something; `transient` means the endpoint could not be reached or was overloaded (network,
/// timeout, 5xx, 429), and the next attempt may well succeed. `reason` never holds a secret or a token.
package struct OAuth2Failure: Error, Hashable, Sendable, CustomStringConvertible {
    /// Whether the operator must change something.
    package enum Kind: Hashable, Sendable {
        /// The identity platform refused the request, or the endpoint is not one: alert the operator.
        case configuration
        /// Network trouble or an overloaded endpoint: retry with backoff.
        case transient
    }

    package var kind: Kind
    /// What happened and what to check, in the operator's words (the platform's error text included).
    package var reason: String

    package init(_ kind: Kind, _ reason: String) {
        self.kind = kind
        self.reason = reason
    }

    package var description: String { reason }
}
