package import Foundation

/// The rows a new leader of a shared ledger leaves to its predecessor for now (issue 20): those the predecessor
/// claimed (under its lease token) and left `claimed`, until `until`.
///
/// A leader paused mid-send (SIGSTOP, a VM freeze) may have handed a message to the relay already; when it wakes it
/// records the relay's answer (`Fencing` lets it while nobody claimed the row since). Resending at once would send
/// it twice. Only the immediate predecessor's claims are held: an older leader's lease ran out before the
/// predecessor took over, so a chain of faults never holds a row for more than one hold.
package struct ClaimHold: Hashable, Sendable {
    /// The predecessor's claimed rows.
    package var keys: Set<MailingKey>
    /// When they are resent unless the predecessor recorded their outcome (`LeaderLease.claimHold`).
    package var until: Date

    package init(keys: Set<MailingKey>, until: Date) {
        self.keys = keys
        self.until = until
    }

    /// True when `key`, left claimed, is still the predecessor's to finish at `now`.
    package func holds(_ key: MailingKey, at now: Date) -> Bool {
        now < until && keys.contains(key)
    }
}
