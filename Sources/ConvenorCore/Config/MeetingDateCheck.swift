package import Foundation

/// Warnings about confirmed meetings whose date is probably a slip: a past year, or outside every window.
///
/// Neither stops convenor (a past meeting may be kept for the record, an extra meeting is allowed), so they are
/// warnings that name the window the date falls in, or the nearest one, for the chair to compare.
package enum MeetingDateCheck {
    /// Meetings dated in a year before the current one in their group's zone. Pure: `today` is asked per zone.
    package static func warnings(for config: Config, today: (TimeZone) -> LocalDate) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for group in config.groups {
            let now = today(group.timeZone)
            let windows = group.cadence?.windows ?? []
            for meeting in group.meetings where meeting.start.date.year < now.year && !meeting.cancelled {
                let date = meeting.start.date
                let place =
                    nearest(to: date, in: windows).map { occurrence in
                        occurrence.contains(date) ? " (it falls in the \(name(occurrence)) window)" : ""
                    } ?? ""
                var fix = "if it is a past meeting kept for the record, nothing to do"
                if let meant = comingDate(like: date, today: now) {
                    fix = "if you meant \(meant.year), write `start: \(meant) \(meeting.start.time)`; " + fix
                }
                diagnostics.append(
                    .warning(
                        at: meeting.location,
                        "the meeting on \(date) is dated \(date.year), a year that has passed\(place), "
                            + "so nothing will be sent for it",
                        fix: fix
                    )
                )
            }
        }
        return diagnostics
    }

    /// The window occurrence holding `date`, or else the one closest to it (before or after).
    package static func nearest(to date: LocalDate, in windows: [MonthWindow]) -> WindowOccurrence? {
        var best: (occurrence: WindowOccurrence, distance: Int)?
        for window in windows {
            for year in (date.year - 1)...(date.year + 1) {
                let occurrence = window.occurrence(in: year)
                let distance =
                    occurrence.contains(date)
                    ? 0 : min(abs(date.days(until: occurrence.firstDay)), abs(occurrence.lastDay.days(until: date)))
                if distance < (best?.distance ?? Int.max) { best = (occurrence, distance) }
            }
        }
        return best?.occurrence
    }

    /// `Jun 2027`, `Oct-Nov 2026`, `Dec-Jan 2026/27`.
    package static func name(_ occurrence: WindowOccurrence) -> String {
        let first = occurrence.firstDay.year
        let last = occurrence.lastDay.year
        let years = first == last ? "\(first)" : "\(first)/\(String(last).suffix(2))"
        return "\(occurrence.window) \(years)"
    }

    /// The same day and month in the current year, or the next when that day has passed; nil for 29 February.
    private static func comingDate(like date: LocalDate, today: LocalDate) -> LocalDate? {
        guard let thisYear = LocalDate(year: today.year, month: date.month, day: date.day) else { return nil }
        return thisYear >= today ? thisYear : LocalDate(year: today.year + 1, month: date.month, day: date.day)
    }
}
