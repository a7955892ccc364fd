package import Foundation

/// The wall-clock reading of an instant at a fixed UTC offset, by plain arithmetic on seconds since 1970.
///
/// The core needs no `Calendar` for this, so Date headers and iCalendar times cannot depend on the server's locale.
package struct ClockReading: Hashable, Sendable {
    /// The calendar day at that offset.
    package var date: LocalDate
    /// 0–23.
    package var hour: Int
    /// 0–59.
    package var minute: Int
    /// 0–59 (leap seconds do not exist in `Date`).
    package var second: Int

    /// Whole seconds are used; a fractional instant is truncated towards the past.
    package init(instant: Date, offsetSeconds: Int) {
        let seconds = Int(instant.timeIntervalSince1970.rounded(.down)) + offsetSeconds
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        date = LocalDate(daysSinceEpoch: days)
        hour = secondOfDay / 3600
        minute = secondOfDay % 3600 / 60
        second = secondOfDay % 60
    }

    /// Zero-padded decimal digits: `pad(7, 2)` is `07`.
    package static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
