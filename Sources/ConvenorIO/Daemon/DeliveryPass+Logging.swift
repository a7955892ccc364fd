import ConvenorCore
import Foundation
import Logging

extension DeliveryPass {
    /// Log times are UTC, like journald's own stamps.
    static let utc = TimeZone(identifier: "UTC")!

    /// The key=value metadata of a row's log line: group, kind, occurrence, message_id, state. Never a recipient.
    static func metadata(_ entry: LedgerEntry, extra: Logger.Metadata = [:]) -> Logger.Metadata {
        var metadata = metadata(entry.key, state: entry.state, extra: extra)
        if let messageID = entry.messageID { metadata["message_id"] = "\(messageID)" }
        return metadata
    }

    /// The metadata of a mailing key, with its state when known.
    static func metadata(_ key: MailingKey, state: LedgerState? = nil, extra: Logger.Metadata = [:]) -> Logger.Metadata
    {
        var metadata: Logger.Metadata = [
            "group": "\(key.group)", "kind": "\(key.kind.rawValue)", "occurrence": "\(key.occurrence)",
        ]
        if let state { metadata["state"] = "\(state.rawValue)" }
        return metadata.merging(extra) { _, new in new }
    }
}
