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
