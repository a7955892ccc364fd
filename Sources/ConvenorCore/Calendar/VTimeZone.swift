package import Foundation

/// RFC 5545 §3.6.5 VTIMEZONE components generated from Foundation's zone rules.
///
/// Each clock change from 1 January of the year before the first event to 1 January two years after the last one
/// becomes its own STANDARD or DAYLIGHT observance with a single onset (no RRULE), so the component is exactly as
/// right as the system's zone data. A zone without changes in that span gets one STANDARD observance.
package enum VTimeZone {
    /// The component's content lines, unfolded and without line ends.
    package static func lines(for zone: TimeZone, from first: Date, through last: Date) -> [String] {
        let start = startOfYear(ClockReading(instant: first, offsetSeconds: 0).date.year - 1)
        let end = startOfYear(ClockReading(instant: last, offsetSeconds: 0).date.year + 2)
        var lines = ["BEGIN:VTIMEZONE", "TZID:" + zone.identifier]
        var transitions: [Date] = []
        var cursor = start
        while let next = zone.nextDaylightSavingTimeTransition(after: cursor), next < end, transitions.count < 1000 {
            transitions.append(next)
            cursor = next
        }
        if transitions.isEmpty || transitions[0] > first {
            // The rules in force before the first change (or the only rules): one observance from the span's start.
            let offset = zone.secondsFromGMT(for: start)
            let onset = ICalendarWriter.local(ClockReading(instant: start, offsetSeconds: offset))
            lines += observance(zone, at: start, onset: onset, from: offset, to: offset)
        }
        for transition in transitions {
            let before = zone.secondsFromGMT(for: transition.addingTimeInterval(-1))
            let after = zone.secondsFromGMT(for: transition)
            // §3.6.5: the onset is the local time just before the change, in the old offset.
            let onset = ICalendarWriter.local(ClockReading(instant: transition, offsetSeconds: before))
            lines += observance(zone, at: transition, onset: onset, from: before, to: after)
        }
        lines.append("END:VTIMEZONE")
        return lines
    }

    static func observance(_ zone: TimeZone, at instant: Date, onset: String, from: Int, to: Int) -> [String] {
        let kind = zone.isDaylightSavingTime(for: instant) ? "DAYLIGHT" : "STANDARD"
        var lines = ["BEGIN:\(kind)", "DTSTART:" + onset, "TZOFFSETFROM:" + offset(from), "TZOFFSETTO:" + offset(to)]
        if let name = zone.shortName(at: instant) { lines.append("TZNAME:" + ICalendarText.escape(name)) }
        lines.append("END:\(kind)")
        return lines
    }

    /// §3.3.14 UTC-OFFSET: `+0100`, `-0500`, with seconds only when there are some.
    static func offset(_ seconds: Int) -> String {
        let sign = seconds < 0 ? "-" : "+"
        let magnitude = abs(seconds)
        var text = sign + RFC5322Date.pad(magnitude / 3600, 2) + RFC5322Date.pad(magnitude % 3600 / 60, 2)
        if magnitude % 60 != 0 { text += RFC5322Date.pad(magnitude % 60, 2) }
        return text
    }

    static func startOfYear(_ year: Int) -> Date {
        let day = LocalDate(year: year, month: 1, day: 1)?.daysSinceEpoch ?? 0
        return Date(timeIntervalSince1970: Double(day) * 86_400)
    }
}
