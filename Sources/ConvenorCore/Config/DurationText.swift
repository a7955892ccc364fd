/// Reads lengths of time as chairs write them: "90 minutes", "1 hour 30 minutes", "28 days before",
/// "8 weeks before window", "12 months after update", "off".
enum DurationText {
    /// Singular spellings, for suggestions and messages.
    static let unitNames = ["minute", "hour", "day", "week", "month", "year"]

    /// "1 hour 30 minutes" → a span; "28 days", "8 weeks", "12 months", "1 year" too.
    static func span(_ text: String) -> Result<CalendarSpan, ValueProblem> {
        let words = text.lowercased().split { $0 == " " || $0 == "," }.filter { $0 != "and" }.map(String.init)
        guard !words.isEmpty, words.count % 2 == 0 else {
            return .failure(
                ValueProblem(
                    "`\(text)` is not a length of time",
                    fix: "write a number and a unit, e.g. `90 minutes` or `1 hour 30 minutes`"
                )
            )
        }
        var span = CalendarSpan()
        var index = 0
        while index < words.count {
            let numberWord = words[index]
            let unitWord = words[index + 1]
            guard let number = Int(numberWord), number >= 0, number < 100_000 else {
                if let rewritten = wholeNumberForm(numberWord, unitWord, in: words, at: index) {
                    return .failure(
                        ValueProblem(
                            "`\(numberWord)` in `\(text)` is not a whole number",
                            fix: "write `\(rewritten)`",
                            rewritten: rewritten
                        )
                    )
                }
                return .failure(
                    ValueProblem(
                        "`\(numberWord)` in `\(text)` is not a whole number",
                        fix: "write digits, e.g. `28 days`"
                    )
                )
            }
            let unit = unitWord.hasSuffix("s") ? String(unitWord.dropLast()) : unitWord
            switch unit {
            case "minute", "min": span.minutes += number
            case "hour", "hr": span.minutes += number * 60
            case "day": span.days += number
            case "week": span.days += number * 7
            case "month": span.months += number
            case "year": span.months += number * 12
            default:
                let suggestion = Suggestion.closest(to: unit, in: unitNames).map { "did you mean `\($0)s`? " } ?? ""
                return .failure(
                    ValueProblem(
                        "unknown unit `\(unitWord)` in `\(text)`",
                        fix: "\(suggestion)write minutes, hours, days, weeks, months or years"
                    )
                )
            }
            index += 2
        }
        return .success(span)
    }

    /// `1.5 hours` as `90 minutes`, `1.5 weeks`... only when the smaller unit makes it whole; the rest of the
    /// phrase (`1.5 hours 10 minutes`) is left as written.
    private static func wholeNumberForm(
        _ numberWord: String,
        _ unitWord: String,
        in words: [String],
        at index: Int
    )
        -> String?
    {
        let decimal = numberWord.replacingCommaWithPoint
        guard let value = Double(decimal), value > 0, value < 100_000 else { return nil }
        let unit = unitWord.hasSuffix("s") ? String(unitWord.dropLast()) : unitWord
        let smaller: [String: (factor: Double, name: String)] = [
            "hour": (60, "minute"), "hr": (60, "minute"), "week": (7, "day"), "year": (12, "month"),
            "day": (24, "hour"),
        ]
        guard let (factor, name) = smaller[unit] else { return nil }
        let converted = value * factor
        guard converted == converted.rounded(), converted >= 1 else { return nil }
        let count = Int(converted)
        let rest = words[(index + 2)...].joined(separator: " ")
        let head = "\(count) \(name)\(count == 1 ? "" : "s")"
        return rest.isEmpty ? head : "\(head) \(rest)"
    }

    /// A meeting length: hours and minutes only, more than zero.
    static func meetingLength(_ text: String) -> Result<Int, ValueProblem> {
        span(text).flatMap { span in
            guard span.months == 0, span.days == 0, span.minutes > 0, span.minutes <= 24 * 60 else {
                return .failure(
                    ValueProblem(
                        "a meeting cannot last `\(text)`",
                        fix: "write hours and minutes, e.g. `90 minutes` or `2 hours`"
                    )
                )
            }
            return .success(span.minutes)
        }
    }

    /// A timeout such as `30 seconds` or `10 minutes`, in seconds.
    static func seconds(_ text: String) -> Result<Int, ValueProblem> {
        let words = text.lowercased().split(separator: " ").map(String.init)
        if words.count == 2, let number = Int(words[0]), number > 0,
            ["second", "seconds", "sec", "secs"].contains(words[1])
        {
            return .success(number)
        }
        return span(text).flatMap { span in
            guard span.months == 0, span.days == 0, span.minutes > 0 else {
                return .failure(
                    ValueProblem("`\(text)` is not a timeout", fix: "write seconds or minutes, e.g. `30 seconds`")
                )
            }
            return .success(span.minutes * 60)
        }
    }

    /// The form a kind's timing takes, with an example for messages.
    enum Form {
        case before, after, beforeWindow, afterUpdate

        var words: String {
            switch self {
            case .before: "before"
            case .after: "after"
            case .beforeWindow: "before window"
            case .afterUpdate: "after update"
            }
        }

        var meaning: String {
            switch self {
            case .before: "before the meeting"
            case .after: "after the meeting"
            case .beforeWindow: "before the meeting window opens"
            case .afterUpdate: "after the terms of reference were last updated"
            }
        }
    }

    /// Which form `mailings:` accepts for a kind; nil for kinds that are not timed there.
    static func form(for kind: MailingKind) -> Form? { kind.descriptor.timingForm }

    /// The value the fix shows for a kind (`28 days before`).
    static func example(for kind: MailingKind) -> String { kind.descriptor.timingExample }

    /// `28 days before`, `off`, ... for one kind of mailing.
    static func timing(_ text: String, for kind: MailingKind) -> Result<MailingTiming, ValueProblem> {
        let lowered = text.lowercased().trimmingSpaces
        if lowered == "off" || lowered == "never" || lowered == "false" || lowered == "no" { return .success(.off) }
        guard let expected = form(for: kind) else {
            return .failure(ValueProblem("`\(kind.rawValue)` cannot be timed", fix: "remove it"))
        }
        let fix = "write e.g. `\(kind.rawValue): \(example(for: kind))` (\(expected.meaning)), or `off`"
        let forms: [(Form, String)] = [
            (.beforeWindow, " before window"), (.afterUpdate, " after update"), (.before, " before"),
            (.after, " after"),
        ]
        guard let (form, suffix) = forms.first(where: { lowered.hasSuffix($0.1) }) else {
            return .failure(ValueProblem("`\(text)` does not say when `\(kind.rawValue)` goes out", fix: fix))
        }
        guard form == expected else {
            return .failure(
                ValueProblem(
                    "`\(kind.rawValue)` is counted \(expected.meaning), not `\(form.words)`",
                    fix: fix
                )
            )
        }
        let spanText = String(lowered.dropLast(suffix.count))
        switch span(spanText) {
        case .failure(let problem):
            // Keep the span's "did you mean `days`?" in front of the kind's example.
            if let rewritten = problem.rewritten {
                return .failure(ValueProblem(problem.problem, fix: "write `\(kind.rawValue): \(rewritten)\(suffix)`"))
            }
            let hint = problem.fix.hasPrefix("did you mean") ? String(problem.fix.prefix { $0 != "?" }) + "? " : ""
            return .failure(ValueProblem(problem.problem, fix: hint + fix))
        case .success(let span):
            switch form {
            case .before: return .success(.before(span))
            case .after: return .success(.after(span))
            case .beforeWindow: return .success(.beforeWindow(span))
            case .afterUpdate:
                guard !span.isZero else {
                    return .failure(ValueProblem("a review every `\(spanText)` would never stop", fix: fix))
                }
                return .success(.afterUpdate(span))
            }
        }
    }
}

extension String {
    /// `1,5` (as written in much of Europe) read as `1.5`.
    fileprivate var replacingCommaWithPoint: String { String(map { $0 == "," ? "." : $0 }) }

    /// Without leading and trailing spaces (no Foundation needed for this one).
    var trimmingSpaces: String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
