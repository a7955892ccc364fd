// Candidate dates from a rule such as "second Wednesday 14:00": one per month of a window.

extension ProposeRule {
    /// The day this rule picks in the month that `monthStart` begins (its day is ignored).
    package func date(inMonthOf monthStart: LocalDate) -> LocalDate {
        let first = LocalDate(year: monthStart.year, month: monthStart.month, day: 1)!
        let length = LocalDate.daysIn(month: first.month, year: first.year)
        let target = Weekday.allCases.firstIndex(of: weekday)!
        switch ordinal {
        case .last:
            let last = first.adding(days: length - 1)
            let back = (Weekday.allCases.firstIndex(of: last.weekday)! - target + 7) % 7
            return last.adding(days: -back)
        case .first, .second, .third, .fourth:
            let forward = (target - Weekday.allCases.firstIndex(of: first.weekday)! + 7) % 7
            // The fourth occurrence is at most day 28, so it always exists.
            return first.adding(days: forward + 7 * (ordinal.rawValue - 1))
        }
    }

    /// The rule's wall times in every month of `window`, in order.
    package func candidates(in window: WindowOccurrence) -> [LocalDateTime] {
        window.monthStarts.map { LocalDateTime(date: date(inMonthOf: $0), time: time) }
    }
}
