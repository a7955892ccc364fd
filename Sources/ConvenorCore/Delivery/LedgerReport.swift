package import Foundation

/// What `convenor ledger` prints: what went out, when, with which Message-ID, and what failed and why.
///
/// Pure formatting of ledger rows, so the command and its tests agree byte for byte. Times print in the group's
/// zone (the operator reads them next to the chairs' config); `zone(for:)` supplies it.
package enum LedgerReport {
    /// One aligned line per row, for people.
    package static func table(_ entries: [LedgerEntry], zone: (String) -> TimeZone) -> String {
        guard !entries.isEmpty else { return "no mailings in the ledger match\n" }
        let header = ["KEY", "STATE", "DUE", "ATTEMPTS", "SENT / NEXT", "MESSAGE-ID", "NOTE"]
        let rows = entries.map { entry -> [String] in
            let tz = zone(entry.key.group)
            let when = entry.sentAt ?? entry.nextAttempt
            return [
                entry.key.description, entry.state.rawValue, localText(entry.due, tz), String(entry.attempts),
                when.map { localText($0, tz) } ?? "-", entry.messageID ?? "-", note(for: entry),
            ]
        }
        let widths = header.indices.map { column in
            ([header] + rows).map { $0[column].count }.max() ?? 0
        }
        return ([header] + rows).map { row in
            row.enumerated().map { column, cell in
                column == row.count - 1 ? cell : cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
            }.joined(separator: "  ").trimmingTrailingSpaces()
        }.joined(separator: "\n") + "\n"
    }

    /// An array of objects with stable keys, for other tools.
    package static func json(_ entries: [LedgerEntry], zone: (String) -> TimeZone) -> String {
        let objects: [[String: Any]] = entries.map { entry in
            let tz = zone(entry.key.group)
            var object: [String: Any] = [
                "key": entry.key.description, "group": entry.key.group, "kind": entry.key.kind.rawValue,
                "occurrence": entry.key.occurrence, "revision": entry.key.revision, "state": entry.state.rawValue,
                "due": entry.due.iso8601(in: tz), "valid_until": entry.validUntil.iso8601(in: tz),
                "attempts": entry.attempts,
            ]
            object["message_id"] = entry.messageID
            object["sent_at"] = entry.sentAt?.iso8601(in: tz)
            object["next_attempt"] = entry.nextAttempt?.iso8601(in: tz)
            object["last_error"] = entry.lastError
            object["relay_reply"] = entry.relayReply
            object["missed_reason"] = entry.missedReason
            return object
        }
        // JSONSerialization cannot fail on these plain values; an empty array is the honest fallback.
        let data =
            (try? JSONSerialization.data(withJSONObject: objects, options: [.prettyPrinted, .sortedKeys]))
            ?? Data("[]".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// The reason a row is not simply sent: the relay's words, the error, or why it was missed.
    static func note(for entry: LedgerEntry) -> String {
        switch entry.state {
        case .sent: entry.relayReply ?? ""
        case .missed, .cancelled: entry.missedReason ?? ""
        default: entry.lastError ?? ""
        }
    }

    static func localText(_ instant: Date, _ zone: TimeZone) -> String {
        let local = LocalDateTime(instant: instant, in: zone)
        return "\(local) \(zone.readableAbbreviation(for: instant))"
    }
}

extension String {
    fileprivate func trimmingTrailingSpaces() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
