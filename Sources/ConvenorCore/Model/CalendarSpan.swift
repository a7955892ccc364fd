/// A length of time as chairs write it: "90 minutes", "1 hour 30 minutes", "28 days", "8 weeks", "12 months".
///
/// Months and days are calendar units, not fixed seconds: "12 months after 2025-09-01" is 2026-09-01, and "1 day
/// before" a meeting keeps its wall time across a clock change. So the three parts stay apart.
package struct CalendarSpan: Hashable, Sendable, CustomStringConvertible {
    package var months: Int
    package var days: Int
    package var minutes: Int

    package init(months: Int = 0, days: Int = 0, minutes: Int = 0) {
        self.months = months
        self.days = days
        self.minutes = minutes
    }

    package var isZero: Bool { months == 0 && days == 0 && minutes == 0 }

    /// Reads back in the words chairs use, largest unit first ("1 hour 30 minutes").
    package var description: String {
        var parts: [String] = []
        func add(_ value: Int, _ unit: String) {
            guard value != 0 else { return }
            parts.append("\(value) \(unit)\(value == 1 ? "" : "s")")
        }
        add(months / 12, "year")
        add(months % 12, "month")
        if days % 7 == 0 && days != 0 { add(days / 7, "week") } else { add(days, "day") }
        add(minutes / 60, "hour")
        add(minutes % 60, "minute")
        return parts.isEmpty ? "0 minutes" : parts.joined(separator: " ")
    }
}
