import ArgumentParser
import ConvenorCore
import ConvenorIO
import ConvenorPostgres
import Foundation

/// `convenor chairs`: what chairs saved on the web, read from the ledger: `chairs log` (the audit trail) and
/// `chairs export` (everything that holds now, as YAML).
struct ChairsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chairs",
        abstract: "Show what chairs saved on the web: who changed what and when, or all of it as YAML.",
        subcommands: [Log.self, Export.self],
        defaultSubcommand: Log.self
    )

    /// `convenor chairs log [--group ID]`.
    struct Log: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "log",
            abstract: "Every change chairs saved, oldest first: number, time, group, window, action, who, what."
        )

        @OptionGroup var config: ConfigOptions
        @OptionGroup var clock: ClockOptions

        @Option(help: ArgumentHelp("Only this group (its id).", valueName: "id"))
        var group: String?

        func run() async throws {
            let changes = try await ChairsCommand.changes(config).filter { change in
                group.map { change.group == $0 } ?? true
            }
            if changes.isEmpty { print("no changes saved by chairs yet") }
            for change in changes { print(ChairExport.logLine(change)) }
        }
    }

    /// `convenor chairs export`.
    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Print everything chairs saved that holds now, as YAML (meetings, windows without one, minutes)."
        )

        @OptionGroup var config: ConfigOptions
        @OptionGroup var clock: ClockOptions

        func run() async throws {
            print(ChairExport.yaml(try await ChairsCommand.changes(config)), terminator: "")
        }
    }

    /// The changes in the ledger of the config's `state_dir`, read-only, or in the shared ledger; none when there is
    /// no ledger yet.
    static func changes(_ options: ConfigOptions) async throws -> [ChairChange] {
        // The operator's files alone are enough to find the ledger, and a broken chair change must not hide the log.
        let loaded = WorkspaceLoader.load(directory: options.directory, chairs: .none)
        let config = try ConfigOptions.usable(loaded.workspace?.config, diagnostics: loaded.diagnostics)
        if let shared = config.installation.ledger {
            let ledger = try await LedgerAccess.openShared(shared, fencing: nil)
            defer { try? ledger.close() }
            return try await ledger.chairChanges()
        }
        do {
            return try SQLiteLedger.chairChanges(directory: config.installation.stateDirectory)
        } catch {
            var standardError = StandardError()
            print(
                "convenor: cannot read the ledger in \(config.installation.stateDirectory) (\(error))",
                to: &standardError
            )
            throw ExitCode(ExitCodes.failure)
        }
    }
}
