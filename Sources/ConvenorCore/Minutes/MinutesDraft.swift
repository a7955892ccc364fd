import Foundation
import Yams

/// "Draft, not yet": the one rule for minutes that are saved but not to be mailed, for files and the chairs' web.
///
/// A minutes file is a draft when it opens with front matter saying so:
///
/// ```
/// ---
/// draft: true
/// ---
/// # Minutes of 12 November
/// ```
///
/// A file without it is ready, so minutes installed before the marker existed keep being mailed. `draft: false`
/// (or removing the block) marks it ready; the block itself is never mailed. Minutes saved on the chairs' web are
/// a draft until a chair presses "Mark ready" (`ChairChange.Action.minutesDraft` / `.minutesReady`). Either way a
/// draft is never mailed and the minutes-chase says "draft found, not marked ready" (`Scheduler.draftMinutes`).
package enum MinutesDraft {
    /// The minutes as they would be mailed, and whether they are marked a draft.
    package struct Reading: Hashable, Sendable {
        package var isDraft: Bool
        /// The text after the front matter (all of it when there is none).
        package var body: String
    }

    /// Reads the front matter at the top of `text`. Only a `---` block whose YAML is a mapping with a `draft` key
    /// is front matter: a Markdown rule (`---`) opening ordinary minutes stays text. A `draft:` that is neither
    /// true nor false counts as a draft: when in doubt, nothing is mailed.
    package static func read(_ text: String) -> Reading {
        let ready = Reading(isDraft: false, body: text)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.first.map({ $0.trimmingCharacters(in: .whitespaces) == "---" }) == true else { return ready }
        lines.removeFirst()
        guard let close = lines.prefix(50).firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == "---" })
        else { return ready }
        let block = lines[..<close].joined(separator: "\n")
        guard let mapping = (try? Yams.compose(yaml: block))?.mapping,
            let flag = mapping.first(where: { $0.key.string == "draft" })?.value
        else { return ready }
        let body = lines[(close + 1)...].joined(separator: "\n")
        let value = flag.string?.lowercased() ?? ""
        return Reading(isDraft: !["false", "no", "off"].contains(value), body: body)
    }

    /// Where a draft saved on the chairs' web is, in `Config.draftMinutes` (a file draft has its path instead).
    package static let webDraft = "saved on the chairs' web"

    /// The key of `Scheduler.draftMinutes` and `Config.draftMinutes`: `GROUP/OCCURRENCE` of the meeting.
    package static func key(group: String, occurrence: String) -> String { "\(group)/\(occurrence)" }
}
