import Dispatch
import Synchronization

/// Lets the daemon sleep until a deadline or until something pokes it (a reload), whichever comes first.
///
/// One timer, no polling: the waiting side parks on a continuation; a poke, the timer or cancellation resumes it.
/// A poke that arrives while nobody waits is remembered, so a SIGHUP that lands during a delivery pass is not lost.
/// Guarded by a `Mutex` rather than an actor because the cancellation handler must resume the continuation
/// synchronously.
///
/// `wait(for:)` arms a one-shot `DispatchSourceTimer` on a serial queue. `Task.sleep` is not used anywhere in the
/// daemon: its delayed job is handed to libdispatch's global concurrent queue, and the first job there starts
/// libdispatch's worker-pool monitor, a one-second timer that never stops (swift-corelibs-libdispatch,
/// `src/event/workqueue.c`), so an idle daemon would wake every second. Serial queues run on overcommit threads,
/// which the monitor does not watch. (See also `EventLoopExecutor`, which keeps every other job off that pool.)
package final class Wakeup: Sendable {
    /// Why a wait ended.
    package enum Reason: Sendable, Equatable {
        case deadline
        case poked
        case cancelled
    }

    private struct State {
        var pendingPoke = false
        var waiter: CheckedContinuation<Reason, Never>?
        /// Tells a late timer of an earlier wait from the current one.
        var generation = 0
    }

    private let state = Mutex(State())
    private static let timerQueue = DispatchQueue(label: "convenor.wakeup")

    package init() {}

    /// Sleeps for `duration`, like `Task.sleep(for:)` but on a Dispatch timer (see the type's comment for why).
    ///
    /// - Throws: `CancellationError` when the task is cancelled first.
    package static func sleep(for duration: Duration) async throws {
        if await Wakeup().wait(for: duration) == .cancelled { throw CancellationError() }
    }

    /// Wakes the current waiter, or the next one if nobody is waiting.
    package func poke() {
        let waiter = state.withLock { state -> CheckedContinuation<Reason, Never>? in
            guard let waiter = state.waiter else {
                state.pendingPoke = true
                return nil
            }
            state.waiter = nil
            return waiter
        }
        waiter?.resume(returning: .poked)
    }

    /// Sleeps for `duration` on Dispatch's monotonic clock, returning early when poked or cancelled.
    ///
    /// The monotonic clock does not advance while the machine is suspended; the daemon caps its sleeps at an hour,
    /// so a resumed machine is noticed within the hour.
    package func wait(for duration: Duration) async -> Reason {
        let generation = state.withLock { state in
            state.generation += 1
            return state.generation
        }
        let timer = DispatchSource.makeTimerSource(queue: Self.timerQueue)
        let (seconds, attoseconds) = duration.components
        let nanoseconds = max(0, seconds) * 1_000_000_000 + max(0, attoseconds) / 1_000_000_000
        timer.schedule(deadline: .now() + .nanoseconds(Int(clamping: nanoseconds)), leeway: .milliseconds(5))
        timer.setEventHandler { [self] in expire(generation) }
        timer.resume()
        defer { timer.cancel() }
        return await park()
    }

    /// Resumes the waiter with `.deadline` if it belongs to `generation` (nil: whoever waits).
    private func expire(_ generation: Int?) {
        let waiter = state.withLock { state -> CheckedContinuation<Reason, Never>? in
            guard generation == nil || generation == state.generation else { return nil }
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume(returning: .deadline)
    }

    /// Parks until poked, expired or cancelled.
    private func park() async -> Reason {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Reason, Never>) in
                let resumeNow: Reason? = state.withLock { state in
                    if state.pendingPoke {
                        state.pendingPoke = false
                        return .poked
                    }
                    if Task.isCancelled { return .cancelled }
                    state.waiter = continuation
                    return nil
                }
                if let resumeNow { continuation.resume(returning: resumeNow) }
            }
        } onCancel: {
            let waiter = state.withLock { state -> CheckedContinuation<Reason, Never>? in
                defer { state.waiter = nil }
                return state.waiter
            }
            waiter?.resume(returning: .cancelled)
        }
    }
}
