/// The `delivery.smtp.oauth2` block: where convenor gets its own XOAUTH2 access tokens.
///
/// The client-credentials grant (RFC 6749 §4.4): convenor authenticates as an application registration with its
/// client ID and secret and receives a bearer token for the mailbox named by `smtp.username`. The secret is never in
/// the YAML: it comes from `client_secret_file` or a systemd credential, like the SMTP password.
package struct OAuth2Settings: Hashable, Sendable {
    /// The scope Exchange Online's SMTP AUTH expects from an application token.
    package static let microsoftScope = "https://outlook.office365.com/.default"

    /// The token endpoint, e.g. `https://login.microsoftonline.com/TENANT/oauth2/v2.0/token`; `http://` only on
    /// loopback (tests, a local token broker).
    package var tokenURL: String
    /// The application (client) ID of the app registration.
    package var clientID: String
    /// Where the client secret is read from at each fetch.
    package var clientSecret: SecretSource
    /// The `scope` form field; `https://outlook.office365.com/.default` unless the block says otherwise.
    package var scope: String

    package init(tokenURL: String, clientID: String, clientSecret: SecretSource, scope: String = Self.microsoftScope) {
        self.tokenURL = tokenURL
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.scope = scope
    }

    /// The token endpoint's host, for messages (`login.microsoftonline.com`); the path may name the tenant and is
    /// not secret, but the host is what an operator recognises.
    package var tokenHost: String {
        let afterScheme = tokenURL.drop { $0 != ":" }.dropFirst(3)
        return String(afterScheme.prefix { $0 != "/" && $0 != "?" && $0 != "#" })
    }
}
