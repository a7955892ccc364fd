package import Foundation
import Synchronization

/// What the running daemon holds now, shared with the web server in the same process.
///
/// The daemon publishes its configuration after the start and every reload, and the outcome of every pass; the web
/// reads them, so its pages, feeds and `/metrics` show what the daemon is actually using rather than what the files
/// say. `requestReload()` is the web's way to make the daemon read a saved change at once (the same path as SIGHUP).
package final class DaemonStatus: Sendable {
    /// The outcome of the last delivery pass.
    package struct Pass: Hashable, Sendable {
        /// When the pass began.
        package var at: Date
        package var result: DeliveryPass.Result
    }

    private struct State {
        var configuration: DaemonConfiguration
        var lastPass: Pass?
        var reload: (@Sendable () -> Void)?
        var generation: UInt64 = 0
    }

    private let state: Mutex<State>

    /// A status holding the configuration the daemon starts with.
    package init(configuration: DaemonConfiguration) {
        state = Mutex(State(configuration: configuration))
    }

    /// The configuration the daemon uses now.
    package var configuration: DaemonConfiguration { state.withLock { $0.configuration } }

    /// The last pass, nil before the first.
    package var lastPass: Pass? { state.withLock { $0.lastPass } }

    /// Goes up at every event of this process that can change what a page shows: a start or reload, a pass (which
    /// sends, records outcomes and reads the returns mailbox), and a chair's saved change (`requestReload`). The
    /// web's page cache keeps a rendered page only while it is unchanged (`PageCache`).
    package var generation: UInt64 { state.withLock { $0.generation } }

    /// Called by the daemon after a start or a successful reload.
    package func publish(_ configuration: DaemonConfiguration) {
        state.withLock {
            $0.configuration = configuration
            $0.generation &+= 1
        }
    }

    /// Called by the daemon after each pass.
    package func record(pass result: DeliveryPass.Result, at instant: Date) {
        state.withLock {
            $0.lastPass = Pass(at: instant, result: result)
            $0.generation &+= 1
        }
    }

    /// The daemon installs how a reload is requested (it pokes its own wake-up); the web calls `requestReload()`.
    package func onReloadRequest(_ reload: @escaping @Sendable () -> Void) {
        state.withLock { $0.reload = reload }
    }

    /// Asks the daemon to read the configuration again now, as SIGHUP does (the web calls it after every saved
    /// change, so it also moves `generation` on at once); nothing is reloaded without a daemon.
    package func requestReload() {
        let reload = state.withLock {
            $0.generation &+= 1
            return $0.reload
        }
        reload?()
    }
}
