// Windows recur every year. An occurrence is named by the year its first month falls in, so Dec-Jan 2026 runs from
// 2026-12-01 to 2027-01-31 and a meeting on 2027-01-14 belongs to it.

extension MonthWindow {
    /// The occurrence whose first month falls in `year`.
    package func occurrence(in year: Int) -> WindowOccurrence {
        // Callers bound their years to `SupportedDates`; a year LocalDate refuses anyway (beyond 1...9999) is
        // clamped rather than trapped on, so an outside value can never crash the daemon.
        let year = min(max(year, 1), 9998)
        let lastYear = crossesYearEnd ? year + 1 : year
        let firstDay = LocalDate(year: year, month: firstMonth, day: 1) ?? LocalDate.clampedFallback
        let lastDay =
            LocalDate(year: lastYear, month: lastMonth, day: LocalDate.daysIn(month: lastMonth, year: lastYear))
            ?? firstDay
        return WindowOccurrence(window: self, firstDay: firstDay, lastDay: lastDay)
    }

    /// The occurrence `date` falls in, or nil when the date is outside this window.
    package func occurrence(containing date: LocalDate) -> WindowOccurrence? {
        if crossesYearEnd {
            if date.month >= firstMonth { return occurrence(in: date.year) }
            if date.month <= lastMonth { return occurrence(in: date.year - 1) }
            return nil
        }
        return (firstMonth...lastMonth).contains(date.month) ? occurrence(in: date.year) : nil
    }
}

extension WindowOccurrence {
    /// The first day of each month the occurrence covers, in order.
    package var monthStarts: [LocalDate] {
        (0..<window.monthCount).map { firstDay.adding(months: $0) }
    }

    /// True for a day from the first day of the first month to the last day of the last month, inclusive.
    package func contains(_ date: LocalDate) -> Bool { firstDay <= date && date <= lastDay }
}
