package import Foundation

/// The zone abbreviation printed after a time in a mail: "GMT"/"BST" in London, "EST"/"EDT" in New York.
///
/// Named zones use `TimeZone.readableAbbreviation(for:)`, the same names the schedule and ledger reports print.
/// Where no English name exists Foundation answers "GMT+9" or "GMT+5:45", which reads like Greenwich time to a
/// British reader, so mails print the offset as "UTC+09:00" instead; UTC itself prints as "UTC".
package enum ZoneAbbreviation {
    /// The abbreviation of `zone` at `instant`.
    package static func of(_ zone: TimeZone, at instant: Date) -> String {
        if utcIdentifiers.contains(zone.identifier) { return "UTC" }
        let name = zone.readableAbbreviation(for: instant)
        if name.hasPrefix("GMT+") || name.hasPrefix("GMT-") || name.hasPrefix("UTC+") || name.hasPrefix("UTC-")
            || name.contains("/")
        {
            return numeric(zone.secondsFromGMT(for: instant))
        }
        return name
    }

    /// "UTC+01:00", "UTC-03:30", "UTC" for zero.
    package static func numeric(_ offsetSeconds: Int) -> String {
        guard offsetSeconds != 0 else { return "UTC" }
        let sign = offsetSeconds < 0 ? "-" : "+"
        let minutes = abs(offsetSeconds) / 60
        let hours = minutes / 60
        let rest = minutes % 60
        return "UTC\(sign)\(hours < 10 ? "0" : "")\(hours):\(rest < 10 ? "0" : "")\(rest)"
    }

    private static let utcIdentifiers: Set<String> = ["UTC", "Etc/UTC", "GMT", "Etc/GMT", "Universal", "Zulu"]
}
