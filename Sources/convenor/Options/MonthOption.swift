import ArgumentParser
import ConvenorCore

/// `--month YYYY-MM`: one calendar month.
struct MonthOption: ExpressibleByArgument {
    var firstDay: LocalDate

    init?(argument: String) {
        // Outside `SupportedDates` is refused like a malformed month; the help names the range.
        guard argument.count == 7, let day = LocalDate(iso: argument + "-01"), SupportedDates.contains(day) else {
            return nil
        }
        firstDay = day
    }

    var lastDay: LocalDate { firstDay.adding(months: 1).adding(days: -1) }

    static var defaultCompletionKind: CompletionKind { .default }
}
