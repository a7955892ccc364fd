package import ConvenorCore
import Foundation
import Synchronization

/// One throw-away PostgreSQL server on 127.0.0.1 per test process, started on first use by
/// `Tests/Support/postgres_server.sh` (Debian's `initdb` and `pg_ctl` in a temporary folder) and stopped by the
/// script's watcher when the test process exits, however it exits. Each store a test asks for gets a database of
/// its own, so tests never see each other's rows.
package enum PostgresTestServer {
    package struct Server: Sendable {
        package var directory: String
        package var port: Int
    }

    private static let state = Mutex<Swift.Result<Server, TestServerError>?>(nil)
    private static let databases = Atomic<Int>(0)

    /// The script, found from this file's path (Tests/Support is not a SwiftPM target).
    package static var script: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Tests/Support/postgres_server.sh").path
    }

    /// Debian's newest PostgreSQL server binaries, nil when none is installed.
    package static var binDirectory: String? {
        let root = "/usr/lib/postgresql"
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).compactMap(Int.init)
        guard let newest = versions.sorted().last else { return nil }
        let bin = "\(root)/\(newest)/bin"
        return FileManager.default.isExecutableFile(atPath: bin + "/initdb") ? bin : nil
    }

    /// The running server, started on the first call.
    package static func shared() throws(TestServerError) -> Server {
        let result = state.withLock { state -> Swift.Result<Server, TestServerError> in
            if let state { return state }
            let started = start()
            state = started
            return started
        }
        return try result.get()
    }

    private static func start() -> Swift.Result<Server, TestServerError> {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("convenor-pg-\(UUID())").path
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let result = try Subprocess.run(
                "/bin/sh",
                [script, "start", directory, "\(ProcessInfo.processInfo.processIdentifier)"]
            )
            guard result.status == 0, let port = Int(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
            else {
                return .failure(TestServerError(message: "postgres_server.sh did not start: \(result.stderr)"))
            }
            return .success(Server(directory: directory, port: port))
        } catch {
            return .failure(TestServerError(message: "postgres_server.sh did not run: \(error)"))
        }
    }

    /// Creates an empty database on the shared server and returns the `ledger:` settings that reach it (plain,
    /// loopback, trusted: no password).
    package static func freshDatabase(
        leaseSeconds: Int = LedgerSettings.defaultLeaseSeconds
    ) throws(TestServerError)
        -> LedgerSettings
    {
        let server = try shared()
        let name =
            "convenor_test_\(ProcessInfo.processInfo.processIdentifier)_\(databases.add(1, ordering: .relaxed).newValue)"
        guard let bin = binDirectory else { throw TestServerError(message: "no PostgreSQL under /usr/lib/postgresql") }
        let created: Subprocess.Result
        do {
            created = try Subprocess.run(
                "\(bin)/createdb",
                ["-h", "127.0.0.1", "-p", "\(server.port)", "-U", "convenor", name]
            )
        } catch {
            throw TestServerError(message: "createdb did not run: \(error)")
        }
        guard created.status == 0 else { throw TestServerError(message: "createdb \(name): \(created.stderr)") }
        return LedgerSettings(
            host: "127.0.0.1",
            port: server.port,
            database: name,
            user: "convenor",
            security: .plain,
            leaseSeconds: leaseSeconds
        )
    }
}

/// A test server that would not start, with what it printed.
package struct TestServerError: Error, CustomStringConvertible {
    package var message: String
    package init(message: String) { self.message = message }
    package var description: String { message }
}
