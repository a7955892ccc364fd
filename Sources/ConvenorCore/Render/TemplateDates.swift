package import Foundation

/// Dates and times as mails print them, in English, whatever the server's locale.
///
/// Nothing here reads `Locale` or `TimeZone.current`: wall time comes from the instant and the group's zone
/// (`LocalDateTime(instant:in:)`, built on `secondsFromGMT(for:)`), and names from `Weekday` and `MonthWindow`, so
/// `preview` on a laptop in Paris prints what the daemon in Leeds sends.
package enum TemplateDates {
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

    /// The same, but "01:30 EDT–01:30 EST" when the clocks change during the meeting: the end is said in the zone
    /// time it will really show, never "01:30–01:30 EDT".
    package static func range(from start: LocalTime, to end: LocalTime, zones: (start: String, end: String)) -> String {
        zones.start == zones.end ? range(from: start, to: end) : "\(start) \(zones.start)–\(end) \(zones.end)"
    }

    /// "14:00–15:30 GMT"; a range that already names its zones (a clock change mid-meeting) is left as it is.
    package static func withZone(_ time: String, _ zone: String) -> String {
        time.hasSuffix(" " + zone) || time.contains(" \(zone)–") ? time : "\(time) \(zone)"
    }

    /// "2026-11-12 14:00 UTC": the start for readers in other zones.
    package static func utc(_ instant: Date) -> String {
        "\(LocalDateTime(instant: instant, in: utcZone)) UTC"
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
