import ConvenorCore
import ConvenorIO
import ConvenorTesting
import Foundation
import Testing

/// Issue 15: with `calendar_file:` the daemon keeps the subscribed feed current, rewriting it only when a meeting
/// changed, in one step.
@Suite struct CalendarFileTests {
    static func fixture() throws -> DaemonFixture {
        try DaemonFixture { directory in "calendar_file: \(directory)/www/calendar.ics\n" }
    }

    static func feedPath(_ fixture: DaemonFixture) -> String { fixture.directory + "/www/calendar.ics" }

    @Test func theFirstPassWritesTheFeedAndAPassThatChangesNoMeetingLeavesItAlone() async throws {
        let fixture = try Self.fixture()
        defer { fixture.cleanUp() }
        let pass = fixture.pass()
        let transport = RecordingTransport()

        fixture.clock.set("2027-02-09T12:00:00Z")
        _ = await pass.run(fixture.configuration(transport))
        let first = try String(contentsOfFile: Self.feedPath(fixture), encoding: .utf8)
        #expect(first.components(separatedBy: "BEGIN:VEVENT").count - 1 == 4)
        #expect(first.contains("\r\nUID:convenor.alpha.2027-03-03@test.example.org\r\n"))
        #expect(first.contains("\r\nDTSTAMP:20270209T120000Z\r\n"))
        #expect(!first.contains("STATUS:CANCELLED"))
        // Written whole, then renamed: nothing else is left in the published folder.
        #expect(try FileManager.default.contentsOfDirectory(atPath: fixture.directory + "/www") == ["calendar.ics"])
        #expect(fixture.logs.all.contains { $0.hasPrefix("notice calendar file written") && $0.contains("value: 4)") })

        fixture.clock.set("2027-02-10T09:00:00Z")
        _ = await pass.run(fixture.configuration(transport))
        // The call for agenda items went, but no meeting changed: the same bytes, the first DTSTAMP.
        #expect(try String(contentsOfFile: Self.feedPath(fixture), encoding: .utf8) == first)
    }

    @Test func aCancelledMeetingIsRewrittenWithItsNoticesSequence() async throws {
        let fixture = try Self.fixture()
        defer { fixture.cleanUp() }
        let pass = fixture.pass()
        let transport = RecordingTransport()
        fixture.clock.set("2027-02-09T12:00:00Z")
        _ = await pass.run(fixture.configuration(transport))

        // The chairs call off the 3 March meeting; the next pass sends the cancelled notice.
        var configuration = fixture.configuration(transport)
        configuration.config.groups[0].meetings[0].cancelled = true
        configuration.config.groups[0].meetings[0].cancellationReason = "the room flooded"
        fixture.clock.set("2027-02-09T14:00:00Z")
        let result = await pass.run(configuration)
        #expect(result.sent >= 1)

        let text = try String(contentsOfFile: Self.feedPath(fixture), encoding: .utf8)
        let event = try #require(
            text.components(separatedBy: "BEGIN:VEVENT").first {
                $0.contains("UID:convenor.alpha.2027-03-03@test.example.org")
            }
        )
        #expect(event.contains("\r\nSTATUS:CANCELLED\r\n"))
        #expect(event.contains("\r\nSEQUENCE:1\r\n"))
        #expect(text.contains("\r\nDTSTAMP:20270209T140000Z\r\n"))
    }

    @Test func aFeedThatCannotBeWrittenIsLoggedAndTriedAgain() async throws {
        let fixture = try Self.fixture()
        defer { fixture.cleanUp() }
        // A file where the folder should be: the write fails until the operator removes it.
        #expect(FileManager.default.createFile(atPath: fixture.directory + "/www", contents: Data()))
        let pass = fixture.pass()
        fixture.clock.set("2027-02-09T12:00:00Z")
        _ = await pass.run(fixture.configuration(RecordingTransport()))
        #expect(fixture.logs.all.contains { $0.hasPrefix("error cannot write the calendar file; trying again") })

        try FileManager.default.removeItem(atPath: fixture.directory + "/www")
        fixture.clock.set("2027-02-09T12:05:00Z")
        _ = await pass.run(fixture.configuration(RecordingTransport()))
        #expect(FileManager.default.fileExists(atPath: Self.feedPath(fixture)))
    }
}
