import ArgumentParser
import ConvenorCore
import ConvenorIO
import ConvenorPostgres
import Foundation
import Logging

/// `--config DIR`: which configuration folder a command reads. Every command that reads config takes it through
/// `@OptionGroup var config: ConfigOptions`.
struct ConfigOptions: ParsableArguments {
    @Option(
        name: .customLong("config"),
        help: ArgumentHelp(
            "The folder holding convenor.yaml and the groups/ folder (default: $CONVENOR_CONFIG if set, else ./config).",
            valueName: "dir"
        )
    )
    var configDirectory: String?

    /// The folder to read: `--config`, else `$CONVENOR_CONFIG`, else `config` (relative to the current directory).
    var directory: String {
        if let configDirectory { return configDirectory }
        if let fromEnvironment = ProcessInfo.processInfo.environment["CONVENOR_CONFIG"], !fromEnvironment.isEmpty {
            return fromEnvironment
        }
        return "config"
    }

    /// Loads the configuration for a command that needs a valid one (schedule, overview, calendar, ledger ...):
    /// the same loader, checks and warnings as `check`, `preview` and the daemon (`loadValidWorkspace`).
    func loadValidConfig() async throws -> Config {
        try await loadValidWorkspace().config
    }
}

extension ConfigOptions {
    /// Loads config and templates through `WorkspaceLoader`, the one loader of every command, the daemon and its
    /// reload. Warnings and errors go to stderr, so a command's stdout (a table, JSON) stays clean; with any error
    /// the command stops with exit status 1 after printing them all, and `convenor check` is suggested.
    ///
    /// With a shared ledger (`ledger:`), the chairs' saved changes are read from PostgreSQL and merged here, so every
    /// command shows what the daemons on every host see.
    func loadValidWorkspace() async throws -> Workspace {
        let result = await loadWorkspace()
        return try Self.usable(result.workspace, diagnostics: result.diagnostics)
    }

    /// Loads config and templates through `WorkspaceLoader` with the chairs' saved changes merged, errors and
    /// warnings returned, not printed (`check` prints them its own way). A shared ledger's changes are read from
    /// PostgreSQL here; one that cannot be read is a warning: only the chairs' changes are then missing.
    func loadWorkspace() async -> WorkspaceLoadResult {
        var result = WorkspaceLoader.load(directory: directory)
        guard let workspace = result.workspace, let shared = workspace.config.installation.ledger else {
            return result
        }
        // A database that cannot be read is the command's own error to report (each opens the ledger itself);
        // here only the chairs' changes are missing, so say so once, quietly, and go on.
        var password: String?
        var passwordRead = true
        if let source = shared.password {
            password = try? SecretReader.fromEnvironment().read(source).unredacted
            passwordRead = password != nil
        }
        guard passwordRead,
            let ledger = try? await PostgresLedger.open(
                shared,
                password: password,
                logger: Logger(label: "convenor"),
                deadline: .seconds(10)
            )
        else {
            return result
        }
        defer { try? ledger.close() }
        do {
            let merged = WorkspaceLoader.merging(try await ledger.chairChanges(), into: workspace)
            result.workspace = merged.workspace
            result.diagnostics += merged.diagnostics
        } catch {
            result.diagnostics.append(
                .warning(
                    at: shared.source,
                    "cannot read the chairs' saved changes from \(shared.location) "
                        + "(\(error.problem)); they are not shown",
                    fix: "check that the database is reachable from this host"
                )
            )
        }
        return result
    }

    /// Prints every diagnostic to stderr, then returns `value`, or stops with status 1 when there is none: the one
    /// "print the diagnostics, then exit" of the commands.
    static func usable<Value>(_ value: Value?, diagnostics: [Diagnostic]) throws -> Value {
        var standardError = StandardError()
        for diagnostic in diagnostics {
            print(diagnostic, to: &standardError)
        }
        guard let value else {
            print("the configuration or templates have errors; fix them and run `convenor check`", to: &standardError)
            throw ExitCode(ExitCodes.failure)
        }
        return value
    }
}
