package import Foundation

extension TimeZone {
    /// The zone's short name at an instant as people write it (`GMT`, `BST`, `EST`, `CEST`), or nil when the only
    /// name known is an offset such as `GMT+5:30`.
    ///
    /// Foundation's `abbreviation(for:)` gives `GMT+1` for British Summer Time on Linux, so the ICU names of two
    /// English locales are tried first: en_GB knows BST and CET, en_US knows EST and PDT.
    package func shortName(at date: Date) -> String? {
        let style: NameStyle = isDaylightSavingTime(for: date) ? .shortDaylightSaving : .shortStandard
        for locale in ["en_GB", "en_US"] {
            if let name = localizedName(for: style, locale: Locale(identifier: locale)), !Self.isOffsetName(name) {
                return name
            }
        }
        if let name = abbreviation(for: date), !Self.isOffsetName(name) { return name }
        return nil
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
