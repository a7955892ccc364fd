import Foundation
import Testing

@testable import ConvenorCore

/// The `ledger:` block (issue 20): absent means SQLite; present, a PostgreSQL ledger with TLS verified by default,
/// the password only from a file or a systemd credential, and every mistake at its FILE:LINE with the fix.
@Suite struct LedgerConfigTests {
    @Test func withoutALedgerBlockTheLedgerIsTheSQLiteFile() throws {
        let config = try #require(ConfigTextFixtures.parse().config)
        #expect(config.installation.ledger == nil)
    }

    @Test func aLedgerBlockNamesTheDatabaseWithTLSVerifiedByDefault() throws {
        let text =
            ConfigTextFixtures.installation + """
                ledger:
                  url: postgresql://db.aln.example.org/convenor
                  user: convenor
                  password_file: /etc/convenor/ledger-password

                """
        let ledger = try #require(ConfigTextFixtures.parse(installation: text).config?.installation.ledger)
        #expect(ledger.host == "db.aln.example.org")
        #expect(ledger.port == 5432)
        #expect(ledger.database == "convenor")
        #expect(ledger.user == "convenor")
        #expect(ledger.password == .file("/etc/convenor/ledger-password"))
        #expect(ledger.security == .verifiedTLS(caFile: nil))
        #expect(ledger.leaseSeconds == 30)
        #expect(ledger.location == "postgresql://db.aln.example.org:5432/convenor")
    }

    @Test func aCredentialACAFileAndALease() throws {
        let text =
            ConfigTextFixtures.installation + """
                ledger:
                  url: postgres://[::1]:6543/aln
                  user: convenor
                  password_credential: ledger-password
                  ca_file: db-ca.pem
                  lease: 10 seconds

                """
        let ledger = try #require(ConfigTextFixtures.parse(installation: text).config?.installation.ledger)
        #expect(ledger.host == "::1")
        #expect(ledger.port == 6543)
        #expect(ledger.password == .credential("ledger-password"))
        #expect(ledger.security == .verifiedTLS(caFile: "\(ConfigTextFixtures.root)/db-ca.pem"))
        #expect(ledger.leaseSeconds == 10)
        #expect(ledger.location == "postgresql://[::1]:6543/aln")
    }

    @Test func tlsOffIsAcceptedForLoopback() throws {
        let text =
            ConfigTextFixtures.installation
            + "ledger: {url: \"postgresql://127.0.0.1:5433/convenor\", user: convenor, tls: off}\n"
        let ledger = try #require(ConfigTextFixtures.parse(installation: text).config?.installation.ledger)
        #expect(ledger.security == .plain)
        #expect(ledger.password == nil)
    }

    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var block: String
        var expected: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "a password in the YAML",
            block: "ledger:\n  url: postgresql://db.example.org/convenor\n  user: convenor\n  password: hunter2\n",
            expected:
                "config/convenor.yaml:11:3: error: a secret must never be written in the config (`password`); put it in a file only convenor can read (chmod 600) and write `password_file: /etc/convenor/ledger-password` under `ledger:`, or use a systemd credential: `password_credential: ledger-password`"
        ),
        Case(
            name: "a password in the URL",
            block: "ledger:\n  url: postgresql://convenor:hunter2@db.example.org/convenor\n  user: convenor\n",
            expected:
                "config/convenor.yaml:9:8: error: the ledger's `url` must not hold a user or password; write `url: postgresql://db.aln.example.org:5432/convenor`, then `user: convenor` and `password_file: /etc/convenor/ledger-password` under `ledger:`"
        ),
        Case(
            name: "sslmode in the URL",
            block: "ledger:\n  url: postgresql://db.example.org/convenor?sslmode=disable\n  user: convenor\n",
            expected:
                "config/convenor.yaml:9:8: error: the ledger's `url` takes no options (`?...`); write `url: postgresql://db.aln.example.org:5432/convenor`; TLS is verified by default, `ca_file:` names the CA and `tls: off` allows a plain connection to 127.0.0.1"
        ),
        Case(
            name: "not a PostgreSQL URL",
            block: "ledger:\n  url: mysql://db.example.org/convenor\n  user: convenor\n",
            expected:
                "config/convenor.yaml:9:8: error: `mysql://db.example.org/convenor` is not a PostgreSQL address; write `url: postgresql://db.aln.example.org:5432/convenor` (host, port, database)"
        ),
        Case(
            name: "plain to another machine",
            block: "ledger:\n  url: postgresql://db.example.org/convenor\n  user: convenor\n  tls: off\n",
            expected:
                "config/convenor.yaml:11:8: error: `tls: off` would send the ledger's password and rows to `db.example.org` unencrypted; remove `tls: off` and give the server's CA as `ca_file: /etc/convenor/db-ca.pem` (plain connections are only for a database on this machine, 127.0.0.1)"
        ),
        Case(
            name: "both password keys",
            block:
                "ledger:\n  url: postgresql://db.example.org/convenor\n  user: convenor\n  password_file: /etc/p\n  password_credential: p\n",
            expected:
                "config/convenor.yaml:12:3: error: `password_file` and `password_credential` are both set; keep exactly one way of reading the password"
        ),
        Case(
            name: "a lease too short",
            block: "ledger:\n  url: postgresql://db.example.org/convenor\n  user: convenor\n  lease: 1 second\n",
            expected:
                "config/convenor.yaml:11:10: error: a lease of 1 seconds is outside 2 seconds to 10 minutes; write e.g. `lease: 30 seconds` (a takeover waits up to two leases)"
        ),
    ]

    @Test(arguments: cases)
    func aMistakeInTheLedgerBlockIsPrintedWithFileLineAndFix(_ testCase: Case) {
        let result = ConfigTextFixtures.parse(installation: ConfigTextFixtures.installation + testCase.block)
        #expect(result.diagnostics.map(\.description).contains(testCase.expected), "\(result.diagnostics)")
        // A wrong ledger never falls back to the SQLite file.
        #expect(result.config == nil || result.config?.installation.ledger != nil)
    }

    @Test func aMissingUserSaysWhatToAdd() {
        let result = ConfigTextFixtures.parse(
            installation: ConfigTextFixtures.installation + "ledger:\n  url: postgresql://db.example.org/convenor\n"
        )
        #expect(result.config == nil)
        #expect(result.diagnostics.map(\.description).contains { $0.contains("user: convenor") })
    }
}
