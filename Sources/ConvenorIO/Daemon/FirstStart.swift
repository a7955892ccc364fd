package import Foundation

/// When this installation's daemon first ran, kept as `<state_dir>/first-start` (one ISO 8601 line).
///
/// A fresh installation must not report as `missed` the mailings that went stale before convenor ever ran: they
/// were never convenor's to send, and an operator's first alert listing a dozen of them would teach them to ignore
/// alerts. Mailings due before the first start that are still valid are sent as usual. The instant lives in a file
/// of its own rather than the ledger so that the ledger's schema stays the ledger's; losing the file only brings
/// back the old behaviour (everything stale is reported).
package enum FirstStart {
    /// The file's name inside the state directory.
    package static let fileName = "first-start"

    /// The recorded first start, recording `now` if there is none yet; nil when the file can be neither read nor
    /// written (then nothing is exempt).
    package static func recall(stateDirectory: String, now: Date) -> Date? {
        let path = stateDirectory + "/" + fileName
        if let text = try? String(contentsOfFile: path, encoding: .utf8) {
            return parse(text)
        }
        // Whole seconds, so this run and later ones read the same instant.
        let stamp = ISO8601DateFormatter().string(from: now)
        do {
            try Data((stamp + "\n").utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            return nil
        }
        return parse(stamp)
    }

    static func parse(_ text: String) -> Date? {
        ISO8601DateFormatter().date(from: text.trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
