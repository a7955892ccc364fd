import Foundation
package import ConvenorCore

/// Looks at the disk for the minutes files a configuration names: the one fact the pure scheduler cannot see.
///
/// Every look goes through the group's `PathConfinement`: a minutes path outside the allowed folders, a symlink
/// out of them, a FIFO or a device is never opened, and counts as "no minutes yet" for the schedule.
package enum MinutesFiles {
    /// What is on disk (and in the ledger) for the meetings' minutes: the ready ones, and the drafts.
    package struct Found: Hashable, Sendable {
        /// Absolute paths (or the chairs' names) of the minutes to mail.
        package var ready: Set<String> = []
        /// `MinutesDraft.key` of each meeting whose minutes are a draft, with where the draft is.
        package var drafts: [String: String] = [:]
    }

    /// Absolute paths of every configured minutes file that exists as a regular file inside its group's folders
    /// and is not marked a draft (`draft: true` front matter, `MinutesDraft`).
    package static func existing(in config: Config) -> Set<String> { scan(config).ready }

    /// `existing(in:)` and the drafts beside it (the files marked `draft: true` and the chairs' web drafts), for
    /// the scheduler's `draftMinutes`.
    package static func scan(_ config: Config) -> Found {
        var found = Found(drafts: config.draftMinutes)
        let confine = PathConfinement.forGroups(in: config.installation)
        for group in config.groups {
            let confinement = confine(group.id)
            for occurrence in group.meetingOccurrences {
                // Minutes the chairs marked ready live in the ledger, under a name that is no file.
                if let path = occurrence.meeting.minutesPath, config.chairMinutes[path] != nil {
                    found.ready.insert(path)
                    continue
                }
                guard let path = occurrence.meeting.minutesPath,
                    case .regularFile = try? confinement.presence(of: path)
                else { continue }
                // A file that cannot be read counts as there: the mailing then fails and alerts the operator.
                if let text = try? confinement.readText(path, maximumBytes: PathConfinement.minutesMaximumBytes),
                    MinutesDraft.read(text).isDraft
                {
                    found.drafts[MinutesDraft.key(group: group.id, occurrence: occurrence.occurrence)] = path
                    continue
                }
                found.ready.insert(path)
            }
        }
        return found
    }

    /// The minutes text for a `minutes` mailing (nil for other kinds): the chairs' ready minutes from `config`, or
    /// the file read now through the group's confinement: at most `PathConfinement.minutesMaximumBytes`, UTF-8, a
    /// byte-order mark dropped.
    package static func read(for mailing: Mailing, config: Config) throws(PathConfinementError) -> String? {
        guard mailing.key.kind == .minutes, let path = mailing.meeting?.minutesPath else { return nil }
        if let text = config.chairMinutes[path] { return text }
        let confinement = PathConfinement.forGroup(id: mailing.key.group, in: config.installation)
        let reading = MinutesDraft.read(
            try confinement.readText(path, maximumBytes: PathConfinement.minutesMaximumBytes)
        )
        // Marked a draft since the pass planned it: a draft is never mailed.
        guard !reading.isDraft else { throw PathConfinementError(path: path, problem: .draft) }
        return reading.body
    }

    /// `read(for:config:)` for previews, which show what they can: nil when the file cannot be read.
    package static func text(for mailing: Mailing, config: Config) -> String? {
        try? read(for: mailing, config: config)
    }
}
