package import Foundation

extension TimeZone {
    /// The zone's short name at an instant as people write it (`GMT`, `BST`, `EST`, `AEDT`), or nil when the only
    /// name known is an offset such as `GMT+5:30` (a VTIMEZONE then carries no TZNAME rather than a misleading one).
    package func shortName(at date: Date) -> String? {
        let name = readableAbbreviation(for: date)
        return Self.isOffsetName(name) || name == identifier ? nil : name
    }

    /// `GMT+1`, `UTC-05:00` and the like: names that only restate the offset.
    static func isOffsetName(_ name: String) -> Bool {
        (name.hasPrefix("GMT") || name.hasPrefix("UTC")) && name.count > 3
    }

    /// True for the zones whose times are written in UTC form (`20261112T140000Z`) without a VTIMEZONE.
    var isUTC: Bool {
        ["UTC", "GMT", "Etc/UTC", "Etc/GMT", "Etc/Universal", "Etc/Zulu", "Universal", "Zulu"].contains(identifier)
    }
}
