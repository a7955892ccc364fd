import Foundation

// The terminal rendering: plain text, 2-space indents, columns aligned per group, every month shown so a quiet month
// reads as quiet rather than missing.

extension YearOverview {
    /// The overview as plain text for the terminal, ending with a newline.
    package var text: String {
        var lines = [
            "Year overview, \(rangeText)",
            "\(network): \(groups.count) group\(groups.count == 1 ? "" : "s"); times are local to each group.",
        ]
        if groups.isEmpty { lines.append("No groups are configured.") }
        for year in groups {
            lines.append("")
            lines += year.textLines
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension YearOverview.GroupYear {
    /// The group's heading, what waits on the chairs, then month by month what goes out.
    var textLines: [String] {
        let heading = "\(group.name) (\(group.id))"
        var lines = [heading, String(repeating: "=", count: heading.count)]
        lines.append(
            "\(group.type.rawValue), \(group.network), \(group.timeZone.identifier); list \(group.list)"
        )
        if !group.chairs.isEmpty {
            lines.append("Chairs: " + group.chairs.map(\.name).joined(separator: ", "))
        }
        lines.append("")
        if tasks.isEmpty {
            lines.append("Waiting on the chairs: nothing.")
        } else {
            lines.append("Waiting on the chairs:")
            for task in tasks {
                lines.append("  * " + task.title)
                lines += task.details.map { "    " + $0 }
            }
        }
        if !returns.isEmpty {
            lines.append("")
            lines.append("What came back from the list:")
            for outcome in returns {
                lines += outcome.textLines(in: group.timeZone).enumerated().map { $0 == 0 ? "  * " + $1 : "    " + $1 }
            }
        }
        lines.append("")
        lines.append("What goes out:")
        let rows = months.flatMap(\.entries)
        let whenWidth = rows.map(\.whenText.count).max() ?? 0
        let labelWidth = rows.map(\.label.count).max() ?? 0
        let audienceWidth = rows.map { ($0.audienceText ?? "").count }.max() ?? 0
        for month in months {
            lines.append("  " + month.start.monthTitle)
            if month.entries.isEmpty {
                lines.append("    nothing")
            }
            for entry in month.entries {
                let cells = [
                    entry.whenText.padded(to: whenWidth), entry.label.padded(to: labelWidth),
                    (entry.audienceText ?? "").padded(to: audienceWidth), entry.about + entry.agendaCount,
                ]
                lines.append("    " + cells.joined(separator: "  "))
            }
        }
        return lines
    }
}

extension OverviewEntry {
    /// `, 4 agenda items` (empty without an agenda).
    fileprivate var agendaCount: String {
        agenda.isEmpty ? "" : ", \(agenda.count) agenda item\(agenda.count == 1 ? "" : "s")"
    }
}

extension String {
    /// Left-aligned in `width` columns (never cut).
    fileprivate func padded(to width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
