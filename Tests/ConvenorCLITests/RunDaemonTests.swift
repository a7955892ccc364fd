import Foundation
import Testing

/// `convenor run` as a long-running daemon: signals, reload, and sleeping without waking.
@Suite struct RunDaemonTests {
    @Test func sigtermStopsTheDaemonWithStatusZeroWithinTenSeconds() async throws {
        let installation = try RunInstallation()
        defer { installation.cleanUp() }
        let daemon = try installation.startDaemon(now: "2027-02-09T12:00:00Z")
        defer { daemon.stop() }
        #expect(await daemon.waitForLog("started"), "\(daemon.log)")
        #expect(await daemon.waitForLog("] sent", count: 4), "\(daemon.log)")

        daemon.signal(SIGTERM)
        let elapsed = await daemon.waitForExit(timeout: .seconds(10))

        #expect(elapsed != nil, "\(daemon.log)")
        #expect(daemon.process.terminationStatus == 0 && daemon.process.terminationReason == .exit)
        #expect(daemon.log.contains("stopped"))
        #expect(try installation.ledgerRows().allSatisfy { $0.state != "claimed" })
    }

    /// The daemon and `run --once` (a cron job killed mid-pass) stop the same way.
    @Test(arguments: [false, true])
    func sigtermDuringASlowBatchFinishesItExitsZeroAndLeavesNoClaim(once: Bool) async throws {
        let relay = try await RunTestRelay.start(listeners: ["slow": "slow-data"], slowDataSeconds: 0.4)
        defer { relay.stop() }
        let installation = try RunInstallation(groups: 3, delivery: relay.deliveryYAML("slow"))
        defer { installation.cleanUp() }
        let daemon = try installation.startDaemon(now: "2027-02-09T12:00:00Z", extraArguments: once ? ["--once"] : [])
        defer { daemon.stop() }
        // Twelve messages at 0.4 s each. A helper outside this (possibly busy) test process sends SIGTERM the moment
        // the first message arrives, while the batch is on the wire, and times the exit.
        let report = installation.directory + "/signal.json"
        let watcher = Process()
        watcher.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        watcher.arguments = [
            "python3", RunInstallation.supportDirectory + "/signal_on_event.py",
            relay.directory + "/events/slow.jsonl", "\(daemon.pid)", "\(SIGTERM)", report, "60",
        ]
        try watcher.run()
        defer {
            if watcher.isRunning { watcher.terminate() }
            watcher.waitUntilExit()
        }

        let finished = await daemon.waitForExit(timeout: .seconds(90))
        let reportDeadline = ContinuousClock.now + .seconds(30)
        while !FileManager.default.fileExists(atPath: report) && ContinuousClock.now < reportDeadline {
            try await Task.sleep(for: .milliseconds(50))
        }

        struct Report: Decodable {
            var messages_at_signal: Int
            var exit_seconds: Double?
        }
        let measured = try JSONDecoder().decode(Report.self, from: Data(contentsOf: URL(fileURLWithPath: report)))
        #expect(finished != nil, "\(daemon.log)")
        #expect((1..<12).contains(measured.messages_at_signal))
        #expect((measured.exit_seconds ?? .infinity) < 10, "\(daemon.log)")
        #expect(daemon.process.terminationStatus == 0, "\(daemon.log)")
        let rows = try installation.ledgerRows()
        #expect(!rows.isEmpty && rows.allSatisfy { $0.state != "claimed" }, "\(rows)")
        print(
            "SIGTERM with \(measured.messages_at_signal) of 12 messages delivered: exited after "
                + "\(measured.exit_seconds.map { String(format: "%.2f s", $0) } ?? "-"), rows \(rows.map(\.state))"
        )
    }

    @Test func systemdIsToldReadyReloadingAndStoppingThroughNotifySocket() async throws {
        let installation = try RunInstallation()
        defer { installation.cleanUp() }
        let socket = installation.directory + "/notify.sock"
        let received = installation.directory + "/notify.txt"
        let listener = Process()
        listener.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        listener.arguments = ["python3", RunInstallation.supportDirectory + "/notify_listener.py", socket, received]
        let stdin = Pipe()
        listener.standardInput = stdin
        try listener.run()
        defer {
            try? stdin.fileHandleForWriting.close()
            listener.waitUntilExit()
        }
        let ready = ContinuousClock.now + .seconds(10)
        while !FileManager.default.fileExists(atPath: received + ".ready") && ContinuousClock.now < ready {
            try await Task.sleep(for: .milliseconds(50))
        }
        func lines() -> [String] {
            ((try? String(contentsOfFile: received, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
        }

        let daemon = try installation.startDaemon(
            now: "2027-02-09T12:00:00Z",
            environment: ["NOTIFY_SOCKET": socket]
        )
        defer { daemon.stop() }
        #expect(await daemon.waitForLog("] sent", count: 4), "\(daemon.log)")
        daemon.signal(SIGHUP)
        #expect(await daemon.waitForLog("reloaded"), "\(daemon.log)")
        daemon.signal(SIGTERM)
        #expect(await daemon.waitForExit(timeout: .seconds(10)) != nil)

        let states = lines().map { String($0.split(separator: "|").first ?? "") }
        #expect(states.first == "READY=1", "\(lines())")
        let reloading = try #require(states.firstIndex(of: "RELOADING=1"), "\(lines())")
        #expect(states[(reloading + 1)...].contains("READY=1"))
        #expect(states.last == "STOPPING=1", "\(lines())")
        #expect(lines().contains { $0.hasPrefix("STATUS=last pass: 4 sent") }, "\(lines())")
    }

    @Test func sighupWithABrokenTemplateKeepsSendingWithTheOldOne() async throws {
        let installation = try RunInstallation()
        defer { installation.cleanUp() }
        // The first call for agenda items is due at 2027-02-10 09:00 GMT, 25 seconds after the start: time for this
        // test to break the template and reload even on a loaded machine (the suite's wall time is set by the
        // kill -9 test, which runs alongside).
        let daemon = try installation.startDaemon(now: "2027-02-10T08:59:35Z")
        defer { daemon.stop() }
        #expect(await daemon.waitForLog("started"), "\(daemon.log)")
        #expect(await daemon.waitForLog("] sent", count: 4), "\(daemon.log)")

        let template = installation.directory + "/templates/call-for-agenda.mustache"
        let original = try String(contentsOfFile: template, encoding: .utf8)
        try (original + "\n{{#unclosed_section}}\n").write(toFile: template, atomically: true, encoding: .utf8)
        daemon.signal(SIGHUP)

        #expect(await daemon.waitForLog("reload refused"), "\(daemon.log)")
        #expect(daemon.log.contains("templates/call-for-agenda.mustache:"), "\(daemon.log)")
        #expect(await daemon.waitForLog("kind=call-for-agenda", timeout: .seconds(60)), "\(daemon.log)")
        // Sent after the refused reload, so with the templates loaded at the start.
        let log = daemon.log
        let refused = try #require(log.range(of: "reload refused"))
        let sent = try #require(log.range(of: "kind=call-for-agenda"))
        #expect(refused.lowerBound < sent.lowerBound, "\(log)")
        #expect(daemon.process.isRunning)
        let callForAgenda = try #require(installation.outboxFiles().first { $0.contains(".call-for-agenda.") })
        let text = try String(contentsOfFile: installation.outbox + "/" + callForAgenda, encoding: .utf8)
        #expect(text.contains("Subject: "))
        daemon.signal(SIGTERM)
        #expect(await daemon.waitForExit(timeout: .seconds(10)) != nil)
    }

    /// The issue asks for 30 s of idleness; 5 s keeps the suite quick and already tells a parked daemon from a
    /// polling one. One thread is exempt: libdispatch's manager thread, which on Linux runs the worker-pool monitor
    /// (`_dispatch_workq_monitor_pools`, a fixed 1 s timer created with the first worker thread) for every Swift
    /// concurrency program. Every other thread — the daemon's own work — must not wake at all.
    @Test func idleDaemonMakesNoVoluntaryContextSwitch() async throws {
        let installation = try RunInstallation()
        defer { installation.cleanUp() }
        let daemon = try installation.startDaemon(
            now: "2027-02-09T12:00:00Z",
            extraArguments: ["--log-level", "debug"]
        )
        defer { daemon.stop() }
        #expect(await daemon.waitForLog("sleeping"), "\(daemon.log)")
        // Start-up ends when libdispatch has retired its idle worker threads (about 5 s after their last job).
        let settle = ContinuousClock.now + .seconds(9)
        while try Self.voluntarySwitches(daemon.pid).count > 2 && ContinuousClock.now < settle {
            try await Task.sleep(for: .milliseconds(200))
        }

        let before = try Self.voluntarySwitches(daemon.pid)
        let windowStart = ContinuousClock.now
        try await Task.sleep(for: .seconds(5))
        let after = try Self.voluntarySwitches(daemon.pid)
        // The window may stretch when the test runner is busy; the monitor ticks once per second of it.
        let window = (ContinuousClock.now - windowStart).components.seconds

        var deltas = after.map { thread, count in (thread, count - (before[thread] ?? 0)) }
        // A thread that exited during the window woke to exit.
        deltas += before.keys.filter { after[$0] == nil }.map { ($0, 1) }
        deltas.sort { $0.1 > $1.1 }
        print("idle daemon, 5 s: voluntary context switches per thread \(deltas.map(\.1)) (threads: \(after.count))")
        #expect(deltas.dropFirst().allSatisfy { $0.1 == 0 }, "\(deltas)")
        #expect((deltas.first?.1 ?? 0) <= Int(window) + 1, "\(deltas) in \(window) s")
        daemon.signal(SIGTERM)
        #expect(await daemon.waitForExit(timeout: .seconds(10)) != nil)
    }

    /// `voluntary_ctxt_switches` of every thread of `pid`, by thread id (/proc/PID/task/*/status).
    static func voluntarySwitches(_ pid: Int32) throws -> [String: Int] {
        let tasks = try FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task")
        var counts: [String: Int] = [:]
        for task in tasks {
            let status = (try? String(contentsOfFile: "/proc/\(pid)/task/\(task)/status", encoding: .utf8)) ?? ""
            let line = status.split(separator: "\n").first { $0.hasPrefix("voluntary_ctxt_switches:") }
            if let count = line.flatMap({ Int($0.split(separator: "\t").last ?? "") }) { counts[task] = count }
        }
        return counts
    }
}
