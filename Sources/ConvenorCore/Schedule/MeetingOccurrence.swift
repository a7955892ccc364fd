package import Foundation

/// A confirmed meeting together with the occurrence key its mailings use.
///
/// The first meeting (by start) inside a window occurrence takes the window's key (`2026-10` for Oct-Nov 2026), so
/// moving it within the window keeps its key and nothing is sent twice. A meeting outside every window is an extra
/// meeting keyed by its date (`2026-12-03`). A second meeting inside an occurrence that is already taken is treated
/// as an extra meeting too: it is keyed by its date and has no window, because one window holds one meeting.
/// Cancelled meetings keep their key (the lifecycle issue needs it for the notice) but take part in no mailing.
package struct MeetingOccurrence: Hashable, Sendable {
    /// The entry as configured.
    package var meeting: Meeting
    /// `2026-10` for a window's meeting, `2026-12-03` for an extra one (`2026-12-03~1800` for a second extra
    /// meeting on the same day).
    package var occurrence: String
    /// The window occurrence the meeting is keyed by; nil for an extra meeting.
    package var window: WindowOccurrence?
    /// The window occurrence the start falls in, even for a second meeting keyed as extra.
    package var containingWindow: WindowOccurrence?
    /// Wall time and instants, as mailings carry them.
    package var scheduled: ScheduledMeeting

    /// When the meeting starts (gaps and overlaps resolved in the group's zone).
    package var startInstant: Date { scheduled.startInstant }
    /// When it ends: start plus its length in elapsed minutes.
    package var endInstant: Date { scheduled.endInstant }
}

extension Group {
    /// The window occurrence `date` falls in; the first matching window in `cadence.windows` wins.
    package func windowOccurrence(containing date: LocalDate) -> WindowOccurrence? {
        for window in cadence?.windows ?? [] {
            if let occurrence = window.occurrence(containing: date) { return occurrence }
        }
        return nil
    }

    /// Every entry of `meetings:`, in start order, with its occurrence key.
    package var meetingOccurrences: [MeetingOccurrence] {
        var taken: Set<String> = []
        return meetings.sorted { $0.start < $1.start }.map { meeting in
            let containing = windowOccurrence(containing: meeting.start.date)
            var occurrence: String
            var window: WindowOccurrence?
            if let containing, !taken.contains(containing.key) {
                occurrence = containing.key
                window = containing
            } else {
                occurrence = meeting.start.date.description
                if taken.contains(occurrence) {
                    occurrence += "~" + meeting.start.time.description.replacingOccurrences(of: ":", with: "")
                }
            }
            taken.insert(occurrence)
            let start = meeting.start.instant(in: timeZone)
            let scheduled = ScheduledMeeting(
                start: meeting.start,
                startInstant: start,
                endInstant: start.addingTimeInterval(TimeInterval(meeting.lengthMinutes * 60)),
                lengthMinutes: meeting.lengthMinutes,
                place: meeting.place,
                agenda: meeting.agenda,
                minutesPath: meeting.minutesPath,
                window: window?.window
            )
            return MeetingOccurrence(
                meeting: meeting,
                occurrence: occurrence,
                window: window,
                containingWindow: containing,
                scheduled: scheduled
            )
        }
    }
}
