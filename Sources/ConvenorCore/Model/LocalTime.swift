/// A wall-clock time of day with no zone (`14:00`).
package struct LocalTime: Hashable, Comparable, Sendable, CustomStringConvertible {
    package let hour: Int
    package let minute: Int

    package init?(hour: Int, minute: Int) {
        guard (0...23).contains(hour), (0...59).contains(minute) else { return nil }
        self.hour = hour
        self.minute = minute
    }

    /// Parses `H:MM` or `HH:MM` (24-hour clock).
    package init?(text: some StringProtocol) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, (1...2).contains(parts[0].count), parts[1].count == 2,
            parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let hour = Int(parts[0]), let minute = Int(parts[1])
        else { return nil }
        self.init(hour: hour, minute: minute)
    }

    package var minutesSinceMidnight: Int { hour * 60 + minute }

    package var description: String {
        (hour < 10 ? "0" : "") + "\(hour):" + (minute < 10 ? "0" : "") + "\(minute)"
    }

    package static func < (lhs: LocalTime, rhs: LocalTime) -> Bool {
        lhs.minutesSinceMidnight < rhs.minutesSinceMidnight
    }
}

/// A wall-clock date and time in some group's zone (`2026-11-12 14:00`). Turning it into an instant is the
/// schedule's job, because that is where daylight-saving gaps and overlaps are resolved.
package struct LocalDateTime: Hashable, Comparable, Sendable, CustomStringConvertible {
    package var date: LocalDate
    package var time: LocalTime

    package init(date: LocalDate, time: LocalTime) {
        self.date = date
        self.time = time
    }

    /// Parses `YYYY-MM-DD HH:MM` (a `T` instead of the space is accepted too).
    package init?(text: some StringProtocol) {
        let separators: Set<Character> = [" ", "T"]
        guard let index = text.firstIndex(where: { separators.contains($0) }),
            let date = LocalDate(iso: text[..<index]),
            let time = LocalTime(text: text[text.index(after: index)...].drop(while: { $0 == " " }))
        else { return nil }
        self.init(date: date, time: time)
    }

    package var description: String { "\(date) \(time)" }

    package static func < (lhs: LocalDateTime, rhs: LocalDateTime) -> Bool {
        (lhs.date, lhs.time) < (rhs.date, rhs.time)
    }
}

/// A day of the week; raw values are the spellings `working_days:` uses.
package enum Weekday: String, CaseIterable, Hashable, Sendable, Codable {
    case monday = "mon"
    case tuesday = "tue"
    case wednesday = "wed"
    case thursday = "thu"
    case friday = "fri"
    case saturday = "sat"
    case sunday = "sun"

    /// The full English name, as chairs write it in a `propose:` rule and as mails print it.
    package var name: String {
        switch self {
        case .monday: "Monday"
        case .tuesday: "Tuesday"
        case .wednesday: "Wednesday"
        case .thursday: "Thursday"
        case .friday: "Friday"
        case .saturday: "Saturday"
        case .sunday: "Sunday"
        }
    }
}
