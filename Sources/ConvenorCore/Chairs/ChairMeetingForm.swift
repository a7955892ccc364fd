import Foundation
import Yams

/// What a chair fills in to confirm a date (and later to edit it): read from the page's fields, written as the
/// YAML of a `meetings:` entry, so the group file's own parser checks it (`ChairOverlay.meeting`).
///
/// The chair's words never become YAML by hand: Yams serialises the values, quoting what needs quoting, so
/// nothing typed can add a key (`minutes:`) or break the entry.
package struct ChairMeetingForm: Hashable, Sendable {
    /// `2027-02-10 14:00`, as after `start:` in a group file.
    package var start: String
    /// One item per line, empty lines dropped.
    package var agenda: [String]
    package var online: String
    package var venue: String
    /// Why it was moved or called off (reschedule, cancel).
    package var reason: String

    package init(start: String, agenda: [String] = [], online: String = "", venue: String = "", reason: String = "") {
        self.start = start
        self.agenda = agenda
        self.online = online
        self.venue = venue
        self.reason = reason
    }

    /// Reads the page's fields: `candidate` (a proposed start, or `other`), `date` and `time` (the chair's own),
    /// `agenda` (one item a line), `online`, `venue`, `reason`.
    package init(fields: (String) -> String?) {
        func trimmed(_ name: String) -> String { (fields(name) ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
        let candidate = trimmed("candidate")
        if !candidate.isEmpty, candidate != "other" {
            start = candidate
        } else {
            let date = trimmed("date")
            let time = trimmed("time")
            start = date.isEmpty && time.isEmpty ? "" : "\(date) \(time)"
        }
        agenda = (fields("agenda") ?? "").split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        online = trimmed("online")
        venue = trimmed("venue")
        reason = trimmed("reason")
    }

    /// The problem of a form left without a date, before any parsing.
    package var missingStart: ValueProblem? {
        start.isEmpty
            ? ValueProblem(
                "no date was chosen",
                fix: "pick one of the proposed dates, or write a date and a time in the window"
            )
            : nil
    }

    /// The entry as YAML: `start`, `agenda`, `online`, `venue`, and for `cancelled` the flag and `reason`.
    package func payload(cancelled: Bool = false) -> String {
        var pairs: [(Node, Node)] = [(Node("start"), Node(start))]
        if !agenda.isEmpty { pairs.append((Node("agenda"), Node.sequence(Node.Sequence(agenda.map { Node($0) })))) }
        if !online.isEmpty { pairs.append((Node("online"), Node(online))) }
        if !venue.isEmpty { pairs.append((Node("venue"), Node(venue))) }
        if cancelled { pairs.append((Node("cancelled"), Node("true"))) }
        if !reason.isEmpty { pairs.append((Node("reason"), Node(reason))) }
        return (try? Yams.serialize(node: Node.mapping(Node.Mapping(pairs)), allowUnicode: true)) ?? ""
    }

    /// The form filled from a saved entry (to edit it), or nil when the payload is not one.
    package init?(payload: String) {
        guard let map = (try? Yams.compose(yaml: payload))?.mapping, let start = map["start"]?.string else {
            return nil
        }
        self.init(
            start: start,
            agenda: map["agenda"]?.sequence?.compactMap(\.string) ?? [],
            online: map["online"]?.string ?? "",
            venue: map["venue"]?.string ?? "",
            reason: map["reason"]?.string ?? ""
        )
    }
}

extension ChairOverlay {
    /// `fileConfig` (the operator's files) with `saved` and then `draft` applied, and the problems of `draft`
    /// alone: what the page shows before saving, and refuses to save while any remain. `draft` is numbered after
    /// every saved change, as the store will number it.
    package static func trying(
        _ draft: ChairChange,
        after saved: [ChairChange],
        over fileConfig: Config
    ) -> (config: Config, problems: [Diagnostic], draft: ChairChange) {
        var numbered = draft
        numbered.number = (saved.map(\.number).max() ?? 0) + 1
        let (config, diagnostics) = apply(saved + [numbered], to: fileConfig)
        return (config, diagnostics.filter { $0.location == numbered.location }, numbered)
    }

    /// The latest change of a group's occurrence (its number is what a page passes back as `seen`).
    package static func latest(of group: String, occurrence: String, in changes: [ChairChange]) -> ChairChange? {
        changes.filter { $0.group == group && $0.occurrence == occurrence }.max { $0.number < $1.number }
    }
}
