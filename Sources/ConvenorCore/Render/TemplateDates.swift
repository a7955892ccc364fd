package import Foundation

/// Dates and times as mails print them, in English, whatever the server's locale.
///
/// Nothing here reads `Locale` or `TimeZone.current`: wall time comes from the instant and the group's zone through
/// `secondsFromGMT(for:)`, and names from `Weekday` and `MonthWindow`, so `preview` on a laptop in Paris prints what
/// the daemon in Leeds sends.
package enum TemplateDates {
    /// The wall-clock date and time of `instant` in `zone`.
    package static func wallTime(of instant: Date, in zone: TimeZone) -> LocalDateTime {
        let local = Int(instant.timeIntervalSince1970.rounded(.down)) + zone.secondsFromGMT(for: instant)
        let days = Int((Double(local) / 86_400).rounded(.down))
        let secondOfDay = local - days * 86_400
        // Both values are in range by construction, so the failable initialiser cannot fail.
        let time =
            LocalTime(hour: secondOfDay / 3600, minute: secondOfDay % 3600 / 60) ?? LocalTime(hour: 0, minute: 0)!
        return LocalDateTime(date: LocalDate(daysSinceEpoch: days), time: time)
    }

    /// The instant a wall time names in `zone`; in a spring-forward gap, the instant after the gap.
    ///
    /// Used for candidate dates, which come as wall times; meetings already carry their instants.
    package static func instant(of wallTime: LocalDateTime, in zone: TimeZone) -> Date {
        let asUTC = Double(wallTime.date.daysSinceEpoch * 86_400 + wallTime.time.minutesSinceMidnight * 60)
        // Two passes settle the offset on either side of a change.
        let firstGuess = Date(
            timeIntervalSince1970: asUTC - Double(zone.secondsFromGMT(for: Date(timeIntervalSince1970: asUTC)))
        )
        let offset = zone.secondsFromGMT(for: firstGuess)
        return Date(timeIntervalSince1970: asUTC - Double(offset))
    }

    /// "Thursday 12 November 2026".
    package static func long(_ date: LocalDate) -> String {
        "\(date.weekday.name) \(dayMonthYear(date))"
    }

    /// "12 November 2026".
    package static func dayMonthYear(_ date: LocalDate) -> String {
        "\(date.day) \(MonthWindow.monthNames[date.month - 1]) \(date.year)"
    }

    /// "November 2026".
    package static func monthYear(_ date: LocalDate) -> String {
        "\(MonthWindow.monthNames[date.month - 1]) \(date.year)"
    }

    /// "14:00–15:30", with an en dash as in print.
    package static func range(from start: LocalTime, to end: LocalTime) -> String {
        "\(start)–\(end)"
    }

    /// "2026-11-12 14:00 UTC": the start for readers in other zones.
    package static func utc(_ instant: Date) -> String {
        "\(wallTime(of: instant, in: utcZone)) UTC"
    }

    /// A window in one year in words: "October–November 2026", "February 2027",
    /// "December 2026–January 2027" when it crosses the year end.
    package static func window(_ occurrence: WindowOccurrence) -> String {
        let first = occurrence.firstDay
        let last = occurrence.lastDay
        let firstMonth = MonthWindow.monthNames[first.month - 1]
        if first.year != last.year {
            return "\(firstMonth) \(first.year)–\(monthYear(last))"
        }
        if first.month == last.month {
            return monthYear(first)
        }
        return "\(firstMonth)–\(monthYear(last))"
    }

    /// Joins names as people write them: "A", "A and B", "A, B and C" (no serial comma, as in British usage).
    package static func joinedWithAnd(_ items: [String]) -> String {
        switch items.count {
        case 0: ""
        case 1: items[0]
        default: items.dropLast().joined(separator: ", ") + " and " + items[items.count - 1]
        }
    }

    private static let utcZone = TimeZone(secondsFromGMT: 0)!
}
