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

    /// Loads the configuration for a command that needs a valid one (schedule, preview, run, ...).
    ///
    /// Warnings and errors go to stderr, so a command's stdout (a table, JSON) stays clean; with any error the
    /// command stops with exit status 1 after printing them all, and `convenor check` is suggested.
    func loadValidConfig() throws -> Config {
        let result = ConfigSource.load(directory: directory)
        var standardError = StandardError()
        for diagnostic in result.diagnostics {
            print(diagnostic, to: &standardError)
        }
        guard let config = result.config else {
            print("the configuration has errors; fix them and run `convenor check`", to: &standardError)
            throw ExitCode(ExitCodes.failure)
        }
        return config
    }
}

extension ConfigOptions {
    /// Loads config and templates for a command that renders mail (preview, send-test); like `loadValidConfig`,
    /// every problem goes to stderr and any error stops the command with status 1.
    func loadValidWorkspace() throws -> Workspace {
        let result = WorkspaceLoader.load(directory: directory)
        var standardError = StandardError()
        for diagnostic in result.diagnostics {
            print(diagnostic, to: &standardError)
        }
        guard let workspace = result.workspace else {
            print("the configuration or templates have errors; fix them and run `convenor check`", to: &standardError)
            throw ExitCode(ExitCodes.failure)
        }
        return workspace
    }
}
