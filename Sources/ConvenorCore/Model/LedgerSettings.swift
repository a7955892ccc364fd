/// The `ledger:` block of convenor.yaml (issue 20): a shared PostgreSQL ledger instead of the SQLite file in
/// `state_dir`, so two or three `convenor run` instances on different machines share one ledger.
///
/// Absent means SQLite, exactly as before. The password is never here: only where to read it.
package struct LedgerSettings: Hashable, Sendable {
    /// How the connection is protected.
    package enum Security: Hashable, Sendable {
        /// TLS, the server's certificate verified against the system's roots or `ca_file`, and its name checked
        /// against `host` (libpq's `sslmode=verify-full`). The default.
        case verifiedTLS(caFile: String?)
        /// `tls: off`: no TLS, accepted only for a loopback host (the parser refuses any other); logged when used.
        case plain
    }

    package var host: String
    package var port: Int
    package var database: String
    package var user: String
    /// `password_file:` or `password_credential:`; nil for a server that trusts the connection (loopback tests).
    package var password: SecretSource?
    package var security: Security
    /// How long the leader's lease lasts without renewal (`lease:`); another instance takes over once it expires.
    package var leaseSeconds: Int
    /// Where `ledger:` is, for messages.
    package var source: SourceLocation

    /// The lease when `ledger:` names none: renewed every third of it, taken over within two.
    package static let defaultLeaseSeconds = 30

    package init(
        host: String,
        port: Int = 5432,
        database: String,
        user: String,
        password: SecretSource? = nil,
        security: Security = .verifiedTLS(caFile: nil),
        leaseSeconds: Int = LedgerSettings.defaultLeaseSeconds,
        source: SourceLocation = SourceLocation(file: "", line: 0, column: 0)
    ) {
        self.host = host
        self.port = port
        self.database = database
        self.user = user
        self.password = password
        self.security = security
        self.leaseSeconds = leaseSeconds
        self.source = source
    }

    /// `postgresql://HOST:PORT/DB`, without user or password: safe for log lines and `convenor ledger status`.
    package var location: String {
        "postgresql://\(host.contains(":") ? "[\(host)]" : host):\(port)/\(database)"
    }

    /// True for 127.0.0.0/8, ::1 and localhost: the only hosts `tls: off` may go to.
    package static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }
}
