import ConvenorIO
import Foundation
import Logging
import Testing

/// The journal's line format: sd-daemon priorities, one per line, and no timestamp.
@Suite struct JournalLogHandlerTests {
    @Test(arguments: [
        (Logger.Level.trace, 7), (.debug, 7), (.info, 6), (.notice, 5), (.warning, 4), (.error, 3), (.critical, 2),
    ])
    func eachLevelMapsToItsSyslogPriority(level: Logger.Level, priority: Int) {
        #expect(JournalLogHandler.priority(level) == priority)
    }

    @Test func aRecordIsTheStreamLayoutWithThePriorityInsteadOfTheTime() {
        #expect(
            JournalLogHandler.record(
                level: .error,
                label: "convenor",
                metadata: ["kind": "agenda", "group": "chess"],
                source: "ConvenorIO",
                message: "failed"
            )
                == "<3>error convenor: group=chess kind=agenda [ConvenorIO] failed\n"
        )
    }

    @Test func everyLineOfAMultiLineMessageKeepsThePriority() {
        // A reload's diagnostics arrive as one message with one line per problem; journald files each line alone.
        let record = JournalLogHandler.record(
            level: .error,
            label: "convenor",
            metadata: [:],
            source: "ConvenorIO",
            message: "reload refused\nconfig/groups/a.yaml:3:1: error: x\nconfig/groups/b.yaml:4:1: error: y"
        )
        #expect(
            record
                == "<3>error convenor: [ConvenorIO] reload refused\n<3>config/groups/a.yaml:3:1: error: x\n"
                + "<3>config/groups/b.yaml:4:1: error: y\n"
        )
    }

    @Test func aLoggerWritesThroughTheHandlerWithItsMetadata() {
        let written = LockedLines()
        var handler = JournalLogHandler(label: "convenor", write: { written.append($0) })
        handler.logLevel = .debug
        handler[metadataKey: "pass"] = "1"
        let logger = Logger(label: "convenor", factory: { _ in handler })
        logger.warning("slow relay", metadata: ["seconds": "12"])
        logger.trace("not shown")
        #expect(written.lines == ["<4>warning convenor: pass=1 seconds=12 [ConvenorIOTests] slow relay\n"])
    }

    @Test func journalStreamMustNameTheActualStderr() {
        #expect(!JournalLogHandler.standardErrorIsJournal(environment: [:]))
        #expect(!JournalLogHandler.standardErrorIsJournal(environment: ["JOURNAL_STREAM": "nonsense"]))
        #expect(!JournalLogHandler.standardErrorIsJournal(environment: ["JOURNAL_STREAM": "1:1"]))
        var info = stat()
        #expect(fstat(STDERR_FILENO, &info) == 0)
        #expect(
            JournalLogHandler.standardErrorIsJournal(environment: ["JOURNAL_STREAM": "\(info.st_dev):\(info.st_ino)"])
        )
    }
}

/// Lines written by a handler, collected across threads.
private final class LockedLines: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []
    func append(_ line: String) { lock.withLock { stored.append(line) } }
    var lines: [String] { lock.withLock { stored } }
}
