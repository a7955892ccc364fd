import ArgumentParser
import ConvenorIO

/// The `convenor` command: runs the mailing-list and meeting chores of library SIGs and CoPs.
@main
struct Convenor: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convenor",
        abstract: "Sends the routine mail of library groups: calls for members, save-the-dates, agendas, minutes.",
        version: "0.1.0 (\(LibraryVersions.curl))",
        subcommands: [
            CheckCommand.self, ScheduleCommand.self, PreviewCommand.self, SendTestCommand.self, OverviewCommand.self,
            CalendarCommand.self, RunCommand.self, LedgerCommand.self, ChairsCommand.self, InitCommand.self,
        ]
    )

    /// Runs through `CommandLineEntry` so a usage mistake exits with status 2 (see Options/ExitCodes.swift).
    ///
    /// On the main actor, so that installing the event-loop executor comes before any job reaches libdispatch's
    /// global pool (a nonisolated `main` would already run there).
    @MainActor static func main() async {
        IdleMemory.limitArenas()
        EventLoopExecutor.install()
        await CommandLineEntry.main(Convenor.self)
    }
}
