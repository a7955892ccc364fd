import ConvenorIO
import ConvenorPostgres
import Foundation
import Synchronization
import Testing

/// `Deadline.run`, which bounds every call to the shared ledger: the caller is answered at the deadline even when
/// the work does not stop on cancellation (a query to a frozen database server).
@Suite struct DeadlineTests {
    /// Opens once; until then `wait()` does not return, and ignores cancellation.
    final class Gate: Sendable {
        private let state = Mutex<(open: Bool, waiters: [CheckedContinuation<Void, Never>])>((false, []))
        func wait() async {
            await withCheckedContinuation { continuation in
                let open = state.withLock { state -> Bool in
                    if !state.open { state.waiters.append(continuation) }
                    return state.open
                }
                if open { continuation.resume() }
            }
        }
        func open() {
            let waiters = state.withLock { state in
                state.open = true
                defer { state.waiters = [] }
                return state.waiters
            }
            waiters.forEach { $0.resume() }
        }
    }

    @Test func workThatIgnoresCancellationStillGivesWayAtTheDeadline() async throws {
        let gate = Gate()
        let started = ContinuousClock.now
        await #expect(throws: DeadlineExceeded.self) {
            try await Deadline.run(.milliseconds(200)) { await gate.wait() }
        }
        #expect(ContinuousClock.now - started < .seconds(3))
        gate.open()
    }

    @Test func workThatFinishesInTimeIsAnsweredAndItsErrorsPassThrough() async throws {
        #expect(try await Deadline.run(.seconds(5)) { 42 } == 42)
        struct Refused: Error {}
        await #expect(throws: Refused.self) { try await Deadline.run(.seconds(5)) { throw Refused() } }
    }
}
