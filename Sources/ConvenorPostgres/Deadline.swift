import ConvenorIO
import Synchronization

/// A call to the database that did not finish in time (it is cancelled).
package struct DeadlineExceeded: Error, CustomStringConvertible {
    package var duration: Duration
    package var description: String { "the database did not answer within \(duration.components.seconds) seconds" }
}

package enum Deadline {
    /// Runs `body`, throwing `DeadlineExceeded` (and cancelling `body`) when it takes longer than `duration`.
    ///
    /// The caller is answered at the deadline even if `body` does not stop when cancelled: a query waiting on a
    /// database that stopped answering (a frozen VM, a dropped network) may only end when TCP gives up, and a task
    /// group would wait for it. The timer is `Wakeup.sleep`, never `Task.sleep` (an idle daemon must not start
    /// libdispatch's global pool), and it is cancelled as soon as `body` finishes, so nothing wakes later.
    package static func run<T: Sendable>(
        _ duration: Duration,
        _ body: @escaping @Sendable () async throws -> T
    ) async throws
        -> T
    {
        let race = Race<T>()
        return try await withCheckedThrowingContinuation { continuation in
            race.start(continuation)
            let work = Task {
                do {
                    race.finish(.success(try await body()))
                } catch {
                    race.finish(.failure(error))
                }
            }
            let timer = Task {
                guard (try? await Wakeup.sleep(for: duration)) != nil else { return }
                if race.finish(.failure(DeadlineExceeded(duration: duration))) { work.cancel() }
            }
            race.onFinish { timer.cancel() }
        }
    }
}

/// The one answer of `Deadline.run`: whichever of the work and the timer comes first resumes the caller.
private final class Race<T: Sendable>: Sendable {
    private struct State {
        var continuation: CheckedContinuation<T, any Error>?
        var finished = false
        var cleanUp: (@Sendable () -> Void)?
    }

    private let state = Mutex(State())

    func start(_ continuation: CheckedContinuation<T, any Error>) {
        state.withLock { $0.continuation = continuation }
    }

    /// Runs `action` once the race is decided (at once if it already is).
    func onFinish(_ action: @escaping @Sendable () -> Void) {
        let decided = state.withLock { state -> Bool in
            if state.finished { return true }
            state.cleanUp = action
            return false
        }
        if decided { action() }
    }

    /// Resumes the caller with `result` if nobody did yet; true when this call decided the race.
    @discardableResult
    func finish(_ result: Result<T, any Error>) -> Bool {
        let (continuation, cleanUp) = state.withLock {
            state -> (CheckedContinuation<T, any Error>?, (@Sendable () -> Void)?) in
            guard !state.finished else { return (nil, nil) }
            state.finished = true
            defer {
                state.continuation = nil
                state.cleanUp = nil
            }
            return (state.continuation, state.cleanUp)
        }
        guard let continuation else { return false }
        continuation.resume(with: result)
        cleanUp?()
        return true
    }
}
