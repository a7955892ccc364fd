/// "No meeting this window" for one window occurrence: the chairs' answer to confirm-date that is not a date.
///
/// Written in a group file as a `no_meeting:` entry (`- {window: Feb 2027, reason: ...}`) or saved by a chair on the
/// web (`ChairChange.Action.skip`, merged by `ChairOverlay`): the same plain value either way, kept in
/// `Group.windowSkips` under the occurrence key (`2027-02`). No confirm-date goes out for the window and the
/// overview asks for no date.
package struct WindowSkip: Hashable, Sendable {
    /// Why there is no meeting, as the chairs wrote it; empty when they gave none.
    package var reason: String
    /// The `no_meeting:` entry in the group file, or the chairs' change (`chairs/GROUP:NUMBER`).
    package var location: SourceLocation

    package init(reason: String = "", location: SourceLocation) {
        self.reason = reason
        self.location = location
    }
}
