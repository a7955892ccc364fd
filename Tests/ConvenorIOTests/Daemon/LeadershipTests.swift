import ConvenorCore
import ConvenorIO
import ConvenorTesting
import Foundation
import Synchronization
import Testing

/// Leadership of a shared ledger (issue 20) on `MemoryLedger`: only the lease holder sends, a standby takes over an
/// expired lease, and an instance whose lease lapsed sends nothing (the fence).
@Suite struct LeadershipTests {
    @Test func onlyTheLeaseHolderSendsAndAStandbyTakesOverAnExpiredLease() async throws {
        let fixture = try DaemonFixture()
        defer { fixture.cleanUp() }
        let ledger = MemoryLedger()
        let first = Leadership(instance: "a", leaseSeconds: 30)
        let second = Leadership(instance: "b", leaseSeconds: 30)
        let askedAt = ContinuousClock.now
        #expect(
            first.update(
                try await ledger.requestLeadership(instance: "a", seconds: 30, now: fixture.clock.now()),
                askedAt: askedAt
            )
        )
        #expect(
            !second.update(
                try await ledger.requestLeadership(instance: "b", seconds: 30, now: fixture.clock.now()),
                askedAt: askedAt
            )
        )

        let transport = RecordingTransport()
        var standby = DeliveryPass(ledger: ledger, clock: fixture.clock, logger: fixture.logger)
        standby.leadership = second
        let idle = await standby.run(fixture.configuration(transport))
        #expect(idle.sent == 0 && transport.messages.isEmpty)

        var leader = DeliveryPass(ledger: ledger, clock: fixture.clock, logger: fixture.logger)
        leader.leadership = first
        leader.jitter = { 0.5 }
        let sent = await leader.run(fixture.configuration(transport))
        #expect(sent.sent == 4 && transport.messages.count == 4)

        // Thirty seconds later by the ledger's clock, without a renewal: b takes over with the next token.
        let later = fixture.clock.now().addingTimeInterval(30)
        let taken = try await ledger.requestLeadership(instance: "b", seconds: 30, now: later)
        #expect(taken.holder == "b" && taken.token == 2 && taken.previousExpiresAt == later)
        var stored = taken
        stored.previousExpiresAt = nil  // in the takeover's answer only
        #expect(try await ledger.currentLeader() == stored)
    }

    @Test func aLeaseLapsedLocallyIsAFenceNothingIsClaimedOrSent() async throws {
        let fixture = try DaemonFixture()
        defer { fixture.cleanUp() }
        let ledger = MemoryLedger()
        let paused = Leadership(instance: "a", leaseSeconds: 30)
        // Asked 31 s ago (the process was stopped since): the local deadline has passed.
        let lease = try await ledger.requestLeadership(instance: "a", seconds: 30, now: fixture.clock.now())
        paused.update(lease, askedAt: ContinuousClock.now - .seconds(31))
        #expect(!paused.holds())

        let transport = RecordingTransport()
        var pass = DeliveryPass(ledger: ledger, clock: fixture.clock, logger: fixture.logger)
        pass.leadership = paused
        let result = await pass.run(fixture.configuration(transport))
        #expect(result.sent == 0 && transport.messages.isEmpty)
        #expect(try await ledger.snapshot().entries.isEmpty)
    }

    @Test func aLapsedOrLostLeaseKeepsItsLastTokenForRecordingItsOwnClaims() async throws {
        let ledger = MemoryLedger()
        let leadership = Leadership(instance: "a", leaseSeconds: 30)
        #expect(leadership.token == nil && leadership.lastToken == nil)
        let lease = try await ledger.requestLeadership(instance: "a", seconds: 30, now: Date())
        leadership.update(lease, askedAt: ContinuousClock.now)
        #expect(leadership.token == lease.token && leadership.lastToken == lease.token)
        // Paused past the lease: no token to claim with, the last one still names the rows it claimed.
        leadership.update(lease, askedAt: ContinuousClock.now - .seconds(31))
        #expect(leadership.token == nil && leadership.lastToken == lease.token)
        // Another instance leads now: the same.
        leadership.update(
            LeaderLease(holder: "b", token: lease.token + 1, acquiredAt: Date(), expiresAt: Date() + 30),
            askedAt: .now
        )
        #expect(!leadership.holds() && leadership.lastToken == lease.token)
    }

    @Test(arguments: [2, 3, 30])
    func aStandbyLooksAgainAtTheNextRenewalNotAtOnce(leaseSeconds: Int) async throws {
        // A 2-second lease renews every 0.67 s: a standby pass must not ask to wake "now" (a busy loop that read
        // the shared ledger without pause when the renewal was rounded down to whole seconds).
        let fixture = try DaemonFixture()
        defer { fixture.cleanUp() }
        let ledger = MemoryLedger()
        _ = try await ledger.requestLeadership(instance: "a", seconds: leaseSeconds, now: fixture.clock.now())
        let standing = Leadership(instance: "b", leaseSeconds: leaseSeconds)
        standing.update(
            try await ledger.requestLeadership(instance: "b", seconds: leaseSeconds, now: fixture.clock.now()),
            askedAt: .now
        )
        var standby = DeliveryPass(ledger: ledger, clock: fixture.clock, logger: fixture.logger)
        standby.leadership = standing
        let now = fixture.clock.now()
        let result = await standby.run(fixture.configuration(RecordingTransport()))
        let wake = try #require(result.nextWake).timeIntervalSince(now)
        #expect(abs(wake - Double(leaseSeconds) / 3) < 0.5, "wakes after \(wake) s")
    }

    @Test("a transfer the lapsed lease stopped before the relay had it stays claimed for the next leader, not deferred")
    func aTransferStoppedByTheFenceIsLeftForTheNextLeader() async throws {
        let fixture = try DaemonFixture()
        defer { fixture.cleanUp() }
        let ledger = MemoryLedger()
        let leadership = Leadership(instance: "a", leaseSeconds: 30)
        let lease = try await ledger.requestLeadership(instance: "a", seconds: 30, now: fixture.clock.now())
        leadership.update(lease, askedAt: .now)
        var pass = DeliveryPass(ledger: ledger, clock: fixture.clock, logger: fixture.logger)
        pass.leadership = leadership
        pass.jitter = { 0.5 }
        // The first message is on the wire when the instance is paused past its lease: libcurl's progress callback
        // aborts it before the final dot; nothing more starts.
        let transport = GatedTransport { _ in
            leadership.update(lease, askedAt: ContinuousClock.now - .seconds(31))
            return .cancelledBeforeAcceptance
        }

        let result = await pass.run(fixture.configuration(transport))

        let entries = try await ledger.snapshot().entries.values
        #expect(result.sent == 0 && result.deferred == 0 && transport.started == 1)
        #expect(entries.count == 4 && entries.allSatisfy { $0.state == .claimed }, "\(entries.map(\.state))")
        #expect(fixture.logs.all.filter { $0.contains("fenced: the leader lease lapsed during the batch") }.count == 4)
    }

    @Test("a new leader leaves the rows its paused predecessor left claimed until the hold ends, then resends them")
    func aNewLeaderHoldsItsPredecessorsClaims() async throws {
        let fixture = try DaemonFixture()
        defer { fixture.cleanUp() }
        let ledger = MemoryLedger()
        let first = Leadership(instance: "a", leaseSeconds: 30)
        let lease = try await ledger.requestLeadership(instance: "a", seconds: 30, now: fixture.clock.now())
        first.update(lease, askedAt: .now)
        var paused = DeliveryPass(ledger: ledger, clock: fixture.clock, logger: fixture.logger)
        paused.leadership = first
        paused.jitter = { 0.5 }
        _ = await paused.run(
            fixture.configuration(
                GatedTransport { _ in
                    first.update(lease, askedAt: ContinuousClock.now - .seconds(31))
                    return .cancelledBeforeAcceptance
                }
            )
        )
        #expect(try await ledger.snapshot().entries.values.allSatisfy { $0.state == .claimed })

        // b takes over a second after a's lease ran out: a may still record what it sent for 29 s more.
        let second = Leadership(instance: "b", leaseSeconds: 30)
        #expect(second.claimsHeldUntil == nil)
        let taken = try await ledger.requestLeadership(
            instance: "b",
            seconds: 30,
            now: fixture.clock.now().addingTimeInterval(31)
        )
        #expect(second.update(taken, askedAt: .now, wallNow: fixture.clock.now()))
        let holdEnds = fixture.clock.now().addingTimeInterval(29)
        #expect(second.claimsHeldUntil == holdEnds)
        let transport = RecordingTransport()
        var leader = DeliveryPass(ledger: ledger, clock: fixture.clock, logger: fixture.logger)
        leader.leadership = second
        leader.jitter = { 0.5 }
        let held = await leader.run(fixture.configuration(transport))
        #expect(held.sent == 0 && transport.messages.isEmpty)
        #expect(try #require(held.nextWake) <= holdEnds)
        #expect(fixture.logs.all.filter { $0.contains("left to the previous leader") }.count == 4)
        // A renewal keeps the hold where it was.
        second.update(
            try await ledger.requestLeadership(
                instance: "b",
                seconds: 30,
                now: fixture.clock.now().addingTimeInterval(41)
            ),
            askedAt: .now,
            wallNow: fixture.clock.now().addingTimeInterval(10)
        )
        #expect(second.claimsHeldUntil == holdEnds)

        // Once the hold is over (here: b took over 60 s after a's lease ran out) the rows are resent.
        let late = Leadership(instance: "c", leaseSeconds: 30)
        late.update(
            try await ledger.requestLeadership(
                instance: "c",
                seconds: 30,
                now: fixture.clock.now().addingTimeInterval(200)
            ),
            askedAt: .now,
            wallNow: fixture.clock.now()
        )
        #expect(late.claimsHeldUntil == nil)
        leader.leadership = late
        let resent = await leader.run(fixture.configuration(transport))
        #expect(resent.sent == 4 && transport.messages.count == 4)
    }

    @Test("run --once keeps the lease renewed while its pass outlasts it, sends everything, then resigns")
    func aSinglePassLongerThanTheLeaseKeepsLeading() async throws {
        let fixture = try DaemonFixture()
        defer { fixture.cleanUp() }
        let ledger = MemoryLedger()
        // A 1-second lease is trusted for 0.5 s; four messages of 0.3 s each take 1.2 s.
        let leadership = Leadership(instance: "once", leaseSeconds: 1)
        var pass = DeliveryPass(ledger: ledger, clock: fixture.clock, logger: fixture.logger)
        pass.leadership = leadership
        pass.jitter = { 0.5 }
        let transport = GatedTransport.slow(.milliseconds(300))

        try await SinglePassService(
            configuration: fixture.configuration(transport),
            pass: pass,
            logger: fixture.logger
        ).run()

        #expect(transport.started == 4, "a lapsed lease stopped the pass after \(transport.started) messages")
        #expect(try await ledger.snapshot().entries.values.filter { $0.state == .sent }.count == 4)
        #expect(!leadership.holds())
        // Resigned: the lease ends now, so the daemon need not wait it out.
        let lease = try #require(try await ledger.currentLeader())
        #expect(lease.holder == "once" && lease.expiresAt <= fixture.clock.now())
    }

    @Test("SIGTERM during run --once keeps the lease while the messages on the wire go out, then resigns")
    func aStopMidPassKeepsTheLeaseUntilThePassReturns() async throws {
        let fixture = try DaemonFixture()
        defer { fixture.cleanUp() }
        let ledger = MemoryLedger()
        let leadership = Leadership(instance: "once", leaseSeconds: 1)
        let stopping = Atomic<Bool>(false)
        var pass = DeliveryPass(ledger: ledger, clock: fixture.clock, logger: fixture.logger)
        pass.leadership = leadership
        pass.jitter = { 0.5 }
        pass.shouldStop = { stopping.load(ordering: .acquiring) }
        // The stop comes as the first of four messages (0.3 s each, one window) goes out; the renewal looks at
        // the lease three times before the window ends.
        let transport = GatedTransport { index in
            if index == 0 { stopping.store(true, ordering: .releasing) }
            try? await Wakeup.sleep(for: .milliseconds(300))
            return .delivered(reply: "250 2.0.0 Ok")
        }

        try await SinglePassService(
            configuration: fixture.configuration(transport),
            pass: pass,
            logger: fixture.logger
        ).run()

        // Resigning at the stop would have fenced the rest of the window and left it claimed.
        #expect(transport.started == 4, "the lease was given up after \(transport.started) messages")
        let states = try await ledger.snapshot().entries.values.map(\.state)
        #expect(states.filter { $0 == .sent }.count == 4 && !states.contains(.claimed))
        let lease = try #require(try await ledger.currentLeader())
        #expect(!leadership.holds() && lease.holder == "once" && lease.expiresAt <= fixture.clock.now())
    }
}

/// A relay that asks the batch's gate before each message, as SMTP does, and answers each message it begins with
/// `send(index)`, which may take its time or make the lease lapse; counts the messages begun.
private final class GatedTransport: MailTransport {
    private let send: @Sendable (Int) async -> DeliveryOutcome
    private let count = Mutex(0)

    init(send: @escaping @Sendable (Int) async -> DeliveryOutcome) { self.send = send }

    /// Each message takes `duration` and is delivered.
    static func slow(_ duration: Duration) -> GatedTransport {
        GatedTransport { _ in
            try? await Wakeup.sleep(for: duration)
            return .delivered(reply: "250 2.0.0 Ok")
        }
    }

    var started: Int { count.withLock { $0 } }

    func deliver(_ messages: [OutboundMessage]) async -> [DeliveryOutcome] {
        await deliver(messages, while: { true }, reporting: { _, _ in })
    }

    func deliver(
        _ messages: [OutboundMessage],
        while mayGoOn: @escaping @Sendable () -> Bool,
        reporting progress: @escaping @Sendable (Int, DeliveryOutcome) -> Void
    ) async -> [DeliveryOutcome] {
        var outcomes: [DeliveryOutcome] = []
        for index in messages.indices {
            var outcome = DeliveryOutcome.stoppedBeforeStart
            if mayGoOn() {
                count.withLock { $0 += 1 }
                outcome = await send(index)
            }
            outcomes.append(outcome)
            progress(index, outcome)
        }
        return outcomes
    }
}
