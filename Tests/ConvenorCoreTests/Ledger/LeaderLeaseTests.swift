import Foundation
import Testing

@testable import ConvenorCore

/// The leader lease's rule: renew your own, take over an expired one with a new token, never a valid one.
@Suite struct LeaderLeaseTests {
    let start = Date(timeIntervalSince1970: 1_793_610_000)

    @Test func theFirstInstanceTakesTheLeaseWithTokenOne() {
        let lease = LeaderLease.request(nil, by: "a", now: start, seconds: 30)
        #expect(lease == LeaderLease(holder: "a", token: 1, acquiredAt: start, expiresAt: start + 30))
    }

    @Test func theHolderRenewsWithoutANewToken() {
        let first = LeaderLease.request(nil, by: "a", now: start, seconds: 30)
        let renewed = LeaderLease.request(first, by: "a", now: start + 10, seconds: 30)
        #expect(renewed.token == 1)
        #expect(renewed.acquiredAt == start)
        #expect(renewed.expiresAt == start + 40)
    }

    @Test func anotherInstanceCannotTakeAValidLease() {
        let first = LeaderLease.request(nil, by: "a", now: start, seconds: 30)
        #expect(LeaderLease.request(first, by: "b", now: start + 29, seconds: 30) == first)
    }

    @Test func anExpiredLeaseIsTakenOverWithTheNextToken() {
        let first = LeaderLease.request(nil, by: "a", now: start, seconds: 30)
        let taken = LeaderLease.request(first, by: "b", now: start + 30, seconds: 30)
        #expect(
            taken
                == LeaderLease(
                    holder: "b",
                    token: 2,
                    acquiredAt: start + 30,
                    expiresAt: start + 60,
                    previousExpiresAt: start + 30
                )
        )
        // The old holder, waking up, finds it lost the lease: it does not get it back while b renews.
        #expect(LeaderLease.request(taken, by: "a", now: start + 31, seconds: 30) == taken)
    }

    @Test func resigningExpiresTheLeaseAtOnceForTheNextInstance() {
        let first = LeaderLease.request(nil, by: "a", now: start, seconds: 30)
        let resigned = LeaderLease.resign(first, by: "a", now: start + 5)
        #expect(resigned?.expiresAt == start + 5)
        #expect(LeaderLease.request(resigned, by: "b", now: start + 5, seconds: 30).holder == "b")
        // Another instance's resignation changes nothing.
        #expect(LeaderLease.resign(first, by: "b", now: start + 5) == first)
    }

    @Test func aNewHolderLeavesItsPredecessorsClaimsAloneForOneLeaseAfterItRanOut() {
        let first = LeaderLease.request(nil, by: "a", now: start, seconds: 30)
        #expect(first.claimHold(seconds: 30) == nil)  // the first lease has no predecessor
        // a's lease ran out at +30; b takes over at +32: a may record what it sent until +60, 28 s from now.
        let taken = LeaderLease.request(first, by: "b", now: start + 32, seconds: 30)
        #expect(taken.claimHold(seconds: 30) == 28)
        // A renewal holds nothing, and forgets the predecessor.
        let renewed = LeaderLease.request(taken, by: "b", now: start + 42, seconds: 30)
        #expect(renewed.previousExpiresAt == nil)
        // Taken over long after the predecessor died: nothing to wait for.
        #expect(LeaderLease.request(first, by: "b", now: start + 90, seconds: 30).claimHold(seconds: 30) == nil)
        // A resignation ends the predecessor's lease early, and the hold with it.
        let resigned = LeaderLease.resign(first, by: "a", now: start + 5)
        #expect(LeaderLease.request(resigned, by: "b", now: start + 6, seconds: 30).claimHold(seconds: 30) == 29)
    }

    @Test func aTakeoverWhoseAnswerWasLostHoldsFromTheTakeoverInstant() {
        // b's takeover at +32 committed but its answer was lost; its next renewal at +40 is the first it sees.
        let first = LeaderLease.request(nil, by: "a", now: start, seconds: 30)
        let taken = LeaderLease.request(first, by: "b", now: start + 32, seconds: 30)
        let renewed = LeaderLease.request(taken, by: "b", now: start + 40, seconds: 30)
        #expect(renewed.previousExpiresAt == nil && renewed.token == 2)
        // Held until +62 (takeover + lease), later than the +60 the lost answer would have given: never shorter.
        #expect(renewed.claimHold(seconds: 30) == 22)
    }
}
