import ConvenorCore
import ConvenorTesting
import Foundation
import Testing

@Suite struct OperatorAlertPolicyTests {
    let now = LedgerFixtures.monday
    let policy = OperatorAlertPolicy()

    func problem(_ kind: MailingKind, _ state: LedgerState, alertedAt: Date? = nil) -> LedgerEntry {
        var entry = LedgerFixtures.entry(
            for: LedgerFixtures.mailing(kind, due: LedgerFixtures.at(days: -1), validUntil: LedgerFixtures.at(days: 1)),
            state: state
        )
        entry.alertedAt = alertedAt
        return entry
    }

    @Test func nothingIsOwedWithoutUnalertedProblems() {
        #expect(policy.decide(pending: [], lastAlert: nil, now: now) == .nothingOwed)
        let alerted = problem(.agenda, .failed, alertedAt: LedgerFixtures.at(hours: -3))
        #expect(policy.decide(pending: [alerted, problem(.minutes, .sent)], lastAlert: nil, now: now) == .nothingOwed)
    }

    @Test func sendsAtOnceWhenNoAlertWentOutWithinTheHour() {
        let failed = problem(.agenda, .failed)
        let missed = problem(.callForAgenda, .missed)
        #expect(policy.decide(pending: [missed, failed], lastAlert: nil, now: now) == .sendNow([missed, failed]))
        let lastAlert = LedgerFixtures.at(minutes: -60)
        #expect(policy.decide(pending: [failed], lastAlert: lastAlert, now: now) == .sendNow([failed]))
    }

    @Test func waitsUntilAnHourAfterTheLastAlert() {
        let lastAlert = LedgerFixtures.at(minutes: -20)
        #expect(
            policy.decide(pending: [problem(.agenda, .failed)], lastAlert: lastAlert, now: now)
                == .wait(until: LedgerFixtures.at(minutes: 40))
        )
    }
}

@Suite struct LedgerEntryAdviceTests {
    let mailing = LedgerFixtures.mailing(
        .agenda,
        due: LedgerFixtures.at(days: -1),
        validUntil: LedgerFixtures.at(days: 1)
    )

    @Test func tellsTheOperatorHowToRetryAFailure() {
        var entry = LedgerFixtures.entry(for: mailing, state: .failed, attempts: 1)
        entry.lastError = "550 5.1.1 unknown list"
        #expect(
            entry.operatorAdvice
                == "fix the cause (550 5.1.1 unknown list), then run `convenor ledger retry chess/agenda/2026-11/0`"
        )
    }

    @Test func explainsAMissAndWhenRetryingHelps() {
        var entry = LedgerFixtures.entry(for: mailing, state: .missed)
        entry.missedReason = "superseded by agenda"
        #expect(entry.operatorAdvice.hasPrefix("it was not sent (superseded by agenda); tell the group"))
        #expect(LedgerFixtures.entry(for: mailing, state: .sent).operatorAdvice == "nothing to do")
    }

    @Test func tellsTheOperatorWhatTheListDidWithAPost() {
        var held = LedgerFixtures.entry(for: mailing, state: .held, attempts: 1)
        held.postedTo = "groups@lists.example.org"
        held.listWords = "The message is not from a list member"
        held.approvalLink = "https://lists.example.org/mailman3/lists/groups.lists.example.org/held_messages"
        #expect(
            held.operatorAdvice
                == "the list held it (The message is not from a list member); approve it at "
                + "https://lists.example.org/mailman3/lists/groups.lists.example.org/held_messages, or ask the list "
                + "owner to let posts to groups@lists.example.org through"
        )
        var bounced = LedgerFixtures.entry(for: mailing, state: .bounced, attempts: 1)
        bounced.postedTo = "groups@lists.example.org"
        bounced.bounceStatus = "5.1.1"
        bounced.bounceDiagnostic = "550 5.1.1 <groups@lists.example.org>: Recipient address rejected"
        #expect(bounced.operatorAdvice.hasPrefix("it came back undelivered (5.1.1 550 5.1.1 <groups@"))
        #expect(LedgerFixtures.entry(for: mailing, state: .distributed).operatorAdvice == "nothing to do")
    }

    @Test(arguments: LedgerState.allCases)
    func finalStatesAreExactlyThoseTheDaemonNeverRetries(state: LedgerState) {
        let final: Set<LedgerState> = [.sent, .failed, .missed, .cancelled, .distributed, .held, .rejected, .bounced]
        let listDidNotPassItOn: Set<LedgerState> = [.held, .rejected, .bounced]
        #expect(state.isFinal == final.contains(state))
        #expect(state.needsOperator == (state == .failed || state == .missed || listDidNotPassItOn.contains(state)))
        #expect(state.needsChairs == listDidNotPassItOn.contains(state))
        #expect(LedgerState(rawValue: state.description) == state)
    }
}
