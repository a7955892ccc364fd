/// A yearly meeting window as chairs write it: `Feb`, `Oct-Nov`, `Dec-Jan` (crossing the year end).
///
/// A window holds one meeting a year; its first month names the occurrence (`2026-10` for Oct-Nov 2026).
package struct MonthWindow: Hashable, Sendable, CustomStringConvertible {
    /// 1...12
    package var firstMonth: Int
    /// 1...12; smaller than `firstMonth` when the window crosses the year end.
    package var lastMonth: Int

    package init(firstMonth: Int, lastMonth: Int) {
        precondition((1...12).contains(firstMonth) && (1...12).contains(lastMonth))
        self.firstMonth = firstMonth
        self.lastMonth = lastMonth
    }

    package var crossesYearEnd: Bool { lastMonth < firstMonth }

    /// Number of months covered (1...12).
    package var monthCount: Int { (lastMonth - firstMonth + 12) % 12 + 1 }

    package static let monthAbbreviations = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ]
    package static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December",
    ]

    /// The config spelling, e.g. `Oct-Nov`.
    package var description: String {
        let first = MonthWindow.monthAbbreviations[firstMonth - 1]
        return firstMonth == lastMonth ? first : "\(first)-\(MonthWindow.monthAbbreviations[lastMonth - 1])"
    }
}

/// A rule that proposes candidate dates inside a window: "second Wednesday 14:00".
package struct ProposeRule: Hashable, Sendable, CustomStringConvertible {
    /// Which occurrence of the weekday in a month.
    package enum Ordinal: Int, CaseIterable, Hashable, Sendable {
        case first = 1
        case second = 2
        case third = 3
        case fourth = 4
        case last = -1

        package var word: String {
            switch self {
            case .first: "first"
            case .second: "second"
            case .third: "third"
            case .fourth: "fourth"
            case .last: "last"
            }
        }
    }

    package var ordinal: Ordinal
    package var weekday: Weekday
    package var time: LocalTime

    package init(ordinal: Ordinal, weekday: Weekday, time: LocalTime) {
        self.ordinal = ordinal
        self.weekday = weekday
        self.time = time
    }

    package var description: String { "\(ordinal.word) \(weekday.name) \(time)" }
}
