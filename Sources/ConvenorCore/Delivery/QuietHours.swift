package import Foundation

/// `quiet_hours: 20:00-07:00`: the part of each day (in a group's zone) when late mail does not go out.
///
/// Mail on time goes at `send_time` on a working day, never in quiet hours (the parser refuses a `send_time` inside
/// them). Mail that is late (the daemon was down, a first start caught up, a retry, a notice of a change made in
/// the evening) would otherwise go whenever the pass runs: at 22:29, on a Sunday. `LateMailRule` holds it back.
package struct QuietHours: Hashable, Sendable, CustomStringConvertible {
    /// First quiet minute.
    package var start: LocalTime
    /// First working minute after them; before `start` when the quiet hours run over midnight.
    package var end: LocalTime

    package init(start: LocalTime, end: LocalTime) {
        self.start = start
        self.end = end
    }

    /// 20:00 to 07:00.
    package static let `default` = QuietHours(
        start: LocalTime(hour: 20, minute: 0)!,
        end: LocalTime(hour: 7, minute: 0)!
    )

    /// True for a wall time inside the quiet hours (`start` included, `end` not).
    package func contains(_ time: LocalTime) -> Bool {
        start <= end ? (start <= time && time < end) : (time >= start || time < end)
    }

    /// `20:00-07:00`, as written in convenor.yaml.
    package var description: String { "\(start)-\(end)" }
}

/// When due mail actually goes: now, unless it is late and now is outside working hours in its group's zone
/// (quiet hours, or a day that is not a working day); then at the next `send_time` on a working day, unless it
/// would be stale by then: then now, because late mail that is still useful beats no mail.
package struct LateMailRule: Hashable, Sendable {
    package var quietHours: QuietHours
    package var installation: Installation

    package init(installation: Installation) {
        self.quietHours = installation.quietHours
        self.installation = installation
    }

    /// The instant `mailing` should go, given that it is due (`mailing.due <= now`): `now`, or later.
    package func sendInstant(for mailing: Mailing, now: Date) -> Date {
        // A `send_time` inside the default quiet hours (`06:00`) would hold even on-time mail: no quiet hours then.
        guard !quietHours.contains(installation.sendTime) else { return now }
        let zone = mailing.timeZone
        let wall = LocalDateTime(instant: now, in: zone)
        guard quietHours.contains(wall.time) || !installation.isWorkingDay(wall.date) else { return now }
        guard let next = nextSendInstant(after: now, in: zone), next < mailing.validUntil else { return now }
        return next
    }

    /// The first `send_time` strictly after `now` on a working day, in `zone` (wall time, so a clock change
    /// between now and then is followed).
    func nextSendInstant(after now: Date, in zone: TimeZone) -> Date? {
        var day = LocalDate(instant: now, in: zone)
        for _ in 0..<370 {
            guard let working = installation.nextWorkingDay(onOrAfter: day) else {
                return nil
            }
            let instant = LocalDateTime(date: working, time: installation.sendTime).instant(in: zone)
            if instant > now { return instant }
            day = working.adding(days: 1)
        }
        return nil
    }
}
