package import ConvenorCore
package import ConvenorIO
import Foundation
package import Logging
import PostgresNIO

/// The ledger in PostgreSQL (issue 20): the tables, migrations and states of `SQLiteLedger`, behind the same
/// `LedgerStore` protocol and `LedgerStateMachine`, so two or three `convenor run` instances on different machines
/// share one ledger and the mail goes on when a server dies.
///
/// It only stores, like the SQLite file. Every write is one transaction; a transition locks its row
/// (`SELECT ... FOR UPDATE`), so two instances can never both claim a mailing, and a claim made by an instance
/// whose leader lease has lapsed is refused inside the same transaction (`Fencing`). The leader lease itself is one
/// conditional statement on the database's clock (`PostgresLedger+Leader.swift`).
///
/// Every call runs in a task of its own with a deadline: cancelling the caller (SIGTERM cancels the delivery pass)
/// must not cancel the write of an outcome the relay already gave, and a database that stopped answering must turn
/// into an error the daemon logs, not a hang.
package final class PostgresLedger: Sendable {
    let client: PostgresClient
    private let runner: Task<Void, Never>
    let logger: Logger
    /// Set in a daemon that leads through this ledger: its claims carry the lease's token (see `Fencing`).
    let fencing: (any FencingTokenSource)?
    /// How long one call may take before it fails with an error instead of waiting on.
    let deadline: Duration

    /// `postgresql://HOST:PORT/DB`, without user or password.
    package let location: String

    private init(
        client: PostgresClient,
        location: String,
        logger: Logger,
        fencing: (any FencingTokenSource)?,
        deadline: Duration
    ) {
        self.client = client
        self.location = location
        self.logger = logger
        self.fencing = fencing
        self.deadline = deadline
        // Started at once: a PostgresClient answers nothing until `run()` runs, and queries before it would wait.
        // Detached, so neither the caller's cancellation nor a ServiceGroup's graceful shutdown stops the pool while
        // the daemon still records what it sent.
        self.runner = Task.detached { await client.run() }
    }

    /// Connects to the database `settings` names (TLS verified unless `tls: off` on loopback), migrates it under an
    /// advisory lock (two instances starting together migrate once), and checks it was not written by a newer
    /// convenor.
    ///
    /// - Parameters:
    ///   - password: read by the caller from `password_file` or the credential; nil when the server trusts the
    ///     connection.
    ///   - fencing: the daemon's `Leadership`; nil for commands, which never claim.
    package static func open(
        _ settings: LedgerSettings,
        password: String?,
        logger: Logger,
        fencing: (any FencingTokenSource)? = nil,
        deadline: Duration = .seconds(15)
    ) async throws(LedgerError) -> PostgresLedger {
        let configuration: PostgresClient.Configuration
        let direct: PostgresConnection.Configuration
        do {
            configuration = try connectionConfiguration(settings, password: password)
            direct = try directConfiguration(settings, password: password)
        } catch {
            throw LedgerError(operation: "open \(settings.location)", postgres: error)
        }
        // One connection of its own first, for the migrations: if it fails (refused, TLS, password), that failure
        // is what the operator reads, at once, where the pool would retry quietly until the deadline.
        let background = quiet(logger)
        do {
            try await Deadline.run(deadline) {
                let connection = try await PostgresConnection.connect(configuration: direct, id: 0, logger: background)
                do {
                    try await migrate(on: connection, location: settings.location)
                } catch {
                    try? await connection.close()
                    throw error
                }
                try await connection.close()
            }
        } catch {
            throw LedgerError(operation: "open \(settings.location)", postgres: error)
        }
        return PostgresLedger(
            client: PostgresClient(configuration: configuration, backgroundLogger: background),
            location: settings.location,
            logger: logger,
            fencing: fencing,
            deadline: deadline
        )
    }

    /// The TLS settings both the pool and the first connection use: verified (chain and, for a host name, the name),
    /// at least TLS 1.2, never a fallback to plain.
    static func tlsConfiguration(_ settings: LedgerSettings) -> TLSConfiguration? {
        guard case .verifiedTLS(let caFile) = settings.security else { return nil }
        var context = TLSConfiguration.makeClientConfiguration()
        context.certificateVerification = .fullVerification
        if let caFile { context.trustRoots = .file(caFile) }
        context.minimumTLSVersion = .tlsv12
        return context
    }

    /// The first connection's settings (see `open`).
    static func directConfiguration(
        _ settings: LedgerSettings,
        password: String?
    ) throws
        -> PostgresConnection.Configuration
    {
        let tls: PostgresConnection.Configuration.TLS =
            try tlsConfiguration(settings).map { .require(try NIOSSLContext(configuration: $0)) } ?? .disable
        var configuration = PostgresConnection.Configuration(
            host: settings.host,
            port: settings.port,
            username: settings.user,
            password: password,
            database: settings.database,
            tls: tls
        )
        if !isIPAddress(settings.host) { configuration.options.tlsServerName = settings.host }
        configuration.options.connectTimeout = .seconds(5)
        configuration.options.additionalStartupParameters = [("application_name", "convenor")]
        return configuration
    }

    /// The client's settings: a small pool (the daemon, the web and the lease loop), TLS as configured.
    static func connectionConfiguration(
        _ settings: LedgerSettings,
        password: String?
    ) throws
        -> PostgresClient.Configuration
    {
        // `.require`, never `.prefer`: a server that offers no TLS is refused, not spoken to in the clear.
        let tls: PostgresClient.Configuration.TLS = tlsConfiguration(settings).map { .require($0) } ?? .disable
        var configuration = PostgresClient.Configuration(
            host: settings.host,
            port: settings.port,
            username: settings.user,
            password: password,
            database: settings.database,
            tls: tls
        )
        // The name checked against the certificate (libpq's verify-full). For an IP address PostgresNIO sends no
        // SNI and NIOSSL checks the chain only, so docs tell operators to name the server by its host name.
        if !Self.isIPAddress(settings.host) { configuration.options.tlsServerName = settings.host }
        configuration.options.connectTimeout = .seconds(5)
        configuration.options.maximumConnections = 4
        configuration.options.additionalStartupParameters = [("application_name", "convenor")]
        return configuration
    }

    /// True for an IPv4 or IPv6 literal.
    static func isIPAddress(_ host: String) -> Bool {
        var v4 = in_addr()
        var v6 = in6_addr()
        return inet_pton(AF_INET, host, &v4) == 1 || inet_pton(AF_INET6, host, &v6) == 1
    }

    /// The pool's own log lines (connection attempts and their failures) below the daemon's level: the store
    /// reports what matters itself, once, with the operation that failed.
    private static func quiet(_ logger: Logger) -> Logger {
        var background = logger
        background.logLevel = max(logger.logLevel, .critical)
        return background
    }

    /// Stops the pool; further calls fail. Not needed before exit.
    package func close() throws(LedgerError) {
        runner.cancel()
    }

    /// Runs `body` on a pooled connection, shielded from the caller's cancellation and bounded by `deadline`.
    func withConnection<T: Sendable>(
        _ operation: String,
        _ body: @escaping @Sendable (PostgresConnection) async throws -> T
    ) async throws(LedgerError) -> T {
        let client = client
        return try await shielded(operation) {
            try await client.withConnection { connection in try await body(connection) }
        }
    }

    /// Runs `body` in one transaction (BEGIN ... COMMIT, ROLLBACK when it throws), shielded and bounded.
    func withTransaction<T: Sendable>(
        _ operation: String,
        _ body: @escaping @Sendable (PostgresConnection) async throws -> T
    ) async throws(LedgerError) -> T {
        let client = client
        let logger = logger
        return try await shielded(operation) {
            try await client.withTransaction(logger: logger) { connection in try await body(connection) }
        }
    }

    private func shielded<T: Sendable>(
        _ operation: String,
        _ body: @escaping @Sendable () async throws -> T
    ) async throws(LedgerError) -> T {
        let deadline = deadline
        // An unstructured task: awaiting its value does not pass the caller's cancellation on.
        let task = Task { () async -> Result<T, any Error> in
            do {
                return .success(try await Deadline.run(deadline, body))
            } catch {
                return .failure(error)
            }
        }
        switch await task.value {
        case .success(let value): return value
        case .failure(let error): throw LedgerError(operation: operation, postgres: error)
        }
    }
}
