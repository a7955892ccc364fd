import ConvenorCore
import ConvenorIO
import ConvenorTesting
import Foundation
import Testing

@Suite struct FirstStartTests {
    @Test func firstCallRecordsTheInstantAndLaterCallsReadItBack() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("convenor-first-\(UUID())").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }

        let first = FirstStart.recall(stateDirectory: directory, now: DaemonFixture.instant("2027-02-09T12:00:00Z"))
        let later = FirstStart.recall(stateDirectory: directory, now: DaemonFixture.instant("2027-05-01T00:00:00Z"))

        #expect(first == DaemonFixture.instant("2027-02-09T12:00:00Z"))
        #expect(later == first)
    }

    @Test func unwritableStateDirectoryExemptsNothing() {
        #expect(FirstStart.recall(stateDirectory: "/proc/no-such-dir", now: Date(timeIntervalSince1970: 0)) == nil)
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
        // Still-valid mailings due before the first start go out.
        #expect(try await fixture.state(.agenda, "2027-03-04") == .sent)
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
                from: DaemonFixture.instant("2027-02-01T00:00:00Z"), to: DaemonFixture.instant("2027-03-05T00:00:00Z")
            ).first { $0.key.kind == .agenda && $0.key.occurrence == "2027-03-04" })
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
