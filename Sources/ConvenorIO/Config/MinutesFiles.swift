import Foundation
package import ConvenorCore

/// Looks at the disk for the minutes files a configuration names: the one fact the pure scheduler cannot see.
package enum MinutesFiles {
    /// Absolute paths of every configured minutes file that exists as a regular file right now.
    package static func existing(in config: Config) -> Set<String> {
        var found = Set<String>()
        for group in config.groups {
            for meeting in group.meetings {
                guard let path = meeting.minutesPath else { continue }
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
                    found.insert(path)
                }
            }
        }
        return found
    }
}

extension MinutesFiles {
    /// The minutes text for a `minutes` mailing; nil for other kinds or when the file cannot be read as UTF-8.
    package static func text(for mailing: Mailing) -> String? {
        guard mailing.key.kind == .minutes, let path = mailing.meeting?.minutesPath,
            let data = FileManager.default.contents(atPath: path)
        else { return nil }
        return String(data: data, encoding: .utf8)
    }
}
