package import Foundation

/// A wall clock that starts at a chosen instant and then runs at the real rate: `convenor run --now T`.
///
/// Elapsed time is measured on the monotonic clock, so a wall-clock step (NTP, a VM resume) does not move the
/// daemon's idea of time backwards.
package struct ShiftedClock: WallClock {
    private let start: Date
    private let reference: ContinuousClock.Instant

    /// A clock that reads `start` now and advances from there.
    package init(start: Date) {
        self.start = start
        self.reference = ContinuousClock.now
    }

    package func now() -> Date {
        let elapsed = ContinuousClock.now - reference
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return start.addingTimeInterval(seconds)
    }
}
