import ConvenorCore
import ConvenorTesting
import Foundation
import Testing

@Suite struct LifecycleTests {
    typealias F = LifecycleFixture

    @Test func aMeetingNeverAnnouncedKeepsItsScheduleAtRevisionZero() throws {
        let moved = [F.meeting("2026-11-19 14:00")]
        let schedule = try F.schedule(F.scheduler(moved))
        let result = try F.apply(moved, snapshot: LedgerSnapshot(), now: "2026-10-01T10:00:00Z")
        #expect(result.mailings == schedule)
        #expect(result.notices.isEmpty)
        #expect(result.withdrawn.isEmpty)
        #expect(result.revisions.isEmpty)
    }

    /// Edits made after the announcement, and whether the list must hear of them.
    static let edits: [(String, Meeting, Bool)] = [
        ("moved within the window", F.meeting("2026-11-19 14:00"), true),
        ("a later hour", F.meeting("2026-11-12 15:30"), true),
        ("longer", F.meeting(lengthMinutes: 120), true),
        ("another link", F.meeting(place: Place(online: "https://zoom.example.org/j/1")), true),
        ("a room as well", F.meeting(place: Place(online: F.teams.online, venue: "Room 1, Parkinson Building")), true),
        ("only the agenda", F.meeting(agenda: ["Welcome", "Benchmarking", "Any other business"]), false),
        ("nothing", F.meeting(), false),
    ]

    @Test(arguments: edits)
    func anEditGivesANoticeOnlyWhenItChangesWhatTheListSaw(name: String, edited: Meeting, noticed: Bool) throws {
        let result = try F.apply([edited], snapshot: try F.announcedSnapshot(), now: "2026-10-20T10:00:00Z")
        #expect(result.notices.map(\.key.kind) == (noticed ? [.rescheduled] : []), "\(name)")
        #expect(result.revisions[F.occurrence] == (noticed ? 1 : 0), "\(name)")
        let agenda = try #require(result.mailings.first { $0.key.kind == .agenda }, "\(name)")
        #expect(agenda.key.revision == (noticed ? 1 : 0), "\(name)")
        #expect(agenda.meeting?.start == edited.start, "\(name)")
    }

    @Test func aMoveGivesOneRescheduledNoticeDueNowWithTheOldAndNewFacts() throws {
        let result = try F.apply(
            [F.meeting("2026-11-19 14:00")],
            snapshot: try F.announcedSnapshot(),
            now: "2026-10-20T10:00:00Z"
        )
        let notice = try #require(result.notices.first)
        #expect(result.notices.count == 1)
        #expect(
            notice.key == MailingKey(group: F.occurrence.group, kind: .rescheduled, occurrence: "2026-10", revision: 1)
        )
        #expect(notice.due == (try F.instant("2026-10-20T10:00:00Z")))
        #expect(notice.validUntil == (try F.instant("2026-11-19T14:00:00Z")))
        #expect(notice.audience == .list)
        #expect(notice.recipients == ["ALN-CUSTOMER-SERVICES-COP@JISCMAIL.AC.UK"])
        #expect(notice.meeting?.start == ConfigFixtures.dateTime("2026-11-19 14:00"))
        #expect(notice.previousMeeting?.start == ConfigFixtures.dateTime("2026-11-12 14:00"))
        #expect(notice.previousMeeting?.endInstant == (try F.instant("2026-11-12T15:30:00Z")))
    }

    @Test func afterAMoveTheMailStillToComeCarriesTheNewRevisionAndTheSavedAnnouncementIsNotRepeated() throws {
        // Moved on 20 Oct to 19 Nov: the call for agenda (21 days before: 29 Oct) and agenda (12 Nov) still come.
        let result = try F.apply(
            [F.meeting("2026-11-19 14:00")],
            snapshot: try F.announcedSnapshot(),
            now: "2026-10-20T10:00:00Z"
        )
        #expect(
            F.keys(result.mailings) == [
                "rescheduled/2026-10/1", "call-for-agenda/2026-10/1", "agenda/2026-10/1", "minutes-chase/2026-10/1",
            ]
        )
    }

    @Test func mailThatFellDueBeforeTheChangeIsDroppedBecauseTheNoticeReplacesIt() throws {
        // Moved on 3 Nov to 12 Nov 15:30: the call for agenda (22 Oct) lies before the change.
        let result = try F.apply(
            [F.meeting("2026-11-12 15:30")],
            snapshot: try F.announcedSnapshot(),
            now: "2026-11-03T10:00:00Z"
        )
        #expect(F.keys(result.mailings) == ["rescheduled/2026-10/1", "agenda/2026-10/1", "minutes-chase/2026-10/1"])
    }

    @Test func twoEditsBeforeTheDaemonNoticesGiveOneNoticeWithTheLatestFacts() throws {
        let twiceEdited = F.meeting("2026-11-19 15:00", lengthMinutes: 60)
        let result = try F.apply([twiceEdited], snapshot: try F.announcedSnapshot(), now: "2026-10-20T10:00:00Z")
        #expect(result.notices.count == 1)
        #expect(result.notices.first?.meeting?.start == twiceEdited.start)
        #expect(result.notices.first?.meeting?.lengthMinutes == 60)
        #expect(result.notices.first?.previousMeeting?.start == ConfigFixtures.dateTime("2026-11-12 14:00"))
    }

    @Test func anEditUndoneBeforeTheDaemonNoticesGivesNoNotice() throws {
        // Moved and moved back: the config equals what the list saw.
        let result = try F.apply([F.meeting()], snapshot: try F.announcedSnapshot(), now: "2026-10-20T10:00:00Z")
        #expect(result.notices.isEmpty)
        #expect(F.keys(result.mailings).allSatisfy { $0.hasSuffix("/0") })
    }

    @Test func onceTheNoticeIsSentNoOtherIsOwedAndTheRevisionStays() throws {
        let now = try F.instant("2026-10-20T10:00:00Z")
        let first = try F.apply(
            [F.meeting("2026-11-19 14:00")],
            snapshot: try F.announcedSnapshot(),
            now: "2026-10-20T10:00:00Z"
        )
        let notice = try #require(first.notices.first)
        let told = try #require(AnnouncedOccurrence(announcing: notice, domain: F.domain, at: now))
        #expect(told.sequence == 1)
        let snapshot = LedgerSnapshot([F.sentEntry(notice.key, at: now)], announced: [told])
        // A week later, when the agenda is due.
        let later = try F.apply([F.meeting("2026-11-19 14:00")], snapshot: snapshot, now: "2026-11-12T09:00:00Z")
        #expect(later.notices.isEmpty)
        #expect(later.revisions[F.occurrence] == 1)
        #expect(F.keys(later.mailings) == ["call-for-agenda/2026-10/1", "agenda/2026-10/1", "minutes-chase/2026-10/1"])
    }

    @Test func aSecondChangeRaisesTheRevisionAgain() throws {
        let now = try F.instant("2026-10-20T10:00:00Z")
        let first = try F.apply(
            [F.meeting("2026-11-19 14:00")],
            snapshot: try F.announcedSnapshot(),
            now: "2026-10-20T10:00:00Z"
        )
        let notice = try #require(first.notices.first)
        let told = try #require(AnnouncedOccurrence(announcing: notice, domain: F.domain, at: now))
        let snapshot = LedgerSnapshot([F.sentEntry(notice.key, at: now)], announced: [told])
        let second = try F.apply([F.meeting("2026-11-26 14:00")], snapshot: snapshot, now: "2026-10-27T10:00:00Z")
        #expect(second.notices.map(\.key.revision) == [2])
        #expect(second.notices.first?.previousMeeting?.start == ConfigFixtures.dateTime("2026-11-19 14:00"))
    }

    @Test func aChangeToAMeetingThatHasStartedGivesNoNotice() throws {
        let result = try F.apply(
            [F.meeting("2026-11-12 14:30")],
            snapshot: try F.announcedSnapshot(),
            now: "2026-11-12T15:00:00Z"
        )
        #expect(result.notices.isEmpty)
        #expect(result.revisions[F.occurrence] == 0)
    }

    @Test func aMoveOutOfTheWindowLeavesTheOldOccurrenceWithoutANotice() throws {
        // Into February: another occurrence key (2027-02), never announced; documented limitation.
        let result = try F.apply(
            [F.meeting("2027-02-10 14:00")],
            snapshot: try F.announcedSnapshot(),
            now: "2026-10-20T10:00:00Z"
        )
        #expect(result.notices.isEmpty)
        #expect(result.mailings.contains { $0.key.occurrence == "2027-02" && $0.key.kind == .announcement })
    }

    @Test func aNoticeStillBeingRetriedKeepsTheMomentOfItsFirstAttempt() throws {
        // First attempted on 20 Oct and deferred; on 30 Oct the call for agenda (due 29 Oct, after the change)
        // must still be planned, not dropped as if the change had happened on 30 Oct.
        let firstAttempt = try F.instant("2026-10-20T10:00:00Z")
        let notice = MailingKey(group: F.occurrence.group, kind: .rescheduled, occurrence: "2026-10", revision: 1)
        let deferred = LedgerEntry(
            key: notice,
            state: .deferred,
            due: firstAttempt,
            validUntil: try F.instant("2026-11-19T14:00:00Z"),
            attempts: 3,
            firstAttempt: firstAttempt,
            nextAttempt: try F.instant("2026-10-30T12:00:00Z"),
            createdAt: firstAttempt,
            updatedAt: firstAttempt
        )
        let snapshot = LedgerSnapshot([deferred], announced: [try F.announcedOriginal()])
        let result = try F.apply([F.meeting("2026-11-19 14:00")], snapshot: snapshot, now: "2026-10-30T10:00:00Z")
        #expect(
            F.keys(result.mailings) == [
                "call-for-agenda/2026-10/1", "rescheduled/2026-10/1", "agenda/2026-10/1", "minutes-chase/2026-10/1",
            ]
        )
    }

    @Test func aChangedZoneThatMovesTheInstantIsAChange() throws {
        // Same wall time, but the list was told an instant an hour earlier (the group's zone was edited since).
        var announced = try F.announcedOriginal()
        announced.startInstant = announced.startInstant.addingTimeInterval(-3600)
        let result = try F.apply(
            [F.meeting()],
            snapshot: LedgerSnapshot([], announced: [announced]),
            now: "2026-10-20T10:00:00Z"
        )
        #expect(result.notices.map(\.key.kind) == [.rescheduled])
    }
}
