import Foundation

// confirm-date: the nudge to chairs for a window with no confirmed meeting. Candidate dates go to the chairs only;
// nothing about an unconfirmed window ever reaches the list.

extension Scheduler {
    /// Days between repeats of confirm-date while a window stays unconfirmed.
    static let confirmDateRepeatDays = 14

    /// confirm-date mailings for every unconfirmed window occurrence whose first month falls in `years`.
    ///
    /// The first is due the configured lead before the window opens (`8 weeks before window`), then one every 14
    /// days until the window's last day. Each repeat is its own mailing with occurrence key
    /// `<window key>~<nominal send date>`, e.g. `2026-10~2026-08-06`: readable, distinct per repeat, and stable
    /// under edits to closures or working days, because the nominal date is taken before moving to a working day.
    /// All are valid until the end of the window's last day in the group's zone.
    func confirmDateMailings(for group: Group, years: ClosedRange<Int>, meetings: [MeetingOccurrence]) -> [Mailing] {
        guard case .beforeWindow(let lead) = group.timing(for: .confirmDate), let cadence = group.cadence else {
            return []
        }
        // A window counts as confirmed while any meeting that is not cancelled starts in it.
        let confirmed = Set(meetings.filter { !$0.meeting.cancelled }.compactMap { $0.containingWindow?.key })
        var result: [Mailing] = []
        for year in years {
            for window in cadence.windows {
                let occurrence = window.occurrence(in: year)
                // Overlapping windows: a month claimed by an earlier window belongs to that one.
                guard group.windowOccurrence(containing: occurrence.firstDay) == occurrence,
                    !confirmed.contains(occurrence.key), !group.skippedWindows.contains(occurrence.key)
                else { continue }
                result += confirmDateMailings(for: occurrence, lead: lead, propose: cadence.propose, in: group)
            }
        }
        return result
    }

    /// The repeats for one window occurrence.
    func confirmDateMailings(
        for window: WindowOccurrence, lead: CalendarSpan, propose: ProposeRule?, in group: Group
    ) -> [Mailing] {
        let validUntil = window.lastDay.adding(days: 1).startInstant(in: group.timeZone)
        let first = LocalDateTime(date: window.firstDay, time: .midnight).subtracting(lead).date
        var result: [Mailing] = []
        var lastDay: LocalDate?
        var nominal = first
        while nominal <= window.lastDay {
            defer { nominal = nominal.adding(days: Self.confirmDateRepeatDays) }
            // A long closure can push two repeats onto the same working day; send that day's once.
            guard case let (day, due)? = sendInstant(onOrBefore: nominal, in: group), day != lastDay, due < validUntil
            else { continue }
            lastDay = day
            result.append(
                mailing(
                    .confirmDate, "\(window.key)~\(nominal)", of: group, due: due, validUntil: validUntil,
                    window: window, candidates: candidates(propose, in: window, after: due, group: group)))
        }
        return result
    }

    /// The dates `rule` gives inside the window that are working days and still ahead at `due`.
    func candidates(_ rule: ProposeRule?, in window: WindowOccurrence, after due: Date, group: Group) -> [LocalDateTime]
    {
        guard let rule else { return [] }
        return rule.candidates(in: window).filter { candidate in
            config.installation.isWorkingDay(candidate.date) && candidate.instant(in: group.timeZone) > due
        }
    }
}
