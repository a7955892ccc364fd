import Foundation

/// Files one group's mailings and meetings into months and finds what is waiting on its chairs.
///
/// Uses the scheduler's own rules for the first confirm-date reminder and the minutes chase, so the overview can
/// never promise a reminder the daemon would not send.
struct OverviewBuilder {
    var scheduler: Scheduler
    var firstDay: LocalDate
    var lastDay: LocalDate
    var now: Date

    var zone: TimeZone { scheduler.config.installation.timeZone }
    /// The range as instants, `[start, end)`, read in the installation's zone as the schedule's range is.
    var start: Date { firstDay.startInstant(in: zone) }
    var end: Date { lastDay.adding(days: 1).startInstant(in: zone) }

    func groupYear(_ group: Group, mailings: [Mailing]) -> YearOverview.GroupYear {
        let occurrences = group.meetingOccurrences
        let inRange = occurrences.filter { start <= $0.startInstant && $0.startInstant < end }
        let entries = (mailings.map { entry(for: $0, in: group) } + inRange.map { entry(for: $0, in: group) })
            .sorted { ($0.instant, $0.label) < ($1.instant, $1.label) }
        let remindedWindows = mailings.filter { $0.key.kind == .confirmDate }.compactMap(\.window)
        var tasks = unconfirmedWindows(of: group, meetings: occurrences, reminded: Set(remindedWindows))
        tasks += inRange.compactMap { missingMinutes($0, in: group) }
        tasks += mailings.filter { $0.key.kind == .torReview }.compactMap { review in
            group.termsOfReference.map { terms in
                ChairTask(
                    kind: .termsOfReferenceReview(due: review.due, lastUpdated: terms.updated),
                    timeZone: group.timeZone
                )
            }
        }
        tasks.sort { $0.sortInstant < $1.sortInstant }
        return YearOverview.GroupYear(group: group, tasks: tasks, months: months(of: entries))
    }

    /// Every month of the range, plus any month an entry falls in (a group west of the installation can see a
    /// mailing land on the last evening of the month before), each with its entries.
    func months(of entries: [OverviewEntry]) -> [YearOverview.Month] {
        var starts: [LocalDate] = []
        var month = firstDay.monthStart
        while month <= lastDay {
            starts.append(month)
            month = month.adding(months: 1)
        }
        let byMonth = Dictionary(grouping: entries) { $0.local.date.monthStart }
        starts = Array(Set(starts).union(byMonth.keys)).sorted()
        return starts.map { YearOverview.Month(start: $0, entries: byMonth[$0] ?? []) }
    }

    /// Window occurrences overlapping the range or reminded about in it, still open at `now`, with no meeting that
    /// is not cancelled.
    ///
    /// A window just after the range whose confirm-date nudges already go out in it is waiting on the chairs now.
    func unconfirmedWindows(
        of group: Group,
        meetings: [MeetingOccurrence],
        reminded: Set<WindowOccurrence>
    )
        -> [ChairTask]
    {
        guard let cadence = group.cadence else { return [] }
        let answered = Scheduler.answeredWindows(of: group, meetings: meetings)
        let today = LocalDate(instant: now, in: group.timeZone)
        var seen: Set<String> = []
        var tasks: [ChairTask] = []
        let inRange = ((firstDay.year - 1)...lastDay.year).flatMap { year in
            cadence.windows.map { $0.occurrence(in: year) }.filter { $0.lastDay >= firstDay && $0.firstDay <= lastDay }
        }
        for occurrence in (inRange + reminded).sorted(by: { $0.firstDay < $1.firstDay }) {
            // Overlapping windows: a month claimed by an earlier window belongs to that one (as the scheduler).
            guard group.windowOccurrence(containing: occurrence.firstDay) == occurrence, occurrence.lastDay >= today,
                !answered.contains(occurrence.key),
                seen.insert(occurrence.key).inserted
            else { continue }
            var reminders: [Mailing] = []
            if case .beforeWindow(let lead) = group.timing(for: .confirmDate) {
                reminders = scheduler.confirmDateMailings(
                    for: occurrence,
                    lead: lead,
                    propose: cadence.propose,
                    in: group
                )
            }
            let candidates =
                reminders.first?.candidates
                ?? (cadence.propose?.candidates(in: occurrence) ?? []).filter {
                    scheduler.config.installation.isWorkingDay($0.date)
                }
            tasks.append(
                ChairTask(
                    kind: .confirmDate(window: occurrence, firstReminder: reminders.first?.due, candidates: candidates),
                    timeZone: group.timeZone
                )
            )
        }
        return tasks
    }

    /// "Minutes missing" for a meeting that has ended by `now` and whose minutes file does not exist, or "draft
    /// found, not marked ready" when its minutes are a draft (`Scheduler.draftMinutes`).
    func missingMinutes(_ occurrence: MeetingOccurrence, in group: Group) -> ChairTask? {
        guard !occurrence.meeting.cancelled, occurrence.endInstant <= now else { return nil }
        if let path = occurrence.meeting.minutesPath, scheduler.existingMinutes.contains(path) { return nil }
        let chase = scheduler.minutesChase(for: occurrence, in: group)?.due
        if let draft = scheduler.draftMinutes[MinutesDraft.key(group: group.id, occurrence: occurrence.occurrence)] {
            return ChairTask(
                kind: .minutesDraft(meeting: occurrence.scheduled, draft: draft, chase: chase),
                timeZone: group.timeZone
            )
        }
        return ChairTask(
            kind: .minutesMissing(
                meeting: occurrence.scheduled,
                chase: scheduler.minutesChase(for: occurrence, in: group)?.due
            ),
            timeZone: group.timeZone
        )
    }

    func entry(for mailing: Mailing, in group: Group) -> OverviewEntry {
        let about: String
        switch mailing.key.kind {
        case .callForMembers:
            about = "call for members to " + mailing.recipients.joined(separator: ", ")
        case .confirmDate:
            let window = mailing.window.map { "\($0.window) \($0.firstDay.year)" } ?? mailing.key.occurrence
            about = "the \(window) window has no date yet"
        case .torReview:
            about =
                group.termsOfReference.map { "terms of reference last updated \($0.updated.mediumText)" }
                ?? "terms of reference review"
        case .minutes:
            about = "minutes of the meeting of " + (mailing.meeting.map { $0.start.date.mediumText } ?? "?")
        case .minutesChase:
            let what = mailing.minutesDraft == nil ? "no minutes yet" : "draft found, not marked ready,"
            about = "\(what) for the meeting of " + (mailing.meeting.map { $0.start.date.mediumText } ?? "?")
        default:
            about =
                mailing.meeting.map { "meeting " + localText($0.startInstant, in: group.timeZone) }
                ?? mailing.key.occurrence
        }
        return OverviewEntry(
            subject: .mailing(mailing.key.kind, mailing.audience),
            instant: mailing.due,
            local: LocalDateTime(instant: mailing.due, in: group.timeZone),
            zoneAbbreviation: group.timeZone.readableAbbreviation(for: mailing.due),
            about: about
        )
    }

    func entry(for occurrence: MeetingOccurrence, in group: Group) -> OverviewEntry {
        let meeting = occurrence.meeting
        var about = CalendarSpan(minutes: meeting.lengthMinutes).description
        switch (meeting.place.venue, meeting.place.online) {
        case (let venue?, _?): about += " at \(venue) and online"
        case (let venue?, nil): about += " at \(venue)"
        case (nil, _?): about += " online"
        case (nil, nil): break
        }
        if meeting.cancelled {
            about = "called off" + (meeting.cancellationReason.map { ": \($0)" } ?? "")
        }
        return OverviewEntry(
            subject: .meeting(cancelled: meeting.cancelled),
            instant: occurrence.startInstant,
            // From the instant, so a start inside a spring-forward gap shows the time it really begins.
            local: LocalDateTime(instant: occurrence.startInstant, in: group.timeZone),
            zoneAbbreviation: group.timeZone.readableAbbreviation(for: occurrence.startInstant),
            about: about,
            agenda: meeting.cancelled ? [] : meeting.agenda
        )
    }

    /// `Thu 12 Nov 2026 14:00 GMT`.
    func localText(_ instant: Date, in zone: TimeZone) -> String {
        let local = LocalDateTime(instant: instant, in: zone)
        return "\(local.date.mediumText) \(local.time) \(zone.readableAbbreviation(for: instant))"
    }
}
