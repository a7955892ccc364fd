extension ProposeRule {
    /// Reads `second Wednesday 14:00` (also `2nd Wed 14:00`, `last friday at 10:30`); case does not matter.
    static func parse(_ text: String) -> Result<ProposeRule, ValueProblem> {
        let fix =
            "write which weekday of the month and a time, e.g. `second Wednesday 14:00` (first, second, third, fourth or last)"
        let words = text.lowercased().split { $0 == " " || $0 == "," }.map(String.init).filter { $0 != "at" }
        guard words.count == 3 else {
            return .failure(ValueProblem("`\(text)` is not a rule for proposing dates", fix: fix))
        }
        guard let ordinal = ordinal(words[0]) else {
            return .failure(
                ValueProblem("`\(words[0])` in `\(text)` is not first, second, third, fourth or last", fix: fix)
            )
        }
        guard let weekday = Weekday.parse(words[1]) else {
            let hint =
                Suggestion.closest(to: words[1], in: Weekday.allCases.map(\.name)).map { "did you mean `\($0)`? " }
                ?? ""
            return .failure(ValueProblem("`\(words[1])` in `\(text)` is not a day of the week", fix: hint + fix))
        }
        guard let time = LocalTime(text: words[2]) else {
            return .failure(
                ValueProblem(
                    "`\(words[2])` in `\(text)` is not a time of day",
                    fix: "write the time as HH:MM on the 24-hour clock, e.g. `14:00`"
                )
            )
        }
        return .success(ProposeRule(ordinal: ordinal, weekday: weekday, time: time))
    }

    private static func ordinal(_ word: String) -> Ordinal? {
        switch word {
        case "first", "1st": .first
        case "second", "2nd": .second
        case "third", "3rd": .third
        case "fourth", "4th": .fourth
        case "last": .last
        default: nil
        }
    }
}

extension Weekday {
    /// `mon`, `Monday`, `MON`: the three-letter spelling or the full name, any case.
    static func parse(_ text: String) -> Weekday? {
        let lowered = text.lowercased()
        return allCases.first { $0.rawValue == lowered || $0.name.lowercased() == lowered }
    }
}
