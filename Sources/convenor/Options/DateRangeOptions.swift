import ArgumentParser
import ConvenorCore
import Foundation

/// `--from DATE --to DATE`: an inclusive run of days in the installation's zone, as chairs think of a range.
struct DateRangeOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp("First day to include, e.g. 2026-09-01 (default: now).", valueName: "date"),
        transform: DateRangeOptions.parseDay
    )
    var from: LocalDate?

    @Option(
        help: ArgumentHelp("Last day to include, e.g. 2027-08-31 (default: a year after --from).", valueName: "date"),
        transform: DateRangeOptions.parseDay
    )
    var to: LocalDate?

    func validate() throws {
        if let from, let to, to < from {
            throw ValidationError("--to \(to) is before --from \(from); give the earlier day to --from")
        }
    }

    /// The instants `[start, end)` the range covers: from the start of `--from` to the end of `--to`, local time in
    /// `zone`. Without `--from` the range starts at `now`; without `--to` it runs for `defaultLength` days.
    func interval(now: Date, in zone: TimeZone, defaultLengthInDays: Int) -> (start: Date, end: Date) {
        let start = from?.startInstant(in: zone) ?? now
        let firstDay = from ?? LocalDate(instant: now, in: zone)
        let lastDay = to ?? firstDay.adding(days: defaultLengthInDays - 1)
        return (start, lastDay.adding(days: 1).startInstant(in: zone))
    }

    static func parseDay(_ text: String) throws -> LocalDate {
        guard let day = LocalDate(iso: text) else {
            throw ValidationError("'\(text)' is not a day; write it as YYYY-MM-DD, e.g. 2026-09-01")
        }
        guard SupportedDates.contains(day) else {
            throw ValidationError(
                "'\(text)' is outside the years convenor supports; write a day \(SupportedDates.rangeText)"
            )
        }
        return day
    }
}
