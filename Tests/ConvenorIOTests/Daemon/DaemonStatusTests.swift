import ConvenorCore
import Foundation
import Synchronization
import Testing

@testable import ConvenorIO

/// `DaemonStatus.generation`, which the web's page cache trusts: it moves on at every event of this process that can
/// change a page (a reload, a pass, a chair's saved change), and at nothing else.
@Suite struct DaemonStatusTests {
    @Test func theGenerationMovesOnAtEveryReloadPassAndSavedChange() throws {
        let fixture = try DaemonFixture()
        defer { fixture.cleanUp() }
        let configuration = fixture.configuration(
            OutboxTransport(directory: fixture.directory + "/outbox", clock: fixture.clock)
        )
        let status = DaemonStatus(configuration: configuration)
        let start = status.generation
        _ = status.configuration
        _ = status.lastPass
        #expect(status.generation == start, "reading changes nothing")
        status.publish(configuration)
        #expect(status.generation == start + 1)
        status.record(pass: DeliveryPass.Result(), at: Date())
        #expect(status.generation == start + 2)
        let reloads = ReloadCount()
        status.onReloadRequest { reloads.add() }
        status.requestReload()
        #expect(status.generation == start + 3 && reloads.value == 1, "a save is seen at once, and the daemon poked")
    }
}

/// Counts reload requests.
final class ReloadCount: Sendable {
    private let count = Mutex<Int>(0)
    var value: Int { count.withLock { $0 } }
    func add() { count.withLock { $0 += 1 } }
}
