import Yams

/// Reads `delivery.smtp.oauth2`: the token endpoint, the client ID and where the client secret lives.
///
/// The client secret is the one thing in this block that must never be written in the YAML; a `client_secret:` key
/// (or any other secret-looking key) is an error that says where it goes instead.
extension DeliveryParser {
    private static let clientSecretFix =
        "put it in a file only convenor can read (chmod 600) and write "
        + "`client_secret_file: /etc/convenor/oauth2-client-secret`, or use a systemd credential: "
        + "`client_secret_credential: oauth2-client-secret`"

    static let oauth2Schema = MappingSchema(
        what: "`oauth2`",
        example: "oauth2: {token_url: \"https://login.microsoftonline.com/TENANT/oauth2/v2.0/token\", client_id: ...}",
        keys: ["token_url", "client_id", "client_secret_file", "client_secret_credential", "scope"],
        required: ["token_url", "client_id"],
        forbidden: Dictionary(
            uniqueKeysWithValues: [
                "client_secret", "secret", "password", "token", "access_token", "refresh_token", "api_key",
            ].map {
                ($0, (problem: "a secret must never be written in the config (`\($0)`)", fix: clientSecretFix))
            }
        ),
        redirected: [
            "username": "put `username` in the `smtp` block: it is the mailbox convenor sends as",
            "tenant":
                "write the tenant inside `token_url`: `https://login.microsoftonline.com/TENANT/oauth2/v2.0/token`",
        ]
    )

    /// The settings, or nil (with diagnostics) when the block is wrong.
    static func oauth2(_ node: Node, reader: NodeReader) -> OAuth2Settings? {
        guard let map = reader.mapping(node, oauth2Schema) else { return nil }
        var valid = true
        var tokenURL: String?
        if let urlNode = map["token_url"], let value = reader.text(urlNode, key: "token_url") {
            if let problem = tokenURLProblem(value) {
                reader.error(urlNode, problem.problem, fix: problem.fix)
            } else {
                tokenURL = value
            }
        }
        let clientID = map["client_id"].flatMap { reader.text($0, key: "client_id") }
        let scope = map["scope"].flatMap { reader.text($0, key: "scope") } ?? OAuth2Settings.microsoftScope

        let secretKeys = ["client_secret_file", "client_secret_credential"].filter { map[$0] != nil }
        if secretKeys.count > 1, let second = map.keyNode(secretKeys[1]) {
            valid = false
            reader.error(
                second,
                "`client_secret_file` and `client_secret_credential` are both set",
                fix: "keep exactly one way of reading the client secret"
            )
        }
        let secret: SecretSource? =
            map["client_secret_file"].flatMap { reader.path($0, key: "client_secret_file") }.map(SecretSource.file)
            ?? map["client_secret_credential"].flatMap {
                credential($0, key: "client_secret_credential", reader: reader)
            }.map(SecretSource.credential)
        if secretKeys.isEmpty {
            valid = false
            reader.error(
                node,
                "`oauth2` does not say where the client secret is",
                fix: "add `client_secret_file: /etc/convenor/oauth2-client-secret` (chmod 600) or "
                    + "`client_secret_credential: oauth2-client-secret` (systemd LoadCredential=)"
            )
        }
        guard valid, let tokenURL, let clientID, let secret else { return nil }
        return OAuth2Settings(tokenURL: tokenURL, clientID: clientID, clientSecret: secret, scope: scope)
    }

    /// Why `value` cannot be a token endpoint, or nil. `http://` is refused except on loopback: the client secret
    /// travels in the request body.
    static func tokenURLProblem(_ value: String) -> ValueProblem? {
        let lowered = value.lowercased()
        let example = ConfigExamples.value(for: "token_url") ?? ""
        let scheme: String
        if lowered.hasPrefix("https://") {
            scheme = "https"
        } else if lowered.hasPrefix("http://") {
            scheme = "http"
        } else {
            return ValueProblem(
                "`\(value)` is not a token endpoint address",
                fix: "write the HTTPS URL, e.g. `\(example)`"
            )
        }
        let afterScheme = value.dropFirst(scheme.count + 3)
        let authority = afterScheme.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        if authority.contains("@") || value.contains(where: { $0 == " " || $0.isNewline }) {
            return ValueProblem(
                "`token_url` must not contain a user name, a password or spaces",
                fix: "write only the endpoint, e.g. `\(example)`; the client secret goes in `client_secret_file`"
            )
        }
        let host = hostName(of: authority).lowercased()
        guard !host.isEmpty else {
            return ValueProblem("`\(value)` names no host", fix: "write e.g. `\(example)`")
        }
        if scheme == "http" && !["127.0.0.1", "localhost", "::1"].contains(host) {
            return ValueProblem(
                "`\(value)` is plain http: the client secret would cross the network unencrypted",
                fix: "write `https://` (only a token endpoint on this machine, 127.0.0.1 or localhost, may use http)"
            )
        }
        return nil
    }

    /// `host` from `host:port`, `[::1]:port` or `host`.
    private static func hostName(of authority: Substring) -> String {
        if authority.hasPrefix("[") {
            return String(authority.dropFirst().prefix { $0 != "]" })
        }
        return String(authority.prefix { $0 != ":" })
    }
}

extension OAuth2Settings {
    /// Why `tokenURL` must not be used (plain http off loopback, a user name in it), or nil: the same check as
    /// `convenor check`, repeated where the request is made so settings built in code are held to it too.
    package var tokenURLProblem: String? {
        DeliveryParser.tokenURLProblem(tokenURL).map { "\($0.problem); \($0.fix)" }
    }

    /// True when `tokenURL` is `http://` (allowed on loopback only).
    package var usesPlainHTTP: Bool { tokenURL.lowercased().hasPrefix("http://") }
}
