import Foundation
import Yams

/// The chairs' saved changes folded over the operator's configuration: what `WorkspaceLoader` hands every command,
/// the daemon's pass and the web, so all of them see a saved change at once.
///
/// One source of truth per fact. A window the operator's YAML already fills with a meeting belongs to the file: a
/// chair's change for it is not applied, and a warning names both places (the web refuses such a save in the first
/// place, showing the file and line). A change that no longer fits the files (the operator removed the window, say)
/// is dropped the same way, as a warning: nothing a chair saved can make the operator's config unusable.
package enum ChairOverlay {
    /// What holds now for one group: the latest change of each subject.
    package struct GroupState: Hashable, Sendable {
        /// The latest meeting change (confirm, agenda, reschedule, cancel) of each window occurrence.
        package var meetings: [String: ChairChange] = [:]
        /// The latest skip of each window occurrence not confirmed since.
        package var skipped: [String: ChairChange] = [:]
        /// The latest minutes change (draft or ready) of each occurrence.
        package var minutes: [String: ChairChange] = [:]
        /// The latest wording change (own wording or back to the default) of each template, by its name.
        package var wording: [String: ChairChange] = [:]
    }

    /// Folds the changes in number order into the state of each group.
    package static func fold(_ changes: [ChairChange]) -> [String: GroupState] {
        var states: [String: GroupState] = [:]
        for change in changes.sorted(by: { $0.number < $1.number }) {
            var state = states[change.group] ?? GroupState()
            switch change.action {
            case .confirm, .agenda, .reschedule, .cancel:
                state.meetings[change.occurrence] = change
                state.skipped[change.occurrence] = nil
            case .skip:
                state.skipped[change.occurrence] = change
                state.meetings[change.occurrence] = nil
            case .minutesDraft, .minutesReady:
                state.minutes[change.occurrence] = change
            case .wording, .wordingDefault:
                state.wording[change.occurrence] = change
            }
            states[change.group] = state
        }
        return states
    }

    /// `config` with the chairs' changes applied, and a warning for every change not applied.
    package static func apply(
        _ changes: [ChairChange],
        to config: Config
    ) -> (config: Config, diagnostics: [Diagnostic]) {
        guard !changes.isEmpty else { return (config, []) }
        var result = config
        var diagnostics: [Diagnostic] = []
        let states = fold(changes)
        for (group, state) in states.sorted(by: { $0.key < $1.key }) {
            guard let index = result.groups.firstIndex(where: { $0.id == group }) else {
                let first =
                    (state.meetings.values.map(\.number) + state.minutes.values.map(\.number)
                    + state.wording.values.map(\.number)).min() ?? 0
                diagnostics.append(
                    .warning(
                        at: SourceLocation(file: "chairs/\(group)", line: first, column: 1),
                        "the chairs saved changes for the group `\(group)`, which no group file defines any more",
                        fix: "nothing to do if the group was closed; `convenor chairs export` keeps what they saved"
                    )
                )
                continue
            }
            var applied = result.groups[index]
            diagnostics += applyMeetings(state, to: &applied)
            diagnostics += applySkips(state, to: &applied)
            diagnostics += applyMinutes(
                state,
                to: &applied,
                chairMinutes: &result.chairMinutes,
                draftMinutes: &result.draftMinutes
            )
            result.groups[index] = applied
        }
        return (result, diagnostics)
    }

    /// The meeting the operator's file has in a window occurrence, if any (cancelled ones count too: the file
    /// says what happened in that window).
    package static func fileMeeting(in occurrence: String, of group: Group) -> Meeting? {
        group.meetings.first { group.windowOccurrence(containing: $0.start.date)?.key == occurrence }
    }

    private static func applyMeetings(_ state: GroupState, to group: inout Group) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for (occurrence, change) in state.meetings.sorted(by: { $0.key < $1.key }) {
            if let owned = fileMeeting(in: occurrence, of: group) {
                diagnostics.append(conflict(change, file: owned.location, what: "the meeting of this window"))
                continue
            }
            if let skip = group.windowSkips[occurrence] {
                diagnostics.append(conflict(change, file: skip.location, what: "no meeting in this window"))
                continue
            }
            switch meeting(from: change, in: group) {
            case .success(let meeting): group.meetings.append(meeting)
            case .failure(let problem):
                diagnostics.append(
                    .warning(
                        at: change.location,
                        "the chairs' \(change.action.rawValue) of \(occurrence) is not applied: "
                            + problem.problem,
                        fix: problem.fix
                    )
                )
            }
        }
        group.meetings.sort { $0.start < $1.start }
        return diagnostics
    }

    private static func applySkips(_ state: GroupState, to group: inout Group) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for (occurrence, change) in state.skipped.sorted(by: { $0.key < $1.key }) {
            if let owned = fileMeeting(in: occurrence, of: group) {
                diagnostics.append(conflict(change, file: owned.location, what: "the meeting of this window"))
                continue
            }
            // The file saying "no meeting" too is the same answer: the file's entry (and its line) stays.
            if group.windowSkips[occurrence] == nil {
                group.windowSkips[occurrence] = WindowSkip(reason: change.payload, location: change.location)
            }
        }
        return diagnostics
    }

    private static func applyMinutes(
        _ state: GroupState,
        to group: inout Group,
        chairMinutes: inout [String: String],
        draftMinutes: inout [String: String]
    ) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let occurrences = group.meetingOccurrences
        for (occurrence, change) in state.minutes.sorted(by: { $0.key < $1.key }) where change.action == .minutesDraft {
            // A draft on the web: nothing to mail, but the minutes-chase should say a draft is waiting.
            guard let found = occurrences.first(where: { $0.occurrence == occurrence }),
                found.meeting.minutesPath == nil
            else { continue }
            draftMinutes[MinutesDraft.key(group: group.id, occurrence: occurrence)] = MinutesDraft.webDraft
        }
        for (occurrence, change) in state.minutes.sorted(by: { $0.key < $1.key }) where change.action == .minutesReady {
            guard let found = occurrences.first(where: { $0.occurrence == occurrence }),
                let index = group.meetings.firstIndex(of: found.meeting)
            else {
                diagnostics.append(
                    .warning(
                        at: change.location,
                        "the chairs' minutes for \(occurrence) match no meeting any more",
                        fix: "nothing is mailed; `convenor chairs export` shows the text"
                    )
                )
                continue
            }
            if found.meeting.minutesPath != nil {
                let file = found.meeting.minutesLocation ?? found.meeting.location
                diagnostics.append(conflict(change, file: file, what: "the minutes of this meeting"))
                continue
            }
            let name = minutesName(group: group.id, meeting: found.meeting, format: change.format)
            group.meetings[index].minutesPath = name
            chairMinutes[name] = change.payload
        }
        return diagnostics
    }

    /// The name chair-saved minutes go by (`chairs/GROUP/2026-11-12.md`): the attachment's name and the key of
    /// `Config.chairMinutes`. It names no file.
    package static func minutesName(group: String, meeting: Meeting, format: String) -> String {
        "chairs/\(group)/\(meeting.start.date).\(format == "md" ? "md" : "txt")"
    }

    private static func conflict(_ change: ChairChange, file: SourceLocation, what: String) -> Diagnostic {
        .warning(
            at: change.location,
            "the chairs saved a \(change.action.rawValue) for \(change.occurrence), but \(file.file) (line "
                + "\(file.line)) sets \(what); the file wins",
            fix: "remove the entry from \(file.file) to let the chairs' change stand, or leave it and nothing changes"
        )
    }

    /// Reads a meeting change's payload with the group file's own parser (`CadenceParser.meetings`), so a chair's
    /// meeting passes exactly the checks a `meetings:` entry does; then checks it lies in its window.
    package static func meeting(from change: ChairChange, in group: Group) -> Result<Meeting, ValueProblem> {
        let reader = NodeReader(file: change.location.file, directory: "/nonexistent")
        guard let node = try? Yams.compose(yaml: change.payload), node.mapping != nil else {
            return .failure(ValueProblem("the saved entry is not a meeting", fix: "save the meeting again"))
        }
        if node.mapping?["minutes"] != nil {
            return .failure(ValueProblem("a chair's meeting cannot name a file", fix: "upload the minutes instead"))
        }
        if let problem = controlCharacterProblem(in: node) { return .failure(problem) }
        let meetings = CadenceParser.meetings(.sequence(Node.Sequence([node])), reader: reader, cadence: group.cadence)
        if let problem = reader.diagnostics.first(where: { $0.severity == .error }) {
            return .failure(ValueProblem(problem.problem, fix: problem.fix))
        }
        guard var meeting = meetings?.first else {
            return .failure(ValueProblem("the saved entry is not a meeting", fix: "save the meeting again"))
        }
        guard group.windowOccurrence(containing: meeting.start.date)?.key == change.occurrence else {
            return .failure(
                ValueProblem(
                    "\(meeting.start) is not in the \(change.occurrence) window",
                    fix: "pick a date inside the window"
                )
            )
        }
        meeting.location = change.location
        return .success(meeting)
    }

    /// A line break or other control character in any value of the entry: a file's YAML may fold lines, but a
    /// chair's field is one line, and a CR or LF that reached a mail header would start a header of its own.
    static func controlCharacterProblem(in node: Node) -> ValueProblem? {
        switch node {
        case .scalar(let scalar):
            return controlCharacterProblem(in: scalar.string)
        case .mapping(let mapping):
            return mapping.lazy.compactMap { controlCharacterProblem(in: $0.value) }.first
        case .sequence(let sequence):
            return sequence.lazy.compactMap { controlCharacterProblem(in: $0) }.first
        case .alias:
            return ValueProblem("the saved entry uses a YAML alias", fix: "save the meeting again")
        }
    }

    /// `controlCharacterProblem(in:)` for one value a chair typed.
    package static func controlCharacterProblem(in text: String) -> ValueProblem? {
        guard text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else { return nil }
        return ValueProblem(
            "`\(text.prefix(40))` holds a line break or control character",
            fix: "write it on one line, without tabs or line breaks"
        )
    }
}
