import ArgumentParser
import ConvenorCore
import ConvenorIO
import ConvenorPostgres
import Foundation
import Logging

/// `convenor ledger`: the record of every mailing, and `ledger retry KEY` to re-queue one after a fix.
struct LedgerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ledger",
        abstract: "Show what went out, when, with which Message-ID, and what failed and why.",
        subcommands: [List.self, Retry.self, Status.self, MigrateTo.self],
        defaultSubcommand: List.self
    )

    /// `convenor ledger [--group ID] [--state S] [--format table|json]`.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List the ledger's mailings, oldest due first (the default when you type `convenor ledger`)."
        )

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case table
            case json
        }

        @OptionGroup var config: ConfigOptions
        // Accepted like every command's; the ledger lists what happened, whatever the time.
        @OptionGroup var clock: ClockOptions

        @Option(help: ArgumentHelp("Only this group (its id).", valueName: "id"))
        var group: String?

        @Option(
            help: ArgumentHelp(
                "Only mailings in this state: \(LedgerState.allCases.map(\.rawValue).joined(separator: ", ")).",
                valueName: "state"
            )
        )
        var state: LedgerState?

        @Option(help: "table (for people) or json (for other tools).")
        var format: Format = .table

        func run() async throws {
            let config = try await config.loadValidConfig()
            // Read-only: listing never creates a ledger, and an operator running it as root leaves no root-owned
            // files behind that the service's own user could not open.
            let stateDirectory = config.installation.stateDirectory
            guard let ledger = try await LedgerAccess.openForReading(config) else {
                print("no ledger yet in \(stateDirectory): `convenor run` has not sent anything with this config")
                return
            }
            defer { try? ledger.close() }
            let entries = try await ledger.entries(group: group, state: state)
            let zone = LedgerAccess.zoneLookup(config)
            switch format {
            case .table: print(LedgerReport.table(entries, zone: zone), terminator: "")
            case .json: print(LedgerReport.json(entries, zone: zone), terminator: "")
            }
        }
    }

    /// `convenor ledger retry KEY`: re-queue a failed or missed mailing (never a stale one).
    struct Retry: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "retry",
            abstract: "Send a failed or missed mailing again after you fixed the cause (stale mail is refused).",
            discussion: """
                KEY is the first column of `convenor ledger`, e.g. customer-services-cop/agenda/2026-10/0. \
                The running daemon sends it at its next pass; `systemctl reload convenor` makes that happen now.
                """
        )

        @OptionGroup var config: ConfigOptions
        @OptionGroup var clock: ClockOptions

        @Argument(help: ArgumentHelp("The mailing, as group/kind/occurrence/revision.", valueName: "key"))
        var key: String

        func run() async throws {
            guard let mailingKey = MailingKey(text: key) else {
                throw ValidationError(
                    "'\(key)' is not a mailing key; write group/kind/occurrence/revision as `convenor ledger` shows it"
                )
            }
            let config = try await config.loadValidConfig()
            let ledger = try await LedgerAccess.open(config)
            defer { try? ledger.close() }
            switch try await ledger.retry(key: mailingKey, now: clock.now) {
            case .requeued(let entry):
                print("\(entry.key) is queued again; the daemon sends it at its next pass")
            case .refused(let refusal):
                var standardError = StandardError()
                print("convenor: \(refusal)", to: &standardError)
                throw ExitCode(ExitCodes.failure)
            }
        }
    }
}

extension LedgerState: ExpressibleByArgument {}

/// Opening the ledger from a command, with an error an operator can act on: the SQLite file in `state_dir`, or the
/// shared PostgreSQL ledger that `ledger:` names (issue 20).
enum LedgerAccess {
    /// Opens the configured store for writing (`ledger retry`, `run`). `fencing` is the daemon's `Leadership`.
    static func open(_ config: Config, fencing: (any FencingTokenSource)? = nil) async throws -> any LedgerStore {
        if let settings = config.installation.ledger {
            return try await openShared(settings, fencing: fencing)
        }
        do {
            return try SQLiteLedger.open(directory: config.installation.stateDirectory)
        } catch {
            var standardError = StandardError()
            print(
                "convenor: cannot open the ledger in \(config.installation.stateDirectory) (\(error)); "
                    + "check state_dir in convenor.yaml and that this user may write there",
                to: &standardError
            )
            throw ExitCode(ExitCodes.failure)
        }
    }

    /// Opens the configured store for reading: the SQLite file read-only (nil when there is none yet, and never
    /// created by a read), or the shared ledger.
    static func openForReading(_ config: Config) async throws -> (any LedgerReader)? {
        if let settings = config.installation.ledger {
            return try await openShared(settings, fencing: nil)
        }
        let stateDirectory = config.installation.stateDirectory
        do {
            return try SQLiteLedger.openReadOnly(directory: stateDirectory)
        } catch {
            var standardError = StandardError()
            print("convenor: cannot read the ledger in \(stateDirectory) (\(error))", to: &standardError)
            throw ExitCode(ExitCodes.failure)
        }
    }

    /// The PostgreSQL ledger: its password read from `password_file` or the credential (never logged), TLS as
    /// configured. A plain loopback connection is allowed and said so on stderr.
    static func openShared(
        _ settings: LedgerSettings,
        fencing: (any FencingTokenSource)?
    ) async throws
        -> PostgresLedger
    {
        var standardError = StandardError()
        var password: String?
        if let source = settings.password {
            do {
                password = try SecretReader.fromEnvironment().read(source).unredacted
            } catch {
                print("convenor: \(settings.source): error: \(error)", to: &standardError)
                throw ExitCode(ExitCodes.failure)
            }
        }
        do {
            return try await PostgresLedger.open(
                settings,
                password: password,
                logger: Logger(label: "convenor"),
                fencing: fencing
            )
        } catch {
            print("convenor: \(settings.source): error: \(cannotOpen(settings, error))", to: &standardError)
            throw ExitCode(ExitCodes.failure)
        }
    }

    /// "cannot open the shared ledger URL: why; what to check".
    static func cannotOpen(_ settings: LedgerSettings, _ error: LedgerError) -> String {
        "cannot open the shared ledger \(settings.location): \(error.problem); check the `ledger:` block of "
            + "convenor.yaml, that the database exists and that user `\(settings.user)` may connect from this host"
    }

    /// Each group's zone, or the installation's for rows of a group no longer in the config.
    static func zoneLookup(_ config: Config) -> (String) -> TimeZone {
        let zones = Dictionary(uniqueKeysWithValues: config.groups.map { ($0.id, $0.timeZone) })
        return { zones[$0] ?? config.installation.timeZone }
    }
}
