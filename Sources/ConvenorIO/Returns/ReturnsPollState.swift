package import Foundation
import Synchronization

/// What the daemon remembers between looks at the returns mailbox: when it last looked, and which messages it
/// read and left alone (so a message it does not understand is read once per process, not at every poll).
///
/// In memory: after a restart every message left in the mailbox is read once more, which changes nothing (the
/// ledger's `returned` step ignores what it already knows).
package final class ReturnsPollState: Sendable {
    private struct State {
        var lastPoll: Date?
        var left: Set<String> = []
        var location: String?
    }

    private let state = Mutex(State())

    package init() {}

    /// When the mailbox was last read successfully; nil before the first read.
    package var lastPoll: Date? { state.withLock { $0.lastPoll } }

    /// The ids read and left alone, for the mailbox at `location` (another mailbox after a reload starts afresh).
    func left(at location: String) -> Set<String> {
        state.withLock { state in
            if state.location != location {
                state.location = location
                state.left = []
            }
            return state.left
        }
    }

    func recordPoll(at instant: Date, left ids: some Sequence<String>) {
        state.withLock { state in
            state.lastPoll = instant
            state.left.formUnion(ids)
        }
    }

    /// Makes the next pass read the mailbox whatever the interval (a reload; a resend waiting on the list's copy).
    package func pollSoon() {
        state.withLock { $0.lastPoll = nil }
    }
}
