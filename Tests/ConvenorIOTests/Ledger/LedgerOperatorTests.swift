import ConvenorCore
import ConvenorIO
import ConvenorTesting
import Foundation
import Testing

/// What `convenor ledger`, `ledger retry` and the operator alerts read and write.
@Suite struct LedgerOperatorTests {
    let now = LedgerFixtures.monday

    func mailing(_ kind: MailingKind, group: String = "chess", validFor days: Int = 7) -> Mailing {
        LedgerFixtures.mailing(
            kind,
            group: group,
            due: LedgerFixtures.at(hours: -1),
            validUntil: LedgerFixtures.at(days: days)
        )
    }

    func failed(_ mailing: Mailing, in ledger: any LedgerStore) async throws {
        _ = try await ledger.claim(mailing, messageID: "\(mailing.key)@x", now: now)
        try await ledger.record(
            .permanent(reason: "550 5.1.1 unknown list"),
            for: mailing.key,
            now: now,
            policy: .standard,
            jitter: 0.5
        )
    }

    @Test(arguments: LedgerStoreKind.allCases)
    func retryRequeuesAFailedMailingWithAFreshBudget(store: LedgerStoreKind) async throws {
        let ledger = try await store.make()
        let agenda = mailing(.agenda)
        try await failed(agenda, in: ledger)
        try await ledger.markAlerted(keys: [agenda.key], at: now)
        let result = try await ledger.retry(key: agenda.key, now: now)
        guard case .requeued(let entry) = result else {
            Issue.record("expected a requeue, got \(result)")
            return
        }
        #expect(entry.state == .scheduled)
        #expect(entry.attempts == 0)
        #expect(entry.firstAttempt == nil)
        #expect(entry.alertedAt == nil)
        #expect(entry.lastError == "550 5.1.1 unknown list")
        // The planner sends it again at once.
        let plan = DeliveryPlanner.plan(due: [agenda], snapshot: try await ledger.snapshot(), now: now)
        #expect(plan.send.map(\.mailing.key) == [agenda.key])
    }

    @Test(arguments: LedgerStoreKind.allCases)
    func retryRefusesASupersededMailingUpFrontSayingWhy(store: LedgerStoreKind) async throws {
        let ledger = try await store.make()
        let callForAgenda = mailing(.callForAgenda)
        try await ledger.markMissed(callForAgenda, reason: .superseded(by: .agenda), now: now)
        let result = try await ledger.retry(key: callForAgenda.key, now: now)
        #expect(result == .refused(.superseded(callForAgenda.key, reason: "superseded by agenda")))
        #expect(
            "\(RetryRefusal.superseded(callForAgenda.key, reason: "superseded by agenda"))"
                == "chess/call-for-agenda/2026-11/0 was superseded by agenda: the later mailing goes out in its place, "
                + "so convenor will never send this one; it stays as it is"
        )
        let entry = try await ledger.entry(for: callForAgenda.key)
        #expect(entry?.state == .missed && entry?.missedReason == "superseded by agenda")
        // A mailing missed because convenor was down (not superseded) can still be retried while it is valid.
        let missed = mailing(.reminder)
        try await ledger.markMissed(missed, reason: .stale, now: now)
        guard case .requeued = try await ledger.retry(key: missed.key, now: now) else {
            Issue.record("a missed, still valid mailing should be requeued")
            return
        }
    }

    @Test(arguments: LedgerStoreKind.allCases)
    func retryRefusesStaleUnknownAndUnfinishedMailings(store: LedgerStoreKind) async throws {
        let ledger = try await store.make()
        let stale = mailing(.agenda, validFor: 1)
        try await failed(stale, in: ledger)
        let later = LedgerFixtures.at(days: 2)
        #expect(
            try await ledger.retry(key: stale.key, now: later)
                == .refused(.stale(stale.key, validUntil: stale.validUntil))
        )
        #expect(try await ledger.entry(for: stale.key)?.state == .failed)
        let message = RetryRefusal.stale(stale.key, validUntil: stale.validUntil).description
        #expect(message.contains("chess/agenda/2026-11/0 was only valid until 2026-11-03T09:00:00Z"))

        let unknown = MailingKey(group: "chess", kind: .minutes, occurrence: "2026-11")
        #expect(try await ledger.retry(key: unknown, now: now) == .refused(.unknown(unknown)))

        let pending = mailing(.reminder)
        _ = try await ledger.claim(pending, messageID: "r@x", now: now)
        #expect(try await ledger.retry(key: pending.key, now: now) == .refused(.notRetryable(pending.key, .claimed)))
    }

    @Test(arguments: LedgerStoreKind.allCases)
    func entriesFilterByGroupAndStateOldestDueFirst(store: LedgerStoreKind) async throws {
        let ledger = try await store.make()
        let chessLater = LedgerFixtures.mailing(
            .minutes,
            due: LedgerFixtures.at(minutes: -10),
            validUntil: LedgerFixtures.at(days: 7)
        )
        let chessEarlier = mailing(.agenda)
        let go = mailing(.agenda, group: "go")
        for item in [chessLater, chessEarlier, go] {
            _ = try await ledger.claim(item, messageID: "\(item.key)@x", now: now)
        }
        try await ledger.record(.delivered(reply: "250"), for: go.key, now: now, policy: .standard, jitter: 0.5)
        #expect(try await ledger.entries().map(\.key) == [chessEarlier.key, go.key, chessLater.key])
        #expect(try await ledger.entries(group: "chess").map(\.key) == [chessEarlier.key, chessLater.key])
        #expect(try await ledger.entries(state: .sent).map(\.key) == [go.key])
        #expect(try await ledger.entries(group: "chess", state: .sent).isEmpty)
    }

    @Test(arguments: LedgerStoreKind.allCases)
    func problemsAreAlertedOnceAndTheLastAlertTimeIsKept(store: LedgerStoreKind) async throws {
        let ledger = try await store.make()
        let agenda = mailing(.agenda)
        let reminder = mailing(.reminder)
        try await failed(agenda, in: ledger)
        try await ledger.markMissed(reminder, reason: .stale, now: now)
        _ = try await ledger.claim(mailing(.minutes), messageID: "m@x", now: now)
        #expect(try await ledger.lastAlertTime() == nil)
        #expect(try await ledger.unalertedProblems().map(\.key) == [agenda.key, reminder.key])

        let alertTime = now.addingTimeInterval(30)
        try await ledger.markAlerted(keys: [agenda.key], at: alertTime)
        #expect(try await ledger.unalertedProblems().map(\.key) == [reminder.key])
        #expect(try await ledger.lastAlertTime() == alertTime)
    }

    @Test(arguments: LedgerStoreKind.allCases)
    func announcedFactsRoundTripAndAreStoredWithTheSentRecord(store: LedgerStoreKind) async throws {
        let ledger = try await store.make()
        let facts = AnnouncedOccurrence(
            group: "chess",
            occurrence: "2026-11",
            start: try #require(LocalDateTime(text: "2026-11-12 14:00")),
            startInstant: LedgerFixtures.at(days: 10, hours: 5),
            lengthMinutes: 90,
            place: Place(online: "https://meet.example.org/chess", venue: nil),
            sequence: 0,
            uid: "chess-2026-11@aln.example.org",
            updatedAt: now
        )
        let announcement = mailing(.announcement)
        _ = try await ledger.claim(announcement, messageID: "a@x", now: now)
        try await ledger.record(
            .temporary(reason: "451"),
            for: announcement.key,
            now: now,
            policy: .standard,
            jitter: 0.5,
            announcing: facts
        )
        #expect(try await ledger.announcedOccurrence(facts.key) == nil)
        _ = try await ledger.claim(announcement, messageID: "a@x", now: now)
        try await ledger.record(
            .delivered(reply: "250"),
            for: announcement.key,
            now: now,
            policy: .standard,
            jitter: 0.5,
            announcing: facts
        )
        #expect(try await ledger.announcedOccurrence(facts.key) == facts)

        var moved = facts
        moved.place = Place(online: nil, venue: "Room 1, Parkinson Building")
        moved.sequence = 1
        // The rescheduled notice carries the moved facts; they replace the announcement's in the same way.
        let notice = mailing(.rescheduled)
        _ = try await ledger.claim(notice, messageID: "r@x", now: now)
        try await ledger.record(
            .delivered(reply: "250"),
            for: notice.key,
            now: now,
            policy: .standard,
            jitter: 0.5,
            announcing: moved
        )
        #expect(try await ledger.snapshot().announced == [facts.key: moved])
    }

    @Test func aNewLedgerIsAtTheCurrentSchemaVersionAndPassesTheIntegrityCheck() async throws {
        let ledger = try makeInMemoryLedger()
        #expect(try await ledger.schemaVersion() == SQLiteLedger.currentSchemaVersion)
        #expect(SQLiteLedger.currentSchemaVersion == 7)
        #expect(try await ledger.integrityCheck())
        #expect(try await ledger.durabilitySettings().synchronous == 2)
    }
}
