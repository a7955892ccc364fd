import ConvenorCore
import ConvenorIO
import ConvenorTesting
import Foundation
import Testing

/// Issue 15: late mail at night waits for the next send_time, and the journal says so once, with when it goes.
@Suite struct HeldMailDaemonTests {
    @Test func lateMailAtNightWaitsIsLoggedOnceAndGoesAtTheNextSendTime() async throws {
        let fixture = try DaemonFixture()
        defer { fixture.cleanUp() }
        let pass = fixture.pass()
        let transport = RecordingTransport()

        // Tuesday 22:00 GMT: the four announcements (due 3 to 8 February, 09:00) are late, and it is quiet hours.
        fixture.clock.set("2027-02-09T22:00:00Z")
        let night = await pass.run(fixture.configuration(transport))
        #expect(night.sent == 0 && transport.messages.isEmpty)
        #expect(night.nextWake == DaemonFixture.instant("2027-02-10T09:00:00Z"))
        let held = fixture.logs.all.filter { $0.hasPrefix("notice held until working hours") }
        #expect(held.count == 4)
        #expect(
            held.allSatisfy {
                $0.contains("(key: \"goes\", value: 2027-02-10 09:00 UTC)")
                    && $0.contains("(key: \"reason\", value: 22:00 is inside quiet_hours 20:00-07:00)")
            }
        )

        // The hourly pass of the night says nothing new.
        fixture.clock.set("2027-02-09T23:00:00Z")
        _ = await pass.run(fixture.configuration(transport))
        #expect(fixture.logs.all.filter { $0.hasPrefix("notice held until working hours") }.count == 4)
        #expect(transport.messages.isEmpty)

        fixture.clock.set("2027-02-10T09:00:00Z")
        let morning = await pass.run(fixture.configuration(transport))
        // The 3 March meeting's call for agenda items is due this morning too and supersedes its announcement.
        #expect(morning.sent == 4)
        #expect(try await fixture.state(.announcement, "2027-03-08") == .sent)
        #expect(try await fixture.state(.callForAgenda, "2027-03-03") == .sent)
    }
}
