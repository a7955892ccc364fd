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
