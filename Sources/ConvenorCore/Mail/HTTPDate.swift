package import Foundation

/// The HTTP `Date` header's IMF-fixdate (RFC 9110 §5.6.7), `Sun, 06 Nov 1994 08:49:37 GMT`: RFC 5322's date-time
/// in UTC with a two-digit day and the literal zone `GMT`.
package enum HTTPDate {
    package static func format(_ date: Date) -> String {
        let wall = ClockReading(instant: date, offsetSeconds: 0)
        let pad = ClockReading.pad
        return "\(wall.date.weekday.name.prefix(3)), \(pad(wall.date.day, 2)) "
            + "\(RFC5322Date.monthNames[wall.date.month - 1]) \(pad(wall.date.year, 4)) "
            + "\(pad(wall.hour, 2)):\(pad(wall.minute, 2)):\(pad(wall.second, 2)) GMT"
    }
}
