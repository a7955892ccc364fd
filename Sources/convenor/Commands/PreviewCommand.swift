import ArgumentParser
import ConvenorCore
import ConvenorIO
import Foundation

/// `convenor preview`: the coming month's mail exactly as it would be sent (a dry run).
struct PreviewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "preview",
        abstract: "Show the mail convenor would send, exactly as it would be sent (nothing is sent).",
        discussion: """
            By default: everything due from now until the same day next month. With --out DIR each message is \
            also written as an .eml file you can open in your mail program (byte for byte what would be sent, \
            apart from the Date header), with the calendar file beside it. With --send-to ADDR each message is \
            sent as a test copy to that one address only, its subject starting with [TEST].
            """
    )

    @OptionGroup var config: ConfigOptions
    @OptionGroup var clock: ClockOptions
    @OptionGroup var range: DateRangeOptions

    @Option(
        help: ArgumentHelp(
            "A whole month instead of --from/--to, e.g. 2026-11 (1970-01 to 2200-12).",
            valueName: "yyyy-mm"
        )
    )
    var month: MonthOption?

    @Option(help: ArgumentHelp("Only this group (its id).", valueName: "id"))
    var group: String?

    @Option(
        help: ArgumentHelp(
            "Only this kind: \(MailingKind.allCases.map(\.rawValue).joined(separator: ", ")).",
            valueName: "kind"
        )
    )
    var kind: MailingKind?

    @Option(
        help: ArgumentHelp(
            "Also write each message as an .eml file (and its .ics) into this folder.",
            valueName: "dir"
        )
    )
    var out: String?

    @Option(
        name: .customLong("send-to"),
        help: ArgumentHelp("Send each previewed message as a test copy to this address only.", valueName: "address")
    )
    var sendTo: String?

    func validate() throws {
        if month != nil && (range.from != nil || range.to != nil) {
            throw ValidationError("give either --month or --from/--to, not both")
        }
        if let sendTo, !MailAddress.isValidAddrSpec(sendTo) {
            throw ValidationError("'\(sendTo)' is not a mail address; write it as name@example.ac.uk")
        }
    }

    func run() async throws {
        let workspace = try await config.loadValidWorkspace()
        let installation = workspace.config.installation
        let groupFilter = try GroupFilter(id: group, config: workspace.config)
        let now = clock.now
        let interval = previewInterval(now: now, zone: installation.timeZone)
        // Rescheduled and cancelled notices come from the same ledger the daemon reads; they are due now.
        let lifecycle = await LedgerView.outlook(workspace.config, from: interval.start, to: interval.end, now: now)
        let selected = { (mailing: Mailing) in
            groupFilter.includes(mailing) && (kind == nil || mailing.key.kind == kind)
        }
        let mailings = lifecycle.mailings.filter(selected)
        let assembler = workspace.assembler
        // The Date header of a preview is the due time: the real send differs only there. Minutes files are read
        // here, at the edge; the assembling itself is pure, so it is shared out over the cores. With --out each
        // message is written as soon as it is made, so the writing overlaps the assembling of the rest (writing
        // them all afterwards, on one core, was a third of the time for a year of 100 groups).
        let jobs = Array(zip(mailings, mailings.map { MinutesFiles.text(for: $0, config: workspace.config) }))
        let folder = try out.flatMap { out in
            mailings.isEmpty ? nil : try AtomicFile.createDirectory(containing: out + "/preview.eml")
        }
        let assembled = try await CoreShares.map(jobs) { share in
            var batch = assembler.previewBatch(approval: .redacted)
            return try share.map { mailing, minutes in
                let item = try batch.assemble(mailing, minutes: minutes)
                if let folder { try Self.write(item, into: folder) }
                return item
            }
        }
        // Late mail due now at night or on a day off: say when the daemon will really send it.
        let held = LateMailRule(installation: installation).notes(for: lifecycle.plan.waiting, now: now)
        let summary = PreviewReport.summary(
            assembled,
            range: Self.rangeText(interval, zone: installation.timeZone),
            held: held
        )
        // An empty preview says where else to look, so "nothing" is not mistaken for "nothing ever".
        print(summary + (assembled.isEmpty ? Self.elsewhere : ""))
        print(LedgerView.withdrawnLines(lifecycle.withdrawn.filter(selected)), terminator: "")
        print(PreviewReport.messages(assembled, held: held), terminator: "")
        if let out { print("wrote \(assembled.count) message\(assembled.count == 1 ? "" : "s") to \(out)") }
        if let sendTo {
            try await sendTestCopies(mailings, assembler: assembler, to: sendTo, installation: installation)
        }
    }

    static let elsewhere =
        "`convenor schedule` lists the whole year; `--month YYYY-MM` or `--from`/`--to` look at another range"

    /// `from 2026-12-24 00:00 until 2027-01-01 00:00 (Europe/London)`: the end is not included.
    static func rangeText(_ interval: (start: Date, end: Date), zone: TimeZone) -> String {
        let start = LocalDateTime(instant: interval.start, in: zone)
        let end = LocalDateTime(instant: interval.end, in: zone)
        return "from \(start) until \(end) (\(zone.identifier))"
    }

    /// `--month`, else `--from/--to`, else now until the same day next month.
    func previewInterval(now: Date, zone: TimeZone) -> (start: Date, end: Date) {
        if let month {
            return (month.firstDay.startInstant(in: zone), month.lastDay.adding(days: 1).startInstant(in: zone))
        }
        if range.from != nil || range.to != nil {
            return range.interval(now: now, in: zone, defaultLengthInDays: 31)
        }
        let today = LocalDate(instant: now, in: zone)
        return (now, today.adding(months: 1).adding(days: 1).startInstant(in: zone))
    }

    /// One message (and its calendar) into `folder`: atomic but not durable, as preview output is throw-away (no
    /// fsync, see `AtomicFile`).
    static func write(_ item: AssembledMailing, into folder: String) throws {
        let stem = PreviewReport.fileStem(for: item.mailing)
        try AtomicFile.write(item.bytes, directory: folder, name: stem + ".eml", durable: false)
        if let calendar = item.calendar {
            try AtomicFile.write(Array(calendar.utf8), directory: folder, name: stem + ".ics", durable: false)
        }
    }

    func sendTestCopies(
        _ mailings: [Mailing],
        assembler: MailingAssembler,
        to address: String,
        installation: Installation
    ) async throws {
        let nonce = CommandDelivery.nonce()
        var copies: [AssembledMailing] = []
        for mailing in mailings {
            copies.append(
                try assembler.assembleTestCopy(
                    mailing,
                    minutes: MinutesFiles.text(for: mailing, config: assembler.config),
                    date: clock.now,
                    to: address,
                    nonce: nonce
                )
            )
        }
        let outcomes = await CommandDelivery.deliver(copies, installation: installation)
        for (copy, outcome) in zip(copies, outcomes) {
            print("test copy of \(copy.mailing.key) to \(address): \(CommandDelivery.describe(outcome))")
        }
        if !outcomes.allSatisfy(\.isDelivered) { throw ExitCode(ExitCodes.failure) }
    }
}

extension MailingKind: ExpressibleByArgument {}
