import ConvenorCore
import ConvenorTesting
import Foundation
import Testing

@Suite struct LifecycleCancellationTests {
    typealias F = LifecycleFixture

    @Test func cancellingAnAnnouncedMeetingGivesOneNoticeAndWithdrawsTheRest() throws {
        let cancelled = F.meeting(cancelled: true, reason: "Both chairs are at a conference")
        let result = try F.apply([cancelled], snapshot: try F.announcedSnapshot(), now: "2026-10-20T10:00:00Z")
        let notice = try #require(result.notices.first)
        #expect(result.notices.count == 1)
        #expect(
            notice.key == MailingKey(group: F.occurrence.group, kind: .cancelled, occurrence: "2026-10", revision: 1)
        )
        #expect(notice.cancellationReason == "Both chairs are at a conference")
        #expect(notice.validUntil == (try F.instant("2026-11-12T14:00:00Z")))
        #expect(F.keys(result.mailings) == ["cancelled/2026-10/1"])
        #expect(
            F.keys(result.withdrawn) == [
                "announcement/2026-10/0", "call-for-agenda/2026-10/0", "agenda/2026-10/0", "minutes-chase/2026-10/0",
            ]
        )
        #expect(result.revisions[F.occurrence] == 1)
    }

    @Test func theCancelledNoticeNamesTheTimeTheListWasToldEvenIfTheStartWasEditedToo() throws {
        let cancelled = F.meeting("2026-11-19 14:00", cancelled: true)
        let result = try F.apply([cancelled], snapshot: try F.announcedSnapshot(), now: "2026-10-20T10:00:00Z")
        #expect(result.notices.first?.meeting?.start == ConfigFixtures.dateTime("2026-11-12 14:00"))
        #expect(result.notices.first?.cancellationReason == nil)
    }

    @Test func onceTheCancellationIsSentNothingMoreGoesOut() throws {
        let now = try F.instant("2026-10-20T10:00:00Z")
        let cancelled = F.meeting(cancelled: true)
        let first = try F.apply([cancelled], snapshot: try F.announcedSnapshot(), now: "2026-10-20T10:00:00Z")
        let notice = try #require(first.notices.first)
        let told = try #require(AnnouncedOccurrence(announcing: notice, domain: F.domain, at: now))
        let snapshot = LedgerSnapshot([F.sentEntry(notice.key, at: now)], announced: [told])
        let later = try F.apply([cancelled], snapshot: snapshot, now: "2026-11-05T09:00:00Z")
        #expect(later.notices.isEmpty)
        #expect(later.withdrawn.isEmpty)
        #expect(F.keys(later.mailings).isEmpty)
    }

    @Test func aMeetingBackOnAfterItsCancellationWasSentIsRescheduledWithAHigherSequence() throws {
        let now = try F.instant("2026-10-20T10:00:00Z")
        let first = try F.apply(
            [F.meeting(cancelled: true)],
            snapshot: try F.announcedSnapshot(),
            now: "2026-10-20T10:00:00Z"
        )
        let notice = try #require(first.notices.first)
        let told = try #require(AnnouncedOccurrence(announcing: notice, domain: F.domain, at: now))
        let snapshot = LedgerSnapshot([F.sentEntry(notice.key, at: now)], announced: [told])
        let back = try F.apply([F.meeting()], snapshot: snapshot, now: "2026-10-21T10:00:00Z")
        #expect(back.notices.map(\.key.kind) == [.rescheduled])
        #expect(back.notices.map(\.key.revision) == [2])
    }

    @Test func cancellingAMeetingNeverAnnouncedSendsNothingAndItsMailSimplyStops() throws {
        let result = try F.apply(
            [F.meeting(cancelled: true)],
            snapshot: LedgerSnapshot(),
            now: "2026-10-01T10:00:00Z"
        )
        #expect(result.notices.isEmpty)
        #expect(result.withdrawn.isEmpty)
        #expect(F.keys(result.mailings).isEmpty)
    }

    @Test func aCancellationAfterTheAnnouncedStartIsNotSent() throws {
        let result = try F.apply(
            [F.meeting(cancelled: true)],
            snapshot: try F.announcedSnapshot(),
            now: "2026-11-12T14:00:00Z"
        )
        #expect(result.notices.isEmpty)
        #expect(F.keys(result.mailings).isEmpty)
    }

    @Test func onlyMailAboutAMeetingStoresAnnouncedFacts() throws {
        let schedule = try F.schedule(F.scheduler([F.meeting()]))
        let now = try F.instant("2026-10-20T10:00:00Z")
        let storing = schedule.filter { AnnouncedOccurrence(announcing: $0, domain: F.domain, at: now) != nil }
        #expect(Set(storing.map(\.key.kind)) == [.announcement, .agenda])
        let stored = try #require(AnnouncedOccurrence(announcing: storing[0], domain: F.domain, at: now))
        #expect(stored.uid == "convenor.customer-services-cop.2026-10@aln.example.org")
        #expect(stored.sequence == 0)
    }
}
