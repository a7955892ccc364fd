package import Foundation

/// The years convenor supports for any date that comes from outside: flags (`--now`, `--from`, `--to`,
/// `--month`) and the YAML (meetings, closures, terms of reference, calls for members).
///
/// A group meets a few times a year for decades at most; the time zone database says nothing reliable about 2500,
/// and years such as 9999 overflowed the scheduler's arithmetic. Bounding every input here turns a typo into a
/// clear message instead of a crash.
package enum SupportedDates {
    /// 1970 to 2200 inclusive.
    package static let years: ClosedRange<Int> = 1970...2200

    /// How messages name the range: "between 1970 and 2200".
    package static let rangeText = "between \(years.lowerBound) and \(years.upperBound)"

    /// True for a day in a supported year.
    package static func contains(_ date: LocalDate) -> Bool { years.contains(date.year) }

    /// True for an instant from 1970-01-01T00:00Z up to the end of 2200 (UTC).
    package static func contains(_ instant: Date) -> Bool {
        instant >= lowestInstant && instant < endInstant
    }

    static let lowestInstant = Date(timeIntervalSince1970: 0)
    /// 2201-01-01T00:00:00Z.
    static let endInstant = Date(timeIntervalSince1970: 7_289_654_400)
}

extension LocalDate {
    /// 1970-01-01: what arithmetic on an impossible year falls back to instead of trapping.
    static let clampedFallback = LocalDate(daysSinceEpoch: 0)
}
