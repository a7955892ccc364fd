import ArgumentParser
import ConvenorCore
import Foundation

/// `--now T`: the moment a command takes as "now", so chairs can ask what would happen on a given day.
///
/// Commands take it through `@OptionGroup var clock: ClockOptions` and read `clock.now`. The real clock is read
/// here, at the edge; the core only ever receives the resulting `Date`.
struct ClockOptions: ParsableArguments {
    @Option(
        name: .customLong("now"),
        help: ArgumentHelp(
            "Pretend it is this moment, to see what convenor would do then (default: the real time).",
            discussion: """
                Write a date and time with its offset from UTC, e.g. 2026-11-24T09:00:00Z or \
                2026-11-24T09:00:00+00:00 (seconds may be left out). A bare date such as 2026-11-24 means \
                midnight UTC at the start of that day.
                """,
            valueName: "time"
        ),
        transform: ClockOptions.parse
    )
    var fixedNow: Date?

    /// The fixed moment if `--now` was given, else the real time.
    var now: Date { fixedNow ?? Date() }

    /// Reads `--now`; a bad value is a usage error (exit status 2).
    static func parse(_ text: String) throws -> Date {
        if let date = date(from: text) {
            guard SupportedDates.contains(date) else {
                throw ValidationError(
                    "'\(text)' is outside the years convenor supports; write a moment \(SupportedDates.rangeText), "
                        + "e.g. 2026-11-24T09:00:00Z"
                )
            }
            return date
        }
        throw ValidationError(
            "'\(text)' is not a moment convenor understands; write e.g. 2026-11-24T09:00:00Z or 2026-11-24T09:00:00+00:00"
        )
    }

    /// ISO 8601 with an offset (`Z` or `±HH:MM`), with or without seconds or fractions; or a bare date (UTC midnight).
    static func date(from text: String) -> Date? {
        // The formatter rolls 2026-02-30 over into March and 25:00 into the next day; a chair's typo must not.
        guard LocalDate(iso: text.prefix(10)) != nil else { return nil }
        if text.count > 10 {
            let time = text.dropFirst(11).prefix(5)
            guard text.dropFirst(10).first == "T", time.count == 5, LocalTime(text: time) != nil else { return nil }
        }
        let formatter = ISO8601DateFormatter()
        let attempts: [(ISO8601DateFormatter.Options, String)] = [
            ([.withInternetDateTime], text),
            ([.withInternetDateTime, .withFractionalSeconds], text),
            // Without seconds: add them so the strict formatter accepts the rest.
            ([.withInternetDateTime], withSeconds(text)),
            ([.withFullDate], text),
        ]
        for (options, candidate) in attempts {
            formatter.formatOptions = options
            formatter.timeZone = TimeZone(identifier: "UTC")
            if options == [.withFullDate], candidate.count != 10 { continue }
            if let date = formatter.date(from: candidate) { return date }
        }
        return nil
    }

    /// `2026-11-24T09:00Z` → `2026-11-24T09:00:00Z`; anything else unchanged.
    private static func withSeconds(_ text: String) -> String {
        guard let tee = text.firstIndex(of: "T") else { return text }
        let time = text[text.index(after: tee)...]
        guard time.count >= 5, time.prefix(5).filter({ $0 == ":" }).count == 1 else { return text }
        let rest = time.dropFirst(5)
        guard rest.first.map({ $0 == "Z" || $0 == "+" || $0 == "-" }) == true else { return text }
        return String(text[...tee]) + time.prefix(5) + ":00" + rest
    }
}
