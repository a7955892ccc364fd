import ConvenorIO
import Testing

@Suite struct WakeupTests {
    @Test func aWaitEndsAtItsDeadlineWhenNobodyPokes() async {
        let wakeup = Wakeup()
        #expect(await wakeup.wait(for: .milliseconds(20), on: ContinuousClock()) == .deadline)
    }

    @Test func aPokeEndsALongWaitEarly() async {
        let wakeup = Wakeup()
        let clock = ContinuousClock()
        let started = clock.now
        async let reason = wakeup.wait(for: .seconds(60), on: clock)
        try? await Task.sleep(for: .milliseconds(50))
        wakeup.poke()
        #expect(await reason == .poked)
        #expect(clock.now - started < .seconds(30))
    }

    @Test func aPokeWhileNobodyWaitsIsKeptForTheNextWait() async {
        let wakeup = Wakeup()
        wakeup.poke()
        #expect(await wakeup.wait(for: .seconds(60), on: ContinuousClock()) == .poked)
        // Consumed: the next wait runs to its deadline.
        #expect(await wakeup.wait(for: .milliseconds(10), on: ContinuousClock()) == .deadline)
    }

    @Test func cancellingTheWaiterEndsTheWait() async {
        let wakeup = Wakeup()
        let task = Task { await wakeup.wait(for: .seconds(60), on: ContinuousClock()) }
        try? await Task.sleep(for: .milliseconds(20))
        task.cancel()
        #expect(await task.value == .cancelled)
    }
}

@Suite struct WakeupTimerTests {
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
