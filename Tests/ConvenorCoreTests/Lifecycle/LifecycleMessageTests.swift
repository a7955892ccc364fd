import ConvenorCore
import ConvenorTesting
import Foundation
import Testing

/// The notices and the mail after them as members receive them: calendar UID, SEQUENCE, STATUS and the text.
@Suite struct LifecycleMessageTests {
    typealias F = LifecycleFixture

    static func assemble(_ mailing: Mailing, meetings: [Meeting]) throws -> AssembledMailing {
        let config = ConfigFixtures.config(groups: [ConfigFixtures.customerServicesCoP(meetings: meetings)])
        let renderer = try TemplateRenderer(sources: RenderFixture.shippedTemplates())
        return try MailingAssembler(config: config, renderer: renderer).assemble(mailing, date: mailing.due)
    }

    /// The unfolded value of the event's first `NAME:` or `NAME;...:` line.
    static func property(_ name: String, in calendar: String) -> String? {
        let unfolded = calendar.replacingOccurrences(of: "\r\n ", with: "")
        let event = unfolded.components(separatedBy: "BEGIN:VEVENT").last ?? ""
        for line in event.components(separatedBy: "\r\n") where line.hasPrefix(name + ":") || line.hasPrefix(name + ";")
        {
            return line.split(separator: ":", maxSplits: 1).last.map(String.init)
        }
        return nil
    }

    @Test func theRescheduledMailKeepsTheUIDRaisesTheSequenceAndGivesOldAndNewTimes() throws {
        let moved = [F.meeting("2026-11-19 14:00")]
        let original = try #require(try F.schedule(F.scheduler([F.meeting()])).first { $0.key.kind == .announcement })
        let announcement = try Self.assemble(original, meetings: [F.meeting()])
        let result = try F.apply(moved, snapshot: try F.announcedSnapshot(), now: "2026-10-20T10:00:00Z")
        let notice = try Self.assemble(try #require(result.notices.first), meetings: moved)

        let before = try #require(announcement.calendar)
        let after = try #require(notice.calendar)
        #expect(Self.property("UID", in: after) == Self.property("UID", in: before))
        #expect(Self.property("SEQUENCE", in: before) == "0")
        #expect(Self.property("SEQUENCE", in: after) == "1")
        #expect(Self.property("STATUS", in: after) == "CONFIRMED")
        #expect(Self.property("DTSTART", in: after) == "20261119T140000")
        #expect(notice.messageID == "convenor.customer-services-cop.rescheduled.2026-10.r1@aln.example.org")
        #expect(notice.rendered.body.contains("Was:   Thursday 12 November 2026, 14:00"))
        #expect(notice.rendered.body.contains("Now:   Thursday 19 November 2026, 14:00"))
        #expect(notice.rendered.subject.contains("19 November 2026"))
    }

    @Test func theAgendaAfterAMoveShowsTheNewTimeUnderANewMessageID() throws {
        let moved = [F.meeting("2026-11-19 14:00")]
        let result = try F.apply(moved, snapshot: try F.announcedSnapshot(), now: "2026-10-20T10:00:00Z")
        let agenda = try Self.assemble(try #require(result.mailings.first { $0.key.kind == .agenda }), meetings: moved)
        #expect(agenda.messageID == "convenor.customer-services-cop.agenda.2026-10.r1@aln.example.org")
        #expect(Self.property("SEQUENCE", in: try #require(agenda.calendar)) == "1")
        #expect(Self.property("DTSTART", in: try #require(agenda.calendar)) == "20261119T140000")
        #expect(agenda.rendered.body.contains("When:  Thursday 19 November 2026, 14:00–15:30 GMT"))
        #expect(!agenda.rendered.body.contains("Thursday 12 November 2026,"))
    }

    @Test func theCancelledMailHasStatusCancelledAHigherSequenceAndTheReason() throws {
        let cancelled = [F.meeting(cancelled: true, reason: "Both chairs are at a conference")]
        let result = try F.apply(cancelled, snapshot: try F.announcedSnapshot(), now: "2026-10-20T10:00:00Z")
        let notice = try Self.assemble(try #require(result.notices.first), meetings: cancelled)
        let calendar = try #require(notice.calendar)
        #expect(Self.property("STATUS", in: calendar) == "CANCELLED")
        #expect(Self.property("SEQUENCE", in: calendar) == "1")
        #expect(Self.property("UID", in: calendar) == "convenor.customer-services-cop.2026-10@aln.example.org")
        #expect(Self.property("DTSTART", in: calendar) == "20261112T140000")
        #expect(notice.rendered.body.contains("Both chairs are at a conference"))
        #expect(notice.rendered.body.contains("Thursday 12 November 2026, 14:00"))
        // Nothing else about the meeting remains in the list's mail.
        #expect(result.mailings.filter { OccurrenceKey($0.key) == F.occurrence }.map(\.key.kind) == [.cancelled])
    }
}
