import ConvenorTesting
import Foundation
import Testing

/// Checks `systemd/convenor.service` with systemd's own analyzer, offline (no running systemd needed).
@Suite(
    .enabled(if: SystemdAnalyze.path != nil, "systemd-analyze is missing: `make test-deps` installs Debian's systemd")
)
struct SystemdUnitTests {
    @Test func hardeningKeepsTheExposureAtOrBelowOnePointTwo() throws {
        let result = try SystemdAnalyze.run(["security", "--offline=true", SystemdAnalyze.unitPath])

        #expect(result.status == 0, "\(result.standardError)")
        let exposure = try #require(SystemdAnalyze.overallExposure(in: result.standardOutput))
        #expect(exposure <= 1.2, "systemd-analyze security:\n\(result.standardOutput)")
    }

    @Test func verifyPrintsNoWarning() throws {
        let result = try SystemdAnalyze.verify(unit: try SystemdAnalyze.unitWithExistingBinary())

        #expect(result.status == 0)
        #expect(result.standardError == "")
        #expect(result.standardOutput == "")
    }

    @Test func verifyWouldReportAMisspelledKey() throws {
        // Guards the test above: systemd-analyze exits 0 on unknown keys, so only its output tells.
        let unit = try SystemdAnalyze.unitWithExistingBinary().replacingOccurrences(
            of: "ProtectSystem=strict",
            with: "ProtectSytem=strict"
        )
        let result = try SystemdAnalyze.verify(unit: unit)

        #expect(result.standardError.contains("ProtectSytem"))
    }

    @Test func theCommittedUnitIsTheTemplateWithTheDefaultPrefix() throws {
        let template = try String(contentsOfFile: SystemdAnalyze.unitPath + ".in", encoding: .utf8)
        let unit = try String(contentsOfFile: SystemdAnalyze.unitPath, encoding: .utf8)

        #expect(unit == template.replacingOccurrences(of: "@PREFIX@", with: "/usr/local"))
    }

    @Test(arguments: [
        "Type=notify",
        "ExecStart=/usr/local/bin/convenor run --config /etc/convenor",
        "ExecReload=/bin/kill -HUP $MAINPID",
        "Restart=on-failure",
        "TimeoutStopSec=15s",
        "DynamicUser=yes",
        "StateDirectory=convenor",
        "ConfigurationDirectory=convenor",
        "LoadCredential=smtp-password:/etc/convenor/smtp-password",
        "IPAddressDeny=any",
    ])
    func theUnitSetsWhatTheDaemonReliesOn(line: String) throws {
        let unit = try String(contentsOfFile: SystemdAnalyze.unitPath, encoding: .utf8)

        #expect(unit.split(separator: "\n").contains(Substring(line)))
    }
}

/// Runs `systemd-analyze` on the repository's unit file.
enum SystemdAnalyze {
    /// Where the binary is, or nil when the systemd package is not installed.
    static let path: String? = ["/usr/bin/systemd-analyze", "/bin/systemd-analyze"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    /// The committed unit, found from this file: Tests/ConvenorIOTests/Service/ → repository root.
    static let unitPath = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("systemd/convenor.service").path

    struct Output {
        var status: Int32
        var standardOutput: String
        var standardError: String
    }

    /// The value of "→ Overall exposure level for convenor.service: 0.9 SAFE 😀".
    static func overallExposure(in output: String) -> Double? {
        guard let line = output.split(separator: "\n").first(where: { $0.contains("Overall exposure level") }),
            let afterColon = line.split(separator: ":").last?.split(separator: " ").first
        else { return nil }
        return Double(afterColon)
    }

    /// The unit with ExecStart pointing at a binary that exists here, because verify warns about a missing
    /// /usr/local/bin/convenor; everything else is checked as committed.
    static func unitWithExistingBinary() throws -> String {
        let unit = try String(contentsOfFile: unitPath, encoding: .utf8)
        let rewritten = unit.replacingOccurrences(
            of: "ExecStart=/usr/local/bin/convenor ",
            with: "ExecStart=/usr/bin/true "
        )
        #expect(rewritten != unit, "ExecStart no longer names /usr/local/bin/convenor")
        return rewritten
    }

    /// `systemd-analyze verify` on `unit` written as convenor.service in a fresh directory.
    static func verify(unit: String) throws -> Output {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("convenor-unit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("convenor.service")
        try unit.write(to: file, atomically: true, encoding: .utf8)
        return try run(["verify", file.path])
    }

    /// Runs systemd-analyze with its output in files, so a full pipe can never block it.
    static func run(_ arguments: [String]) throws -> Output {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("convenor-analyze-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try Subprocess.run(
            try #require(path),
            arguments,
            environment: ["SYSTEMD_COLORS": "0", "SYSTEMD_PAGER": ""]
        )
        return Output(status: result.status, standardOutput: result.stdout, standardError: result.stderr)
    }
}
