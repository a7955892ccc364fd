package import Foundation
import Yams

/// The chairs' changes as text: one line each for the audit trail (`convenor chairs log`, the group page), and
/// everything that holds now as YAML (`convenor chairs export`), for the operator to read, keep or copy into the
/// group files.
package enum ChairExport {
    /// One line of the audit trail: number, time (UTC), group, window, action, who, and what.
    package static func logLine(_ change: ChairChange) -> String {
        "#\(change.number)  \(timestamp(change.at))  \(change.group)  \(change.occurrence)  \(change.action.rawValue)"
            + "  \(change.author)  \(summary(change))"
    }

    /// What a change says, in a few words: the start (and reason) of a meeting, the size of minutes.
    /// How many lines a text holds as an editor counts them: a final line break ends the last line, it starts none.
    static func lineCount(_ text: String) -> Int {
        guard !text.isEmpty else { return 0 }
        let pieces = text.split(separator: "\n", omittingEmptySubsequences: false).count
        return text.hasSuffix("\n") ? pieces - 1 : pieces
    }

    package static func summary(_ change: ChairChange) -> String {
        switch change.action {
        case .confirm, .agenda, .reschedule, .cancel:
            guard let map = (try? Yams.compose(yaml: change.payload))?.mapping else { return "" }
            var parts = [map["start"]?.string.map { "start \($0)" }]
            if let items = map["agenda"]?.sequence { parts.append("\(items.count) agenda item(s)") }
            if map["cancelled"]?.string == "true" { parts.append("cancelled") }
            if let reason = map["reason"]?.string { parts.append("reason: \(reason)") }
            return parts.compactMap { $0 }.joined(separator: ", ")
        case .skip:
            return change.payload.isEmpty ? "no meeting this window" : "no meeting this window: \(change.payload)"
        case .minutesDraft, .minutesReady:
            return "\(change.format == "md" ? "Markdown" : "plain text"), \(lineCount(change.payload)) line(s)"
        case .wording:
            return "the group's own wording of \(change.occurrence).mustache, \(lineCount(change.payload)) line(s)"
        case .wordingDefault:
            return "back to the installation's wording of \(change.occurrence).mustache"
        }
    }

    /// Everything that holds now, by group, as YAML: the meetings in `meetings:` entry form, the windows with no
    /// meeting, and the minutes with their text. Each entry says who saved it and when.
    package static func yaml(_ changes: [ChairChange]) -> String {
        var groups: [(Node, Node)] = []
        for (group, state) in ChairOverlay.fold(changes).sorted(by: { $0.key < $1.key }) {
            var sections: [(Node, Node)] = []
            let meetings = state.meetings.sorted { $0.key < $1.key }.map { occurrence, change -> Node in
                var pairs: [(Node, Node)] = [(Node("window"), Node(occurrence))]
                if let map = (try? Yams.compose(yaml: change.payload))?.mapping {
                    pairs += map.map { ($0.key, $0.value) }
                }
                pairs += provenance(change)
                return Node.mapping(Node.Mapping(pairs))
            }
            if !meetings.isEmpty { sections.append((Node("meetings"), Node.sequence(Node.Sequence(meetings)))) }
            let skipped = state.skipped.sorted { $0.key < $1.key }.map { occurrence, change -> Node in
                var pairs: [(Node, Node)] = [(Node("window"), Node(occurrence))]
                if !change.payload.isEmpty { pairs.append((Node("reason"), Node(change.payload))) }
                return Node.mapping(Node.Mapping(pairs + provenance(change)))
            }
            if !skipped.isEmpty { sections.append((Node("no_meeting"), Node.sequence(Node.Sequence(skipped)))) }
            let minutes = state.minutes.sorted { $0.key < $1.key }.map { occurrence, change -> Node in
                Node.mapping(
                    Node.Mapping(
                        [
                            (Node("meeting"), Node(occurrence)),
                            (Node("state"), Node(change.action == .minutesReady ? "ready" : "draft")),
                            (Node("format"), Node(change.format == "md" ? "md" : "txt")),
                            (Node("text"), Node(change.payload, Tag(.str), .literal)),
                        ] + provenance(change)
                    )
                )
            }
            if !minutes.isEmpty { sections.append((Node("minutes"), Node.sequence(Node.Sequence(minutes)))) }
            // Only the wordings that hold: a "back to the default" leaves nothing to keep.
            let wording = state.wording.sorted { $0.key < $1.key }.filter { $0.value.action == .wording }
                .map { name, change -> Node in
                    Node.mapping(
                        Node.Mapping(
                            [
                                (Node("template"), Node(name)),
                                (Node("text"), Node(change.payload, Tag(.str), .literal)),
                            ] + provenance(change)
                        )
                    )
                }
            if !wording.isEmpty { sections.append((Node("wording"), Node.sequence(Node.Sequence(wording)))) }
            groups.append((Node(group), Node.mapping(Node.Mapping(sections))))
        }
        let header =
            "# What chairs saved on the web (convenor chairs export); the ledger holds it, back it up with it.\n"
        guard !groups.isEmpty else { return header + "{}\n" }
        let body = (try? Yams.serialize(node: Node.mapping(Node.Mapping(groups)), allowUnicode: true)) ?? ""
        return header + body
    }

    private static func provenance(_ change: ChairChange) -> [(Node, Node)] {
        [
            (Node("saved_by"), Node(change.author)), (Node("saved_at"), Node(timestamp(change.at))),
            (Node("change"), Node(String(change.number))),
        ]
    }

    /// `2026-11-02 10:31 UTC`.
    package static func timestamp(_ date: Date) -> String {
        "\(LocalDateTime(instant: date, in: TimeZone(identifier: "UTC")!)) UTC"
    }
}
