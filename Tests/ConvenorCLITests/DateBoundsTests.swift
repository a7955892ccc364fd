import Foundation
import Testing

/// Every date convenor reads from outside (flags, YAML) lies in the range it supports, or is a clear usage error:
/// `--now 9999-06-01` and `schedule --to 9999-12-31` used to crash the program on a force-unwrap.
@Suite struct DateBoundsTests {
    static let config = CheckCommandTests.repository.appendingPathComponent("config").path

    @Test(arguments: [
        ["schedule", "--now", "9999-06-01"],
        ["schedule", "--from", "2026-09-01", "--to", "9999-12-31"],
        ["schedule", "--from", "1900-01-01"],
        ["preview", "--month", "9999-01"],
        ["overview", "--now", "2201-01-01T00:00:00Z"],
    ])
    func aDateOutsideTheSupportedRangeIsAUsageError(arguments: [String]) throws {
        let result = try ConvenorBinary.run(arguments + ["--config", Self.config])
        #expect(result.status == 2, "\(result.stdout)\(result.stderr)")
        #expect(result.stderr.contains("1970") && result.stderr.contains("2200"), "\(result.stderr)")
    }

    @Test func aMeetingInTheYear9999IsALocatedConfigError() throws {
        let directory = try CheckCommandTests.makeConfig(groups: [
            "test-cop.yaml": CheckCommandTests.validGroup + "meetings:\n  - start: 9999-03-03 14:00\n"
        ])
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try ConvenorBinary.run(["check", "--config", directory.appendingPathComponent("config").path])
        #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
        #expect((result.stdout + result.stderr).contains("between 1970 and 2200"), "\(result.stdout)\(result.stderr)")
    }
}
