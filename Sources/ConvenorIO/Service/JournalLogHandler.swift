package import Logging

#if canImport(Glibc)
import Glibc
#endif

/// Log lines for systemd's journal: each line starts with its sd-daemon priority (`<3>` for an error, sd-daemon(3)),
/// so `journalctl -u convenor -p err` finds the errors, and carries no timestamp of its own (journald stamps every
/// line; a second one only makes lines longer).
///
/// journald reads stderr line by line, so a message that holds a line break is written as several lines, each
/// with the same priority: a continuation line without one would be filed at `info`.
package struct JournalLogHandler: LogHandler {
    package var logLevel: Logger.Level = .info
    package var metadata: Logger.Metadata = [:]
    package var metadataProvider: Logger.MetadataProvider?
    private let label: String
    private let write: @Sendable (String) -> Void

    /// - Parameter write: receives each finished record (one or more lines); stderr by default.
    package init(label: String, write: @escaping @Sendable (String) -> Void = JournalLogHandler.writeToStandardError) {
        self.label = label
        self.write = write
    }

    package subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    package func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { _, new in new } }
        if let explicit = event.metadata { merged.merge(explicit) { _, new in new } }
        if let error = event.error { merged["error.message"] = "\(error)" }
        write(
            Self.record(
                level: event.level,
                label: label,
                metadata: merged,
                source: event.source,
                message: event.message.description
            )
        )
    }

    /// `<6>info convenor: group=x kind=agenda [ConvenorIO] sent\n`: the stream handler's layout minus the time.
    package static func record(
        level: Logger.Level,
        label: String,
        metadata: Logger.Metadata,
        source: String,
        message: String
    ) -> String {
        let pairs = metadata.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        let text = "\(level) \(label):\(pairs.isEmpty ? "" : " " + pairs) [\(source)] \(message)"
        let prefix = "<\(priority(level))>"
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { prefix + $0 }
            .joined(separator: "\n") + "\n"
    }

    /// syslog(3) priorities, as sd-daemon(3) prefixes carry them.
    package static func priority(_ level: Logger.Level) -> Int {
        switch level {
        case .trace, .debug: 7
        case .info: 6
        case .notice: 5
        case .warning: 4
        case .error: 3
        case .critical: 2
        }
    }

    /// True when stderr is the journal stream systemd opened for this service: `$JOURNAL_STREAM` names its
    /// device and inode (systemd.exec(5)), and a redirected stderr (`convenor run 2>file`) no longer matches.
    package static func standardErrorIsJournal(environment: [String: String]) -> Bool {
        guard let value = environment["JOURNAL_STREAM"] else { return false }
        let parts = value.split(separator: ":")
        guard parts.count == 2, let device = UInt64(parts[0]), let inode = UInt64(parts[1]) else { return false }
        var info = stat()
        guard fstat(STDERR_FILENO, &info) == 0 else { return false }
        return UInt64(info.st_dev) == device && UInt64(info.st_ino) == inode
    }

    /// One `write(2)` per record, so lines from two threads never interleave mid-line.
    package static let writeToStandardError: @Sendable (String) -> Void = { text in
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { buffer in
                Glibc.write(STDERR_FILENO, buffer.baseAddress! + offset, buffer.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                return
            }
            offset += written
        }
    }
}
