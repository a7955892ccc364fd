package import Foundation

/// The RFC 5322 §3.3 date-time, `Tue, 24 Nov 2026 09:00:00 +0000`, computed without a `Calendar` or locale.
package enum RFC5322Date {
    static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// The date as seen in `timeZone`, with that zone's numeric offset at that instant (never a zone name).
    package static func format(_ date: Date, in timeZone: TimeZone) -> String {
        // RFC 5322 zones are whole minutes; historical offsets with seconds are rounded down to the minute.
        let offset = timeZone.secondsFromGMT(for: date) / 60 * 60
        let wall = ClockReading(instant: date, offsetSeconds: offset)
        let weekday = wall.date.weekday.name.prefix(3)
        let sign = offset < 0 ? "-" : "+"
        let minutes = abs(offset) / 60
        return "\(weekday), \(wall.date.day) \(monthNames[wall.date.month - 1]) \(pad(wall.date.year, 4)) "
            + "\(pad(wall.hour, 2)):\(pad(wall.minute, 2)):\(pad(wall.second, 2)) "
            + "\(sign)\(pad(minutes / 60, 2))\(pad(minutes % 60, 2))"
    }

    static func pad(_ value: Int, _ width: Int) -> String {
        ClockReading.pad(value, width)
    }
}
