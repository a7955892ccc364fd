// The working-day rules mailings follow. A due day that is a weekend or inside a closure moves to the previous
// working day, so a mailing never goes out later than promised; minutes go out on the first working day after the
// meeting. Searches are bounded so a config with no working days at all yields no mailing instead of a hang.

extension Installation {
    /// Longest run of days searched for a working day: a year and a bit covers any sane closure.
    static let workingDaySearchLimit = 400

    /// `date` itself when mail may go out that day, else the nearest earlier working day; nil when none is found.
    package func previousWorkingDay(onOrBefore date: LocalDate) -> LocalDate? {
        var day = date
        for _ in 0..<Self.workingDaySearchLimit {
            if isWorkingDay(day) { return day }
            day = day.adding(days: -1)
        }
        return nil
    }

    /// `date` itself when mail may go out that day, else the nearest later working day; nil when none is found.
    package func nextWorkingDay(onOrAfter date: LocalDate) -> LocalDate? {
        var day = date
        for _ in 0..<Self.workingDaySearchLimit {
            if isWorkingDay(day) { return day }
            day = day.adding(days: 1)
        }
        return nil
    }
}
