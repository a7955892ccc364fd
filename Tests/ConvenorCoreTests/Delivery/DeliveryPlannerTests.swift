import ConvenorCore
import ConvenorTesting
import Foundation
import Testing

/// One planner case: the schedule, the ledger, and what the plan must say at `LedgerFixtures.monday`.
struct PlannerCase: Sendable, CustomTestStringConvertible {
    var name: String
    var mailings: [Mailing]
    var entries: [LedgerEntry] = []
    var send: [String] = []
    var resumed: [String] = []
    var miss: [String: String] = [:]
    var orphaned: [String] = []
    var nextWake: Date?

    var testDescription: String { name }
}

@Suite struct DeliveryPlannerTests {
    static let now = LedgerFixtures.monday
    static let meeting = LedgerFixtures.at(days: 10)

    static func at(days: Int = 0, hours: Int = 0, minutes: Int = 0) -> Date {
        LedgerFixtures.at(days: days, hours: hours, minutes: minutes)
    }

    static func mail(_ kind: MailingKind, due: Date, until: Date = meeting, occurrence: String = "2026-11") -> Mailing {
        LedgerFixtures.mailing(kind, occurrence: occurrence, due: due, validUntil: until)
    }

    static let callForAgenda = mail(.callForAgenda, due: at(days: -2))
    static let agendaDue = mail(.agenda, due: at(hours: -1))
    static let agendaLater = mail(.agenda, due: at(days: 3))

    static let cases: [PlannerCase] = [
        PlannerCase(
            name: "a due, valid mailing is sent and the next one wakes the daemon",
            mailings: [callForAgenda, agendaLater],
            send: ["chess/call-for-agenda/2026-11/0"],
            nextWake: at(days: 3)
        ),
        PlannerCase(
            name: "due exactly now is due",
            mailings: [mail(.announcement, due: now)],
            send: ["chess/announcement/2026-11/0"]
        ),
        PlannerCase(
            name: "nothing due: sleep until the first due time",
            mailings: [agendaLater, mail(.minutesChase, due: at(days: 20), until: at(days: 40))],
            nextWake: at(days: 3)
        ),
        PlannerCase(
            name: "past valid_until is missed as stale",
            mailings: [mail(.agenda, due: at(days: -3), until: at(hours: -1))],
            miss: ["chess/agenda/2026-11/0": "stale"]
        ),
        PlannerCase(
            name: "valid_until exactly now is stale",
            mailings: [mail(.agenda, due: at(days: -3), until: now)],
            miss: ["chess/agenda/2026-11/0": "stale"]
        ),
        PlannerCase(
            name: "a due agenda supersedes the call for agenda items",
            mailings: [callForAgenda, agendaDue],
            send: ["chess/agenda/2026-11/0"],
            miss: ["chess/call-for-agenda/2026-11/0": "superseded by agenda"]
        ),
        PlannerCase(
            name: "an agenda already sent still supersedes a deferred call for agenda items",
            mailings: [callForAgenda, agendaDue],
            entries: [
                LedgerFixtures.entry(for: callForAgenda, state: .deferred, attempts: 2, nextAttempt: at(minutes: 5)),
                LedgerFixtures.entry(for: agendaDue, state: .sent, attempts: 1),
            ],
            miss: ["chess/call-for-agenda/2026-11/0": "superseded by agenda"]
        ),
        PlannerCase(
            name: "siblings of another occurrence do not supersede",
            mailings: [callForAgenda, mail(.agenda, due: at(hours: -1), occurrence: "2026-10")],
            send: ["chess/call-for-agenda/2026-11/0", "chess/agenda/2026-10/0"]
        ),
        PlannerCase(
            name: "kinds outside a meeting's sequence are never superseded",
            mailings: [
                mail(.minutesChase, due: at(days: -1)), mail(.confirmDate, due: at(hours: -2)), agendaDue,
            ],
            send: ["chess/minutes-chase/2026-11/0", "chess/confirm-date/2026-11/0", "chess/agenda/2026-11/0"]
        ),
        PlannerCase(
            name: "overdue confirm-date repeats of one window: only the newest goes, the older are superseded",
            mailings: [
                mail(.confirmDate, due: at(days: -28), until: at(days: 30), occurrence: "2027-02~2026-12-07"),
                mail(.confirmDate, due: at(days: -14), until: at(days: 30), occurrence: "2027-02~2026-12-21"),
                mail(.confirmDate, due: at(hours: -1), until: at(days: 30), occurrence: "2027-02~2027-01-04"),
                mail(.confirmDate, due: at(days: -3), until: at(days: 30), occurrence: "2027-06~2027-04-07"),
            ],
            send: ["chess/confirm-date/2027-06~2027-04-07/0", "chess/confirm-date/2027-02~2027-01-04/0"],
            miss: [
                "chess/confirm-date/2027-02~2026-12-07/0": "superseded by confirm-date",
                "chess/confirm-date/2027-02~2026-12-21/0": "superseded by confirm-date",
            ]
        ),
        PlannerCase(
            name: "a deferred mailing waits for its next attempt",
            mailings: [callForAgenda],
            entries: [
                LedgerFixtures.entry(for: callForAgenda, state: .deferred, attempts: 1, nextAttempt: at(minutes: 5))
            ],
            nextWake: at(minutes: 5)
        ),
        PlannerCase(
            name: "a deferred mailing whose retry time came is sent again",
            mailings: [callForAgenda],
            entries: [
                LedgerFixtures.entry(for: callForAgenda, state: .deferred, attempts: 1, nextAttempt: at(minutes: -1))
            ],
            send: ["chess/call-for-agenda/2026-11/0"]
        ),
        PlannerCase(
            name: "a deferred retry after valid_until wakes at valid_until to record the miss",
            mailings: [mail(.agenda, due: at(days: -1), until: at(hours: 1))],
            entries: [
                LedgerFixtures.entry(
                    for: mail(.agenda, due: at(days: -1), until: at(hours: 1)),
                    state: .deferred,
                    attempts: 3,
                    nextAttempt: at(hours: 2)
                )
            ],
            nextWake: at(hours: 1)
        ),
        PlannerCase(
            name: "a row left claimed by a crash is sent again, flagged",
            mailings: [callForAgenda],
            entries: [LedgerFixtures.entry(for: callForAgenda, state: .claimed, attempts: 1)],
            send: ["chess/call-for-agenda/2026-11/0"],
            resumed: ["chess/call-for-agenda/2026-11/0"]
        ),
        PlannerCase(
            name: "a row left claimed but now stale is missed, not sent late, and says its outcome is unknown",
            mailings: [mail(.agenda, due: at(days: -3), until: at(hours: -1))],
            entries: [
                LedgerFixtures.entry(for: mail(.agenda, due: at(days: -3), until: at(hours: -1)), state: .claimed)
            ],
            miss: ["chess/agenda/2026-11/0": "stale after an interrupted attempt (it may have been delivered)"]
        ),
        PlannerCase(
            name: "final rows are ignored, past or future",
            mailings: [
                callForAgenda, agendaLater, mail(.announcement, due: at(days: -20)),
                mail(.minutes, due: at(days: -1), until: at(hours: -1)),
            ],
            entries: [
                LedgerFixtures.entry(for: callForAgenda, state: .sent, attempts: 1),
                LedgerFixtures.entry(for: agendaLater, state: .cancelled),
                LedgerFixtures.entry(for: mail(.announcement, due: at(days: -20)), state: .failed, attempts: 1),
                LedgerFixtures.entry(for: mail(.minutes, due: at(days: -1), until: at(hours: -1)), state: .missed),
            ]
        ),
        PlannerCase(
            name: "a pending row no longer in the schedule is orphaned",
            mailings: [],
            entries: [
                LedgerFixtures.entry(for: callForAgenda, state: .deferred, attempts: 1, nextAttempt: at(minutes: 5)),
                LedgerFixtures.entry(for: agendaDue, state: .sent, attempts: 1),
            ],
            orphaned: ["chess/call-for-agenda/2026-11/0"]
        ),
        PlannerCase(
            name: "a key listed twice is planned once",
            mailings: [callForAgenda, callForAgenda],
            send: ["chess/call-for-agenda/2026-11/0"]
        ),
    ]

    @Test(arguments: cases)
    func plans(_ scenario: PlannerCase) {
        let plan = DeliveryPlanner.plan(
            due: scenario.mailings,
            snapshot: LedgerSnapshot(scenario.entries),
            now: Self.now
        )
        #expect(plan.send.map(\.mailing.key.description) == scenario.send)
        #expect(plan.send.filter(\.resumesInterruptedAttempt).map(\.mailing.key.description) == scenario.resumed)
        #expect(
            Dictionary(uniqueKeysWithValues: plan.miss.map { ($0.mailing.key.description, $0.reason.description) })
                == scenario.miss
        )
        #expect(plan.orphaned.map(\.description) == scenario.orphaned)
        #expect(plan.nextWake == scenario.nextWake)
    }

    @Test func sendsOldestDueFirstAndCountsEarlierAttempts() {
        let minutes = Self.mail(.minutes, due: Self.at(days: -1))
        let plan = DeliveryPlanner.plan(
            due: [Self.agendaDue, minutes],
            snapshot: LedgerSnapshot([
                LedgerFixtures.entry(for: minutes, state: .deferred, attempts: 2, nextAttempt: Self.at(minutes: -1))
            ]),
            now: Self.now
        )
        #expect(plan.send.map(\.mailing.key.kind) == [.minutes, .agenda])
        #expect(plan.send.map(\.previousAttempts) == [2, 0])
    }

    @Test func planningTheSameInputTwiceIsTheSame() {
        let input = [Self.callForAgenda, Self.agendaDue, Self.mail(.reminder, due: Self.at(days: 9))]
        let first = DeliveryPlanner.plan(due: input, snapshot: LedgerSnapshot(), now: Self.now)
        #expect(first == DeliveryPlanner.plan(due: input.reversed(), snapshot: LedgerSnapshot(), now: Self.now))
        #expect(!first.isIdle)
        #expect(DeliveryPlanner.plan(due: [], snapshot: LedgerSnapshot(), now: Self.now) == DeliveryPlan())
    }

    @Test func aNewLeaderLeavesItsPredecessorsClaimsAloneUntilTheHoldEnds() {
        let claimed = LedgerFixtures.entry(for: Self.callForAgenda, state: .claimed, attempts: 1)
        let fresh = Self.mail(.agenda, due: Self.at(hours: -1), occurrence: "2026-12")
        // Left claimed by a leader before the predecessor: its lease ran out before the predecessor took over.
        let older = Self.mail(.minutes, due: Self.at(days: -1), occurrence: "2026-10")
        let holdEnds = Self.at(minutes: 1)
        let held = DeliveryPlanner.plan(
            due: [Self.callForAgenda, fresh, older],
            snapshot: LedgerSnapshot([claimed, LedgerFixtures.entry(for: older, state: .claimed, attempts: 1)]),
            now: Self.now,
            heldClaims: ClaimHold(keys: [Self.callForAgenda.key], until: holdEnds)
        )
        // Only the row the predecessor may still be sending waits; new mail and older claims go now.
        #expect(held.send.map(\.mailing.key) == [older.key, fresh.key])
        #expect(held.heldClaims == [PlannedWait(mailing: Self.callForAgenda, until: holdEnds)])
        #expect(held.nextWake == holdEnds)
        // At the end of the hold it is resent, flagged as an interrupted attempt.
        let after = DeliveryPlanner.plan(
            due: [Self.callForAgenda],
            snapshot: LedgerSnapshot([claimed]),
            now: holdEnds,
            heldClaims: ClaimHold(keys: [Self.callForAgenda.key], until: holdEnds)
        )
        #expect(after.send.map(\.resumesInterruptedAttempt) == [true] && after.heldClaims.isEmpty)
    }

    @Test func aHeldClaimWakesThePassWhenItTurnsStaleSoMissedIsRecordedOnTime() {
        let soonStale = Self.mail(.agenda, due: Self.at(hours: -2), until: Self.at(minutes: 5), occurrence: "2026-12")
        let plan = DeliveryPlanner.plan(
            due: [soonStale],
            snapshot: LedgerSnapshot([LedgerFixtures.entry(for: soonStale, state: .claimed, attempts: 1)]),
            now: Self.now,
            heldClaims: ClaimHold(keys: [soonStale.key], until: Self.at(minutes: 20))
        )
        #expect(plan.heldClaims.map(\.until) == [Self.at(minutes: 5)] && plan.nextWake == Self.at(minutes: 5))
        // Stale at the wake: missed with the interrupted attempt's reason, never sent late.
        let stale = DeliveryPlanner.plan(
            due: [soonStale],
            snapshot: LedgerSnapshot([LedgerFixtures.entry(for: soonStale, state: .claimed, attempts: 1)]),
            now: Self.at(minutes: 5),
            heldClaims: ClaimHold(keys: [soonStale.key], until: Self.at(minutes: 20))
        )
        #expect(stale.send.isEmpty && stale.miss.map(\.reason) == [.staleAfterInterruptedAttempt])
    }
}
