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
                when.map { localText($0, tz) } ?? "-", entry.messageID ?? "-", note(for: entry, zone: tz),
            ]
        }
        return AlignedTable.render([header] + rows)
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
            // What came back from the list (issue 18); `outcome` is the state in words, as the table's note says.
            object["outcome"] = entry.state.words
            object["posted_to"] = entry.postedTo
            object["distributed_at"] = entry.distributedAt?.iso8601(in: tz)
            object["list_words"] = entry.listWords
            object["approval_link"] = entry.approvalLink
            object["bounce_status"] = entry.bounceStatus
            object["bounce_diagnostic"] = entry.bounceDiagnostic
            return object
        }
        // JSONSerialization cannot fail on these plain values; an empty array is the honest fallback.
        let data =
            (try? JSONSerialization.data(withJSONObject: objects, options: [.prettyPrinted, .sortedKeys]))
            ?? Data("[]".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// What is known beyond the state: how far the post got ("accepted by the relay" is not "distributed by the
    /// list"), the list's words, the error, or why it was missed.
    package static func note(for entry: LedgerEntry, zone: TimeZone) -> String {
        switch entry.state {
        case .sent: [entry.state.words, entry.relayReply].compactMap { $0 }.joined(separator: ": ")
        case .distributed:
            entry.state.words + (entry.distributedAt.map { " at \(clockText($0, after: entry.sentAt, zone))" } ?? "")
        case .held:
            entry.state.words + (entry.listWords.map { ": \($0)" } ?? "")
                + (entry.approvalLink.map { "; approve at \($0)" } ?? "")
        case .rejected: entry.state.words + (entry.listWords.map { ": \($0)" } ?? "")
        case .bounced:
            ([entry.state.words] + [entry.bounceStatus, entry.bounceDiagnostic].compactMap { $0 })
                .joined(separator: " ")
        case .missed, .cancelled: entry.missedReason ?? ""
        case .scheduled, .claimed, .deferred, .failed: entry.lastError ?? ""
        }
    }

    /// "09:02" on the day the relay accepted it (the SENT column says the day), else the date too.
    static func clockText(_ instant: Date, after sent: Date?, _ zone: TimeZone) -> String {
        let local = LocalDateTime(instant: instant, in: zone)
        let sameDay = sent.map { LocalDateTime(instant: $0, in: zone).date == local.date } ?? false
        return sameDay ? local.time.description : local.description
    }

    static func localText(_ instant: Date, _ zone: TimeZone) -> String {
        let local = LocalDateTime(instant: instant, in: zone)
        return "\(local) \(zone.readableAbbreviation(for: instant))"
    }
}
