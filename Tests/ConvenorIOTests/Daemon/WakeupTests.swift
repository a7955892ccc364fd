import ConvenorIO
import Testing

/// The daemon's one sleep: a Dispatch timer on the monotonic clock that a poke (SIGHUP, a chair's save) or
/// cancellation (SIGTERM) ends early.
@Suite struct WakeupTests {
    @Test func aTimerWaitEndsAtItsDeadline() async {
        let clock = ContinuousClock()
        let started = clock.now
        #expect(await Wakeup().wait(for: .milliseconds(50)) == .deadline)
        #expect(clock.now - started >= .milliseconds(45))
    }

    @Test func aPokeEndsALongTimerWaitEarly() async {
        let wakeup = Wakeup()
        async let reason = wakeup.wait(for: .seconds(60))
        try? await Task.sleep(for: .milliseconds(50))
        wakeup.poke()
        #expect(await reason == .poked)
    }

    @Test func cancellingATimerWaitEndsIt() async {
        let wakeup = Wakeup()
        let task = Task { await wakeup.wait(for: .seconds(60)) }
        try? await Task.sleep(for: .milliseconds(20))
        task.cancel()
        #expect(await task.value == .cancelled)
    }

    @Test func aPokeWhileNobodyWaitsIsKeptForTheNextWait() async {
        let wakeup = Wakeup()
        wakeup.poke()
        #expect(await wakeup.wait(for: .seconds(60)) == .poked)
        // Consumed: the next wait runs to its deadline.
        #expect(await wakeup.wait(for: .milliseconds(10)) == .deadline)
    }

    @Test func aLateTimerOfAnEarlierWaitDoesNotEndTheNextOne() async {
        let wakeup = Wakeup()
        wakeup.poke()
        #expect(await wakeup.wait(for: .milliseconds(30)) == .poked)
        let clock = ContinuousClock()
        let started = clock.now
        #expect(await wakeup.wait(for: .milliseconds(150)) == .deadline)
        #expect(clock.now - started >= .milliseconds(140))
    }
}
