import ConvenorTesting
import Foundation

/// A throw-away installation for `convenor run`: config/ (YAML written here), a copy of the repository's templates,
/// and the state and outbox directories the daemon creates.
///
/// Groups `g1`, `g2`, ... each meet at 14:00 London time on 2027-03-03, -04, -05 and -08; announcements are due 28
/// days before (2027-02-03 .. 02-08 09:00), calls for agenda 21 and agendas 7 days before; other kinds are off.
/// So at 2027-02-09T12:00Z four announcements per group are due and nothing else until 2027-02-10 09:00.
struct RunInstallation {
    let directory: String
    let extra: String

    /// - Parameter extra: more top-level YAML for convenor.yaml (a `ledger:` block, say).
    init(groups: Int = 1, delivery: String = "transport: outbox", extra: String = "") throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("convenor-run-\(UUID())").path
        self.extra = extra
        try FileManager.default.createDirectory(atPath: directory + "/config/groups", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Self.repositoryTemplates, toPath: directory + "/templates")
        try writeDelivery(delivery)
        for number in 1...groups {
            try Self.group("g\(number)").write(
                toFile: directory + "/config/groups/g\(number).yaml",
                atomically: true,
                encoding: .utf8
            )
        }
    }

    var configDirectory: String { directory + "/config" }
    var outbox: String { directory + "/outbox" }
    var ledgerPath: String { directory + "/state/ledger.sqlite" }

    /// Rewrites convenor.yaml with another `delivery:` block (e.g. another relay listener).
    /// `firstStartGrace`: a week by default, so the announcements due 2027-02-03 .. 02-08 still go out on a first
    /// start at 02-09 (most tests are about sending them, not about the first-start rule).
    func writeDelivery(_ delivery: String, firstStartGrace: String = "7 days") throws {
        try """
        network: Test Network
        timezone: Europe/London
        from: "Test Groups <groups@test.example.org>"
        operator: ops@test.example.org
        state_dir: ../state
        outbox_dir: ../outbox
        templates_dir: ../templates
        send_time: "09:00"
        working_days: [mon, tue, wed, thu, fri]
        first_start_grace: \(firstStartGrace)
        mailings:
          announcement: 28 days before
          call-for-agenda: 21 days before
          agenda: 7 days before
          reminder: off
          confirm-date: off
          minutes-chase: off
          tor-review: off
        delivery:
          \(delivery)
          rate_per_minute: 0
        \(extra)
        """.write(toFile: configDirectory + "/convenor.yaml", atomically: true, encoding: .utf8)
    }

    /// The `.eml` files in the outbox, sorted.
    func outboxFiles() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: outbox)) ?? []).filter { $0.hasSuffix(".eml") }.sorted()
    }

    /// `convenor run --once --config ... --now NOW`, to completion.
    ///
    /// Waits by polling rather than blocking, so a slow run does not hold one of the few cooperative threads the
    /// other tests of the suite need.
    func runOnce(now: String, catchUp: String? = nil) async throws -> ConvenorBinary.Result {
        let process = try RunningDaemon(
            arguments: ["run", "--once", "--config", configDirectory, "--now", now]
                + (catchUp.map { ["--catch-up", $0] } ?? []),
            logPath: directory + "/once-\(UUID()).log"
        )
        defer { process.stop() }
        guard await process.waitForExit(timeout: .seconds(120)) != nil else {
            throw RunTestFailure("run --once did not finish within 120 s: \(process.log)")
        }
        return ConvenorBinary.Result(status: process.process.terminationStatus, stdout: "", stderr: process.log)
    }

    /// Starts `convenor run --config ... --now NOW` (the daemon), stderr into a file.
    func startDaemon(
        now: String,
        extraArguments: [String] = [],
        environment: [String: String] = [:]
    ) throws -> RunningDaemon {
        try RunningDaemon(
            arguments: ["run", "--config", configDirectory, "--now", now] + extraArguments,
            logPath: directory + "/daemon-\(UUID()).log",
            environment: environment
        )
    }

    /// `PRAGMA integrity_check` through Python's sqlite3: an independent reader of the file.
    func integrityCheck() throws -> String {
        try Self.python(
            "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('PRAGMA integrity_check').fetchone()[0])",
            ledgerPath
        )
    }

    /// `state` of every ledger row, keyed by `group/kind/occurrence`, with its Message-ID.
    func ledgerRows() throws -> [(key: String, state: String, messageID: String)] {
        let script = """
            import sqlite3,sys
            for row in sqlite3.connect(sys.argv[1]).execute('SELECT "group", kind, occurrence, state, message_id FROM mailing'):
                print(f"{row[0]}/{row[1]}/{row[2]}\\t{row[3]}\\t{row[4]}")
            """
        return try Self.python(script, ledgerPath).split(separator: "\n").map { line in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            return (fields[0], fields[1], fields.count > 2 ? fields[2] : "")
        }
    }

    func cleanUp() {
        try? FileManager.default.removeItem(atPath: directory)
    }

    static func python(_ script: String, _ arguments: String...) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script] + arguments
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func group(_ id: String) -> String { ConfigFixtures.daemonGroupYAML(id: id) }

    /// Tests/Support, found from this file's path.
    static var supportDirectory: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Support").path
    }

    static var repositoryTemplates: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("templates").path
    }
}

/// A `convenor run` process in the background, its stderr in a file the test reads.
final class RunningDaemon {
    let process = Process()
    let logPath: String

    init(arguments: [String], logPath: String, environment extra: [String: String] = [:]) throws {
        self.logPath = logPath
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        process.executableURL = ConvenorBinary.url
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "CONVENOR_CONFIG")
        environment.removeValue(forKey: "NOTIFY_SOCKET")
        environment.merge(extra) { _, new in new }
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        try process.run()
    }

    var pid: Int32 { process.processIdentifier }
    var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    /// Waits (polling the log every 50 ms, at most `timeout`) until the log contains `text` `count` times.
    @discardableResult
    func waitForLog(_ text: String, count: Int = 1, timeout: Duration = .seconds(60)) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if log.components(separatedBy: text).count - 1 >= count { return true }
            if !process.isRunning { return log.components(separatedBy: text).count - 1 >= count }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return false
    }

    /// Waits at most `timeout` for the process to exit; returns how long it took, or nil if it did not.
    func waitForExit(timeout: Duration) async -> Duration? {
        let start = ContinuousClock.now
        while ContinuousClock.now - start < timeout {
            if !process.isRunning {
                process.waitUntilExit()
                return ContinuousClock.now - start
            }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return nil
    }

    func signal(_ number: Int32) { kill(pid, number) }

    /// Kills the process if a failed test left it running.
    func stop() {
        if process.isRunning {
            kill(pid, SIGKILL)
            process.waitUntilExit()
        }
    }
}

/// A test step that could not be done.
struct RunTestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
