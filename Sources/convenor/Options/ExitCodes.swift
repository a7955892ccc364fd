import ArgumentParser
import ConvenorCore
import Foundation

/// The exit statuses convenor promises: 0 success, 1 failure (e.g. an invalid config), 2 a usage mistake.
///
/// ArgumentParser exits with EX_USAGE (64) for a bad option; the issue asks for 2, the convention of grep and most
/// Unix tools, so `Convenor.main()` runs commands through `CommandLineEntry` instead of ArgumentParser's own main.
enum ExitCodes {
    static let success: Int32 = 0
    static let failure: Int32 = 1
    static let usage: Int32 = 2
}

/// Parses and runs a command like ArgumentParser's `main()`, but reports usage errors with status 2.
enum CommandLineEntry {
    static func main<Root: AsyncParsableCommand>(_ root: Root.Type, arguments: [String]? = nil) async -> Never {
        if let unknown = unknownCommand(root, arguments: arguments ?? Array(CommandLine.arguments.dropFirst())) {
            FileHandle.standardError.write(Data((unknown + "\n").utf8))
            Foundation.exit(ExitCodes.usage)
        }
        do {
            var command = try await root.asyncParseAsRoot(arguments)
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            root.exit()
        } catch {
            guard root.exitCode(for: error) == .validationFailure else { root.exit(withError: error) }
            // Same message ArgumentParser would print (usage and the problem), to stderr, then status 2.
            FileHandle.standardError.write(Data((root.fullMessage(for: error) + "\n").utf8))
            Foundation.exit(ExitCodes.usage)
        }
    }

    /// `convenor chek`: ArgumentParser says only "Unexpected argument"; a typo deserves "did you mean check".
    static func unknownCommand<Root: ParsableCommand>(_ root: Root.Type, arguments: [String]) -> String? {
        let names = root.configuration.subcommands.map { $0._commandName } + ["help"]
        guard let first = arguments.first, !first.hasPrefix("-"), !names.contains(first) else { return nil }
        let hint = Suggestion.closest(to: first, in: names).map { "did you mean '\($0)'? " } ?? ""
        return "convenor: there is no command '\(first)'; \(hint)the commands are "
            + names.dropLast().joined(separator: ", ") + " (`convenor --help` explains each)"
    }
}
