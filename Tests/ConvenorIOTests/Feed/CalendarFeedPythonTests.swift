import ConvenorCore
import ConvenorTesting
import Foundation
import Testing

/// The feed as an independent reader sees it: PyPI's `icalendar`, through `Tests/Support/check_message.py`.
@Suite struct CalendarFeedPythonTests {
    /// A London group meeting on the day UK clocks go forward, with a cancelled meeting, and a New York group meeting
    /// on the day US clocks go back.
    static var config: Config {
        let london = ConfigFixtures.customerServicesCoP(meetings: [
            ConfigFixtures.meeting("2026-11-12 14:00"),
            ConfigFixtures.meeting("2027-03-28 14:00", lengthMinutes: 60),
            ConfigFixtures.meeting("2027-06-09 14:00", cancelled: true),
        ])
        let newYork = ConfigFixtures.group(
            id: "resource-sharing-cop",
            name: "Resource Sharing Community of Practice",
            timeZone: "America/New_York",
            list: "resource-sharing-cop@googlegroups.com",
            windows: [ConfigFixtures.window(11)],
            meetings: [ConfigFixtures.meeting("2026-11-01 10:00", lengthMinutes: 60)]
        )
        return ConfigFixtures.config(groups: [london, newYork])
    }

    @Test func everyEventParsesWithTheRightInstantsStatusAndSequence() throws {
        let feed = CalendarFeed(
            config: Self.config,
            sequences: [OccurrenceKey(group: "customer-services-cop", occurrence: "2027-06"): 1]
        )
        let stamp = Date(timeIntervalSince1970: 1_795_510_800)
        let events = feed.events(stamp: stamp)
        let directory = try PythonMailCheck.temporaryDirectory()
        defer { PythonMailCheck.remove(directory) }
        let file = directory.appendingPathComponent("meetings.ics")
        try Data(feed.text(stamp: stamp).utf8).write(to: file)

        // The instants are written out here, not taken from convenor's own events, so a wrong zone conversion in
        // convenor cannot agree with itself: icalendar and the script's own VTIMEZONE reading must both get these.
        let expected: [(uid: String, start: String, end: String, status: String, sequence: Int)] = [
            ("resource-sharing-cop.2026-11", "2026-11-01T15:00:00Z", "2026-11-01T16:00:00Z", "CONFIRMED", 0),
            ("customer-services-cop.2026-10", "2026-11-12T14:00:00Z", "2026-11-12T15:30:00Z", "CONFIRMED", 0),
            ("customer-services-cop.2027-03-28", "2027-03-28T13:00:00Z", "2027-03-28T14:00:00Z", "CONFIRMED", 0),
            ("customer-services-cop.2027-06", "2027-06-09T13:00:00Z", "2027-06-09T14:30:00Z", "CANCELLED", 1),
        ]
        try #require(events.count == expected.count)
        let wanted = zip(events, expected).map { event, want in
            var decoded = MailCheckCase.event(event)
            decoded.uid = "convenor.\(want.uid)@aln.example.org"
            decoded.start_utc = want.start
            decoded.end_utc = want.end
            decoded.status = want.status
            decoded.sequence = want.sequence
            return decoded
        }
        let problems = try PythonMailCheck.run([MailCheckCase(ics: file.path, events: wanted)], in: directory)
        #expect(problems == [])
    }
}
