package import Foundation

/// One change a chair saved from the web: a row of the audit trail and, folded in order, the chairs' overlay
/// (`ChairOverlay`) that `WorkspaceLoader` merges over the operator's YAML.
///
/// The log is append-only, so "who changed what and when" and "what holds now" are the same rows: the latest change
/// of a subject wins. The payload of a meeting change is a YAML mapping in the very shape of a `meetings:` entry,
/// written by `ChairMeetingForm` (never by the chair's own keystrokes) and read back by the group file's parser.
package struct ChairChange: Hashable, Sendable {
    /// What the chair did.
    package enum Action: String, Hashable, Sendable, CaseIterable {
        /// Confirmed a date for a window (payload: the meeting entry).
        case confirm
        /// Changed the agenda, place or length of a meeting they confirmed (payload: the whole entry after it).
        case agenda
        /// Moved a meeting they confirmed to another start in its window (payload: the entry, with `reason`).
        case reschedule
        /// Called a meeting off (payload: the entry with `cancelled: true` and `reason`).
        case cancel
        /// "No meeting this window": the reminders for it stop (payload: empty, or the reason).
        case skip
        /// Minutes pasted or uploaded, kept as a draft: never mailed (payload: the text).
        case minutesDraft = "minutes-draft"
        /// Minutes marked ready: mailed to the list like a minutes file (payload: the text).
        case minutesReady = "minutes-ready"
        /// The group's own wording of one template (occurrence: the template's name, `agenda`; payload: the whole
        /// template file as the chair saved it, checked as `convenor check` checks a templates folder).
        case wording
        /// Back to the installation's wording of that template (occurrence: its name; payload: empty).
        case wordingDefault = "wording-default"

        /// True for the actions whose payload is a meeting entry.
        package var isMeeting: Bool { [.confirm, .agenda, .reschedule, .cancel].contains(self) }
        /// True for the minutes actions.
        package var isMinutes: Bool { self == .minutesDraft || self == .minutesReady }
        /// True for the wording actions.
        package var isWording: Bool { self == .wording || self == .wordingDefault }
    }

    /// The store's order of the change (1, 2, ...): `convenor chairs log` prints it, and diagnostics about a
    /// change use it as the line of `chairs/GROUP`.
    package var number: Int
    package var group: String
    /// The window occurrence the change is about (`2027-02`), as mailings are keyed.
    package var occurrence: String
    package var action: Action
    /// A meeting entry in YAML, the minutes text, or a reason; see `Action`.
    package var payload: String
    /// Minutes only: `md` for Markdown, `txt` for plain text.
    package var format: String
    /// The signed-in address that saved it.
    package var author: String
    package var at: Date

    package init(
        number: Int,
        group: String,
        occurrence: String,
        action: Action,
        payload: String,
        format: String = "",
        author: String,
        at: Date
    ) {
        self.number = number
        self.group = group
        self.occurrence = occurrence
        self.action = action
        self.payload = payload
        self.format = format
        self.author = author
        self.at = at
    }

    /// Where the change is, for diagnostics: `chairs/GROUP:NUMBER` (the number of `convenor chairs log`).
    package var location: SourceLocation { SourceLocation(file: "chairs/\(group)", line: number, column: 1) }
}
