package import Foundation

/// The abbreviation a reader expects after a time: "GMT"/"BST" in London, "EST"/"EDT" in New York.
///
/// Foundation on Linux answers `TimeZone.abbreviation(for:)` with "GMT+1" for British Summer Time, which no list
/// member would recognise. So the common zones of English-speaking library networks are named here by their offset
/// at the instant (which also copes with Dublin, whose tz data treats winter as the "daylight" period), and any
/// other zone prints as "UTC+01:00".
package enum ZoneAbbreviation {
    /// The abbreviation of `zone` at `instant`.
    package static func of(_ zone: TimeZone, at instant: Date) -> String {
        let offset = zone.secondsFromGMT(for: instant)
        if let names = known[zone.identifier], let name = names[offset] {
            return name
        }
        if utcIdentifiers.contains(zone.identifier) { return "UTC" }
        return numeric(offset)
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

    private static let hour = 3600

    // Offsets in seconds east of UTC, standard and summer time.
    private static let british = [0: "GMT", hour: "BST"]
    private static let irish = [0: "GMT", hour: "IST"]
    private static let western = [0: "WET", hour: "WEST"]
    private static let central = [hour: "CET", 2 * hour: "CEST"]
    private static let eastern = [2 * hour: "EET", 3 * hour: "EEST"]
    private static let usEastern = [-5 * hour: "EST", -4 * hour: "EDT"]
    private static let usCentral = [-6 * hour: "CST", -5 * hour: "CDT"]
    private static let usMountain = [-7 * hour: "MST", -6 * hour: "MDT"]
    private static let usPacific = [-8 * hour: "PST", -7 * hour: "PDT"]
    private static let atlantic = [-4 * hour: "AST", -3 * hour: "ADT"]
    private static let australianEastern = [10 * hour: "AEST", 11 * hour: "AEDT"]
    private static let australianCentral = [9 * hour + 1800: "ACST", 10 * hour + 1800: "ACDT"]

    private static let known: [String: [Int: String]] = [
        "Europe/London": british, "Europe/Belfast": british, "Europe/Guernsey": british,
        "Europe/Isle_of_Man": british, "Europe/Jersey": british, "GB": british,
        "Europe/Dublin": irish, "Eire": irish,
        "Europe/Lisbon": western, "Atlantic/Canary": western, "Atlantic/Faroe": western, "Atlantic/Madeira": western,
        "Europe/Amsterdam": central, "Europe/Berlin": central, "Europe/Brussels": central,
        "Europe/Copenhagen": central, "Europe/Luxembourg": central, "Europe/Madrid": central,
        "Europe/Oslo": central, "Europe/Paris": central, "Europe/Prague": central, "Europe/Rome": central,
        "Europe/Stockholm": central, "Europe/Vienna": central, "Europe/Warsaw": central, "Europe/Zurich": central,
        "Europe/Budapest": central,
        "Europe/Athens": eastern, "Europe/Helsinki": eastern, "Europe/Tallinn": eastern, "Europe/Riga": eastern,
        "Europe/Vilnius": eastern, "Europe/Sofia": eastern, "Europe/Bucharest": eastern,
        "America/New_York": usEastern, "America/Detroit": usEastern, "America/Toronto": usEastern,
        "America/Indiana/Indianapolis": usEastern, "US/Eastern": usEastern,
        "America/Chicago": usCentral, "America/Winnipeg": usCentral, "US/Central": usCentral,
        "America/Denver": usMountain, "America/Edmonton": usMountain, "America/Boise": usMountain,
        "America/Phoenix": usMountain, "US/Mountain": usMountain, "US/Arizona": usMountain,
        "America/Los_Angeles": usPacific, "America/Vancouver": usPacific, "US/Pacific": usPacific,
        "America/Halifax": atlantic,
        "America/St_Johns": [-3 * hour - 1800: "NST", -2 * hour - 1800: "NDT"],
        "America/Anchorage": [-9 * hour: "AKST", -8 * hour: "AKDT"],
        "Pacific/Honolulu": [-10 * hour: "HST"], "US/Hawaii": [-10 * hour: "HST"],
        "Australia/Sydney": australianEastern, "Australia/Melbourne": australianEastern,
        "Australia/Canberra": australianEastern, "Australia/Hobart": australianEastern,
        "Australia/Brisbane": australianEastern,
        "Australia/Adelaide": australianCentral, "Australia/Darwin": australianCentral,
        "Australia/Perth": [8 * hour: "AWST"],
        "Pacific/Auckland": [12 * hour: "NZST", 13 * hour: "NZDT"],
        "Asia/Kolkata": [5 * hour + 1800: "IST"], "Asia/Calcutta": [5 * hour + 1800: "IST"],
        "Asia/Tokyo": [9 * hour: "JST"], "Asia/Hong_Kong": [8 * hour: "HKT"],
        "Africa/Johannesburg": [2 * hour: "SAST"],
    ]
}
