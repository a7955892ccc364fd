import ConvenorCore
import ConvenorIO
import ConvenorTesting
import Foundation
import Testing

/// The ledger's transitions through `LedgerStore`, on every store (`LedgerStoreKind`): SQLite in memory with the
/// real migrator, and `MemoryLedger`.
@Suite struct LedgerLogicTests {
    let now = LedgerFixtures.monday
    let agenda = LedgerFixtures.mailing(
        .agenda,
        due: LedgerFixtures.at(hours: -1),
        validUntil: LedgerFixtures.at(days: 7)
    )

    @Test(arguments: LedgerStoreKind.allCases)
    func aFirstClaimInsertsTheRowClaimedWithOneAttempt(store: LedgerStoreKind) async throws {
        let ledger = try await store.make()
        let result = try await ledger.claim(agenda, messageID: "agenda.1@example.org", now: now)
        guard case .claimed(let entry, let wasAlreadyClaimed) = result else {
            Issue.record("expected a claim, got \(result)")
            return
        }
        #expect(!wasAlreadyClaimed)
        #expect(result.allowsSend)
        #expect(entry.state == .claimed)
        #expect(entry.attempts == 1)
        #expect(entry.firstAttempt == now)
        #expect(entry.messageID == "agenda.1@example.org")
        #expect(try await ledger.entry(for: agenda.key) == entry)
    }

    @Test(arguments: LedgerStoreKind.allCases)
    func aSecondClaimWithoutARecordReportsTheInterruptedAttempt(store: LedgerStoreKind) async throws {
        let ledger = try await store.make()
        _ = try await ledger.claim(agenda, messageID: "m@x", now: now)
        let later = now.addingTimeInterval(60)
        let result = try await ledger.claim(agenda, messageID: "m@x", now: later)
        #expect(result == .claimed(result.entry, wasAlreadyClaimed: true))
        #expect(result.entry.attempts == 2)
        #expect(result.entry.firstAttempt == now)
    }

    @Test(arguments: LedgerStoreKind.allCases, [LedgerState.sent, .failed, .missed, .cancelled])
    func aFinalRowIsNeverClaimedAgain(store: LedgerStoreKind, state: LedgerState) async throws {
        let ledger = try await store.make()
        _ = try await ledger.claim(agenda, messageID: "m@x", now: now)
        switch state {
        case .sent:
            try await ledger.record(
                .delivered(reply: "250 OK"),
                for: agenda.key,
                now: now,
                policy: .standard,
                jitter: 0.5
            )
        case .failed:
            try await ledger.record(
                .permanent(reason: "550 no"),
                for: agenda.key,
                now: now,
                policy: .standard,
                jitter: 0.5
            )
        case .missed: try await ledger.markMissed(agenda, reason: .superseded(by: .reminder), now: now)
        default: try await ledger.markCancelled(agenda, reason: "meeting cancelled", now: now)
        }
        let result = try await ledger.claim(agenda, messageID: "m@x", now: now)
        #expect(result == .alreadyFinal(result.entry))
        #expect(result.entry.state == state)
        #expect(result.entry.attempts == 1)
        #expect(!result.allowsSend)
    }

    @Test(arguments: LedgerStoreKind.allCases)
    func aClaimAfterValidUntilRecordsTheMissInstead(store: LedgerStoreKind) async throws {
        let ledger = try await store.make()
        let result = try await ledger.claim(agenda, messageID: "m@x", now: agenda.validUntil)
        #expect(result == .stale(result.entry))
        #expect(result.entry.state == .missed)
        #expect(result.entry.missedReason == "stale")
        #expect(result.entry.attempts == 0)
    }

    @Test(arguments: LedgerStoreKind.allCases)
    func outcomesBecomeSentDeferredOrFailed(store: LedgerStoreKind) async throws {
        let ledger = try await store.make()
        let minutes = LedgerFixtures.mailing(.minutes, due: now, validUntil: LedgerFixtures.at(days: 30))
        let reminder = LedgerFixtures.mailing(.reminder, due: now, validUntil: LedgerFixtures.at(days: 30))
        for mailing in [agenda, minutes, reminder] {
            _ = try await ledger.claim(mailing, messageID: "\(mailing.key)@x", now: now)
        }
        let sent = try await ledger.record(
            .delivered(reply: "250 2.0.0 queued as 1234"),
            for: agenda.key,
            now: now,
            policy: .standard,
            jitter: 0.5
        )
        #expect(sent.state == .sent)
        #expect(sent.relayReply == "250 2.0.0 queued as 1234")
        #expect(sent.sentAt == now)

        let deferred = try await ledger.record(
            .temporary(reason: "451 4.3.0 try later"),
            for: minutes.key,
            now: now,
            policy: .standard,
            jitter: 0.5
        )
        #expect(deferred.state == .deferred)
        #expect(deferred.nextAttempt == now.addingTimeInterval(300))
        #expect(deferred.lastError == "451 4.3.0 try later")

        let failed = try await ledger.record(
            .permanent(reason: "554 5.7.1 rejected"),
            for: reminder.key,
            now: now,
            policy: .standard,
            jitter: 0.5
        )
        #expect(failed.state == .failed)
        #expect(failed.lastError == "554 5.7.1 rejected")
    }

    @Test(arguments: LedgerStoreKind.allCases)
    func aTemporaryFailureWithNoRetryTimeLeftFails(store: LedgerStoreKind) async throws {
        let ledger = try await store.make()
        // Valid for two more minutes: the first retry (5 minutes) would be stale, so the policy gives up.
        let closing = LedgerFixtures.mailing(.agenda, due: now, validUntil: LedgerFixtures.at(minutes: 2))
        _ = try await ledger.claim(closing, messageID: "m@x", now: now)
        let entry = try await ledger.record(
            .temporary(reason: "421 closing"),
            for: closing.key,
            now: now,
            policy: .standard,
            jitter: 0.5
        )
        #expect(entry.state == .failed)
        #expect(entry.lastError == "gave up after 1 attempts: 421 closing")
    }

    @Test(arguments: LedgerStoreKind.allCases)
    func aFailureDoesNotOverwriteARowCancelledMeanwhileButDeliveryDoes(store: LedgerStoreKind) async throws {
        let ledger = try await store.make()
        _ = try await ledger.claim(agenda, messageID: "m@x", now: now)
        try await ledger.markCancelled(agenda, reason: "meeting cancelled", now: now)
        let afterFailure = try await ledger.record(
            .permanent(reason: "550"),
            for: agenda.key,
            now: now,
            policy: .standard,
            jitter: 0.5
        )
        #expect(afterFailure.state == .cancelled)
        let afterDelivery = try await ledger.record(
            .delivered(reply: "250"),
            for: agenda.key,
            now: now,
            policy: .standard,
            jitter: 0.5
        )
        #expect(afterDelivery.state == .sent)
    }

    @Test(arguments: LedgerStoreKind.allCases)
    func recordingAnUnknownKeyThrowsATypedError(store: LedgerStoreKind) async throws {
        let ledger = try await store.make()
        await #expect(throws: LedgerError(operation: "record \(agenda.key)", reason: .unknownMailing(agenda.key))) {
            try await ledger.record(.delivered(reply: "250"), for: agenda.key, now: now, policy: .standard, jitter: 0.5)
        }
    }

    @Test(arguments: LedgerStoreKind.allCases)
    func releaseUndoesAnUnattemptedClaim(store: LedgerStoreKind) async throws {
        let ledger = try await store.make()
        _ = try await ledger.claim(agenda, messageID: "m@x", now: now)
        let released = try await ledger.release(key: agenda.key, now: now)
        #expect(released.state == .scheduled)
        #expect(released.attempts == 0)
        #expect(released.firstAttempt == nil)

        let retryAt = now.addingTimeInterval(300)
        _ = try await ledger.claim(agenda, messageID: "m@x", now: now)
        try await ledger.record(.temporary(reason: "451"), for: agenda.key, now: now, policy: .standard, jitter: 0.5)
        _ = try await ledger.claim(agenda, messageID: "m@x", now: retryAt)
        let releasedAgain = try await ledger.release(key: agenda.key, now: retryAt)
        #expect(releasedAgain.state == .deferred)
        #expect(releasedAgain.attempts == 1)
        #expect(releasedAgain.nextAttempt == retryAt)
    }

    @Test(arguments: LedgerStoreKind.allCases)
    func missedAndCancelledNeverOverwriteSent(store: LedgerStoreKind) async throws {
        let ledger = try await store.make()
        _ = try await ledger.claim(agenda, messageID: "m@x", now: now)
        try await ledger.record(.delivered(reply: "250"), for: agenda.key, now: now, policy: .standard, jitter: 0.5)
        #expect(try await ledger.markMissed(agenda, reason: .stale, now: now).state == .sent)
        #expect(try await ledger.markCancelled(agenda, reason: "x", now: now).state == .sent)
        #expect(try await ledger.cancel(key: agenda.key, reason: "x", now: now)?.state == .sent)
        let unknown = MailingKey(group: "chess", kind: .minutes, occurrence: "2026-11")
        #expect(try await ledger.cancel(key: unknown, reason: "x", now: now) == nil)
    }

    @Test(arguments: LedgerStoreKind.allCases)
    func markMissedInsertsARowWithItsReason(store: LedgerStoreKind) async throws {
        let ledger = try await store.make()
        let entry = try await ledger.markMissed(agenda, reason: .superseded(by: .reminder), now: now)
        #expect(entry.state == .missed)
        #expect(entry.missedReason == "superseded by reminder")
        #expect(entry.due == agenda.due)
        #expect(entry.validUntil == agenda.validUntil)
    }
}
