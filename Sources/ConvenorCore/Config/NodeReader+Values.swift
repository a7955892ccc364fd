import Foundation
import Yams

extension NodeReader {
    /// Reports a failed value read at the node; returns the value otherwise.
    func check<Value>(_ node: Node, _ result: Result<Value, ValueProblem>) -> Value? {
        switch result {
        case .success(let value): return value
        case .failure(let problem):
            error(node, problem.problem, fix: problem.fix)
            return nil
        }
    }

    /// `YYYY-MM-DD`. Unquoted dates arrive as timestamp scalars; their text is what the chair wrote.
    func date(_ node: Node, key: String) -> LocalDate? {
        guard let value = text(node, key: key) else { return nil }
        return check(node, Self.parseDate(value))
    }

    static func parseDate(_ value: String) -> Result<LocalDate, ValueProblem> {
        if let date = LocalDate(iso: value) {
            guard SupportedDates.contains(date) else {
                return .failure(
                    ValueProblem(
                        "\(value) is outside the years convenor supports",
                        fix: "write a date \(SupportedDates.rangeText), as YYYY-MM-DD"
                    )
                )
            }
            return .success(date)
        }
        let parts = value.split(separator: "-").compactMap { Int($0) }
        if parts.count == 3, value.count == 10, (1...12).contains(parts[1]) {
            let month = MonthWindow.monthNames[parts[1] - 1]
            let days = LocalDate.daysIn(month: parts[1], year: parts[0])
            return .failure(
                ValueProblem(
                    "\(value) is not a day: \(month) \(parts[0]) has \(days) days",
                    fix: "write a day that exists, as YYYY-MM-DD"
                )
            )
        }
        if parts.count == 3, value.count == 10 {
            return .failure(
                ValueProblem(
                    "\(value) is not a day: there is no month \(parts[1])",
                    fix: "write the date as YYYY-MM-DD, year first, e.g. 2026-11-12"
                )
            )
        }
        if let meant = DateWords.date(value) {
            return .failure(
                ValueProblem(
                    "`\(value)` is not written as a date convenor reads",
                    fix: "write it as YYYY-MM-DD: `\(meant)`",
                    rewritten: meant.description
                )
            )
        }
        return .failure(ValueProblem("`\(value)` is not a date", fix: "write it as YYYY-MM-DD, e.g. 2026-11-12"))
    }

    /// `2026-11-12 14:00`, local time in the group's zone.
    func dateTime(_ node: Node, key: String) -> LocalDateTime? {
        guard let value = text(node, key: key) else { return nil }
        if let dateTime = LocalDateTime(text: value) {
            guard SupportedDates.contains(dateTime.date) else {
                error(
                    node,
                    "\(value) is outside the years convenor supports",
                    fix: "write a date and time \(SupportedDates.rangeText), e.g. `2026-11-12 14:00`"
                )
                return nil
            }
            return dateTime
        }
        let pieces = value.split(whereSeparator: { $0 == " " || $0 == "T" })
        if pieces.count == 2, case .failure(let problem) = Self.parseDate(String(pieces[0])) {
            error(node, problem.problem, fix: problem.fix)
        } else if pieces.count == 2 {
            error(
                node,
                "`\(pieces[1])` is not a time of day",
                fix: "write the time as HH:MM on the 24-hour clock, e.g. `2026-11-12 14:00`"
            )
        } else if let (date, time) = Self.dateTimeInWords(value.split(separator: " ")) {
            error(
                node,
                "`\(value)` is not written as a date and time convenor reads",
                fix: "write `\(key): \(date) \(time)`"
            )
        } else if pieces.count == 1, LocalDate(iso: value) != nil {
            error(node, "`\(key)` needs a time as well as a date", fix: "write e.g. `\(key): \(value) 14:00`")
        } else {
            error(
                node,
                "`\(value)` is not a date and time",
                fix: "write it as YYYY-MM-DD HH:MM, e.g. `2026-11-12 14:00`"
            )
        }
        return nil
    }

    /// `9th June 2027 14:00` (or the time first) as the date and time meant.
    static func dateTimeInWords(_ pieces: [Substring]) -> (LocalDate, LocalTime)? {
        guard pieces.count >= 3 else { return nil }
        if let time = LocalTime(text: pieces[pieces.count - 1]),
            let date = DateWords.date(pieces.dropLast().joined(separator: " "))
        {
            return (date, time)
        }
        if let time = LocalTime(text: pieces[0]), let date = DateWords.date(pieces.dropFirst().joined(separator: " ")) {
            return (date, time)
        }
        return nil
    }

    /// `HH:MM` on the 24-hour clock.
    func time(_ node: Node, key: String) -> LocalTime? {
        guard let value = text(node, key: key) else { return nil }
        if let time = LocalTime(text: value) { return time }
        error(
            node,
            "`\(value)` is not a time of day",
            fix: "write it as HH:MM on the 24-hour clock, e.g. `\(key): \"09:00\"`"
        )
        return nil
    }

    /// A bare email address.
    func email(_ node: Node, key: String) -> String? {
        guard let value = text(node, key: key) else { return nil }
        if let problem = MailAddress.validate(value) {
            error(node, problem.problem, fix: problem.fix)
            return nil
        }
        return value
    }

    /// An IANA zone such as `Europe/London`; case is forgiven, a misspelling gets the nearest name.
    func timeZone(_ node: Node, key: String) -> TimeZone? {
        guard let value = text(node, key: key) else { return nil }
        if let zone = ZoneNames.zone(named: value) { return zone }
        let hint = Suggestion.closest(to: value, in: ZoneNames.all).map { "did you mean `\($0)`? " } ?? ""
        error(
            node,
            "unknown time zone `\(value)`",
            fix: "\(hint)write a zone name such as Europe/London or America/New_York"
        )
        return nil
    }

    /// A path resolved against this file's directory.
    func path(_ node: Node, key: String) -> String? {
        text(node, key: key).map { ConfigPath.resolve($0, against: directory) }
    }

    /// A `mailings:` block: each kind's timing. Only the kinds present are returned.
    func mailings(_ node: Node) -> [MailingKind: MailingTiming] {
        let timed = MailingKind.allCases.filter { DurationText.form(for: $0) != nil }.map(\.rawValue)
        let schema = MappingSchema(
            what: "`mailings`",
            example: "mailings: {reminder: 1 day before}",
            keys: timed,
            redirected: [
                "call-for-members": "the call for members is set by the group's `call_for_members:` block",
                "minutes": "minutes go out once the minutes file named in the meeting exists; nothing to time here",
                "rescheduled": "a rescheduled notice goes out when a meeting's date changes; nothing to time here",
                "cancelled": "a cancellation goes out when a meeting gets `cancelled: true`; nothing to time here",
            ]
        )
        guard let mapping = mapping(node, schema) else { return [:] }
        var result: [MailingKind: MailingTiming] = [:]
        for entry in mapping.entries {
            guard let kind = MailingKind(rawValue: entry.key), let value = text(entry.value, key: entry.key) else {
                continue
            }
            if let timing = check(entry.value, DurationText.timing(value, for: kind)) { result[kind] = timing }
        }
        return result
    }
}

/// The zone names the system knows, looked up once.
enum ZoneNames {
    static let all: [String] = TimeZone.knownTimeZoneIdentifiers
    private static let lowercased: [String: String] = Dictionary(
        all.map { ($0.lowercased(), $0) },
        uniquingKeysWith: { first, _ in first }
    )

    static func zone(named name: String) -> TimeZone? {
        if name == "UTC" || name == "GMT" { return TimeZone(identifier: name) }
        guard let canonical = lowercased[name.lowercased()] else { return nil }
        return TimeZone(identifier: canonical)
    }
}
