import Foundation

/// An access token as the token endpoint issued it (RFC 6749 §5.1); it never prints itself.
package struct OAuth2IssuedToken: Hashable, Sendable, CustomStringConvertible {
    /// The bearer token; the IO layer wraps it in a `Secret` at once.
    package var accessToken: String
    /// `expires_in`: seconds from the moment the endpoint answered.
    package var expiresIn: Int

    package init(accessToken: String, expiresIn: Int) {
        self.accessToken = accessToken
        self.expiresIn = expiresIn
    }

    package var description: String { "OAuth2 token (expires in \(expiresIn) s, <redacted>)" }
}

/// Reads a token endpoint's answer: a token (RFC 6749 §5.1), or an error classified for the operator (§5.2).
///
/// Pure: the HTTP status and body in, a token or an `OAuth2Failure` out. JSON is read with `JSONDecoder`; a body
/// that is not the JSON §5 describes (an HTML login page from a proxy, a truncated answer) is a configuration
/// failure that says what came back, never a token.
package enum OAuth2TokenResponse {
    /// The lifetime assumed when the endpoint sends no `expires_in` (it is only RECOMMENDED): short, so a token of
    /// unknown life is refreshed soon rather than used until the relay refuses it.
    package static let assumedLifetime = 300

    /// What one answer means. `settings` names what the operator should check.
    package static func parse(
        status: Int,
        body: [UInt8],
        settings: OAuth2Settings
    ) -> Result<OAuth2IssuedToken, OAuth2Failure> {
        let endpoint = "the token endpoint \(settings.tokenHost)"
        if status == 429 || (500...599).contains(status) {
            let said = errorBody(body).map { ": \($0.summary)" } ?? ""
            return .failure(.init(.transient, "\(endpoint) is unavailable (HTTP \(status))\(said); will retry"))
        }
        if (200...299).contains(status) {
            return token(from: body, status: status, endpoint: endpoint)
        }
        guard let error = errorBody(body) else {
            return .failure(
                .init(
                    .configuration,
                    "\(endpoint) answered HTTP \(status) without an OAuth2 error (\(preview(body))); check token_url "
                        + "(for Microsoft 365: https://login.microsoftonline.com/TENANT/oauth2/v2.0/token)"
                )
            )
        }
        return .failure(classify(error, status: status, endpoint: endpoint, settings: settings))
    }

    /// The part of §5.1 convenor reads. `expires_in` is a number by the RFC, but some servers send a string.
    private struct TokenBody: Decodable {
        var accessToken: String?
        var tokenType: String?
        var expiresIn: Int?

        enum CodingKeys: String, CodingKey {
            case accessToken = "access_token"
            case tokenType = "token_type"
            case expiresIn = "expires_in"
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            accessToken = try container.decodeIfPresent(String.self, forKey: .accessToken)
            tokenType = try container.decodeIfPresent(String.self, forKey: .tokenType)
            if let number = try? container.decodeIfPresent(Int.self, forKey: .expiresIn) {
                expiresIn = number
            } else if let text = try? container.decodeIfPresent(String.self, forKey: .expiresIn) {
                expiresIn = Int(text)
            }
        }
    }

    /// The error object of §5.2, plus Microsoft's numeric `error_codes` (AADSTS numbers).
    struct ErrorBody: Decodable {
        var error: String
        var errorDescription: String?
        var errorCodes: [Int]?

        enum CodingKeys: String, CodingKey {
            case error
            case errorDescription = "error_description"
            case errorCodes = "error_codes"
        }

        /// `invalid_client: AADSTS7000215: Invalid client secret provided. ...`: the code and the first line of
        /// the description (Microsoft appends trace and correlation IDs on further lines).
        var summary: String {
            guard let description = errorDescription.map(OAuth2TokenResponse.firstLine), !description.isEmpty else {
                return error
            }
            return "\(error): \(description)"
        }
    }

    private static func token(
        from body: [UInt8],
        status: Int,
        endpoint: String
    ) -> Result<OAuth2IssuedToken, OAuth2Failure> {
        let malformed =
            "\(endpoint) answered HTTP \(status) but not with an OAuth2 token (%@); check token_url: it must be the "
            + "OAuth2 v2.0 token endpoint, e.g. https://login.microsoftonline.com/TENANT/oauth2/v2.0/token"
        guard let decoded = try? JSONDecoder().decode(TokenBody.self, from: Data(body)) else {
            return .failure(.init(.configuration, malformed.replacing("%@", with: "not JSON: \(preview(body))")))
        }
        guard let accessToken = decoded.accessToken, !accessToken.isEmpty else {
            return .failure(.init(.configuration, malformed.replacing("%@", with: "no access_token")))
        }
        // RFC 6750: XOAUTH2 carries a bearer token; any other type would be refused by the relay.
        if let type = decoded.tokenType, type.lowercased() != "bearer" {
            return .failure(.init(.configuration, malformed.replacing("%@", with: "token_type \(firstLine(type))")))
        }
        // A token is sent inside an SMTP command line: a line break or control character could inject a command.
        guard accessToken.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F }) else {
            return .failure(
                .init(.configuration, malformed.replacing("%@", with: "access_token has invalid characters"))
            )
        }
        let lifetime = decoded.expiresIn.map { max(0, $0) } ?? assumedLifetime
        return .success(OAuth2IssuedToken(accessToken: accessToken, expiresIn: lifetime))
    }

    private static func errorBody(_ body: [UInt8]) -> ErrorBody? {
        guard var error = try? JSONDecoder().decode(ErrorBody.self, from: Data(body)) else { return nil }
        error.error = firstLine(error.error)
        return error
    }

    /// §5.2's codes, with Microsoft's AADSTS numbers where they point at the tenant.
    private static func classify(
        _ error: ErrorBody,
        status: Int,
        endpoint: String,
        settings: OAuth2Settings
    ) -> OAuth2Failure {
        let said = "\(endpoint) refused convenor (HTTP \(status), \(error.summary))"
        let registration =
            "an Entra app registration with the Office 365 Exchange Online application permission SMTP.SendAsApp "
            + "(admin consent granted) and an Exchange service principal for it (New-ServicePrincipal, "
            + "Add-MailboxPermission; see OPERATOR.md)"
        let codes = Set(error.errorCodes ?? [])
        let tenantCodes: Set<Int> = [90002, 900023, 90072, 700016]
        switch error.error {
        case "invalid_client":
            return .init(
                .configuration,
                "\(said): check client_id \(settings.clientID) and the secret in \(secretSetting(settings)) (a "
                    + "secret past its expiry date must be replaced under Certificates & secrets); convenor needs "
                    + registration
            )
        case "unauthorized_client":
            return .init(
                .configuration,
                "\(said): check that client_id \(settings.clientID) is an app registration in the tenant named in "
                    + "token_url and that it may use the client-credentials grant; convenor needs " + registration
            )
        case "invalid_scope":
            return .init(
                .configuration,
                "\(said): check scope (\(settings.scope)); Exchange Online SMTP needs "
                    + "\(OAuth2Settings.microsoftScope); convenor needs " + registration
            )
        case "invalid_request" where !codes.isDisjoint(with: tenantCodes):
            return .init(
                .configuration,
                "\(said): check the tenant in token_url (the Directory (tenant) ID or domain, as in "
                    + "https://login.microsoftonline.com/TENANT/oauth2/v2.0/token); convenor needs " + registration
            )
        case "temporarily_unavailable", "server_error":
            return .init(.transient, "\(endpoint) is unavailable (HTTP \(status), \(error.summary)); will retry")
        case "unsupported_grant_type", "invalid_grant":
            return .init(
                .configuration,
                "\(said): token_url does not accept the client-credentials grant; for Microsoft 365 use "
                    + "https://login.microsoftonline.com/TENANT/oauth2/v2.0/token"
            )
        default:
            return .init(
                .configuration,
                "\(said): check token_url (the tenant), client_id, scope and the client secret; convenor needs "
                    + registration
            )
        }
    }

    /// `client_secret_file /etc/convenor/oauth2-client-secret` or `client_secret_credential NAME`.
    package static func secretSetting(_ settings: OAuth2Settings) -> String {
        switch settings.clientSecret {
        case .file(let path): "client_secret_file \(path)"
        case .credential(let name): "client_secret_credential \(name)"
        }
    }

    /// The first line of `text`, without control characters, at most 300 characters: text from outside goes into
    /// one log line and one ledger field.
    static func firstLine(_ text: String) -> String {
        let line = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        let printable = line.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }
        let cleaned = String(String.UnicodeScalarView(printable)).trimmingCharacters(in: .whitespaces)
        return cleaned.count > 300 ? String(cleaned.prefix(300)) + "…" : cleaned
    }

    /// The start of a body that is not what was expected, quoted for the operator.
    static func preview(_ body: [UInt8]) -> String {
        guard !body.isEmpty else { return "an empty body" }
        let text = firstLine(String(decoding: body.prefix(120), as: UTF8.self))
        return "it starts \(String(reflecting: text))"
    }
}
