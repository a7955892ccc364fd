import ConvenorCore
import ConvenorTesting
import Foundation
import Testing

/// An announced meeting whose entry disappears from the group file must leave members' calendars too.
@Suite struct LifecycleVanishedTests {
    typealias F = LifecycleFixture

    @Test func deletingAnAnnouncedMeetingSendsACancelledNoticeForTheAnnouncedEvent() throws {
        let result = try F.apply([], snapshot: try F.announcedSnapshot(), now: "2026-10-20T10:00:00Z")
        let notice = try #require(result.notices.first)
        #expect(result.notices.count == 1)
        #expect(
            notice.key == MailingKey(group: F.occurrence.group, kind: .cancelled, occurrence: "2026-10", revision: 1)
        )
        #expect(notice.meeting?.start == ConfigFixtures.dateTime("2026-11-12 14:00"))
        #expect(notice.meeting?.place == F.teams)
        #expect(notice.due == (try F.instant("2026-10-20T10:00:00Z")))
        #expect(notice.validUntil == (try F.instant("2026-11-12T14:00:00Z")))
        #expect(notice.audience == .list)
        #expect(result.revisions[F.occurrence] == 1)
    }

    @Test func movingItIntoAnotherWindowCancelsTheOldEventAndAnnouncesTheNewOneAfresh() throws {
        // December is outside Oct-Nov, Feb and Jun: an extra meeting keyed by its date.
        let moved = [F.meeting("2026-12-03 14:00")]
        let result = try F.apply(moved, snapshot: try F.announcedSnapshot(), now: "2026-10-20T10:00:00Z")
        #expect(result.notices.map(\.key.description) == ["customer-services-cop/cancelled/2026-10/1"])
        let fresh = result.mailings.filter { $0.key.occurrence == "2026-12-03" }
        #expect(fresh.contains { $0.key.kind == .agenda && $0.key.revision == 0 })
    }

    @Test func onceTheCancellationWasSentOrTheMeetingTimePassedNothingMoreIsOwed() throws {
        let now = try F.instant("2026-10-20T10:00:00Z")
        let first = try F.apply([], snapshot: try F.announcedSnapshot(), now: "2026-10-20T10:00:00Z")
        let notice = try #require(first.notices.first)
        let told = try #require(AnnouncedOccurrence(announcing: notice, domain: F.domain, at: now))
        let afterNotice = LedgerSnapshot([F.sentEntry(notice.key, at: now)], announced: [told])
        #expect(try F.apply([], snapshot: afterNotice, now: "2026-10-21T10:00:00Z").notices.isEmpty)

        let afterTheMeeting = try F.apply([], snapshot: try F.announcedSnapshot(), now: "2026-11-12T15:00:00Z")
        #expect(afterTheMeeting.notices.isEmpty)
    }
}
