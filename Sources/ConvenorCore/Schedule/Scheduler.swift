package import Foundation

/// Turns a configuration into dated mailings: the pure heart of convenor.
///
/// Everything is derived from the config and the set of minutes files that exist (the IO layer checks the files),
/// so the same inputs always give the same schedule. Which mailings were already sent is the ledger's business:
/// the scheduler says what is due when, the ledger decides what still has to go.
///
/// Due times are `send_time` local in the group's zone on a working day; occurrence keys are stable under edits
/// that do not change what a mailing is about (see `MeetingOccurrence` and the confirm-date and yearly kinds).
package struct Scheduler: Sendable {
    /// The validated configuration the schedule is derived from.
    package var config: Config
    /// Absolute paths of the minutes files that exist now.
    package var existingMinutes: Set<String>
    /// Minutes saved but marked a draft, by `MinutesDraft.key`, with where the draft is: no minutes mailing, and
    /// the minutes-chase says "draft found, not marked ready".
    package var draftMinutes: [String: String]

    /// How far ahead `nextDue(after:)` looks: yearly kinds recur within this.
    package static let lookAhead: TimeInterval = 3 * 366 * 86_400

    /// A scheduler for `config`; `existingMinutes` are the ready minutes files the caller found on disk, and
    /// `draftMinutes` the drafts (the chairs' web drafts in `config.draftMinutes` when nil).
    package init(config: Config, existingMinutes: Set<String> = [], draftMinutes: [String: String]? = nil) {
        self.config = config
        self.existingMinutes = existingMinutes
        self.draftMinutes = draftMinutes ?? config.draftMinutes
    }

    /// Every mailing of every group whose `due` is in `[start, end)`, sorted by due, then key.
    /// - Parameter validAfter: leave out mailings that stopped being valid at or before this instant.
    package func mailings(from start: Date, to end: Date, validAfter: Date? = nil) -> [Mailing] {
        // The year range depends on every group's lead, so work it out once, not once per group (which made
        // 10,000 groups take quadratic time: `make bench`'s growth row).
        let years = years(from: start, to: end)
        let wanted = Self.selection(from: start, to: end, validAfter: validAfter)
        return config.groups.map { group in
            allMailings(for: group, years: years, dueWithin: start...max(start, end), validAfter: validAfter)
                .filter(wanted)
        }.mergedInScheduleOrder
    }

    /// Due in `[start, end)` and, with `validAfter`, still valid after it.
    ///
    /// Applied to each group's mailings before they are gathered and ordered: the daemon's range reaches back three
    /// years, and leaving the long-stale mailings for later made gathering and ordering them a quarter of the
    /// planning (issue 16).
    private static func selection(from start: Date, to end: Date, validAfter: Date?) -> (Mailing) -> Bool {
        guard let validAfter else { return { start <= $0.due && $0.due < end } }
        return { start <= $0.due && $0.due < end && validAfter < $0.validUntil }
    }

    /// The mailings of one group whose `due` is in `[start, end)`, sorted by due, then key.
    package func mailings(for group: Group, from start: Date, to end: Date) -> [Mailing] {
        allMailings(for: group, years: years(from: start, to: end), dueWithin: start...max(start, end))
            .filter { start <= $0.due && $0.due < end }
            .inScheduleOrder
    }

    /// Mailings already due at `now` and not yet stale (`due <= now < validUntil`): what a daemon coming back up
    /// still has to consider, oldest first.
    package func mailings(outstandingAt now: Date) -> [Mailing] {
        let years = years(from: now.addingTimeInterval(-Self.lookAhead), to: now)
        return config.groups.map { group in
            allMailings(for: group, years: years, dueWithin: now...now).filter { $0.due <= now && now < $0.validUntil }
        }.mergedInScheduleOrder
    }

    /// The earliest due time strictly after `instant` across all groups: when the daemon should wake next.
    package func nextDue(after instant: Date) -> Date? {
        mailings(from: instant, to: instant, nextDueAfter: instant).nextDue
    }

    /// The mailings due in `[start, end)` in schedule order, and the earliest due time strictly after `instant`
    /// (within `lookAhead`): the daemon's pass needs both, and building every group's mailings once for the two
    /// (without sorting three years to take the first) halved the pass's planning (issue 16).
    ///
    /// The next due time is looked for within `nearHorizon` first, which only window occurrences near the range
    /// can reach; the whole `lookAhead` is searched only when nothing is due that soon.
    /// - Parameter validAfter: leave out mailings that stopped being valid at or before this instant (the next due
    ///   time is looked for among all of them).
    package func mailings(
        from start: Date,
        to end: Date,
        nextDueAfter instant: Date,
        validAfter: Date? = nil
    ) -> (mailings: [Mailing], nextDue: Date?) {
        let near = plan(
            from: start,
            to: end,
            validAfter: validAfter,
            collecting: true,
            nextDueAfter: instant,
            horizon: instant.addingTimeInterval(Self.nearHorizon)
        )
        if near.nextDue != nil { return near }
        let far = plan(
            from: start,
            to: end,
            validAfter: validAfter,
            collecting: false,
            nextDueAfter: instant,
            horizon: instant.addingTimeInterval(Self.lookAhead)
        )
        return (near.mailings, far.nextDue)
    }

    /// How far ahead the pass first looks for its next wake-up: with dozens of groups something is nearly always
    /// due within weeks.
    static let nearHorizon: TimeInterval = 45 * 86_400

    /// The mailings due in `[start, end)` and valid after `validAfter`, in schedule order (none unless
    /// `collecting`), and the earliest due time in `(instant, horizon)`.
    ///
    /// `validAfter` must come before `instant` (the daemon's lookback does): a mailing stale by then cannot be due
    /// after `instant`, so leaving such mailings out does not move the next due time.
    private func plan(
        from start: Date,
        to end: Date,
        validAfter: Date?,
        collecting: Bool,
        nextDueAfter instant: Date,
        horizon: Date
    ) -> (mailings: [Mailing], nextDue: Date?) {
        let wanted = collecting ? Self.selection(from: start, to: end, validAfter: validAfter) : { _ in false }
        let validAfter = validAfter.flatMap { $0 < instant ? $0 : nil }
        let lower = min(start, instant)
        let upper = max(end, horizon, lower)
        let years = years(from: lower, to: upper)
        var inRange: [[Mailing]] = []
        inRange.reserveCapacity(config.groups.count)
        var next: Date?
        for group in config.groups {
            let mailings = allMailings(for: group, years: years, dueWithin: lower...upper, validAfter: validAfter)
            for mailing in mailings
            where instant < mailing.due && mailing.due < horizon && next.map({ mailing.due < $0 }) ?? true {
                next = mailing.due
            }
            inRange.append(mailings.filter(wanted))
        }
        return (inRange.mergedInScheduleOrder, next)
    }

    /// Due first; equal due times in key order, so output is deterministic.
    static func scheduleOrder(_ lhs: Mailing, _ rhs: Mailing) -> Bool {
        (lhs.due, lhs.key) < (rhs.due, rhs.key)
    }

    /// The years whose windows, anniversaries and yearly dates can yield a mailing due in `[start, end)`.
    ///
    /// One year of margin either side covers zone offsets and windows that cross the year end; confirm-date is due
    /// up to its lead before a window, so the upper end also reaches that far ahead.
    func years(from start: Date, to end: Date) -> ClosedRange<Int> {
        let utc = TimeZone(identifier: "UTC")!
        let first = LocalDate(instant: start, in: utc).year - 1
        var last = LocalDate(instant: max(start, end), in: utc).year + 1
        let leads = config.groups.map { group -> Int in
            guard case .beforeWindow(let span) = group.timing(for: .confirmDate) else { return 0 }
            return span.months / 12 + span.days / 365 + 1
        }
        last += leads.max() ?? 0
        return first...last
    }

    /// Every mailing the group's meetings give, plus the window and yearly ones whose year is in `years`.
    /// `dueWithin` may leave out mailings due outside it, and `validAfter` mailings stale by then (not all of them:
    /// callers still filter).
    func allMailings(
        for group: Group,
        years: ClosedRange<Int>,
        dueWithin bounds: ClosedRange<Date>? = nil,
        validAfter: Date? = nil
    ) -> [Mailing] {
        let occurrences = group.meetingOccurrences
        return occurrences.flatMap { meetingMailings(for: $0, in: group) }
            + confirmDateMailings(
                for: group,
                years: years,
                meetings: occurrences,
                dueWithin: bounds,
                validAfter: validAfter
            )
            + termsOfReferenceReviews(for: group, years: years)
            + callsForMembers(for: group, years: years)
    }

    /// The addresses a mailing of `audience` goes to.
    func recipients(_ audience: Audience, of group: Group) -> [String] {
        switch audience {
        case .list: [group.list]
        case .chairs: group.chairs.map(\.email)
        case .chairsAndLiaison: group.chairs.map(\.email) + (group.liaison.map { [$0.email] } ?? [])
        case .wider: group.callForMembers?.to ?? []
        case .operator: [config.installation.operatorAddress]
        }
    }

    /// `send_time` on the working day on or before `day`, as an instant in the group's zone.
    func sendInstant(onOrBefore day: LocalDate, in group: Group) -> (day: LocalDate, due: Date)? {
        guard let working = config.installation.previousWorkingDay(onOrBefore: day) else { return nil }
        return (working, sendInstant(on: working, in: group))
    }

    /// `send_time` on `day` in the group's zone.
    func sendInstant(on day: LocalDate, in group: Group) -> Date {
        LocalDateTime(date: day, time: config.installation.sendTime).instant(in: group.timeZone)
    }

    /// Builds a mailing with the kind's audience and recipients.
    func mailing(
        _ kind: MailingKind,
        _ occurrence: String,
        of group: Group,
        due: Date,
        validUntil: Date,
        meeting: ScheduledMeeting? = nil,
        window: WindowOccurrence? = nil,
        candidates: [LocalDateTime] = []
    ) -> Mailing {
        Mailing(
            key: MailingKey(group: group.id, kind: kind, occurrence: occurrence),
            due: due,
            validUntil: validUntil,
            audience: kind.audience,
            recipients: recipients(kind.audience, of: group),
            timeZone: group.timeZone,
            meeting: meeting,
            window: window,
            candidates: candidates
        )
    }
}

extension [Mailing] {
    /// The mailings in `Scheduler.scheduleOrder`, sorted by their due times and positions rather than moved whole:
    /// a `Mailing` is a large value, and sorting the values themselves was a tenth of `schedule` at 1,000 groups
    /// (swaps and copies), where this moves each mailing once.
    var inScheduleOrder: [Mailing] {
        let order = indices.sorted { left, right in
            let (lhs, rhs) = (self[left].due, self[right].due)
            return lhs != rhs ? lhs < rhs : self[left].key < self[right].key
        }
        return order.map { self[$0] }
    }
}

extension [[Mailing]] {
    /// Every group's mailings together in `Scheduler.scheduleOrder`. Gathered into one array sized up front, then
    /// ordered: appending them all to one growing array copied every mailing again at each doubling, into fresh
    /// pages the kernel had to zero (`schedule` for five years at 1,000 groups took 1.3x the CPU it takes now).
    var mergedInScheduleOrder: [Mailing] {
        var all: [Mailing] = []
        all.reserveCapacity(reduce(0) { $0 + $1.count })
        for mailings in self { all.append(contentsOf: mailings) }
        return all.inScheduleOrder
    }
}
