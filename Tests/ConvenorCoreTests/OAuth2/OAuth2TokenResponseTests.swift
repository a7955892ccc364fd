import Testing

@testable import ConvenorCore

/// The token endpoint's answers (RFC 6749 §5.1 and §5.2, with Microsoft's AADSTS texts) and how each is classified.
@Suite struct OAuth2TokenResponseTests {
    static let settings = OAuth2Settings(
        tokenURL: "https://login.microsoftonline.com/contoso.example/oauth2/v2.0/token",
        clientID: "6f1d2c3b-aaaa-4bbb-8ccc-0123456789ab",
        clientSecret: .file("/etc/convenor/oauth2-client-secret")
    )

    static func parse(_ status: Int, _ body: String) -> Result<OAuth2IssuedToken, OAuth2Failure> {
        OAuth2TokenResponse.parse(status: status, body: Array(body.utf8), settings: settings)
    }

    @Test(arguments: [
        (#"{"token_type":"Bearer","expires_in":3599,"ext_expires_in":3599,"access_token":"eyJ0.eyJ1.c2ln"}"#, 3599),
        (#"{"token_type":"bearer","expires_in":"3600","access_token":"eyJ0.eyJ1.c2ln"}"#, 3600),
        (#"{"access_token":"eyJ0.eyJ1.c2ln"}"#, OAuth2TokenResponse.assumedLifetime),
    ])
    func aTokenIsReadWithItsLifetime(body: String, lifetime: Int) {
        #expect(
            Self.parse(200, body) == .success(OAuth2IssuedToken(accessToken: "eyJ0.eyJ1.c2ln", expiresIn: lifetime))
        )
    }

    @Test func aTokenNeverPrintsItself() {
        let token = OAuth2IssuedToken(accessToken: "eyJ0.eyJ1.c2ln", expiresIn: 60)
        #expect(!"\(token)".contains("eyJ0"))
    }

    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var status: Int
        var body: String
        var kind: OAuth2Failure.Kind
        var expected: String
        var testDescription: String { name }
    }

    static let failures: [Case] = [
        Case(
            name: "invalid_client",
            status: 401,
            body:
                #"{"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret provided.\r\nTrace ID: 1\r\nCorrelation ID: 2","error_codes":[7000215]}"#,
            kind: .configuration,
            expected:
                "the token endpoint login.microsoftonline.com refused convenor (HTTP 401, invalid_client: AADSTS7000215: Invalid client secret provided.): check client_id 6f1d2c3b-aaaa-4bbb-8ccc-0123456789ab and the secret in client_secret_file /etc/convenor/oauth2-client-secret (a secret past its expiry date must be replaced under Certificates & secrets); convenor needs an Entra app registration with the Office 365 Exchange Online application permission SMTP.SendAsApp (admin consent granted) and an Exchange service principal for it (New-ServicePrincipal, Add-MailboxPermission; see OPERATOR.md)"
        ),
        Case(
            name: "unauthorized_client",
            status: 400,
            body:
                #"{"error":"unauthorized_client","error_description":"AADSTS700016: Application not found in the directory."}"#,
            kind: .configuration,
            expected:
                "the token endpoint login.microsoftonline.com refused convenor (HTTP 400, unauthorized_client: AADSTS700016: Application not found in the directory.): check that client_id 6f1d2c3b-aaaa-4bbb-8ccc-0123456789ab is an app registration in the tenant named in token_url and that it may use the client-credentials grant; convenor needs an Entra app registration with the Office 365 Exchange Online application permission SMTP.SendAsApp (admin consent granted) and an Exchange service principal for it (New-ServicePrincipal, Add-MailboxPermission; see OPERATOR.md)"
        ),
        Case(
            name: "wrong tenant",
            status: 400,
            body:
                #"{"error":"invalid_request","error_description":"AADSTS90002: Tenant 'contoso.example' not found.","error_codes":[90002]}"#,
            kind: .configuration,
            expected:
                "the token endpoint login.microsoftonline.com refused convenor (HTTP 400, invalid_request: AADSTS90002: Tenant 'contoso.example' not found.): check the tenant in token_url (the Directory (tenant) ID or domain, as in https://login.microsoftonline.com/TENANT/oauth2/v2.0/token); convenor needs an Entra app registration with the Office 365 Exchange Online application permission SMTP.SendAsApp (admin consent granted) and an Exchange service principal for it (New-ServicePrincipal, Add-MailboxPermission; see OPERATOR.md)"
        ),
        Case(
            name: "wrong scope",
            status: 400,
            body:
                #"{"error":"invalid_scope","error_description":"AADSTS70011: The provided value for scope is not valid."}"#,
            kind: .configuration,
            expected:
                "the token endpoint login.microsoftonline.com refused convenor (HTTP 400, invalid_scope: AADSTS70011: The provided value for scope is not valid.): check scope (https://outlook.office365.com/.default); Exchange Online SMTP needs https://outlook.office365.com/.default; convenor needs an Entra app registration with the Office 365 Exchange Online application permission SMTP.SendAsApp (admin consent granted) and an Exchange service principal for it (New-ServicePrincipal, Add-MailboxPermission; see OPERATOR.md)"
        ),
        Case(
            name: "503",
            status: 503,
            body: #"{"error":"temporarily_unavailable","error_description":"try again"}"#,
            kind: .transient,
            expected:
                "the token endpoint login.microsoftonline.com is unavailable (HTTP 503): temporarily_unavailable: try again; will retry"
        ),
        Case(
            name: "429 without a body",
            status: 429,
            body: "",
            kind: .transient,
            expected: "the token endpoint login.microsoftonline.com is unavailable (HTTP 429); will retry"
        ),
        Case(
            name: "malformed JSON",
            status: 200,
            body: #"{"token_type": "Bearer", "access_tok"#,
            kind: .configuration,
            expected:
                #"the token endpoint login.microsoftonline.com answered HTTP 200 but not with an OAuth2 token (not JSON: it starts "{\"token_type\": \"Bearer\", \"access_tok"); check token_url: it must be the OAuth2 v2.0 token endpoint, e.g. https://login.microsoftonline.com/TENANT/oauth2/v2.0/token"#
        ),
        Case(
            name: "a token with a line break (SMTP command injection)",
            status: 200,
            body: #"{"token_type":"Bearer","access_token":"abc\r\nRCPT TO:<x@example.net>"}"#,
            kind: .configuration,
            expected:
                "the token endpoint login.microsoftonline.com answered HTTP 200 but not with an OAuth2 token (access_token has invalid characters); check token_url: it must be the OAuth2 v2.0 token endpoint, e.g. https://login.microsoftonline.com/TENANT/oauth2/v2.0/token"
        ),
        Case(
            name: "not a bearer token",
            status: 200,
            body: #"{"token_type":"mac","access_token":"abc"}"#,
            kind: .configuration,
            expected:
                "the token endpoint login.microsoftonline.com answered HTTP 200 but not with an OAuth2 token (token_type mac); check token_url: it must be the OAuth2 v2.0 token endpoint, e.g. https://login.microsoftonline.com/TENANT/oauth2/v2.0/token"
        ),
        Case(
            name: "a login page instead of the endpoint",
            status: 404,
            body: "<html><body>Sign in</body></html>",
            kind: .configuration,
            expected:
                #"the token endpoint login.microsoftonline.com answered HTTP 404 without an OAuth2 error (it starts "<html><body>Sign in</body></html>"); check token_url (for Microsoft 365: https://login.microsoftonline.com/TENANT/oauth2/v2.0/token)"#
        ),
    ]

    @Test(arguments: failures)
    func eachFailureIsClassifiedAndSaysWhatToCheck(_ testCase: Case) {
        #expect(Self.parse(testCase.status, testCase.body) == .failure(OAuth2Failure(testCase.kind, testCase.expected)))
    }
}
