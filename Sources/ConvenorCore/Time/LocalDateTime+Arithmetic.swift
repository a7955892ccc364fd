// Calendar arithmetic on wall times. Months and days move the date and keep the clock reading, so "7 days before
// 14:00 on the Sunday the clocks change" is still 14:00; minutes move the clock reading itself.

extension LocalDateTime {
    /// This wall time moved by whole minutes of wall clock (not of elapsed time).
    package func adding(minutes: Int) -> LocalDateTime {
        let total = wallSeconds / 60 + minutes
        let days = Int((Double(total) / 1_440).rounded(.down))
        let minuteOfDay = total - days * 1_440
        // `minuteOfDay` is 0..<1440 by construction, so the time always exists.
        return LocalDateTime(
            date: LocalDate(daysSinceEpoch: days),
            time: LocalTime(hour: minuteOfDay / 60, minute: minuteOfDay % 60)!
        )
    }

    /// This wall time `span` earlier: months first, then days, then minutes, as a person counts back.
    package func subtracting(_ span: CalendarSpan) -> LocalDateTime {
        LocalDateTime(date: date.adding(months: -span.months).adding(days: -span.days), time: time)
            .adding(minutes: -span.minutes)
    }

    /// This wall time `span` later: months first, then days, then minutes.
    package func adding(_ span: CalendarSpan) -> LocalDateTime {
        LocalDateTime(date: date.adding(months: span.months).adding(days: span.days), time: time)
            .adding(minutes: span.minutes)
    }
}
