package import Foundation

/// Wall-clock time at the edge of the system: outbox file names, the scheduler's "now".
///
/// Injected rather than calling `Date()` so tests fix the time (GRDB's `TransactionClock` is the model). Sleeping
/// uses `any Clock<Duration>` instead; this protocol only answers "what time is it".
package protocol WallClock: Sendable {
    /// The current instant.
    func now() -> Date
}

/// The real clock: `Date()`.
package struct SystemClock: WallClock {
    /// The one real clock; it has no state.
    package init() {}

    package func now() -> Date { Date() }
}
