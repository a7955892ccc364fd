extension MonthWindow {
    /// Reads `Feb`, `Oct-Nov`, `october-november`, `Dec-Jan` (crossing the year end); case does not matter.
    static func parse(_ text: String) -> Result<MonthWindow, ValueProblem> {
        // Chairs paste from word processors, which turn "-" into an en dash.
        let parts = text.split { $0 == "-" || $0 == "–" || $0 == "—" }.map { String($0).trimmingSpaces }
        guard (1...2).contains(parts.count), parts.allSatisfy({ !$0.isEmpty }) else {
            return .failure(
                ValueProblem(
                    "`\(text)` is not a meeting window",
                    fix: "write one month or a range of months, e.g. `Feb` or `Oct-Nov`"
                )
            )
        }
        if text.contains("/"), case .success(let window) = parseProse(text) {
            return .failure(
                ValueProblem(
                    "`\(text)` is not a meeting window",
                    fix: "write a range of months with a hyphen: `\(window)`",
                    rewritten: window.description
                )
            )
        }
        var months: [Int] = []
        for part in parts {
            guard let month = month(named: part) else {
                let candidates = monthAbbreviations + monthNames
                let hint = Suggestion.closest(to: part, in: candidates).map { "did you mean `\($0)`? " } ?? ""
                return .failure(
                    ValueProblem(
                        "unknown month `\(part)` in window `\(text)`",
                        fix:
                            "\(hint)write months as Jan, Feb, Mar, Apr, May, Jun, Jul, Aug, Sep, Oct, Nov, Dec or in full"
                    )
                )
            }
            months.append(month)
        }
        return .success(MonthWindow(firstMonth: months[0], lastMonth: months.last!))
    }

    /// A window as prose writes it: `October/November` is the range `Oct-Nov`.
    static func parseProse(_ text: String) -> Result<MonthWindow, ValueProblem> {
        parse(String(text.map { $0 == "/" ? "-" : $0 }))
    }

    /// 1...12 for an abbreviation or full name in any case ("Sept" too), nil otherwise.
    static func month(named name: String) -> Int? {
        let lowered = name.lowercased()
        if lowered == "sept" { return 9 }
        if let index = monthAbbreviations.firstIndex(where: { $0.lowercased() == lowered }) { return index + 1 }
        if let index = monthNames.firstIndex(where: { $0.lowercased() == lowered }) { return index + 1 }
        return nil
    }

    /// Whether the window covers a month (1...12).
    func contains(month: Int) -> Bool {
        crossesYearEnd ? (month >= firstMonth || month <= lastMonth) : (firstMonth...lastMonth).contains(month)
    }

    /// The occurrence key of the window holding `date`: the window's first month in the year it opened.
    func occurrenceKey(for date: LocalDate) -> String {
        let year = crossesYearEnd && date.month <= lastMonth ? date.year - 1 : date.year
        let first = LocalDate(year: year, month: firstMonth, day: 1)!
        return String(first.description.prefix(7))
    }
}
