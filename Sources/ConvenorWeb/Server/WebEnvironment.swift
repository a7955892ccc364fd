package import ConvenorCore
package import ConvenorIO
import Foundation
package import Logging
import Synchronization

/// What every handler reads: the daemon's live configuration, the ledger and the clock.
///
/// Handlers never read the config files themselves: they see what the daemon uses (`DaemonStatus`), so a page can
/// never promise what the daemon would not do.
package struct WebEnvironment: Sendable {
    package var settings: WebSettings
    package var status: DaemonStatus
    package var ledger: any LedgerStore
    /// Sign-in links, sessions and limits: the same database as the ledger.
    package var webStore: any WebStore
    package var clock: any WallClock
    package var logger: Logger
    let renderer = PageRenderer()
    /// Pages rendered once per change (`cachedPage`).
    let pages = PageCache()
    private let listening = ListeningAddress()

    /// The environment of a server for `settings`, reading from the running daemon's `status` and `ledger`.
    package init(
        settings: WebSettings,
        status: DaemonStatus,
        ledger: any LedgerStore,
        webStore: any WebStore,
        clock: any WallClock,
        logger: Logger
    ) {
        self.webStore = webStore
        self.settings = settings
        self.status = status
        self.ledger = ledger
        self.clock = clock
        self.logger = logger
    }

    /// The public URL links and mails carry: `base_url:`, or the address the server is listening on.
    var baseURL: String { settings.configuredBaseURL ?? listening.url ?? settings.baseURL }

    /// Remembers the bound address (the real port when the settings asked for port 0).
    func listening(at url: String) { listening.url = url }

    /// The operator's files as the daemon loaded them: who may sign in, the network's name.
    var config: Config { status.configuration.config }

    /// What the daemon plans with now: the operator's files with the chairs' saved changes merged over them
    /// (`ChairOverlay`), read from the ledger at each request so a saved change shows on the next page.
    func plannedConfig() async -> Config { await plannedConfiguration().config }

    /// The daemon's configuration with the chairs' saved changes merged over it: the config, and the renderer with
    /// the chairs' own wordings, so a preview renders as the next pass will.
    func plannedConfiguration() async -> DaemonConfiguration {
        do {
            return try await status.configuration.mergingChairChanges(from: ledger).configuration
        } catch {
            logger.error("web: cannot read the chairs' changes", metadata: ["error": "\(error)"])
            return status.configuration
        }
    }

    /// The ledger's snapshot, or an empty one (logged) when it cannot be read: public pages then show no meeting
    /// rather than failing, since "not announced" is the safe reading.
    func snapshot() async -> LedgerSnapshot {
        do {
            return try await ledger.snapshot()
        } catch {
            logger.error("web: cannot read the ledger", metadata: ["error": "\(error)"])
            return LedgerSnapshot()
        }
    }

    /// The public view of the directory now.
    func publicDirectory() async -> PublicDirectory {
        let config = await plannedConfig()
        return PublicDirectory(
            config: config,
            snapshot: await snapshot(),
            existingMinutes: MinutesFiles.existing(in: config),
            now: clock.now()
        )
    }
}

/// The address the server was bound to, known only once it runs.
final class ListeningAddress: Sendable {
    private let value = Mutex<String?>(nil)

    var url: String? {
        get { value.withLock { $0 } }
        set { value.withLock { $0 = newValue } }
    }
}
