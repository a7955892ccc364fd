import Foundation
import Testing

@testable import ConvenorCore

/// `delivery.smtp.oauth2` as `convenor check` reads it: the settings it yields, and the exact line printed for each
/// mistake the issue lists (a secret in the YAML, plain http, missing keys, misspelt keys).
@Suite struct OAuth2ConfigTests {
    /// convenor.yaml with an smtp block whose `oauth2:` lines are `lines` (indented under `oauth2:` on line 11).
    static func installation(oauth2 lines: [String], smtp extra: [String] = []) -> String {
        let smtp = ["url: smtp://smtp.office365.com:587", "username: convenor@example.ac.uk"] + extra + ["oauth2:"]
        let block = smtp.map { "    \($0)\n" }.joined() + lines.map { "      \($0)\n" }.joined()
        return ConfigTextFixtures.installation.replacingOccurrences(
            of: "  transport: outbox\n",
            with: "  transport: smtp\n  smtp:\n" + block
        )
    }

    static let valid = [
        "token_url: https://login.microsoftonline.com/contoso.example/oauth2/v2.0/token",
        "client_id: 6f1d2c3b-aaaa-4bbb-8ccc-0123456789ab",
        "client_secret_file: /etc/convenor/oauth2-client-secret",
    ]

    @Test func aValidBlockYieldsTheSettingsWithMicrosoftsScopeByDefault() throws {
        let result = ConfigTextFixtures.parse(installation: Self.installation(oauth2: Self.valid))
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        guard case .smtp(let smtp)? = result.config?.installation.delivery.transport else {
            Issue.record("no smtp transport")
            return
        }
        #expect(
            smtp.oauth2
                == OAuth2Settings(
                    tokenURL: "https://login.microsoftonline.com/contoso.example/oauth2/v2.0/token",
                    clientID: "6f1d2c3b-aaaa-4bbb-8ccc-0123456789ab",
                    clientSecret: .file("/etc/convenor/oauth2-client-secret"),
                    scope: "https://outlook.office365.com/.default"
                )
        )
        #expect(smtp.username == "convenor@example.ac.uk" && smtp.password == nil && smtp.token == nil)
    }

    @Test func aCredentialAndAScopeAreRead() throws {
        let lines = [
            Self.valid[0], Self.valid[1], "client_secret_credential: oauth2-client-secret", "scope: api://x/.default",
        ]
        let result = ConfigTextFixtures.parse(installation: Self.installation(oauth2: lines))
        guard case .smtp(let smtp)? = result.config?.installation.delivery.transport else {
            Issue.record("no smtp transport: \(result.diagnostics)")
            return
        }
        #expect(smtp.oauth2?.clientSecret == .credential("oauth2-client-secret"))
        #expect(smtp.oauth2?.scope == "api://x/.default")
    }

    @Test(arguments: [
        "http://127.0.0.1:8080/tenant/token", "http://localhost/token", "http://[::1]:9/token",
    ])
    func plainHTTPIsAcceptedOnlyOnLoopback(url: String) {
        let lines = ["token_url: \(url)"] + Self.valid.dropFirst()
        #expect(ConfigTextFixtures.lines(installation: Self.installation(oauth2: lines)).isEmpty)
    }

    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var oauth2: [String]
        var smtp: [String] = []
        var expected: [String]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "the client secret written in the YAML",
            oauth2: [Self.valid[0], Self.valid[1], "client_secret: Qx8~abc"],
            expected: [
                "config/convenor.yaml:12:7: error: `oauth2` does not say where the client secret is; add `client_secret_file: /etc/convenor/oauth2-client-secret` (chmod 600) or `client_secret_credential: oauth2-client-secret` (systemd LoadCredential=)",
                "config/convenor.yaml:14:7: error: a secret must never be written in the config (`client_secret`); put it in a file only convenor can read (chmod 600) and write `client_secret_file: /etc/convenor/oauth2-client-secret`, or use a systemd credential: `client_secret_credential: oauth2-client-secret`",
            ]
        ),
        Case(
            name: "plain http to a remote token endpoint",
            oauth2: ["token_url: http://login.microsoftonline.com/contoso/oauth2/v2.0/token"] + Self.valid.dropFirst(),
            expected: [
                "config/convenor.yaml:12:18: error: `http://login.microsoftonline.com/contoso/oauth2/v2.0/token` is plain http: the client secret would cross the network unencrypted; write `https://` (only a token endpoint on this machine, 127.0.0.1 or localhost, may use http)"
            ]
        ),
        Case(
            name: "not a URL",
            oauth2: ["token_url: login.microsoftonline.com/contoso"] + Self.valid.dropFirst(),
            expected: [
                "config/convenor.yaml:12:18: error: `login.microsoftonline.com/contoso` is not a token endpoint address; write the HTTPS URL, e.g. `https://login.microsoftonline.com/TENANT/oauth2/v2.0/token`"
            ]
        ),
        Case(
            name: "missing token_url and client_id",
            oauth2: [Self.valid[2]],
            expected: [
                "config/convenor.yaml:12:7: error: `oauth2` has no `client_id`; add a line `client_id: 00000000-0000-0000-0000-000000000000`",
                "config/convenor.yaml:12:7: error: `oauth2` has no `token_url`; add a line `token_url: https://login.microsoftonline.com/TENANT/oauth2/v2.0/token`",
            ]
        ),
        Case(
            name: "a misspelt key",
            oauth2: [Self.valid[0], "clientid: 6f1d2c3b", Self.valid[2]],
            expected: [
                "config/convenor.yaml:13:7: error: unknown key `clientid` in `oauth2`; did you mean `client_id`?"
            ]
        ),
        Case(
            name: "both ways of reading the secret",
            oauth2: Self.valid + ["client_secret_credential: oauth2-client-secret"],
            expected: [
                "config/convenor.yaml:15:7: error: `client_secret_file` and `client_secret_credential` are both set; keep exactly one way of reading the client secret"
            ]
        ),
        Case(
            name: "oauth2 beside a password",
            oauth2: Self.valid,
            smtp: ["password_file: /etc/convenor/smtp-password"],
            expected: [
                "config/convenor.yaml:11:5: error: `password_file` and `oauth2` are both set; with `oauth2:` convenor fetches its own tokens; remove `password_file`"
            ]
        ),
        Case(
            name: "the tenant as a key of its own",
            oauth2: Self.valid + ["tenant: contoso.example"],
            expected: [
                "config/convenor.yaml:15:7: error: `tenant` does not belong in `oauth2`; write the tenant inside `token_url`: `https://login.microsoftonline.com/TENANT/oauth2/v2.0/token`"
            ]
        ),
    ]

    @Test(arguments: cases)
    func eachMistakeIsPrintedWithFileLineAndFix(_ testCase: Case) {
        let text = Self.installation(oauth2: testCase.oauth2, smtp: testCase.smtp)
        #expect(ConfigTextFixtures.lines(installation: text) == testCase.expected)
        #expect(!ConfigTextFixtures.lines(installation: text).joined().contains("Qx8~abc"))
    }

    @Test func oauth2WithoutAUsernameSaysTheMailboxIsMissing() {
        let text = Self.installation(oauth2: Self.valid).replacingOccurrences(
            of: "    username: convenor@example.ac.uk\n",
            with: ""
        )
        #expect(
            ConfigTextFixtures.lines(installation: text) == [
                "config/convenor.yaml:10:5: error: `oauth2` needs `username`: the mailbox convenor sends as; add `username: convenor@example.ac.uk` to the `smtp` block (the mailbox the app may send as)"
            ]
        )
    }
}
