import NIOCore
import NIOPosix

/// Where convenor's Swift concurrency jobs run: on SwiftNIO's event-loop threads, not on libdispatch's global pool.
///
/// Why: the first job that runs on the default global executor starts libdispatch's worker-pool monitor
/// (swift-corelibs-libdispatch, `src/event/workqueue.c`), a one-second timer on the manager thread that is never
/// stopped. An idle daemon then wakes 60 times a minute while it has nothing to do. NIO's event loops park in
/// `epoll_wait` without a timeout when no task is scheduled, so an idle daemon sleeps until its own timer
/// (`Wakeup`), a signal or a web request wakes it. The web already runs on these loops, so requests and the pass
/// no longer hop between two pools.
///
/// Two rules keep the daemon quiet once this is installed: nothing may call `Task.sleep` (its delayed job still goes
/// through libdispatch's global queue and starts the monitor; use `Wakeup.sleep(for:)`), and no job may block an
/// event loop for long (blocking work already runs on threads of its own: `DedicatedThread`).
enum EventLoopExecutor {
    /// Installs NIO's singleton event-loop group as the global executor; must run first, on the main thread.
    ///
    /// Returns false when the runtime has no hook for it (a future toolchain): convenor then runs as before, on
    /// libdispatch's pool.
    @discardableResult
    static func install() -> Bool {
        NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
    }
}
