import ConvenorCore
import ConvenorTesting
import Foundation
import Testing

/// `convenor calendar`'s feed: every meeting, the mails' UIDs and SEQUENCEs, cancellations kept.
@Suite struct CalendarFeedTests {
    static let stamp = RenderFixture.instant("2026-11-24 09:00")

    @Test func everyMeetingOfEveryGroupIsInStartOrder() {
        let events = CalendarFeed(config: FeedFixture.config).events(stamp: Self.stamp)
        #expect(
            events.map(\.uid) == [
                "convenor.resource-sharing-cop.2026-11@aln.example.org",
                "convenor.customer-services-cop.2026-10@aln.example.org",
                "convenor.customer-services-cop.2027-03-28@aln.example.org",
                "convenor.customer-services-cop.2027-06@aln.example.org",
            ]
        )
        #expect(events.map(\.status) == [.confirmed, .confirmed, .confirmed, .cancelled])
        #expect(events.map(\.sequence) == [0, 0, 0, 0])
        #expect(events[2].start == Date(timeIntervalSince1970: 1_806_238_800))  // 2027-03-28T13:00:00Z
    }

    @Test func theUIDIsTheOneTheAnnouncementCarries() throws {
        let config = AssemblyFixture.config()
        let announcement = try #require(
            AssemblyFixture.assembled(config).first { $0.mailing.key.kind == .announcement }
        )
        let feedUID = try #require(CalendarFeed(config: config).events(stamp: Self.stamp).first?.uid)
        #expect(announcement.calendar?.contains("UID:\(feedUID)\r\n") == true)
    }

    @Test func sequencesComeFromTheGivenTable() {
        let feed = CalendarFeed(
            config: FeedFixture.config,
            sequences: [OccurrenceKey(group: "customer-services-cop", occurrence: "2027-06"): 2]
        )
        let events = feed.events(group: "customer-services-cop", stamp: Self.stamp)
        #expect(events.map(\.sequence) == [0, 0, 2])
    }

    @Test func sequencesCanComeStraightFromTheAnnouncedFacts() {
        let moved = AnnouncedOccurrence(
            group: "resource-sharing-cop",
            occurrence: "2026-11",
            start: ConfigFixtures.dateTime("2026-11-01 10:00"),
            startInstant: Self.stamp,
            lengthMinutes: 60,
            place: Place(),
            sequence: 3,
            uid: "",
            updatedAt: Self.stamp
        )
        let events = CalendarFeed(config: FeedFixture.config, announced: [moved]).events(stamp: Self.stamp)
        #expect(events.map(\.sequence) == [3, 0, 0, 0])
    }

    @Test func oneGroupsFeedIsNamedAfterIt() {
        let feed = CalendarFeed(config: FeedFixture.config)
        let text = feed.text(group: "resource-sharing-cop", stamp: Self.stamp)
        #expect(text.contains("\r\nX-WR-CALNAME:Resource Sharing Community of Practice\r\n"))
        #expect(text.components(separatedBy: "BEGIN:VEVENT").count == 2)
        #expect(text.contains("TZID=America/New_York"))
        #expect(!text.contains("Europe/London"))
        let all = feed.text(stamp: Self.stamp)
        #expect(all.contains("\r\nX-WR-CALNAME:Academic Libraries North\r\n"))
        #expect(all.contains("STATUS:CANCELLED"))
    }
}
