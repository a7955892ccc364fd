import ArgumentParser
import ConvenorCore
import ConvenorIO
import Foundation

/// `--config DIR`: which configuration folder a command reads. Every command that reads config takes it through
/// `@OptionGroup var config: ConfigOptions`.
struct ConfigOptions: ParsableArguments {
    @Option(
        name: .customLong("config"),
        help: ArgumentHelp(
            "The folder holding convenor.yaml and the groups/ folder (default: $CONVENOR_CONFIG if set, else ./config).",
            valueName: "dir"))
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
    func loadValidConfig() throws -> Config {
        try loadValidWorkspace().config
    }
}

extension ConfigOptions {
    /// Loads config and templates through `WorkspaceLoader`, the one loader of every command, the daemon and its
    /// reload. Warnings and errors go to stderr, so a command's stdout (a table, JSON) stays clean; with any error
    /// the command stops with exit status 1 after printing them all, and `convenor check` is suggested.
    func loadValidWorkspace() throws -> Workspace {
        let result = WorkspaceLoader.load(directory: directory)
        return try Self.usable(result.workspace, diagnostics: result.diagnostics)
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
