package import Foundation

extension Date {
    /// ISO 8601 with the UTC offset `zone` has at this instant: `2026-10-15T09:00:00+01:00`.
    ///
    /// The offset is the one in force at the instant, not the zone's standard one, so a reader sees the same wall
    /// time the group sees. UTC itself prints as `+00:00`, never `Z`, to keep every value the same shape.
    package func iso8601(in zone: TimeZone) -> String {
        let wholeSeconds = Int(timeIntervalSince1970.rounded(.down))
        let offset = zone.secondsFromGMT(for: self)
        let local = LocalDateTime(instant: self, in: zone)
        let second = (wholeSeconds + offset) - local.wallSeconds
        return "\(local.date)T\(local.time):\(Self.twoDigits(second))\(Self.offsetText(offset))"
    }

    /// `+01:00`, `-05:00`, `+10:30`.
    static func offsetText(_ seconds: Int) -> String {
        let sign = seconds < 0 ? "-" : "+"
        let minutes = abs(seconds) / 60
        return "\(sign)\(twoDigits(minutes / 60)):\(twoDigits(minutes % 60))"
    }

    static func twoDigits(_ value: Int) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }
}
