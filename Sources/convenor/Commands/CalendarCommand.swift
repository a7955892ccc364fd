import ArgumentParser
import ConvenorCore
import ConvenorIO
import Foundation

/// `convenor calendar`: every meeting as one `.ics` file that members can subscribe to instead of importing.
struct CalendarCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calendar",
        abstract: "Write every meeting of your groups to one calendar (.ics) file that members can subscribe to.",
        discussion: """
            The file holds every meeting in the config, past and future; a cancelled meeting stays in it marked \
            cancelled, so subscribed calendars remove it. Each meeting has the same identity (UID) as in the \
            mails convenor sends, so members who also opened a mail's invitation see one event, not two. \
            Publish the file on a web server and give members its address to subscribe to. With `calendar_file:` \
            in convenor.yaml, `convenor run` keeps that file current and this command writes it when --out is not given.
            """
    )

    @OptionGroup var config: ConfigOptions
    @OptionGroup var clock: ClockOptions

    @Option(help: ArgumentHelp("Only this group (its id, e.g. customer-services-cop).", valueName: "id"))
    var group: String?

    @Option(
        name: .customLong("out"),
        help: ArgumentHelp(
            "The calendar file to write (replaced in one step if it exists); default: convenor.yaml's calendar_file.",
            valueName: "file.ics"
        )
    )
    var out: String?

    func run() async throws {
        let config = try await config.loadValidConfig()
        _ = try GroupFilter(id: group, config: config)
        guard let out = out ?? config.installation.calendarFile else {
            var standardError = StandardError()
            print(
                "convenor: no calendar file to write: give --out FILE.ics, or name it in convenor.yaml as "
                    + "`calendar_file: /srv/www/aln/calendar.ics` (the daemon then keeps it current)",
                to: &standardError
            )
            throw ExitCode(ExitCodes.usage)
        }
        // SEQUENCE follows the change notices the list was sent, so a subscribed calendar updates like the mails.
        let snapshot = await LedgerView.snapshot(config)
        let sequences = Outlook.revisions(
            config: config,
            existingMinutes: MinutesFiles.existing(in: config),
            snapshot: snapshot,
            now: clock.now
        )
        let feed = CalendarFeed(config: config, sequences: sequences)
        let events = feed.events(group: group, stamp: clock.now)
        try OutputFile.write(feed.text(group: group, stamp: clock.now), to: out, what: "the calendar")
        let cancelled = events.filter { $0.status == .cancelled }.count
        let meetings = events.count == 1 ? "1 meeting" : "\(events.count) meetings"
        print(
            "wrote \(meetings)\(cancelled > 0 ? " (\(cancelled) cancelled)" : "") of \(feed.name(group: group)) to \(out)"
        )
    }
}
