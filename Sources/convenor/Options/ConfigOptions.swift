import ArgumentParser
import Foundation

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
}
