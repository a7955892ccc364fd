import ConvenorIO
import PostgresNIO

extension LedgerError {
    /// Wraps whatever PostgresNIO or a transaction body threw, keeping the SQLSTATE and the server's message but
    /// never the statement or its arguments (PSQLError's `String(reflecting:)` would show binds).
    init(operation: String, postgres error: any Error) {
        switch error {
        case let error as LedgerError:
            self = error
        case let error as PSQLError:
            let state = error.serverInfo?[.sqlState]
            let message =
                error.serverInfo?[.message]
                ?? Self.explained(error.underlying.map { String(describing: $0) } ?? "\(error.code)")
            self.init(operation: operation, reason: .postgres(sqlState: state, message: message))
        case let error as PostgresTransactionError:
            // BEGIN, the body or COMMIT failed; the body's own error is the one that says why.
            let inner = error.closureError ?? error.beginError ?? error.commitError ?? error.rollbackError
            self.init(operation: operation, postgres: inner ?? error)
        case let error as DeadlineExceeded:
            self.init(operation: operation, reason: .postgres(sqlState: nil, message: error.description))
        default:
            self.init(
                operation: operation,
                reason: .postgres(sqlState: nil, message: Self.explained(String(describing: error)))
            )
        }
    }

    /// A connection failure in words an operator can act on, the library's own text kept after it.
    static func explained(_ text: String) -> String {
        if text.contains("CERTIFICATE_VERIFY_FAILED") {
            return "the server's TLS certificate is not trusted: give the CA that signed it as `ca_file`, and name "
                + "the server in `url` by the host name its certificate is for (\(text))"
        }
        if text.contains("Connection refused") {
            return "nothing accepts connections at that address and port (connection refused)"
        }
        if text.contains("sslUnsupported") {
            return "the server does not offer TLS; enable `ssl = on` there (plain connections are only for 127.0.0.1)"
        }
        return text
    }

    /// True for PostgreSQL's unique violation: another instance inserted the same key first.
    var isUniqueViolation: Bool {
        if case .postgres(let state, _) = reason { return state == "23505" }
        return false
    }
}
