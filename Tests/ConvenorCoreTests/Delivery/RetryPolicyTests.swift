import ConvenorCore
import ConvenorTesting
import Foundation
import Testing

@Suite struct RetryPolicyTests {
    let policy = RetryPolicy.standard
    let now = LedgerFixtures.monday
    let farFuture = LedgerFixtures.at(days: 30)

    @Test(arguments: [(1, 5), (2, 10), (3, 20), (4, 40), (5, 60), (6, 60), (50, 60), (10_000, 60)])
    func backsOffFromFiveMinutesDoublingToAnHour(attempts: Int, minutes: Int) {
        #expect(policy.baseDelay(after: attempts) == TimeInterval(minutes * 60))
        // Jitter 0.5 is the middle of the range: no shift at all.
        let next = policy.nextAttempt(after: attempts, now: now, validUntil: farFuture, firstAttempt: now, jitter: 0.5)
        #expect(next == now.addingTimeInterval(TimeInterval(minutes * 60)))
    }

    @Test(arguments: [0.0, 0.25, 0.5, 0.75, 0.999_999])
    func jitterStaysWithinTenPercentEitherWay(jitter: Double) {
        for attempts in 1...8 {
            let base = policy.baseDelay(after: attempts)
            let delay = policy.delay(after: attempts, jitter: jitter)
            #expect(delay >= base * 0.9 - 1e-9)
            #expect(delay <= base * 1.1 + 1e-9)
        }
    }

    @Test func jitterSpreadsRetriesAcrossTheRange() {
        #expect(policy.delay(after: 1, jitter: 0) == 270)
        #expect(policy.delay(after: 1, jitter: 1) == 330)
        #expect(policy.delay(after: 1, jitter: 0.25) < policy.delay(after: 1, jitter: 0.75))
    }

    @Test func givesUpWhenTheNextAttemptWouldBeStale() {
        let validUntil = now.addingTimeInterval(10 * 60)
        #expect(policy.nextAttempt(after: 1, now: now, validUntil: validUntil, firstAttempt: now, jitter: 0.5) != nil)
        // After the second failure the next attempt is 10 minutes away: exactly at valid_until, so never.
        #expect(policy.nextAttempt(after: 2, now: now, validUntil: validUntil, firstAttempt: now, jitter: 0.5) == nil)
    }

    @Test func givesUpFourDaysAfterTheFirstAttempt() {
        let first = LedgerFixtures.at(days: -4, minutes: 30)
        // 30 minutes of budget left: a 20-minute delay fits, a 60-minute one does not.
        #expect(policy.nextAttempt(after: 3, now: now, validUntil: farFuture, firstAttempt: first, jitter: 0.5) != nil)
        #expect(policy.nextAttempt(after: 9, now: now, validUntil: farFuture, firstAttempt: first, jitter: 0.5) == nil)
    }

    @Test func aTemporaryFailureDefersAndAPermanentOneFailsAtOnce() {
        let temporary = policy.decision(
            for: .temporary(reason: "451 try later"),
            attempts: 1,
            now: now,
            validUntil: farFuture,
            firstAttempt: now,
            jitter: 0.5
        )
        #expect(temporary == .defer(until: now.addingTimeInterval(300), reason: "451 try later"))
        let permanent = policy.decision(
            for: .permanent(reason: "550 no such list"),
            attempts: 1,
            now: now,
            validUntil: farFuture,
            firstAttempt: now,
            jitter: 0.5
        )
        #expect(permanent == .fail(reason: "550 no such list"))
        let delivered = policy.decision(
            for: .delivered(reply: "250 OK"),
            attempts: 1,
            now: now,
            validUntil: farFuture,
            firstAttempt: now,
            jitter: 0.5
        )
        #expect(delivered.state == .sent)
    }

    @Test func aTemporaryFailureWithNoTimeLeftFailsAndSaysWhy() {
        let decision = policy.decision(
            for: .temporary(reason: "421 busy"),
            attempts: 3,
            now: now,
            validUntil: now.addingTimeInterval(60),
            firstAttempt: now,
            jitter: 0.5
        )
        #expect(decision == .fail(reason: "gave up after 3 attempts: 421 busy"))
    }
}
