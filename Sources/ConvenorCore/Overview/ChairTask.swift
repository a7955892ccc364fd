package import Foundation

/// Something only the chairs can do, without which convenor cannot send what the list expects.
///
/// The overview lists these first: an unconfirmed window means no save-the-date will go out, missing minutes mean
/// the minutes mailing never does, and a terms-of-reference review is theirs and the liaison's to hold.
package struct ChairTask: Hashable, Sendable {
    /// Which chore, with the facts the wording needs.
    package enum Kind: Hashable, Sendable {
        /// A window in the range has no confirmed meeting. `firstReminder` is the first confirm-date nudge (nil when
        /// confirm-date is off); `candidates` are the dates the propose rule offers in it.
        case confirmDate(window: WindowOccurrence, firstReminder: Date?, candidates: [LocalDateTime])
        /// A meeting that has ended has no minutes file yet; `chase` is when minutes-chase nudges (nil when off).
        case minutesMissing(meeting: ScheduledMeeting, chase: Date?)
        /// A meeting that has ended has minutes marked a draft (`MinutesDraft`), so nothing is mailed; `draft` is
        /// where it is (the file, or the chairs' web), `chase` as for `minutesMissing`.
        case minutesDraft(meeting: ScheduledMeeting, draft: String, chase: Date?)
        /// The yearly review of the terms of reference, due at `due`.
        case termsOfReferenceReview(due: Date, lastUpdated: LocalDate)
    }

    /// Which chore this is.
    package var kind: Kind
    /// The group's zone, for the times in the wording.
    package var timeZone: TimeZone

    /// A chore of a group whose times read in `timeZone`.
    package init(kind: Kind, timeZone: TimeZone) {
        self.kind = kind
        self.timeZone = timeZone
    }

    /// When it matters, for ordering: a window's first day, a meeting's end, a review's due time.
    package var sortInstant: Date {
        switch kind {
        case .confirmDate(let window, _, _): window.firstDay.startInstant(in: timeZone)
        case .minutesMissing(let meeting, _), .minutesDraft(let meeting, _, _): meeting.endInstant
        case .termsOfReferenceReview(let due, _): due
        }
    }

    /// A short headline: "Confirm a date in the Feb 2027 window".
    package var title: String {
        switch kind {
        case .confirmDate(let window, _, _):
            "Confirm a date in the \(window.window) \(window.firstDay.year) window"
        case .minutesMissing(let meeting, _):
            "Minutes missing for the meeting of \(meeting.start.date.mediumText)"
        case .minutesDraft(let meeting, _, _):
            "Minutes of the meeting of \(meeting.start.date.mediumText): draft found, not marked ready"
        case .termsOfReferenceReview(let due, _):
            "Terms of reference review due \(LocalDate(instant: due, in: timeZone).mediumText)"
        }
    }

    /// The detail under the headline: dates, the reminder, what to write where.
    package var details: [String] {
        switch kind {
        case .confirmDate(let window, let firstReminder, let candidates):
            var lines = ["The window runs \(window.firstDay.mediumText) to \(window.lastDay.mediumText)."]
            if let firstReminder {
                lines.append("First reminder to the chairs: \(whenText(firstReminder)).")
            } else {
                lines.append("No reminder is sent (confirm-date is off).")
            }
            if !candidates.isEmpty {
                let dates = candidates.map { whenText($0.instant(in: timeZone)) }
                lines.append("Proposed: " + dates.joined(separator: "; ") + ".")
            }
            lines.append("Until the chairs add the meeting to the group's file, nothing about it goes to the list.")
            return lines
        case .minutesMissing(let meeting, let chase):
            var lines = ["The meeting began \(whenText(meeting.startInstant))."]
            if let path = meeting.minutesPath {
                lines.append("No file at \(path) yet.")
            } else {
                lines.append("The meeting names no minutes: file.")
            }
            if let chase { lines.append("Reminder to the chairs: \(whenText(chase)).") }
            return lines
        case .minutesDraft(let meeting, let draft, let chase):
            var lines = ["The meeting began \(whenText(meeting.startInstant))."]
            if draft == MinutesDraft.webDraft {
                lines.append(
                    "The minutes are \(draft) as a draft, so nothing has gone to the list: press "
                        + "\"Mark ready to send\" on the meeting's minutes page when they are final."
                )
            } else {
                lines.append(
                    "\(draft) is marked `draft: true`, so nothing has gone to the list: remove that line (and the "
                        + "--- lines around it) when the minutes are final."
                )
            }
            if let chase { lines.append("Reminder to the chairs: \(whenText(chase)).") }
            return lines
        case .termsOfReferenceReview(let due, let lastUpdated):
            return [
                "Last updated \(lastUpdated.mediumText); the chairs and liaison are reminded \(whenText(due))."
            ]
        }
    }

    /// `Thu 15 Oct 2026 09:00 BST` in the group's zone.
    func whenText(_ instant: Date) -> String {
        let local = LocalDateTime(instant: instant, in: timeZone)
        return "\(local.date.mediumText) \(local.time) \(timeZone.readableAbbreviation(for: instant))"
    }
}
