import ConvenorCore
import ConvenorIO
import ConvenorTesting
import Foundation
import Testing

/// The first-start marker behind the ledger protocols, in every store this build has.
@Suite struct FirstStartMarkerTests {
    @Test(arguments: ["sqlite", "memory"])
    func theFirstRecordStandsAndALaterStartNeverMovesIt(store: String) async throws {
        let ledger: any LedgerStore = store == "sqlite" ? try makeInMemoryLedger() : MemoryLedger()
        #expect(try await ledger.firstStart() == nil)
        let first = DaemonFixture.instant("2027-02-09T12:00:00Z")
        #expect(try await ledger.recordFirstStart(first) == first)
        #expect(try await ledger.recordFirstStart(DaemonFixture.instant("2027-05-01T00:00:00Z")) == first)
        #expect(try await ledger.firstStart() == first)
    }

    @Test func aNewLedgerIsAFirstStartAndTheNextStartIsNot() async throws {
        let ledger = MemoryLedger()
        let now = DaemonFixture.instant("2027-02-09T12:00:00Z")
        let first = try await FirstStart.establish(ledger: ledger, stateDirectory: "/proc/no-such-dir", now: now)
        let again = try await FirstStart.establish(
            ledger: ledger,
            stateDirectory: "/proc/no-such-dir",
            now: now.addingTimeInterval(86_400)
        )
        #expect(first == FirstStart.Established(instant: now, isNew: true))
        #expect(again == FirstStart.Established(instant: now, isNew: false))
    }

    @Test func anUpgradedLedgerAdoptsTheOldFirstStartFileInsteadOfNow() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("convenor-first-\(UUID())").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try "2026-11-01T08:00:00Z\n".write(
            toFile: directory + "/" + FirstStart.legacyFileName,
            atomically: true,
            encoding: .utf8
        )

        let established = try await FirstStart.establish(
            ledger: MemoryLedger(),
            stateDirectory: directory,
            now: DaemonFixture.instant("2027-02-09T12:00:00Z")
        )

        #expect(
            established == FirstStart.Established(instant: DaemonFixture.instant("2026-11-01T08:00:00Z"), isNew: false)
        )
    }
}

/// Issue 15: the first start on 1 December posted minutes due on 30 October. On a first start, mail due more than
/// `first_start_grace` before it is skipped unless caught up, and printed once.
@Suite struct FirstStartTests {
    /// Agendas (7 days before, 09:00) of the 03-03, -04, -05 and -08 meetings fall due on 02-24, -25, -26 and 03-01.
    static let firstStart = "2027-03-01T12:00:00Z"

    @Test func mailDueMoreThanTheGraceBeforeTheFirstStartIsSkippedAndSaidOnce() async throws {
        let fixture = try DaemonFixture()
        defer { fixture.cleanUp() }
        let transport = RecordingTransport()
        fixture.clock.set(Self.firstStart)
        var pass = fixture.pass()
        pass.firstStart = fixture.clock.now()
        pass.skipAnnouncement = SkipAnnouncement()

        let result = await pass.run(fixture.configuration(transport))

        // Due 3 hours before the first start: within the day's grace, sent.
        #expect(try await fixture.state(.agenda, "2027-03-08") == .sent)
        for occurrence in ["2027-03-03", "2027-03-04", "2027-03-05"] {
            #expect(try await fixture.state(.agenda, occurrence) == nil, "\(occurrence)")
        }
        #expect(result.skipped == 3)
        #expect(result.missed == 0)
        #expect(transport.messages.allSatisfy { $0.recipients != ["ops@test.example.org"] })
        let notices = fixture.logs.all.filter { $0.hasPrefix("notice first start:") }
        #expect(
            notices == [
                "notice first start: 3 mailings not sent because they fell due more than 1 day (first_start_grace) "
                    + "before convenor first ran on 2027-03-01 12:00 UTC; to send them, run "
                    + "`convenor run --catch-up 2027-02-24` or set `catch_up_since: 2027-02-24` in convenor.yaml []"
            ],
            "\(fixture.logs.all)"
        )
        #expect(
            fixture.logs.all.filter { $0.hasPrefix("notice skipped: it fell due before convenor first ran") }.count == 3
        )

        // The next pass holds them back still, but says so only at debug.
        fixture.clock.set("2027-03-01T12:05:00Z")
        let again = await pass.run(fixture.configuration(transport))
        #expect(again.skipped == 3)
        #expect(fixture.logs.all.filter { $0.hasPrefix("notice first start:") }.count == 1)
        #expect(fixture.logs.all.filter { $0.hasPrefix("debug first start:") }.count == 1)
    }

    @Test func catchUpSendsWhatFellDueOnOrAfterItsDay() async throws {
        let fixture = try DaemonFixture()
        defer { fixture.cleanUp() }
        let transport = RecordingTransport()
        fixture.clock.set(Self.firstStart)
        var pass = fixture.pass()
        pass.firstStart = fixture.clock.now()
        pass.catchUpSince = LocalDate(iso: "2027-02-26")

        let result = await pass.run(fixture.configuration(transport))

        #expect(try await fixture.state(.agenda, "2027-03-05") == .sent)
        #expect(try await fixture.state(.agenda, "2027-03-08") == .sent)
        #expect(try await fixture.state(.agenda, "2027-03-04") == nil)
        #expect(result.skipped == 2)
    }

    @Test func aLaterStartFollowsTheOrdinaryRules() async throws {
        let fixture = try DaemonFixture()
        defer { fixture.cleanUp() }
        let transport = RecordingTransport()
        // Convenor first ran weeks ago; the agendas fell due after that, so they go out late but useful.
        fixture.clock.set(Self.firstStart)
        var pass = fixture.pass()
        pass.firstStart = DaemonFixture.instant("2027-01-01T00:00:00Z")

        let result = await pass.run(fixture.configuration(transport))

        #expect(result.skipped == 0)
        #expect(try await fixture.state(.agenda, "2027-03-04") == .sent)
    }

    @Test func missesOfMailingsDueBeforeTheFirstStartAreNeitherRecordedNorReported() async throws {
        let fixture = try DaemonFixture()
        defer { fixture.cleanUp() }
        let transport = RecordingTransport()
        fixture.clock.set("2027-03-03T15:00:00Z")
        var pass = fixture.pass()
        pass.firstStart = fixture.clock.now()

        let result = await pass.run(fixture.configuration(transport))

        // The agenda of the meeting that already started is stale, but convenor was not running when it was due.
        #expect(try await fixture.state(.agenda, "2027-03-03") == nil)
        #expect(result.missed == 0)
        #expect(transport.messages.allSatisfy { $0.recipients != ["ops@test.example.org"] })
    }
}

/// Found by `make soak`: a mailing due before the first start, claimed after it, then killed mid-send and only
/// looked at again after it went stale, stayed `claimed` forever: never resent, never reported.
@Suite struct InterruptedThenStaleTests {
    @Test func anInterruptedAttemptThatWentStaleIsRecordedMissedAndReported() async throws {
        let fixture = try DaemonFixture()
        defer { fixture.cleanUp() }
        let firstStart = DaemonFixture.instant("2027-03-03T10:00:00Z")
        // The agenda of the 2027-03-04 meeting was due on 2027-02-25, before convenor first ran; it was claimed at
        // the first start and the process died before the relay answered.
        let mailing = try #require(
            Scheduler(config: fixture.config).mailings(
                from: DaemonFixture.instant("2027-02-01T00:00:00Z"),
                to: DaemonFixture.instant("2027-03-05T00:00:00Z")
            ).first { $0.key.kind == .agenda && $0.key.occurrence == "2027-03-04" }
        )
        let claim = try await fixture.ledger.claim(mailing, messageID: "agenda-id@test.example.org", now: firstStart)
        #expect(claim.allowsSend)

        // Back after the meeting started: too late to send, and the operator must hear of it.
        fixture.clock.set("2027-03-04T15:00:00Z")
        let transport = RecordingTransport()
        var pass = fixture.pass()
        pass.firstStart = firstStart
        let result = await pass.run(fixture.configuration(transport))

        let entry = try #require(try await fixture.ledger.entry(for: mailing.key))
        #expect(entry.state == .missed)
        #expect(entry.missedReason == "stale after an interrupted attempt (it may have been delivered)")
        #expect(result.missed >= 1)
        #expect(transport.messages.contains { $0.recipients == [fixture.config.installation.operatorAddress] })
        #expect(!transport.messages.contains { $0.messageID == "agenda-id@test.example.org" })
    }
}
