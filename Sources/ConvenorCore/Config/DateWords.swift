/// Reads a date as chairs write it in prose ("15th January 2026", "3 Sept 2025", "Wednesday 12 November 2026",
/// "January 15, 2026"), so a fix can quote it back as `2026-01-15` instead of a generic example.
///
/// Only dates with the month in words are read: "03/09/2025" is 3 September in Leeds and 9 March in Boston, and a
/// fix must never guess between them.
enum DateWords {
    /// The day meant, or nil when the text is not a date in words (or names a day that does not exist).
    static func date(_ text: String) -> LocalDate? {
        let words = text.split { $0 == " " || $0 == "," }.map { $0.lowercased() }.filter { !$0.isEmpty }
        guard (2...4).contains(words.count) else { return nil }
        var day: Int?
        var month: Int?
        var year: Int?
        for word in words {
            if weekdays.contains(where: { word.hasPrefix($0) }), month == nil || day != nil {
                continue
            }
            let digits = ordinalStripped(word)
            if let number = Int(digits) {
                if digits.count == 4, digits == word, year == nil {
                    year = number
                } else if (1...31).contains(number), day == nil {
                    day = number
                } else {
                    return nil
                }
            } else if let named = MonthWindow.month(named: word.hasSuffix(".") ? String(word.dropLast()) : word),
                month == nil
            {
                month = named
            } else {
                return nil
            }
        }
        guard let day, let month, let year else { return nil }
        return LocalDate(year: year, month: month, day: day)
    }

    private static let weekdays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

    /// `15th` → `15`; other words unchanged.
    private static func ordinalStripped(_ word: String) -> String {
        for suffix in ["st", "nd", "rd", "th"] where word.hasSuffix(suffix) && word.count > 2 {
            return String(word.dropLast(2))
        }
        return word
    }
}
