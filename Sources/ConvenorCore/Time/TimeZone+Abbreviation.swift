package import Foundation
import Synchronization

extension TimeZone {
    /// The abbreviation people in the zone use at `instant`: `BST`/`GMT`, `EDT`/`EST`, `AEDT`/`AEST`.
    ///
    /// `abbreviation(for:)` answers `GMT+1` on Linux, which no chair would write. The CLDR short names are
    /// localised, so ask in the English of the zone's region (British names in Europe, American ones in the
    /// Americas, Australian ones in Australia); zones with no common English name keep the `GMT+9` form.
    package func readableAbbreviation(for instant: Date) -> String {
        let daylight = isDaylightSavingTime(for: instant)
        let key = AbbreviationKey(zone: identifier, daylight: daylight)
        if let known = Self.abbreviations.withLock({ $0[key] }) { return known }
        let style: NameStyle = daylight ? .shortDaylightSaving : .shortStandard
        let locale = Locale(identifier: Self.englishLocale(forZone: identifier))
        if let name = localizedName(for: style, locale: locale) {
            Self.abbreviations.withLock { $0[key] = name }
            return name
        }
        // Not kept: without a CLDR name the fallback can change with the instant (a zone's offset history).
        return abbreviation(for: instant) ?? identifier
    }

    /// A zone's name in summer or winter: asking ICU for it builds a locale each time (3 % of `schedule` at 1,000
    /// groups, where a few zones are named thousands of times), and the answer never changes within a process.
    private struct AbbreviationKey: Hashable {
        var zone: String
        var daylight: Bool
    }

    private static let abbreviations = Mutex<[AbbreviationKey: String]>([:])

    /// The English locale whose CLDR names fit a zone's region.
    static func englishLocale(forZone identifier: String) -> String {
        let region = identifier.split(separator: "/").first.map(String.init) ?? ""
        switch region {
        case "America", "US", "Canada": return "en_US"
        case "Australia": return "en_AU"
        case "Pacific": return "en_NZ"
        case "Asia": return "en_IN"
        default: return identifier == "Europe/Dublin" ? "en_IE" : "en_GB"
        }
    }
}
