import Foundation

// confirm-date: the nudge to chairs for a window with no confirmed meeting. Candidate dates go to the chairs only;
// nothing about an unconfirmed window ever reaches the list.

extension Scheduler {
    /// Days between repeats of confirm-date while a window stays unconfirmed.
    static let confirmDateRepeatDays = 14

    /// The window occurrences the chairs have answered: a meeting starts in it (a cancelled one too: calling the
    /// meeting off is an answer, and asking again would restart the nudges and back-date them), or they said "no
    /// meeting this window" (`Group.windowSkips`). confirm-date and the overview ask only about the others.
    static func answeredWindows(of group: Group, meetings: [MeetingOccurrence]) -> Set<String> {
        Set(meetings.compactMap { $0.containingWindow?.key }).union(group.skippedWindows)
    }

    /// confirm-date mailings for every unanswered window occurrence whose first month falls in `years`.
    ///
    /// The first is due the configured lead before the window opens (`8 weeks before window`), then one every 14
    /// days, at most `confirm_date_asks` in all, and none after the window's last candidate date (or its last day
    /// when nothing is proposed). Each repeat is its own mailing with occurrence key
    /// `<window key>~<nominal send date>`, e.g. `2026-10~2026-08-06`: readable, distinct per repeat, and stable
    /// under edits to closures or working days, because the nominal date is taken before moving to a working day.
    /// All are valid until that same bound.
    ///
    /// `dueWithin`, when given, lets whole window occurrences be skipped whose every repeat is due outside it (see
    /// `confirmDateMailings(for:lead:propose:in:dueWithin:)`); what is left is exactly what the full list holds in
    /// that range, each repeat still numbered among all of its window's.
    func confirmDateMailings(
        for group: Group,
        years: ClosedRange<Int>,
        meetings: [MeetingOccurrence],
        dueWithin bounds: ClosedRange<Date>? = nil,
        validAfter: Date? = nil
    ) -> [Mailing] {
        guard case .beforeWindow(let lead) = group.timing(for: .confirmDate), let cadence = group.cadence else {
            return []
        }
        let answered = Self.answeredWindows(of: group, meetings: meetings)
        var result: [Mailing] = []
        for year in years {
            for window in cadence.windows {
                let occurrence = window.occurrence(in: year)
                // Overlapping windows: a month claimed by an earlier window belongs to that one.
                guard group.windowOccurrence(containing: occurrence.firstDay) == occurrence,
                    !answered.contains(occurrence.key)
                else { continue }
                result += confirmDateMailings(
                    for: occurrence,
                    lead: lead,
                    propose: cadence.propose,
                    in: group,
                    dueWithin: bounds,
                    validAfter: validAfter
                )
            }
        }
        return result
    }

    /// The repeats for one window occurrence; none when `bounds` shows that no repeat can be due inside it, or when
    /// every repeat is stale by `validAfter`.
    ///
    /// Skipping is exact, so a pass that looks at two months does not work out four years of windows (it was a
    /// quarter of the pass's planning, issue 16): every repeat is due before `validUntil`, which is at most the
    /// window's end, and no repeat is due before the first one, because a later nominal date never moves to an
    /// earlier working day. The daemon's range reaches three years back for what is still valid; a window that
    /// ended before its lookback has nothing left valid, and working such windows out was two fifths of its planning.
    func confirmDateMailings(
        for window: WindowOccurrence,
        lead: CalendarSpan,
        propose: ProposeRule?,
        in group: Group,
        dueWithin bounds: ClosedRange<Date>? = nil,
        validAfter: Date? = nil
    ) -> [Mailing] {
        let windowEnd = window.lastDay.adding(days: 1).startInstant(in: group.timeZone)
        if let validAfter, windowEnd <= validAfter { return [] }
        let first = LocalDateTime(date: window.firstDay, time: .midnight).subtracting(lead).date
        if let bounds {
            if windowEnd <= bounds.lowerBound { return [] }
            if let earliest = sendInstant(onOrBefore: first, in: group)?.due, earliest > bounds.upperBound { return [] }
        }
        // Worked out once for the window's repeats, each of which offers those still ahead of it.
        let offered = candidates(propose, in: window, group: group)
        // Asking after the last date the rule offers only asks for a date it can no longer suggest.
        let validUntil = offered.last.map { min($0.instant, windowEnd) } ?? windowEnd
        var result: [Mailing] = []
        var lastDay: LocalDate?
        var nominal = first
        while nominal <= window.lastDay, result.count < config.installation.confirmDateAsks {
            defer { nominal = nominal.adding(days: Self.confirmDateRepeatDays) }
            // A long closure can push two repeats onto the same working day; send that day's once.
            guard case let (day, due)? = sendInstant(onOrBefore: nominal, in: group), day != lastDay, due < validUntil
            else { continue }
            lastDay = day
            result.append(
                mailing(
                    .confirmDate,
                    "\(window.key)~\(nominal)",
                    of: group,
                    due: due,
                    validUntil: validUntil,
                    window: window,
                    candidates: offered.filter { $0.instant > due }.map(\.time)
                )
            )
        }
        // The chairs are told how many reminders this window gets, so "a few" is a number they can plan around.
        for index in result.indices {
            result[index].reminderNumber = index + 1
            result[index].reminderCount = result.count
        }
        return result
    }

    /// The dates `rule` gives inside the window that are working days, with the instant each is in the group's zone.
    func candidates(
        _ rule: ProposeRule?,
        in window: WindowOccurrence,
        group: Group
    ) -> [(time: LocalDateTime, instant: Date)] {
        guard let rule else { return [] }
        return rule.candidates(in: window).filter { config.installation.isWorkingDay($0.date) }.map {
            (time: $0, instant: $0.instant(in: group.timeZone))
        }
    }
}
