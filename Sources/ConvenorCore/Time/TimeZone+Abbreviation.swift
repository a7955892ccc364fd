package import Foundation

extension TimeZone {
    /// The abbreviation people in the zone use at `instant`: `BST`/`GMT`, `EDT`/`EST`, `AEDT`/`AEST`.
    ///
    /// `abbreviation(for:)` answers `GMT+1` on Linux, which no chair would write. The CLDR short names are
    /// localised, so ask in the English of the zone's region (British names in Europe, American ones in the
    /// Americas, Australian ones in Australia); zones with no common English name keep the `GMT+9` form.
    package func readableAbbreviation(for instant: Date) -> String {
        let style: NameStyle = isDaylightSavingTime(for: instant) ? .shortDaylightSaving : .shortStandard
        let locale = Locale(identifier: Self.englishLocale(forZone: identifier))
        return localizedName(for: style, locale: locale) ?? abbreviation(for: instant) ?? identifier
    }

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
