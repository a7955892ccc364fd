import ConvenorCore
import ConvenorTesting
import Foundation
import Testing

/// The feed as an independent reader sees it: PyPI's `icalendar`, through `Tests/Support/check_message.py`.
@Suite struct CalendarFeedPythonTests {
    static var config: Config { ConfigFixtures.feedConfig }

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
