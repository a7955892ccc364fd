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
            state: state)
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
                == .wait(until: LedgerFixtures.at(minutes: 40)))
    }
}

@Suite struct LedgerEntryAdviceTests {
    let mailing = LedgerFixtures.mailing(
        .agenda, due: LedgerFixtures.at(days: -1), validUntil: LedgerFixtures.at(days: 1))

    @Test func tellsTheOperatorHowToRetryAFailure() {
        var entry = LedgerFixtures.entry(for: mailing, state: .failed, attempts: 1)
        entry.lastError = "550 5.1.1 unknown list"
        #expect(
            entry.operatorAdvice
                == "fix the cause (550 5.1.1 unknown list), then run `convenor ledger retry chess/agenda/2026-11/0`")
    }

    @Test func explainsAMissAndWhenRetryingHelps() {
        var entry = LedgerFixtures.entry(for: mailing, state: .missed)
        entry.missedReason = "superseded by agenda"
        #expect(entry.operatorAdvice.hasPrefix("it was not sent (superseded by agenda); tell the group"))
        #expect(LedgerFixtures.entry(for: mailing, state: .sent).operatorAdvice == "nothing to do")
    }

    @Test(arguments: LedgerState.allCases)
    func finalStatesAreExactlyThoseTheDaemonNeverRetries(state: LedgerState) {
        let final: Set<LedgerState> = [.sent, .failed, .missed, .cancelled]
        #expect(state.isFinal == final.contains(state))
        #expect(state.needsOperator == (state == .failed || state == .missed))
        #expect(LedgerState(rawValue: state.description) == state)
    }
}
