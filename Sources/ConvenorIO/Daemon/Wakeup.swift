import Synchronization

/// Lets the daemon sleep until a deadline or until something pokes it (a reload), whichever comes first.
///
/// One timer, no polling: the waiting side parks on a continuation and a single `Task.sleep`; a poke resumes the
/// continuation and the sleep is cancelled. A poke that arrives while nobody waits is remembered, so a SIGHUP that
/// lands during a delivery pass is not lost. Guarded by a `Mutex` rather than an actor because the cancellation
/// handler must resume the continuation synchronously.
package final class Wakeup: Sendable {
    /// Why a wait ended.
    package enum Reason: Sendable, Equatable {
        case deadline
        case poked
        case cancelled
    }

    private struct State {
        var pendingPoke = false
        var waiter: CheckedContinuation<Bool, Never>?
    }

    private let state = Mutex(State())

    package init() {}

    /// Wakes the current waiter, or the next one if nobody is waiting.
    package func poke() {
        let waiter = state.withLock { state -> CheckedContinuation<Bool, Never>? in
            guard let waiter = state.waiter else {
                state.pendingPoke = true
                return nil
            }
            state.waiter = nil
            return waiter
        }
        waiter?.resume(returning: true)
    }

    /// Sleeps for `duration` on `clock`, returning early when poked or cancelled.
    package func wait<C: Clock>(for duration: C.Duration, on clock: C) async -> Reason where C.Duration == Duration {
        await withTaskGroup(of: Reason.self) { group in
            group.addTask {
                do {
                    try await clock.sleep(for: duration)
                    return .deadline
                } catch {
                    return .cancelled
                }
            }
            group.addTask {
                await self.waitForPoke() ? .poked : .cancelled
            }
            let first = await group.next() ?? .cancelled
            group.cancelAll()
            return Task.isCancelled ? .cancelled : first
        }
    }

    /// True when poked, false when the task was cancelled first.
    private func waitForPoke() async -> Bool {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
                let resumeNow: Bool? = state.withLock { state in
                    if state.pendingPoke {
                        state.pendingPoke = false
                        return true
                    }
                    if Task.isCancelled { return false }
                    state.waiter = continuation
                    return nil
                }
                if let resumeNow { continuation.resume(returning: resumeNow) }
            }
        } onCancel: {
            let waiter = state.withLock { state -> CheckedContinuation<Bool, Never>? in
                defer { state.waiter = nil }
                return state.waiter
            }
            waiter?.resume(returning: false)
        }
    }
}
