import ArgumentParser
import ConvenorCore
import ConvenorIO
import Foundation

/// `convenor ledger`: the record of every mailing, and `ledger retry KEY` to re-queue one after a fix.
struct LedgerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ledger",
        abstract: "Show what went out, when, with which Message-ID, and what failed and why.",
        subcommands: [List.self, Retry.self, Status.self],
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

        @Option(help: ArgumentHelp(
            "Only mailings in this state: \(LedgerState.allCases.map(\.rawValue).joined(separator: ", ")).",
            valueName: "state"))
        var state: LedgerState?

        @Option(help: "table (for people) or json (for other tools).")
        var format: Format = .table

        func run() async throws {
            let config = try config.loadValidConfig()
            try LedgerAccess.refuseSharedLedger(config)
            // Read-only: listing never creates a ledger, and an operator running it as root leaves no root-owned
            // files behind that the service's own user could not open.
            let stateDirectory = config.installation.stateDirectory
            let ledger: (any LedgerReader)?
            do {
                ledger = try SQLiteLedger.openReadOnly(directory: stateDirectory)
            } catch {
                var standardError = StandardError()
                print("convenor: cannot read the ledger in \(stateDirectory) (\(error))", to: &standardError)
                throw ExitCode(ExitCodes.failure)
            }
            guard let ledger else {
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
                    "'\(key)' is not a mailing key; write group/kind/occurrence/revision as `convenor ledger` shows it")
            }
            let config = try config.loadValidConfig()
            let ledger = try LedgerAccess.open(config)
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

/// Opening the ledger from a command, with an error an operator can act on.
enum LedgerAccess {
    static func open(_ config: Config) throws -> any LedgerStore {
        try refuseSharedLedger(config)
        do {
            return try SQLiteLedger.open(directory: config.installation.stateDirectory)
        } catch {
            var standardError = StandardError()
            print(
                "convenor: cannot open the ledger in \(config.installation.stateDirectory) (\(error)); "
                    + "check state_dir in convenor.yaml and that this user may write there",
                to: &standardError)
            throw ExitCode(ExitCodes.failure)
        }
    }

    /// `ledger:` names a PostgreSQL ledger, which this build cannot open yet (issue 20 lands in pieces): stop rather
    /// than fall back to the SQLite file, where two instances would each send every mailing.
    static func refuseSharedLedger(_ config: Config) throws {
        guard let ledger = config.installation.ledger else { return }
        var standardError = StandardError()
        print(
            "convenor: \(ledger.source): error: this build of convenor cannot use the PostgreSQL ledger "
                + "\(ledger.location) yet; remove the `ledger:` block to use the SQLite ledger in state_dir",
            to: &standardError)
        throw ExitCode(ExitCodes.failure)
    }

    /// Each group's zone, or the installation's for rows of a group no longer in the config.
    static func zoneLookup(_ config: Config) -> (String) -> TimeZone {
        let zones = Dictionary(uniqueKeysWithValues: config.groups.map { ($0.id, $0.timeZone) })
        return { zones[$0] ?? config.installation.timeZone }
    }
}
