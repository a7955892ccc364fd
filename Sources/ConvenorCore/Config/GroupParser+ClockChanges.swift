import Foundation

extension GroupParser {
    /// Warns about a meeting whose start time happens twice (clocks go back) or never (clocks go forward) in the
    /// group's zone, naming both instants or the moved one, so the chair sees what the mail and the .ics will say.
    static func checkClockChanges(_ meetings: [Meeting], zone: TimeZone, reader: NodeReader) {
        let utc = TimeZone(identifier: "UTC") ?? zone
        func named(_ instant: Date) -> String {
            let wall = LocalDateTime(instant: instant, in: zone)
            let inUTC = LocalDateTime(instant: instant, in: utc)
            return "\(wall.time) \(ZoneAbbreviation.of(zone, at: instant)) (\(inUTC.time) UTC)"
        }
        for meeting in meetings where !meeting.cancelled {
            switch meeting.start.reading(in: zone) {
            case .once:
                continue
            case .twice(let earlier, let later):
                reader.append(
                    .warning(
                        at: meeting.location,
                        "\(meeting.start) happens twice in \(zone.identifier) (the clocks go back that night): "
                            + "\(named(earlier)) and \(named(later)); convenor announces the first, \(named(earlier))",
                        fix: "nothing to do if the first is meant; otherwise move the meeting out of the repeated hour"
                    )
                )
            case .skipped(let moved):
                let wall = LocalDateTime(instant: moved, in: zone)
                reader.append(
                    .warning(
                        at: meeting.location,
                        "\(meeting.start) does not exist in \(zone.identifier) (the clocks go forward that night): "
                            + "the meeting would really start at \(named(moved)), and the mail and calendar say so",
                        fix: "write the time it will really happen, e.g. `start: \(wall)`"
                    )
                )
            }
        }
    }
}
