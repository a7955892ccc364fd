import Foundation
package import ConvenorCore

/// Looks at the disk for the minutes files a configuration names: the one fact the pure scheduler cannot see.
///
/// Every look goes through the group's `PathConfinement`: a minutes path outside the allowed folders, a symlink
/// out of them, a FIFO or a device is never opened, and counts as "no minutes yet" for the schedule.
package enum MinutesFiles {
    /// Absolute paths of every configured minutes file that exists as a regular file inside its group's folders.
    package static func existing(in config: Config) -> Set<String> {
        var found = Set<String>()
        for group in config.groups {
            let confinement = PathConfinement.forGroup(group, in: config.installation)
            for meeting in group.meetings {
                // Minutes the chairs marked ready live in the ledger, under a name that is no file.
                if let path = meeting.minutesPath, config.chairMinutes[path] != nil {
                    found.insert(path)
                    continue
                }
                guard let path = meeting.minutesPath,
                    case .regularFile = try? confinement.presence(of: path)
                else { continue }
                found.insert(path)
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
        return try confinement.readText(path, maximumBytes: PathConfinement.minutesMaximumBytes)
    }

    /// `read(for:config:)` for previews, which show what they can: nil when the file cannot be read.
    package static func text(for mailing: Mailing, config: Config) -> String? {
        try? read(for: mailing, config: config)
    }
}
