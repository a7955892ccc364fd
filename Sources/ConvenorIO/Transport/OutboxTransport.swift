package import ConvenorCore
package import Foundation

/// Writes each message as an `.eml` file into the outbox directory instead of sending it.
///
/// The default transport, and the one for trying convenor out: the files are exactly what SMTP would have carried.
/// Each file appears whole or not at all (temporary file in the same directory, write, fsync, rename, fsync the
/// directory), so a reader polling the directory never sees half a message, and a crash leaves only a hidden
/// `.tmp` file. Names sort by send time: `20261124T090000Z-0001-<message id>.eml`.
package struct OutboxTransport: MailTransport {
    /// The outbox directory (absolute); created when missing.
    package let directory: String
    /// Stamps the file names.
    package let clock: any WallClock

    /// An outbox writing into `directory`, naming files by `clock`'s time.
    package init(directory: String, clock: any WallClock) {
        self.directory = directory
        self.clock = clock
    }

    /// Writes every message of the batch as its own file; a failed write is `temporary` and names the file.
    package func deliver(_ messages: [OutboundMessage]) async -> [DeliveryOutcome] {
        guard !messages.isEmpty else { return [] }
        let directory = directory
        let now = clock.now()
        // fsync can take a while on a busy disk; keep it off the cooperative pool.
        return await DedicatedThread.run(name: "convenor-outbox") {
            Self.write(messages, to: directory, at: now)
        }
    }

    /// The file name for the `sequence`-th message written at `date`: UTC timestamp, 4-digit sequence, then the
    /// message ID with anything but letters, digits, `.`, `-`, `_`, `@` and `+` replaced by `_` (at most 100
    /// characters of it), so the name is safe in any shell and sorts by send time.
    package static func fileName(sentAt date: Date, sequence: Int, messageID: String) -> String {
        "\(timestamp(date))-\(String(format: "%04d", sequence))-\(sanitised(messageID)).eml"
    }

    static func timestamp(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        return String(
            format: "%04d%02d%02dT%02d%02d%02dZ",
            parts.tm_year + 1900,
            parts.tm_mon + 1,
            parts.tm_mday,
            parts.tm_hour,
            parts.tm_min,
            parts.tm_sec
        )
    }

    static func sanitised(_ messageID: String) -> String {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_@+")
        let cleaned = String(messageID.prefix(100).map { allowed.contains($0) ? $0 : "_" })
        return cleaned.isEmpty ? "message" : cleaned
    }

    static func write(_ messages: [OutboundMessage], to directory: String, at date: Date) -> [DeliveryOutcome] {
        do {
            try FileManager.default.createDirectory(
                atPath: directory,
                withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o700]
            )
        } catch {
            let reason = "cannot create the outbox directory \(directory): \(error.localizedDescription)"
            return messages.map { _ in .temporary(reason: reason) }
        }
        // Continue the numbering of an earlier batch in the same second, so names keep sorting by send time.
        let stamp = timestamp(date)
        var sequence = nextSequence(in: directory, stamp: stamp)
        return messages.map { message in
            let name = fileName(sentAt: date, sequence: sequence, messageID: message.messageID)
            sequence += 1
            do throws(AtomicWriteError) {
                // Owner-only: a list post's copy carries the moderator password in `Approved:`.
                try AtomicFile.write(message.data, directory: directory, name: name, mode: 0o600)
                return .delivered(reply: "written to \(directory)/\(name)")
            } catch {
                return .temporary(reason: error.description)
            }
        }
    }

    static func nextSequence(in directory: String, stamp: String) -> Int {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        let used = names.compactMap { name -> Int? in
            guard name.hasPrefix(stamp + "-") else { return nil }
            return Int(name.dropFirst(stamp.count + 1).prefix(4))
        }
        return (used.max() ?? 0) + 1
    }
}
