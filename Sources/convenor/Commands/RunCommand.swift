import ArgumentParser
import ConvenorCore
import ConvenorIO
import ConvenorWeb
import Foundation
import Logging
import ServiceLifecycle
import UnixSignals

/// `convenor run [--once]`: the daemon. Sends every mailing once, on time or late but still valid, never stale.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Send what is due, then sleep until the next mailing or retry (the daemon systemd runs).",
        discussion: """
            SIGHUP (systemctl reload convenor) reads the config and templates again; if they are broken the \
            errors are logged and the daemon keeps the last good ones. SIGTERM stops within 10 seconds. \
            Logs go to stderr, one line per event.
            """
    )

    @OptionGroup var config: ConfigOptions
    @OptionGroup var clock: ClockOptions

    @Flag(help: "Send what is due now, then exit (for cron, or to try a configuration out).")
    var once = false

    @Option(
        help: ArgumentHelp("trace, debug, info, notice, warning, error or critical.", valueName: "level"),
        transform: RunCommand.parseLevel
    )
    var logLevel: Logger.Level = .info

    @Option(
        help: ArgumentHelp(
            "On a first start, send mail that fell due on or after this day too (overrides catch_up_since:).",
            valueName: "YYYY-MM-DD"
        ),
        transform: RunCommand.parseCatchUp
    )
    var catchUp: LocalDate?

    static func parseCatchUp(_ text: String) throws -> LocalDate {
        guard let date = LocalDate(iso: text) else {
            throw ValidationError("'\(text)' is not a date; write it as YYYY-MM-DD, e.g. --catch-up 2026-11-01")
        }
        return date
    }

    static func parseLevel(_ text: String) throws -> Logger.Level {
        guard let level = Logger.Level(rawValue: text) else {
            throw ValidationError(
                "'\(text)' is not a log level; write one of trace, debug, info, notice, warning, error"
            )
        }
        return level
    }

    func run() async throws {
        let level = logLevel
        // Under systemd, stderr is the journal: priorities it can filter on, and its timestamps instead of ours.
        let journal = JournalLogHandler.standardErrorIsJournal(environment: ProcessInfo.processInfo.environment)
        LoggingSystem.bootstrap { label in
            var handler: any LogHandler =
                journal ? JournalLogHandler(label: label) : StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let logger = Logger(label: "convenor")
        let wallClock: any WallClock = clock.fixedNow.map { ShiftedClock(start: $0) } ?? SystemClock()
        let directory = config.directory
        let loaded = DaemonConfiguration.load(directory: directory, clock: wallClock, logger: logger)
        let configuration = try ConfigOptions.usable(loaded.configuration, diagnostics: loaded.diagnostics)
        var standardError = StandardError()
        do {
            try configuration.createDirectories()
        } catch {
            print("convenor: \(error)", to: &standardError)
            throw ExitCode(ExitCodes.failure)
        }
        // One daemon per ledger: taken before the ledger is opened for writing, held until the process exits.
        let stateDirectory = configuration.config.installation.stateDirectory
        let lock: StateLock
        do {
            lock = try StateLock.acquire(stateDirectory: stateDirectory)
        } catch {
            print("convenor: \(error)", to: &standardError)
            throw ExitCode(ExitCodes.failure)
        }
        defer { withExtendedLifetime(lock) {} }
        // A shared ledger (issue 20): this instance leads, or stands by, through the lease the store holds, and its
        // claims carry the lease's token so a paused instance that wakes late cannot send what another claimed.
        let leadership = configuration.config.installation.ledger.map { shared in
            Leadership(instance: Leadership.makeInstanceName(), leaseSeconds: shared.leaseSeconds)
        }
        let ledger = try await LedgerAccess.open(configuration.config, fencing: leadership)
        var pass = DeliveryPass(ledger: ledger, clock: wallClock, logger: logger)
        pass.leadership = leadership
        if let shared = configuration.config.installation.ledger {
            logger.notice(
                "shared ledger",
                metadata: [
                    "ledger": "\(shared.location)", "instance": "\(leadership?.instance ?? "")",
                    "tls": "\(shared.security == .plain ? "off (loopback)" : "verified")",
                ]
            )
        } else {
            // Only a file can be replaced under the daemon (a restore from backup); see `LedgerFileWatch`.
            pass.ledgerWatch = LedgerFileWatch(directory: stateDirectory)
        }
        // The first-start marker lives in the ledger (`FirstStart.establish`); the rule it feeds is the core's.
        do {
            let established = try await FirstStart.establish(
                ledger: ledger,
                stateDirectory: stateDirectory,
                now: wallClock.now()
            )
            pass.firstStart = established.instant
            if established.isNew { pass.skipAnnouncement = SkipAnnouncement() }
        } catch {
            print("convenor: \(error)", to: &standardError)
            throw ExitCode(ExitCodes.failure)
        }
        pass.catchUpSince = catchUp

        let status = DaemonStatus(configuration: configuration)
        let service: any Service =
            once
            ? SinglePassService(configuration: configuration, pass: pass, logger: logger)
            : DaemonService(
                configuration: configuration,
                pass: pass,
                reload: { DaemonConfiguration.load(directory: directory, clock: wallClock, logger: logger) },
                notifier: SystemdNotifier(environment: ProcessInfo.processInfo.environment),
                logger: logger,
                status: status
            )
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = [
            .init(service: service, successTerminationBehavior: .gracefullyShutdownGroup)
        ]
        // The web runs beside the daemon only (`--once` sends and exits), and only when convenor.yaml has `web:`.
        if !once, let settings = configuration.config.installation.web {
            // Sign-ins and sessions live in the ledger's own store, so two instances on one database agree.
            guard let webStore = ledger as? any WebStore else {
                print("convenor: this ledger store cannot hold the web's sign-ins; remove `web:`", to: &standardError)
                throw ExitCode(ExitCodes.failure)
            }
            let environment = WebEnvironment(
                settings: settings,
                status: status,
                ledger: ledger,
                webStore: webStore,
                clock: wallClock,
                logger: logger
            )
            let web = WebServer.application(environment) { url in
                logger.notice(
                    "web pages",
                    metadata: ["listening": "\(url)", "base_url": "\(settings.configuredBaseURL ?? url)"]
                )
            }
            // A server that stops (it could not bind its port) stops the daemon, so systemd shows the failure.
            services.append(
                .init(
                    service: web,
                    successTerminationBehavior: .gracefullyShutdownGroup,
                    failureTerminationBehavior: .gracefullyShutdownGroup
                )
            )
        }
        // The group ends when the service returns (`--once` after its pass; the daemon on SIGTERM).
        var groupConfiguration = ServiceGroupConfiguration(
            services: services,
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger
        )
        // systemd's TimeoutStopSec and the issue allow 10 s: an SMTP transfer still running after 8 s is cancelled
        // (its row stays `claimed` and is resent with the same Message-ID at the next start).
        groupConfiguration.maximumGracefulShutdownDuration = .seconds(8)
        try await ServiceGroup(configuration: groupConfiguration).run()
    }
}
