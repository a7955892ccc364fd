import ConvenorCore
import ConvenorIO
import ConvenorTesting
import Foundation
import Testing

/// `claimAll`: a claim window's claims in one write, on every store, with the rules `claim` has for each row.
@Suite struct LedgerClaimWindowTests {
    let now = LedgerFixtures.monday

    func mailing(_ kind: MailingKind, group: String = "chess") -> Mailing {
        LedgerFixtures.mailing(
            kind,
            group: group,
            due: LedgerFixtures.at(hours: -1),
            validUntil: LedgerFixtures.at(days: 7)
        )
    }

    @Test(arguments: LedgerStoreKind.allCases)
    func eachMailingOfAWindowIsClaimedWithItsOwnMessageIDInOrder(store: LedgerStoreKind) async throws {
        let ledger = try await store.make()
        let window = [mailing(.agenda), mailing(.reminder), mailing(.agenda, group: "maps")]
        let ids = ["a@x", "r@x", "m@x"]
        let claims = try await ledger.claimAll(window, messageIDs: ids, now: now)
        #expect(claims.map(\.entry.key) == window.map(\.key))
        #expect(claims.map(\.entry.messageID) == ids)
        #expect(claims.allSatisfy { $0 == .claimed($0.entry, wasAlreadyClaimed: false) && $0.entry.attempts == 1 })
        for (mailing, claim) in zip(window, claims) {
            #expect(try await ledger.entry(for: mailing.key) == claim.entry)
        }
    }

    @Test(arguments: LedgerStoreKind.allCases)
    func aWindowKeepsEachRowsOwnRule(store: LedgerStoreKind) async throws {
        let ledger = try await store.make()
        let sent = mailing(.agenda)
        let interrupted = mailing(.reminder)
        _ = try await ledger.claim(sent, messageID: "a@x", now: now)
        try await ledger.record(.delivered(reply: "250 ok"), for: sent.key, now: now, policy: .standard, jitter: 0.5)
        _ = try await ledger.claim(interrupted, messageID: "r@x", now: now)
        let fresh = mailing(.agenda, group: "maps")
        let later = now.addingTimeInterval(60)
        let claims = try await ledger.claimAll(
            [sent, interrupted, fresh],
            messageIDs: ["a@x", "r@x", "m@x"],
            now: later
        )
        #expect(claims[0] == .alreadyFinal(claims[0].entry))
        #expect(claims[0].entry.state == .sent)
        #expect(claims[1] == .claimed(claims[1].entry, wasAlreadyClaimed: true))
        #expect(claims[1].entry.attempts == 2)
        #expect(claims[2] == .claimed(claims[2].entry, wasAlreadyClaimed: false))
    }

    @Test func aWindowWhoseWriteFailsClaimsNone() async throws {
        let ledger = MemoryLedger()
        ledger.failWrites(1)
        let window = [mailing(.agenda), mailing(.reminder)]
        await #expect(throws: LedgerError.self) {
            _ = try await ledger.claimAll(window, messageIDs: ["a@x", "r@x"], now: now)
        }
        for mailing in window { #expect(try await ledger.entry(for: mailing.key) == nil) }
    }
}
