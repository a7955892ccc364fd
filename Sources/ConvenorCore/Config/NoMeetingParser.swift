import Foundation
import Yams

/// Reads a group's `no_meeting:` list: the windows the chairs say will have no meeting, so confirm-date stops.
///
/// ```yaml
/// no_meeting:
///   - window: Feb 2027
///     reason: the annual conference takes its place
/// ```
///
/// The window is named as chairs say it (`Feb 2027`, `Oct-Nov 2026`, `October–November 2026`, as the confirm-date
/// mail prints it) or by its occurrence key (`2027-02`, as `convenor chairs export` writes it). It must be one of
/// the cadence's windows, and it cannot also hold a meeting that is not cancelled.
enum NoMeetingParser {
    static let schema = MappingSchema(
        what: "a `no_meeting` entry",
        example: "- {window: Feb 2027, reason: the annual conference takes its place}",
        keys: ["window", "reason"],
        required: ["window"],
        redirected: [
            "start": "a window with a meeting goes under `meetings:`; here name the window: `window: Feb 2027`",
            "date": "name the window, not a date: `window: Feb 2027`",
        ]
    )

    /// The skips by occurrence key, or nil when the list is malformed (already reported).
    static func parse(_ node: Node, reader: NodeReader, cadence: Cadence?, meetings: [Meeting]) -> [String: WindowSkip]?
    {
        guard let items = reader.list(node, key: "no_meeting") else { return nil }
        guard let cadence, !cadence.windows.isEmpty else {
            reader.error(
                node,
                "`no_meeting` names windows, but the group has no `cadence: {windows: [...]}`",
                fix: "add the group's windows under `cadence:`, or remove `no_meeting:`"
            )
            return nil
        }
        var skips: [String: WindowSkip] = [:]
        var valid = true
        for item in items {
            // `- Feb 2027` alone is a window without a reason.
            let windowNode: Node
            var reason = ""
            if item.scalar != nil {
                windowNode = item
            } else {
                guard let map = reader.mapping(item, schema), let node = map["window"] else {
                    valid = false
                    continue
                }
                windowNode = node
                if let reasonNode = map["reason"] {
                    guard let text = reader.text(reasonNode, key: "reason") else {
                        valid = false
                        continue
                    }
                    reason = text
                }
            }
            guard let text = reader.text(windowNode, key: "window"),
                let occurrence = reader.check(windowNode, occurrence(named: text, in: cadence.windows))
            else {
                valid = false
                continue
            }
            let name = "\(occurrence.window) \(occurrence.firstDay.year)"
            if let other = skips[occurrence.key] {
                reader.error(
                    windowNode,
                    "\(name) is already in `no_meeting` (line \(other.location.line))",
                    fix: "remove one of the two entries"
                )
                valid = false
                continue
            }
            if let meeting = meetings.first(where: { !$0.cancelled && occurrence.contains($0.start.date) }) {
                reader.error(
                    windowNode,
                    "\(name) has a meeting on \(meeting.start) (line \(meeting.location.line)), so it cannot also "
                        + "have no meeting",
                    fix: "remove this entry, or mark the meeting `cancelled: true` (with a `reason:`) if it is off"
                )
                valid = false
                continue
            }
            skips[occurrence.key] = WindowSkip(reason: reason, location: reader.location(item))
        }
        return valid ? skips : nil
    }

    /// The window occurrence `text` names among `windows`: `Feb 2027`, `Oct-Nov 2026`, or the key `2026-10`.
    static func occurrence(named text: String, in windows: [MonthWindow]) -> Result<WindowOccurrence, ValueProblem> {
        let names = windows.map(\.description).joined(separator: ", ")
        let example = windows.first.map { "`window: \($0) 2027`" } ?? "`window: Feb 2027`"
        let form = "name one of the group's windows (\(names)) and the year it opens in, e.g. \(example)"
        // The occurrence key, as `convenor chairs export` writes it: the window's first month.
        let pieces = text.split(separator: "-")
        if pieces.count == 2, pieces[0].count == 4, pieces[1].count == 2, let year = Int(pieces[0]),
            let month = Int(pieces[1]), let day = LocalDate(year: year, month: month, day: 1)
        {
            return occurrence(containing: day, text: text, windows: windows, form: form)
        }
        // `Feb 2027`, `Oct-Nov 2026`, `October–November 2026`: a window, then the year it opens in.
        // `December 2026–January 2027`, as the mail prints a window crossing the year end: the first year goes.
        var spoken = text
        var openingYear: Int?
        if let dash = text.firstIndex(where: { $0 == "–" || $0 == "—" || $0 == "-" }) {
            let head = text[..<dash].split(whereSeparator: \.isWhitespace)
            if head.count == 2, head[1].count == 4, let year = Int(head[1]) {
                spoken = "\(head[0])\(text[dash...])"
                openingYear = year
            }
        }
        let words = spoken.split(whereSeparator: \.isWhitespace)
        guard words.count >= 2, let last = words.last, last.count == 4, let closingYear = Int(last),
            case let year = openingYear ?? closingYear, SupportedDates.years.contains(year)
        else {
            if case .success = NodeReader.parseDate(text) {
                return .failure(ValueProblem("`\(text)` is a day, not a meeting window", fix: form))
            }
            return .failure(ValueProblem("`\(text)` does not name a meeting window and its year", fix: form))
        }
        let windowText = words.dropLast().joined(separator: " ")
        guard case .success(let named) = MonthWindow.parse(windowText) else {
            return .failure(ValueProblem("`\(text)` does not name a meeting window and its year", fix: form))
        }
        if windows.contains(named) { return .success(named.occurrence(in: year)) }
        guard let day = LocalDate(year: year, month: named.firstMonth, day: 1) else {
            return .failure(ValueProblem("`\(text)` does not name a meeting window and its year", fix: form))
        }
        return occurrence(containing: day, text: text, windows: windows, form: form)
    }

    /// The occurrence holding `day` when `day` opens it; otherwise the fix names the window it falls in.
    private static func occurrence(
        containing day: LocalDate,
        text: String,
        windows: [MonthWindow],
        form: String
    ) -> Result<WindowOccurrence, ValueProblem> {
        guard let found = windows.lazy.compactMap({ $0.occurrence(containing: day) }).first else {
            return .failure(ValueProblem("`\(text)` is outside every window of the group", fix: form))
        }
        // Only the key names a window by a single month; a month in words that is not a whole window is a part.
        if found.firstDay == day, !text.contains(where: \.isLetter) { return .success(found) }
        let rewritten = "\(found.window) \(found.firstDay.year)"
        return .failure(
            ValueProblem(
                "`\(text)` is part of the \(rewritten) window",
                fix: "name the whole window: `window: \(rewritten)`",
                rewritten: rewritten
            )
        )
    }
}
