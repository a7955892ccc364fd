package import Foundation

/// How a wall time reads in a zone on its day: once, twice (a fall-back overlap) or not at all (a spring-forward
/// gap). `instant(in:)` picks the earlier reading and moves a skipped time forward; `check` warns about both, so a
/// chair knows which moment the mail and the calendar file will name.
package enum WallTimeReading: Hashable, Sendable {
    /// The usual case: one instant.
    case once(Date)
    /// 01:30 on the US fall-back day: both instants exist; convenor uses `earlier`.
    case twice(earlier: Date, later: Date)
    /// 01:30 on the UK spring-forward day: no such time; the meeting happens at `movedTo`.
    case skipped(movedTo: Date)
}

extension LocalDateTime {
    /// Which of the three cases this wall time is in `zone`.
    package func reading(in zone: TimeZone) -> WallTimeReading {
        let wall = wallSeconds
        let offsets = Set(
            [-86_400, 86_400].map { zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(wall + $0))) }
        )
        let solutions = offsets.map { wall - $0 }.filter { candidate in
            zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(candidate))) == wall - candidate
        }.sorted()
        switch solutions.count {
        case 0: return .skipped(movedTo: instant(in: zone))
        case 1: return .once(Date(timeIntervalSince1970: TimeInterval(solutions[0])))
        default:
            return .twice(
                earlier: Date(timeIntervalSince1970: TimeInterval(solutions[0])),
                later: Date(timeIntervalSince1970: TimeInterval(solutions[solutions.count - 1]))
            )
        }
    }
}
