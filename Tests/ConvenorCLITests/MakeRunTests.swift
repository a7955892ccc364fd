import ConvenorTesting
import Foundation
import Testing

/// `make run` as the README's first command: what it tells a newcomer after one pass on a config.
@Suite(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/make"), "make is missing"))
struct MakeRunTests {
    @Test func makeRunSaysWhereTheBinaryIsThatNobodyIsEmailedWhatItWroteAndWhatIsNext() throws {
        let installation = try RunInstallation()
        defer { installation.cleanUp() }
        let repository = CheckCommandTests.repository
        // SWIFT=true: the binary is built already, and a nested swift would wait for this test run's lock.
        let result = try Subprocess.run(
            "/usr/bin/make",
            [
                "--no-print-directory", "-s", "-C", repository.path, "run", "SWIFT=true",
                "BIN=\(Subprocess.convenorBinary)", "CONFIG=\(installation.configDirectory)",
                "OUTBOX=\(installation.outbox)",
            ]
        )
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "convenor is \(Subprocess.convenorBinary) (or 'make install' puts it on your PATH)")
        #expect(
            lines.dropFirst().first
                == "outbox mode: nothing is emailed to anyone; each mail is written as an .eml file to \(installation.outbox)/"
        )
        let wrote = try #require(lines.first { $0.hasPrefix("wrote ") })
        let count = installation.outboxFiles().count
        #expect(wrote == "wrote \(count) file(s) to \(installation.outbox)/ (\(count) there in all)")
        #expect(
            lines.contains(
                "due next (all of it: \(Subprocess.convenorBinary) schedule --config \(installation.configDirectory)):"
            )
        )
        #expect(lines.contains { $0.hasPrefix("DUE ") })
        #expect(
            lines.last
                == "to keep it running as the daemon does: \(Subprocess.convenorBinary) run --config \(installation.configDirectory) (Ctrl-C stops it)"
        )
    }

    @Test func theReadmeSaysWhichBinaryToRunBeforeInstalling() throws {
        let readme = try String(
            contentsOf: CheckCommandTests.repository.appendingPathComponent("README.md"),
            encoding: .utf8
        )
        #expect(readme.contains("Wherever this README writes `convenor …`, type\n`.build/debug/convenor …`"))
    }
}
