import Foundation
import Synchronization
import Testing

@testable import convenor

/// `CoreShares.map`: the same array one thread would make, its shares really on separate cores, and the
/// earliest share's error whichever finishes first.
@Suite struct CoreSharesTests {
    struct Refused: Error, Equatable { var item: Int }

    @Test func theResultIsInTheItemsOrder() async throws {
        let items = Array(0..<1_003)
        let doubled = try await CoreShares.map(items, shares: 4, minimumShare: 1) { share in share.map { $0 * 2 } }
        #expect(doubled == items.map { $0 * 2 })
    }

    @Test func twoSharesRunAtTheSameTime() async throws {
        // Each share waits for the other to start: on one thread the first would wait in vain and time out.
        let started = [DispatchSemaphore(value: 0), DispatchSemaphore(value: 0)]
        let met = try await CoreShares.map(Array(0..<2), shares: 2, minimumShare: 1) { share in
            let mine = share.first!
            started[mine].signal()
            return [started[1 - mine].wait(timeout: .now() + 20) == .success]
        }
        #expect(met == [true, true])
    }

    @Test func theEarliestSharesErrorIsThrownEvenWhenALaterShareFailsFirst() async throws {
        let error = await #expect(throws: Refused.self) {
            _ = try await CoreShares.map(Array(0..<400), shares: 4, minimumShare: 1) { share in
                if share.contains(150) {
                    Thread.sleep(forTimeInterval: 0.1)
                    throw Refused(item: 150)
                }
                if share.contains(350) { throw Refused(item: 350) }
                return Array(share)
            }
        }
        #expect(error == Refused(item: 150))
    }

    @Test func aSmallBatchIsOneShare() async throws {
        let calls = Mutex(0)
        let result = try await CoreShares.map(Array(0..<100), shares: 8, minimumShare: 64) { share in
            calls.withLock { $0 += 1 }
            return Array(share)
        }
        #expect(result == Array(0..<100))
        #expect(calls.withLock { $0 } == 1)
    }
}
