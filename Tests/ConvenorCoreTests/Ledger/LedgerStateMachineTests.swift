import ConvenorCore
import ConvenorTesting
import Foundation
import Testing

/// The ledger's rules as a table: from a row in some state, a step leads to a state and to an action for the store.
@Suite struct LedgerStateMachineTests {
    static let now = LedgerFixtures.monday
    static let agenda = LedgerFixtures.mailing(
        .agenda,
        due: LedgerFixtures.at(hours: -1),
        validUntil: LedgerFixtures.at(days: 7)
    )

    /// One step of the machine, with what it needs.
    enum Step: Sendable {
        case claim, claimWhenStale, delivered, temporary, permanent, release, miss, cancel, cancelOrphan
        case retry, retryWhenStale, markAlerted
        // What the returns mailbox showed (issue 18).
        case copySeen, heldNotice, heldNoticeWithLink, confirmRequest, refusal, bounce, autoReply, markChairsAlerted

        func run(on machine: inout LedgerStateMachine) -> LedgerAction {
            let now = LedgerStateMachineTests.now
            let mailing = LedgerStateMachineTests.agenda
            switch self {
            case .claim: return machine.claim(mailing, messageID: "m@x", now: now).action
            case .claimWhenStale: return machine.claim(mailing, messageID: "m@x", now: mailing.validUntil).action
            case .delivered:
                return machine.record(.delivered(reply: "250"), now: now, policy: .standard, jitter: 0.5).action
            case .temporary:
                return machine.record(.temporary(reason: "451"), now: now, policy: .standard, jitter: 0.5).action
            case .permanent:
                return machine.record(.permanent(reason: "550"), now: now, policy: .standard, jitter: 0.5).action
            case .release: return machine.release(now: now).action
            case .miss: return machine.miss(mailing, reason: .superseded(by: .reminder), now: now).action
            case .cancel: return machine.cancel(mailing, reason: "meeting cancelled", now: now).action
            case .cancelOrphan: return machine.cancelOrphan(reason: "no longer in the schedule", now: now).action
            case .retry: return machine.retry(key: mailing.key, now: now).action
            case .retryWhenStale: return machine.retry(key: mailing.key, now: mailing.validUntil).action
            case .markAlerted: return machine.markAlerted(at: now).action
            case .copySeen: return machine.returned(Self.returned(.distributed), now: now).action
            case .heldNotice:
                return machine.returned(Self.returned(.held(reason: "The message is not from a list member")), now: now)
                    .action
            case .heldNoticeWithLink:
                var mail = Self.returned(.held(reason: "Post by non-member to a members-only list"))
                mail.link = "https://lists.example.org/approve/1"
                return machine.returned(mail, now: now).action
            case .confirmRequest: return machine.returned(Self.returned(.confirmationRequested), now: now).action
            case .refusal:
                return machine.returned(Self.returned(.rejected(reason: "You are not authorised to post")), now: now)
                    .action
            case .bounce:
                return machine.returned(
                    Self.returned(.bounced(status: "5.1.1", diagnostic: "550 5.1.1 unknown user", recipient: nil)),
                    now: now
                ).action
            case .autoReply: return machine.returned(Self.returned(.ignorable(why: "auto-reply")), now: now).action
            case .markChairsAlerted: return machine.markChairsAlerted(at: now).action
            }
        }

        static func returned(_ verdict: ReturnedMail.Verdict) -> ReturnedMail {
            ReturnedMail(verdict: verdict, source: .mailman3, list: "groups@lists.example.org")
        }
    }

    /// A row of the table: the state before (nil: no row), the step, the state after (nil: still no row), and
    /// whether the store must write.
    struct Row: Sendable, CustomTestStringConvertible {
        var from: LedgerState?
        var attempts = 0
        var step: Step
        var to: LedgerState?
        var writes: Bool

        var testDescription: String {
            "\(from.map(\.rawValue) ?? "none") (\(attempts) attempts) --\(step)--> \(to.map(\.rawValue) ?? "none")"
                + (writes ? "" : ", no write")
        }
    }

    static let table: [Row] = [
        // Claims.
        Row(from: nil, step: .claim, to: .claimed, writes: true),
        Row(from: .scheduled, step: .claim, to: .claimed, writes: true),
        Row(from: .deferred, attempts: 1, step: .claim, to: .claimed, writes: true),
        Row(from: .claimed, attempts: 1, step: .claim, to: .claimed, writes: true),
        Row(from: nil, step: .claimWhenStale, to: .missed, writes: true),
        Row(from: .scheduled, step: .claimWhenStale, to: .missed, writes: true),
        Row(from: .claimed, attempts: 1, step: .claimWhenStale, to: .missed, writes: true),
        Row(from: .sent, attempts: 1, step: .claim, to: .sent, writes: false),
        Row(from: .failed, attempts: 1, step: .claim, to: .failed, writes: false),
        Row(from: .missed, step: .claim, to: .missed, writes: false),
        Row(from: .cancelled, step: .claim, to: .cancelled, writes: false),
        // Outcomes.
        Row(from: .claimed, attempts: 1, step: .delivered, to: .sent, writes: true),
        Row(from: .claimed, attempts: 1, step: .temporary, to: .deferred, writes: true),
        Row(from: .claimed, attempts: 1, step: .permanent, to: .failed, writes: true),
        Row(from: .cancelled, attempts: 1, step: .permanent, to: .cancelled, writes: false),
        Row(from: .cancelled, attempts: 1, step: .temporary, to: .cancelled, writes: false),
        Row(from: .cancelled, attempts: 1, step: .delivered, to: .sent, writes: true),
        Row(from: .missed, step: .delivered, to: .sent, writes: true),
        Row(from: .failed, attempts: 1, step: .delivered, to: .sent, writes: true),
        Row(from: .scheduled, step: .delivered, to: .sent, writes: true),
        Row(from: .deferred, attempts: 1, step: .delivered, to: .sent, writes: true),
        Row(from: .sent, attempts: 1, step: .delivered, to: .sent, writes: false),
        Row(from: nil, step: .delivered, to: nil, writes: false),
        // Release on shutdown.
        Row(from: .claimed, attempts: 1, step: .release, to: .scheduled, writes: true),
        Row(from: .claimed, attempts: 2, step: .release, to: .deferred, writes: true),
        Row(from: .sent, attempts: 1, step: .release, to: .sent, writes: false),
        Row(from: nil, step: .release, to: nil, writes: false),
        // Misses, supersedes and cancellations.
        Row(from: nil, step: .miss, to: .missed, writes: true),
        Row(from: .scheduled, step: .miss, to: .missed, writes: true),
        Row(from: .deferred, attempts: 1, step: .miss, to: .missed, writes: true),
        Row(from: .sent, attempts: 1, step: .miss, to: .sent, writes: false),
        Row(from: nil, step: .cancel, to: .cancelled, writes: true),
        Row(from: .claimed, attempts: 1, step: .cancel, to: .cancelled, writes: true),
        Row(from: .deferred, attempts: 1, step: .cancel, to: .cancelled, writes: true),
        Row(from: .failed, attempts: 1, step: .cancel, to: .failed, writes: false),
        Row(from: .scheduled, step: .cancelOrphan, to: .cancelled, writes: true),
        Row(from: .sent, attempts: 1, step: .cancelOrphan, to: .sent, writes: false),
        Row(from: nil, step: .cancelOrphan, to: nil, writes: false),
        // The operator's retry.
        Row(from: .failed, attempts: 3, step: .retry, to: .scheduled, writes: true),
        Row(from: .missed, step: .retry, to: .scheduled, writes: true),
        Row(from: .missed, step: .retryWhenStale, to: .missed, writes: false),
        Row(from: .sent, attempts: 1, step: .retry, to: .sent, writes: false),
        Row(from: .deferred, attempts: 1, step: .retry, to: .deferred, writes: false),
        Row(from: nil, step: .retry, to: nil, writes: false),
        // Alerts change no state.
        Row(from: .failed, attempts: 1, step: .markAlerted, to: .failed, writes: true),
        Row(from: nil, step: .markAlerted, to: nil, writes: false),
        // What came back from the list: the copy is the strongest fact, notices only change what the relay accepted.
        Row(from: .sent, attempts: 1, step: .copySeen, to: .distributed, writes: true),
        Row(from: .claimed, attempts: 1, step: .copySeen, to: .distributed, writes: true),
        Row(from: .deferred, attempts: 1, step: .copySeen, to: .distributed, writes: true),
        Row(from: .failed, attempts: 1, step: .copySeen, to: .distributed, writes: true),
        Row(from: .held, attempts: 1, step: .copySeen, to: .distributed, writes: true),
        Row(from: .rejected, attempts: 1, step: .copySeen, to: .distributed, writes: true),
        Row(from: .bounced, attempts: 1, step: .copySeen, to: .distributed, writes: true),
        Row(from: .scheduled, step: .copySeen, to: .scheduled, writes: false),
        Row(from: .distributed, attempts: 1, step: .copySeen, to: .distributed, writes: false),
        Row(from: nil, step: .copySeen, to: nil, writes: false),
        Row(from: .sent, attempts: 1, step: .heldNotice, to: .held, writes: true),
        Row(from: .sent, attempts: 1, step: .confirmRequest, to: .held, writes: true),
        Row(from: .held, attempts: 1, step: .heldNotice, to: .held, writes: false),
        Row(from: .held, attempts: 1, step: .heldNoticeWithLink, to: .held, writes: true),
        Row(from: .distributed, attempts: 1, step: .heldNotice, to: .distributed, writes: false),
        Row(from: .claimed, attempts: 1, step: .heldNotice, to: .claimed, writes: false),
        Row(from: .sent, attempts: 1, step: .refusal, to: .rejected, writes: true),
        Row(from: .held, attempts: 1, step: .refusal, to: .rejected, writes: true),
        Row(from: .distributed, attempts: 1, step: .refusal, to: .distributed, writes: false),
        Row(from: .sent, attempts: 1, step: .bounce, to: .bounced, writes: true),
        Row(from: .held, attempts: 1, step: .bounce, to: .bounced, writes: true),
        Row(from: .distributed, attempts: 1, step: .bounce, to: .distributed, writes: false),
        Row(from: .sent, attempts: 1, step: .autoReply, to: .sent, writes: false),
        // A notice before the relay's 250 was recorded: the 250 changes nothing; final rows are not claimed again.
        Row(from: .distributed, attempts: 1, step: .delivered, to: .distributed, writes: false),
        Row(from: .held, attempts: 1, step: .delivered, to: .held, writes: false),
        Row(from: .distributed, attempts: 1, step: .claim, to: .distributed, writes: false),
        Row(from: .held, attempts: 1, step: .retry, to: .held, writes: false),
        Row(from: .held, attempts: 1, step: .markChairsAlerted, to: .held, writes: true),
        Row(from: nil, step: .markChairsAlerted, to: nil, writes: false),
    ]

    static func machine(_ state: LedgerState?, attempts: Int) -> LedgerStateMachine {
        LedgerStateMachine(state.map { LedgerFixtures.entry(for: agenda, state: $0, attempts: attempts) })
    }

    @Test(arguments: table)
    func eachStepLeadsToItsStateAndWritesOnlyWhenTheRowChanges(row: Row) {
        var machine = Self.machine(row.from, attempts: row.attempts)
        let before = machine.row
        let action = row.step.run(on: &machine)
        #expect(machine.row?.state == row.to)
        switch action {
        case .none:
            #expect(!row.writes)
            #expect(machine.row == before)
        case .store(let write):
            #expect(row.writes)
            #expect(write.row == machine.row)
            // The store writes conditionally on the row the decision was made from.
            #expect(write.replacing == before)
            if let from = row.from, let to = row.to, from != to { #expect(from.allowedTransitions.contains(to)) }
        }
    }

    @Test(arguments: LedgerState.allCases)
    func everyAllowedEdgeIsReachedBySomeStep(from: LedgerState) {
        let reached = Set(Self.table.filter { $0.from == from && $0.writes }.compactMap(\.to)).subtracting([from])
        #expect(reached == from.allowedTransitions, "edges of \(from) without a step, or steps outside the table")
    }

    @Test func aClaimCountsTheAttemptKeepsTheFirstOneAndFlagsAnInterruptedOne() {
        var machine = LedgerStateMachine(nil)
        let first = machine.claim(Self.agenda, messageID: "agenda.1@example.org", now: Self.now).outcome
        #expect(first == .claimed(first.entry, wasAlreadyClaimed: false))
        #expect(first.entry.attempts == 1)
        #expect(first.entry.firstAttempt == Self.now)
        #expect(first.entry.messageID == "agenda.1@example.org")
        let later = Self.now.addingTimeInterval(60)
        let second = machine.claim(Self.agenda, messageID: "agenda.1@example.org", now: later).outcome
        #expect(second == .claimed(second.entry, wasAlreadyClaimed: true))
        #expect(second.entry.attempts == 2)
        #expect(second.entry.firstAttempt == Self.now)
        #expect(second.entry.updatedAt == later)
    }

    @Test func aClaimFollowsTheScheduleWhenTheMeetingMoved() {
        var machine = Self.machine(.deferred, attempts: 1)
        let moved = LedgerFixtures.mailing(
            .agenda,
            due: LedgerFixtures.at(hours: -2),
            validUntil: LedgerFixtures.at(days: 3)
        )
        let entry = machine.claim(moved, messageID: "m@x", now: Self.now).outcome.entry
        #expect(entry.due == moved.due)
        #expect(entry.validUntil == moved.validUntil)
    }

    @Test func aStaleClaimIsRecordedMissedWithoutCountingAnAttempt() {
        var machine = LedgerStateMachine(nil)
        let result = machine.claim(Self.agenda, messageID: "m@x", now: Self.agenda.validUntil).outcome
        #expect(result == .stale(result.entry))
        #expect(result.entry.missedReason == "stale")
        #expect(result.entry.attempts == 0)
        #expect(!result.allowsSend)
    }

    @Test func aTemporaryFailureIsRetriedAtThePolicysTimeAndFailsWhenNoTimeIsLeft() {
        var machine = Self.machine(.claimed, attempts: 1)
        let deferred = machine.record(.temporary(reason: "451"), now: Self.now, policy: .standard, jitter: 0.5)
        #expect(deferred.outcome?.nextAttempt == Self.now.addingTimeInterval(300))
        #expect(deferred.outcome?.lastError == "451")

        let closing = LedgerFixtures.mailing(.agenda, due: Self.now, validUntil: LedgerFixtures.at(minutes: 2))
        var short = LedgerStateMachine(LedgerFixtures.entry(for: closing, state: .claimed, attempts: 1))
        let failed = short.record(.temporary(reason: "421"), now: Self.now, policy: .standard, jitter: 0.5).outcome
        #expect(failed?.state == .failed)
        #expect(failed?.lastError == "gave up after 1 attempts: 421")
        #expect(failed?.nextAttempt == nil)
    }

    @Test func onlyASentRecordCarriesTheAnnouncedFacts() throws {
        let facts = AnnouncedOccurrence(
            group: "chess",
            occurrence: "2026-11",
            start: try #require(LocalDateTime(text: "2026-11-12 14:00")),
            startInstant: LedgerFixtures.at(days: 10),
            lengthMinutes: 90,
            place: Place(online: nil, venue: "Hall"),
            sequence: 0,
            uid: "chess-2026-11@example.org",
            updatedAt: Self.now
        )
        var deferred = Self.machine(.claimed, attempts: 1)
        let temporary = deferred.record(
            .temporary(reason: "451"),
            now: Self.now,
            policy: .standard,
            jitter: 0.5,
            announcing: facts
        )
        guard case .store(let deferWrite) = temporary.action else {
            Issue.record("a deferral writes the row")
            return
        }
        #expect(deferWrite.announcing == nil)
        var sent = Self.machine(.claimed, attempts: 1)
        let delivered = sent.record(
            .delivered(reply: "250 OK"),
            now: Self.now,
            policy: .standard,
            jitter: 0.5,
            announcing: facts
        )
        #expect(
            delivered.action
                == .store(
                    LedgerWrite(
                        row: try #require(sent.row),
                        replacing: Self.machine(.claimed, attempts: 1).row,
                        announcing: facts
                    )
                )
        )
        #expect(sent.row?.relayReply == "250 OK")
        #expect(sent.row?.sentAt == Self.now)
    }

    @Test func retryRefusesWithTheReasonAndRequeuesWithAFreshBudget() {
        let key = Self.agenda.key
        #expect(LedgerStateMachine(nil).retrying(key) == .refused(.unknown(key)))
        #expect(Self.machine(.sent, attempts: 1).retrying(key) == .refused(.notRetryable(key, .sent)))
        var superseded = LedgerStateMachine(nil)
        _ = superseded.miss(Self.agenda, reason: .superseded(by: .reminder), now: Self.now)
        #expect(superseded.retrying(key) == .refused(.superseded(key, reason: "superseded by reminder")))
        var failed = Self.machine(.failed, attempts: 3)
        let stale = failed.retry(key: key, now: Self.agenda.validUntil).outcome
        #expect(stale == .refused(.stale(key, validUntil: Self.agenda.validUntil)))
        guard case .requeued(let entry) = failed.retry(key: key, now: Self.now).outcome else {
            Issue.record("a failed row that is still valid is requeued")
            return
        }
        #expect(entry.attempts == 0)
        #expect(entry.firstAttempt == nil)
        #expect(entry.alertedAt == nil)
        #expect(entry.nextAttempt == nil)
    }
}

extension LedgerStateMachine {
    /// The outcome of `retry` now, on a copy.
    fileprivate func retrying(_ key: MailingKey) -> RetryResult {
        var copy = self
        return copy.retry(key: key, now: LedgerStateMachineTests.now).outcome
    }
}
