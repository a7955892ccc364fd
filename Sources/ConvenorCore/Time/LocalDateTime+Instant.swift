package import Foundation

// Wall time ↔ instant in an IANA zone, done by hand from `TimeZone.secondsFromGMT(for:)` so that the two awkward
// cases follow the rules rather than whatever a `Calendar` happens to do:
// - a wall time that does not exist (inside a spring-forward gap) moves forward by the length of the gap;
// - a wall time that exists twice (inside a fall-back overlap) takes the earlier instant.

extension LocalDateTime {
    /// Seconds since 1970-01-01 00:00 if this wall time were read in UTC; subtract an offset to get an instant.
    var wallSeconds: Int {
        date.daysSinceEpoch * 86_400 + time.minutesSinceMidnight * 60
    }

    /// The instant this wall time names in `zone`.
    ///
    /// Inside a spring-forward gap (01:30 on a day London jumps from 01:00 to 02:00) the result is the wall time
    /// moved forward by the gap, 02:30 local; inside a fall-back overlap (01:30 on a day London goes from 02:00 back
    /// to 01:00) it is the earlier of the two instants, 01:30 BST.
    package func instant(in zone: TimeZone) -> Date {
        let wall = wallSeconds
        // No zone changes its offset more than once within a day either side of a wall time, so the offsets in
        // force a day before and a day after are the only candidates.
        let before = zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(wall - 86_400)))
        let after = zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(wall + 86_400)))
        let solutions = Set([before, after]).map { wall - $0 }.filter { candidate in
            zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(candidate))) == wall - candidate
        }
        if let earliest = solutions.min() {
            return Date(timeIntervalSince1970: TimeInterval(earliest))
        }
        // In a gap: read the wall time with the offset from before the change, which lands the gap's length later
        // on the new clock (01:30 GMT is 02:30 BST).
        return Date(timeIntervalSince1970: TimeInterval(wall - before))
    }

    /// The wall time `instant` shows in `zone`, to the minute (seconds are dropped).
    package init(instant: Date, in zone: TimeZone) {
        let seconds = Int(instant.timeIntervalSince1970.rounded(.down))
        let wall = seconds + zone.secondsFromGMT(for: instant)
        let days = Int((Double(wall) / 86_400).rounded(.down))
        let minutes = (wall - days * 86_400) / 60
        // `minutes` is 0..<1440 by construction, so the time always exists.
        self.init(
            date: LocalDate(daysSinceEpoch: days),
            time: LocalTime(hour: minutes / 60, minute: minutes % 60)!
        )
    }
}

extension LocalDate {
    /// The calendar day `instant` falls on in `zone`.
    package init(instant: Date, in zone: TimeZone) {
        self = LocalDateTime(instant: instant, in: zone).date
    }

    /// The instant this day begins in `zone` (midnight, or the first minute after a gap at midnight).
    package func startInstant(in zone: TimeZone) -> Date {
        LocalDateTime(date: self, time: .midnight).instant(in: zone)
    }
}

extension LocalTime {
    /// 00:00.
    package static let midnight = LocalTime(hour: 0, minute: 0)!
}
