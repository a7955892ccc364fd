import ArgumentParser
import ConvenorCore
import ConvenorIO

/// `convenor check`: validates the whole config folder and prints every problem with its file and line.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract:
            "Check convenor.yaml, every group file and every template, and list each mistake with its file and line.",
        discussion: """
            Every problem is printed as FILE:LINE:COLUMN: error: what is wrong; what to write instead. \
            Warnings point at things that work but may not be what you meant. \
            Exit status: 0 when the config is valid (warnings allowed), 1 when it has errors, 2 for a usage mistake.
            """
    )

    @OptionGroup var config: ConfigOptions
    // "Today" only decides whether a meeting is dated in a past year (a warning); --now pretends another day.
    @OptionGroup var clock: ClockOptions

    func run() async throws {
        // Templates are checked too once the config says where they are (templates_dir); with a shared ledger the
        // chairs' changes come from PostgreSQL, as for every other command and the daemon.
        var result = await config.loadWorkspace()
        if let workspace = result.workspace {
            let now = clock.now
            result.diagnostics += MeetingDateCheck.warnings(for: workspace.config) { LocalDate(instant: now, in: $0) }
            result.diagnostics.sortForReport()
        }
        for diagnostic in result.diagnostics {
            print(diagnostic)
        }
        print(Self.summary(result))
        if result.workspace == nil { throw ExitCode(ExitCodes.failure) }
    }

    /// `config OK: 3 groups` or `2 errors, 1 warning in 2 files`.
    static func summary(_ result: WorkspaceLoadResult) -> String {
        func count(_ number: Int, _ noun: String) -> String { "\(number) \(noun)\(number == 1 ? "" : "s")" }
        let warnings = result.diagnostics.filter { $0.severity == .warning }.count
        guard let workspace = result.workspace else {
            let errors = result.diagnostics.filter { $0.severity == .error }.count
            let files = Set(result.diagnostics.map(\.location.file)).count
            var parts = [count(errors, "error")]
            if warnings > 0 { parts.append(count(warnings, "warning")) }
            return "\(parts.joined(separator: ", ")) in \(count(files, "file"))"
        }
        let warningText = warnings > 0 ? " (\(count(warnings, "warning")))" : ""
        return "config OK: \(count(workspace.config.groups.count, "group"))\(warningText)"
    }
}
