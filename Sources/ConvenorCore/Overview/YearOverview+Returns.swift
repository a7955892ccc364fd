package import Foundation

// What came back from the lists (issue 18): the ledger's rows added to each group's year, so `overview` says
// "held by the list" where the relay's 250 alone would have read as sent.

extension YearOverview {
    /// This overview with each group's list posts from `ledger` that the relay accepted in the range.
    package func withReturns(_ ledger: [LedgerEntry], config: Config) -> YearOverview {
        let installationZone = config.installation.timeZone
        let start = firstDay.startInstant(in: installationZone)
        let end = lastDay.adding(days: 1).startInstant(in: installationZone)
        var copy = self
        copy.groups = groups.map { year in
            var year = year
            let posting = year.group.posting.from?.address ?? config.installation.from.address
            year.returns = ledger.filter { $0.key.group == year.group.id }
                .compactMap { ListOutcome($0, group: year.group, postingAddress: posting) }
                .filter { start <= $0.sentAt && $0.sentAt < end }
                .sorted { ($0.sentAt, $0.key) < ($1.sentAt, $1.key) }
            return year
        }
        return copy
    }
}

extension ListOutcome {
    /// `Thu 15 Oct 09:00 BST`, in the group's zone.
    package func sentText(in zone: TimeZone) -> String {
        let local = LocalDateTime(instant: sentAt, in: zone)
        return "\(local.date.shortText) \(local.time) \(ZoneAbbreviation.of(zone, at: sentAt))"
    }

    /// The lines `convenor overview` prints under "What came back from the list", indented by the caller.
    package func textLines(in zone: TimeZone) -> [String] {
        var lines = ["\(sentText(in: zone))  \(what.capitalizedFirst) (\(key)): \(state.words)"]
        lines.append("  " + happened)
        if let listWords { lines.append("  The list said: \"\(listWords)\"") }
        if let link { lines.append("  Approve it at \(link)") }
        if let linkText {
            lines.append("  The notice gave this link, which is not on the list's own https site: \(linkText)")
        }
        if let advice { lines.append("  " + advice) }
        return lines
    }
}
