import ConvenorTesting
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
        let relay = try await SMTPTestServer.start(listeners: ["slow": .slowData], slowDataSeconds: 0.4)
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

    /// An idle daemon never wakes: no thread makes a voluntary context switch while nothing is due, with the web on
    /// too, and again after a reload and the pass it runs (issue 16). Before convenor ran its jobs on NIO's event
    /// loops, libdispatch's manager thread woke once a second here (the worker-pool monitor's timer), and with the
    /// web on Hummingbird's date cache woke another thread each second. `make bench` measures the same over 60 s.
    @Test(arguments: [false, true])
    func idleDaemonMakesNoVoluntaryContextSwitch(web: Bool) async throws {
        let installation = try RunInstallation()
        defer { installation.cleanUp() }
        if web {
            let yaml = installation.configDirectory + "/convenor.yaml"
            let text = try String(contentsOfFile: yaml, encoding: .utf8) + "web:\n  listen: 127.0.0.1:0\n"
            try text.write(toFile: yaml, atomically: true, encoding: .utf8)
        }
        let daemon = try installation.startDaemon(
            now: "2027-02-09T12:00:00Z",
            extraArguments: ["--log-level", "debug"]
        )
        defer { daemon.stop() }
        #expect(await daemon.waitForLog("sleeping"), "\(daemon.log)")
        if web { #expect(await daemon.waitForLog("web pages"), "\(daemon.log)") }
        try await Self.expectNoWakes(daemon, "after start-up (web \(web ? "on" : "off"))")

        if web {
            daemon.signal(SIGHUP)
            #expect(await daemon.waitForLog("sleeping", count: 2), "\(daemon.log)")
            try await Self.expectNoWakes(daemon, "after a reload and its pass")
        }
        daemon.signal(SIGTERM)
        #expect(await daemon.waitForExit(timeout: .seconds(10)) != nil)
    }

    /// Waits until the threads that retire after their last job have gone, then expects 3 s in which no thread of
    /// `daemon` wakes.
    ///
    /// libdispatch keeps an idle worker 5 s, then it wakes to exit. So the wait is over once no thread has woken (or
    /// exited) for 6 s: a worker whose last job came before that quiet span has exited by its end. A daemon that keeps
    /// waking never gets that quiet; after 40 s the window is measured anyway, and shows the wakes.
    static func expectNoWakes(_ daemon: RunningDaemon, _ when: String) async throws {
        let quietDeadline = ContinuousClock.now + .seconds(40)
        var before = try voluntarySwitches(daemon.pid)
        var quietSince = ContinuousClock.now
        while ContinuousClock.now - quietSince < .seconds(6) && ContinuousClock.now < quietDeadline {
            try await Task.sleep(for: .milliseconds(100))
            let now = try voluntarySwitches(daemon.pid)
            if now != before {
                before = now
                quietSince = ContinuousClock.now
            }
        }

        // The window: 3 s, or until the first wake (reading /proc wakes none of the daemon's threads).
        let windowStart = ContinuousClock.now
        var deltas: [(String, Int)] = []
        repeat {
            try await Task.sleep(for: .milliseconds(100))
            let after = try voluntarySwitches(daemon.pid)
            deltas = after.map { thread, count in (thread, count - (before[thread] ?? 0)) }
            // A thread that exited during the window woke to exit.
            deltas += before.keys.filter { after[$0] == nil }.map { ($0, 1) }
        } while deltas.allSatisfy { $0.1 == 0 } && ContinuousClock.now - windowStart < .seconds(3)
        let window = ContinuousClock.now - windowStart
        deltas.sort { $0.1 > $1.1 }
        print("idle daemon \(when), \(window): voluntary context switches per thread \(deltas.map(\.1))")
        #expect(deltas.allSatisfy { $0.1 == 0 }, "\(when): \(deltas) (thread id, switches) within \(window)")
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
