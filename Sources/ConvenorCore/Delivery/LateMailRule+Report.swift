package import Foundation

extension LateMailRule {
    /// Why mail due at `now` waits, in the group's zone: `Saturday is not a working day`, `2026-12-24 is a
    /// closure`, or `21:30 is inside quiet_hours 20:00-07:00`.
    package func reason(now: Date, zone: TimeZone) -> String {
        let wall = LocalDateTime(instant: now, in: zone)
        if !installation.workingDays.contains(wall.date.weekday) {
            return "\(wall.date.weekday.name) is not a working day"
        }
        if installation.closures.contains(where: { $0.contains(wall.date) }) { return "\(wall.date) is a closure" }
        return "\(wall.time) is inside quiet_hours \(quietHours)"
    }

    /// What `preview` and `schedule` say of a mailing the planner holds (`plan.waiting`): when it will really go,
    /// and why not now, e.g. `goes Thu 2026-12-03 09:00 GMT, the next send_time on a working day (21:30 is inside
    /// quiet_hours 20:00-07:00)`.
    package func note(for wait: PlannedWait, now: Date) -> String {
        let zone = wait.mailing.timeZone
        return "goes \(ScheduleReport.localText(wait.until, in: zone)), the next send_time on a working day "
            + "(\(reason(now: now, zone: zone)))"
    }

    /// `note(for:now:)` for every held mailing, by key.
    package func notes(for waiting: [PlannedWait], now: Date) -> [MailingKey: String] {
        Dictionary(waiting.map { ($0.mailing.key, note(for: $0, now: now)) }) { first, _ in first }
    }
}
