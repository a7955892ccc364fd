import ArgumentParser
import ConvenorCore
import ConvenorIO

/// `convenor schedule`: what goes out when, for people (a table) or for other tools (JSON).
struct ScheduleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schedule",
        abstract: "List what convenor will send, and when, from your groups' meeting dates and windows.",
        discussion: """
            Times are local to each group's time zone. Mail to the list is only listed for confirmed meetings; \
            windows without a confirmed date show the reminders that go to the chairs instead. \
            By default the list starts now and covers a year.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table
        case json
    }

    @OptionGroup var config: ConfigOptions
    @OptionGroup var clock: ClockOptions
    @OptionGroup var range: DateRangeOptions

    @Option(help: ArgumentHelp("Only this group (its id, e.g. customer-services-cop).", valueName: "id"))
    var group: String?

    @Option(help: "table (for people) or json (for other tools).")
    var format: Format = .table

    func run() async throws {
        let config = try await config.loadValidConfig()
        let groupFilter = try GroupFilter(id: group, config: config)
        let interval = range.interval(
            now: clock.now,
            in: config.installation.timeZone,
            defaultLengthInDays: 365
        )
        // The same road as preview and the daemon: rescheduled and cancelled notices show, withdrawn mail does not.
        let outlook = await LedgerView.outlook(config, from: interval.start, to: interval.end, now: clock.now)
        let mailings = outlook.mailings.filter(groupFilter.includes)
        // Late mail due now at night or on a day off: say when the daemon will really send it.
        let rule = LateMailRule(installation: config.installation)
        switch format {
        case .table:
            print(
                ScheduleReport.table(mailings, held: rule.notes(for: outlook.plan.waiting, now: clock.now)),
                terminator: ""
            )
        case .json:
            let held = Dictionary(outlook.plan.waiting.map { ($0.mailing.key, $0.until) }) { first, _ in first }
            print(ScheduleReport.json(mailings, held: held), terminator: "")
        }
    }
}
