import ArgumentParser
import ConvenorCore
import ConvenorIO
import Foundation

/// `convenor overview`: the year at a glance, per group, as text or as one HTML page chairs can open or print.
struct OverviewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "overview",
        abstract: "Show the year at a glance: what goes out when, and what is waiting on the chairs.",
        discussion: """
            For each group, month by month: every mailing and meeting, with local times in the group's time zone, \
            and what only the chairs can do (confirm a date in a window, drop in missing minutes, review the terms \
            of reference). By default the overview starts at the beginning of this month and covers 12 months. \
            With --html FILE it writes one self-contained web page (no external files) that reads well on a phone \
            and prints one group per page.
            """
    )

    @OptionGroup var config: ConfigOptions
    @OptionGroup var clock: ClockOptions

    @Option(
        help: ArgumentHelp(
            "First day to include, e.g. 2026-09-01 (default: the first of this month).",
            valueName: "date"
        ),
        transform: DateRangeOptions.parseDay
    )
    var from: LocalDate?

    @Option(
        help: ArgumentHelp(
            "Last day to include, e.g. 2027-08-31 (default: 12 months after --from).",
            valueName: "date"
        ),
        transform: DateRangeOptions.parseDay
    )
    var to: LocalDate?

    @Option(help: ArgumentHelp("Only this group (its id, e.g. customer-services-cop).", valueName: "id"))
    var group: String?

    @Option(
        help: ArgumentHelp("Write the overview as a web page to this file instead of printing text.", valueName: "file")
    )
    var html: String?

    func validate() throws {
        if let from, let to, to < from {
            throw ValidationError("--to \(to) is before --from \(from); give the earlier day to --from")
        }
    }

    func run() async throws {
        let config = try await config.loadValidConfig()
        let groupFilter = try GroupFilter(id: group, config: config)
        let now = clock.now
        let zone = config.installation.timeZone
        let firstDay = from ?? YearOverview.defaultRange(now: now, in: zone).firstDay
        let lastDay = to ?? firstDay.adding(months: 12).adding(days: -1)
        guard firstDay <= lastDay else {
            throw ValidationError("--to \(lastDay) is before the start of this month (\(firstDay)); give --from too")
        }
        let selected = Config(
            installation: config.installation,
            groups: config.groups.filter { groupFilter.id == nil || $0.id == groupFilter.id }
        )
        let minutes = MinutesFiles.scan(selected)
        // The same road as preview and the daemon: rescheduled and cancelled notices show, withdrawn mail does not.
        let mailings = await LedgerView.outlook(
            selected,
            from: firstDay.startInstant(in: zone),
            to: lastDay.adding(days: 1).startInstant(in: zone),
            now: now
        ).mailings
        let overview = YearOverview(
            config: selected,
            mailings: mailings,
            existingMinutes: minutes.ready,
            firstDay: firstDay,
            lastDay: lastDay,
            now: now,
            draftMinutes: minutes.drafts
        ).withReturns(Array(await LedgerView.snapshot(selected).entries.values), config: selected)
        guard let html else {
            print(overview.text, terminator: "")
            return
        }
        try OutputFile.write(overview.html, to: html, what: "the overview")
        print("wrote the overview of \(overview.rangeText) to \(html)")
    }
}
