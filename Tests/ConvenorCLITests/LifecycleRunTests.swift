import ConvenorTesting
import Foundation
import Testing

/// The lifecycle end to end: `convenor run --once` with a real SQLite ledger and the outbox transport, the chairs
/// editing the group file between runs, and the outbox read back with Python's `email` and `icalendar`.
@Suite struct LifecycleRunTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let groupFile = "config/groups/customer-services-cop.yaml"

    /// What a mail program reads from one outbox file (see `Tests/Support/calendar_events.py`).
    struct ReadMessage: Decodable {
        struct Event: Decodable {
            var uid: String
            var sequence: Int
            var status: String
            var start_utc: String
        }

        var file: String
        var message_id: String
        var subject: String
        var text: String
        var events: [Event]
    }

    /// A copy of the example installation with only the Customer Services CoP, in a fresh directory.
    struct Installation {
        var root: URL

        init() throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent(
                "convenor-lifecycle-\(UUID().uuidString)"
            )
            let files = FileManager.default
            try files.createDirectory(
                at: root.appendingPathComponent("config/groups"),
                withIntermediateDirectories: true
            )
            for path in ["config/convenor.yaml", "config/minutes", "templates", LifecycleRunTests.groupFile] {
                try files.copyItem(
                    at: LifecycleRunTests.repository.appendingPathComponent(path),
                    to: root.appendingPathComponent(path)
                )
            }
        }

        func remove() { try? FileManager.default.removeItem(at: root) }

        /// Replaces `old` with `new` in the group file, as a chair's edit would.
        func edit(_ old: String, _ new: String) throws {
            let url = root.appendingPathComponent(LifecycleRunTests.groupFile)
            let text = try String(contentsOf: url, encoding: .utf8)
            #expect(text.contains(old))
            try text.replacingOccurrences(of: old, with: new).write(to: url, atomically: true, encoding: .utf8)
        }

        /// `convenor run --once --now T`; returns the messages it put in the outbox, read by Python.
        func run(at now: String) throws -> [ReadMessage] {
            let outbox = root.appendingPathComponent("outbox")
            let before = Set((try? FileManager.default.contentsOfDirectory(atPath: outbox.path)) ?? [])
            let result = try ConvenorBinary.run([
                "run", "--once", "--config", root.appendingPathComponent("config").path, "--now", now,
            ])
            #expect(result.status == 0, "\(result.stderr)")
            let added = try FileManager.default.contentsOfDirectory(atPath: outbox.path)
                .filter { $0.hasSuffix(".eml") && !before.contains($0) }.sorted()
            guard !added.isEmpty else { return [] }
            let json = try LifecycleRunTests.python(
                [LifecycleRunTests.repository.appendingPathComponent("Tests/Support/calendar_events.py").path]
                    + added.map { outbox.appendingPathComponent($0).path }
            )
            return try JSONDecoder().decode([ReadMessage].self, from: Data(json.utf8))
        }
    }

    static func python(_ arguments: [String]) throws -> String {
        try Subprocess.python(arguments).stdout
    }

    /// Only the mail about the 12 November meeting (occurrence 2026-10), not the confirm-date nudges to the chairs
    /// about its window.
    static func aboutTheMeeting(_ messages: [ReadMessage]) -> [ReadMessage] {
        messages.filter { $0.message_id.contains(".2026-10.") && !$0.message_id.contains("confirm-date") }
    }

    @Test func aMovedMeetingGetsOneRescheduledMailWithTheSameUIDAndSequenceOneThenAnAgendaAtTheNewTime() throws {
        let installation = try Installation()
        defer { installation.remove() }

        let announced = Self.aboutTheMeeting(try installation.run(at: "2026-10-15T09:30:00+01:00"))
        let announcement = try #require(announced.first)
        #expect(
            announced.map(\.message_id) == ["<convenor.customer-services-cop.announcement.2026-10.r0@aln.example.org>"]
        )
        #expect(announcement.events.first?.sequence == 0)

        try installation.edit("start: 2026-11-12 14:00", "start: 2026-11-19 14:00")
        let moved = try installation.run(at: "2026-10-20T10:00:00+01:00")
        #expect(moved.map(\.message_id) == ["<convenor.customer-services-cop.rescheduled.2026-10.r1@aln.example.org>"])
        let notice = try #require(moved.first)
        let event = try #require(notice.events.first)
        #expect(notice.events.count == 1)
        #expect(event.uid == announcement.events.first?.uid)
        #expect(event.sequence == 1)
        #expect(event.status == "CONFIRMED")
        #expect(event.start_utc == "2026-11-19T14:00:00Z")
        #expect(notice.text.contains("Was:   Thursday 12 November 2026, 14:00"))
        #expect(notice.text.contains("Now:   Thursday 19 November 2026, 14:00"))

        // Noticed once: the next pass sends nothing.
        #expect(Self.aboutTheMeeting(try installation.run(at: "2026-10-20T11:00:00+01:00")).isEmpty)

        // The subscribable feed follows the mails: same UID, SEQUENCE 1, the new time.
        let feedPath = installation.root.appendingPathComponent("meetings.ics").path
        let feedRun = try ConvenorBinary.run([
            "calendar", "--config", installation.root.appendingPathComponent("config").path, "--out", feedPath,
            "--now", "2026-10-20T11:00:00+01:00",
        ])
        #expect(feedRun.status == 0, "\(feedRun.stderr)")
        let feed = try String(contentsOfFile: feedPath, encoding: .utf8)
        let uid = event.uid
        let movedEvent = try #require(feed.components(separatedBy: "BEGIN:VEVENT").first { $0.contains("UID:\(uid)") })
        #expect(movedEvent.contains("SEQUENCE:1\r\n"))
        #expect(movedEvent.contains("DTSTART;TZID=Europe/London:20261119T140000\r\n"))

        let agenda = Self.aboutTheMeeting(try installation.run(at: "2026-11-12T09:30:00Z"))
        #expect(agenda.map(\.message_id) == ["<convenor.customer-services-cop.agenda.2026-10.r1@aln.example.org>"])
        #expect(agenda.first?.events.first?.sequence == 1)
        #expect(agenda.first?.events.first?.start_utc == "2026-11-19T14:00:00Z")
        #expect(agenda.first?.text.contains("Thursday 19 November 2026, 14:00") == true)
    }

    @Test func aCancelledMeetingGetsStatusCancelledWithAHigherSequenceAndNoFurtherListMail() throws {
        let installation = try Installation()
        defer { installation.remove() }
        let announced = Self.aboutTheMeeting(try installation.run(at: "2026-10-15T09:30:00+01:00"))
        #expect(announced.count == 1)

        try installation.edit(
            "start: 2026-11-12 14:00\n",
            "start: 2026-11-12 14:00\n    cancelled: true\n    reason: The room flooded.\n"
        )
        let cancelled = Self.aboutTheMeeting(try installation.run(at: "2026-10-20T10:00:00+01:00"))
        #expect(
            cancelled.map(\.message_id) == ["<convenor.customer-services-cop.cancelled.2026-10.r1@aln.example.org>"]
        )
        let event = try #require(cancelled.first?.events.first)
        #expect(event.status == "CANCELLED")
        #expect(event.sequence == 1)
        #expect(event.uid == announced.first?.events.first?.uid)
        #expect(cancelled.first?.text.contains("The room flooded.") == true)

        // Call for agenda, agenda and minutes-chase days were all due later: nothing more about this meeting.
        for now in ["2026-10-22T09:30:00+01:00", "2026-11-05T09:30:00Z", "2026-11-26T09:30:00Z"] {
            #expect(Self.aboutTheMeeting(try installation.run(at: now)).isEmpty, "\(now)")
        }
    }

    @Test func previewShowsTheNoticesFromTheSameLedgerWithoutWritingToIt() throws {
        let installation = try Installation()
        defer { installation.remove() }
        _ = try installation.run(at: "2026-10-15T09:30:00+01:00")
        let ledger = installation.root.appendingPathComponent("state/ledger.sqlite")
        let before = try Data(contentsOf: ledger)
        let config = installation.root.appendingPathComponent("config").path

        try installation.edit("start: 2026-11-12 14:00", "start: 2026-11-19 14:00")
        let moved = try ConvenorBinary.run(["preview", "--config", config, "--now", "2026-10-20T10:00:00+01:00"])
        #expect(moved.status == 0, "\(moved.stderr)")
        #expect(moved.stdout.contains("<convenor.customer-services-cop.rescheduled.2026-10.r1@aln.example.org>"))
        #expect(moved.stdout.contains("<convenor.customer-services-cop.agenda.2026-10.r1@aln.example.org>"))
        #expect(!moved.stdout.contains("announcement.2026-10"))

        try installation.edit("start: 2026-11-19 14:00\n", "start: 2026-11-19 14:00\n    cancelled: true\n")
        let cancelled = try ConvenorBinary.run(["preview", "--config", config, "--now", "2026-10-20T10:00:00+01:00"])
        #expect(cancelled.status == 0, "\(cancelled.stderr)")
        #expect(cancelled.stdout.contains("<convenor.customer-services-cop.cancelled.2026-10.r1@aln.example.org>"))
        #expect(cancelled.stdout.contains("not sent, the meeting is cancelled: customer-services-cop/agenda/2026-10/0"))
        #expect(try Data(contentsOf: ledger) == before)
    }

    /// The one road: with one config and one ledger, `schedule`, `overview`, `preview` and the daemon name the same
    /// rescheduled notice (and the same revised agenda), and none of them still lists the replaced announcement.
    @Test func scheduleOverviewPreviewAndTheDaemonShowTheSameNoticeForAMovedMeeting() throws {
        let installation = try Installation()
        defer { installation.remove() }
        _ = try installation.run(at: "2026-10-15T09:30:00+01:00")
        try installation.edit("start: 2026-11-12 14:00", "start: 2026-11-19 14:00")
        let config = installation.root.appendingPathComponent("config").path
        let now = "2026-10-20T10:00:00+01:00"
        let notice = "customer-services-cop/rescheduled/2026-10/1"
        let agenda = "customer-services-cop/agenda/2026-10/1"

        let schedule = try ConvenorBinary.run(["schedule", "--config", config, "--now", now, "--format", "json"])
        #expect(schedule.status == 0, "\(schedule.stderr)")
        struct Row: Decodable { var key: String }
        let keys = try JSONDecoder().decode([Row].self, from: Data(schedule.stdout.utf8)).map(\.key)
        #expect(keys.filter { $0.contains("/rescheduled/") } == [notice])
        #expect(keys.contains(agenda))
        #expect(!keys.contains("customer-services-cop/announcement/2026-10/0"))

        let overview = try ConvenorBinary.run(["overview", "--config", config, "--now", now])
        #expect(overview.status == 0, "\(overview.stderr)")
        #expect(overview.stdout.contains("rescheduled"))

        let preview = try ConvenorBinary.run(["preview", "--config", config, "--now", now])
        #expect(preview.status == 0, "\(preview.stderr)")
        #expect(preview.stdout.contains("<convenor.customer-services-cop.rescheduled.2026-10.r1@aln.example.org>"))

        let sent = Self.aboutTheMeeting(try installation.run(at: now))
        #expect(sent.map(\.message_id) == ["<convenor.customer-services-cop.rescheduled.2026-10.r1@aln.example.org>"])
    }
}
