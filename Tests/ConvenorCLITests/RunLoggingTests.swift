import ConvenorTesting
import Foundation
import Testing

/// What `convenor run` writes to stderr: journald priorities under systemd, and nothing the size of the config.
@Suite struct RunLoggingTests {
    /// `run --once --log-level debug`, with `$JOURNAL_STREAM` naming stderr (as systemd sets it) when `journal`.
    static func runOnce(journal: Bool) throws -> (status: Int32, stderr: String) {
        let installation = try RunInstallation()
        defer { installation.cleanUp() }
        let arguments = [
            Subprocess.convenorBinary, "run", "--once", "--log-level", "debug", "--config",
            installation.configDirectory, "--now", "2027-02-09T12:00:00Z",
        ]
        // systemd.exec(5): JOURNAL_STREAM is the device and inode of the stream stderr is connected to.
        let script =
            journal
            ? "JOURNAL_STREAM=$(stat -L -c %d:%i /proc/self/fd/2) exec \"$@\"" : "unset JOURNAL_STREAM; exec \"$@\""
        let result = try Subprocess.run("/bin/sh", ["-c", script, "sh"] + arguments)
        return (result.status, result.stderr)
    }

    @Test func underJournaldEveryLineCarriesItsPriorityAndNoTimestamp() throws {
        let (status, stderr) = try Self.runOnce(journal: true)
        #expect(status == 0, "\(stderr)")
        let lines = stderr.split(separator: "\n")
        #expect(!lines.isEmpty)
        let prefixed = lines.filter { $0.count > 3 && $0.first == "<" && $0.dropFirst(2).first == ">" }
        #expect(prefixed.count == lines.count, "\(stderr)")
        #expect(lines.allSatisfy { !$0.dropFirst(3).hasPrefix("20") }, "a timestamp in: \(stderr)")
        #expect(lines.contains { $0.hasPrefix("<5>notice convenor: ") && $0.hasSuffix("[ConvenorIO] pass done") })
        #expect(lines.contains { $0.hasPrefix("<6>info convenor: ") && $0.contains("kind=announcement") })
        #expect(lines.contains { $0.hasPrefix("<7>debug convenor: ") })
    }

    @Test func byHandLinesKeepTheirTimestamp() throws {
        let (status, stderr) = try Self.runOnce(journal: false)
        #expect(status == 0, "\(stderr)")
        let lines = stderr.split(separator: "\n")
        #expect(!lines.isEmpty)
        #expect(lines.allSatisfy { $0.hasPrefix("20") }, "\(stderr)")
    }

    @Test(arguments: [true, false])
    func debugLoggingNeverDumpsTheConfigOrTheTemplates(journal: Bool) throws {
        let (status, stderr) = try Self.runOnce(journal: journal)
        #expect(status == 0, "\(stderr)")
        #expect(!stderr.contains("Config(installation"), "\(stderr.prefix(2000))")
        #expect(!stderr.contains("CONTENT_TYPE"), "\(stderr.prefix(2000))")
        #expect(stderr.contains("sl-service=SinglePassService"), "\(stderr.prefix(2000))")
        // Four announcements, a pass summary and the service's lifecycle: a few dozen lines of a few hundred bytes.
        #expect(stderr.split(separator: "\n").allSatisfy { $0.utf8.count < 1_000 }, "\(stderr.prefix(2000))")
    }
}
