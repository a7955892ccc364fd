import ArgumentParser
import ConvenorCore
import ConvenorIO
import Foundation

/// `convenor send-test`: one mailing as a test copy to one address, through the configured transport.
struct SendTestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "send-test",
        abstract: "Send one mailing as a test copy to yourself, to check the relay and how it looks.",
        discussion: """
            Renders the mailing (by default the group's next one of that kind after now) and sends it only to \
            --to, with [TEST] before the subject and a Message-ID of its own. Nothing is recorded as sent, so the \
            real mailing still goes out when it is due. With smtp.oauth2, first prints the token step (fetched, \
            expires in N minutes) on its own line. Prints the relay's reply; exit status 0 when it was delivered, 1 \
            otherwise.
            """
    )

    @OptionGroup var config: ConfigOptions
    @OptionGroup var clock: ClockOptions

    @Option(help: ArgumentHelp("The group (its id, e.g. customer-services-cop).", valueName: "id"))
    var group: String

    @Option(
        help: ArgumentHelp(
            "The kind of mailing: \(MailingKind.allCases.map(\.rawValue).joined(separator: ", ")).",
            valueName: "kind"
        )
    )
    var kind: MailingKind

    @Option(
        help: ArgumentHelp(
            "Which occurrence, as `convenor schedule` shows it (e.g. 2026-10); default: the next one.",
            valueName: "occurrence"
        )
    )
    var occurrence: String?

    @Option(help: ArgumentHelp("The one address to send the test copy to.", valueName: "address"))
    var to: String

    func validate() throws {
        guard MailAddress.isValidAddrSpec(to) else {
            throw ValidationError("'\(to)' is not a mail address; write it as name@example.ac.uk")
        }
    }

    func run() async throws {
        let workspace = try await config.loadValidWorkspace()
        _ = try GroupFilter(id: group, config: workspace.config)
        let now = clock.now
        let span = Scheduler.lookAhead
        // The same road as the daemon, so a test copy carries the revision the real mail will (after a reschedule).
        let outlook = await LedgerView.outlook(
            workspace.config,
            from: now.addingTimeInterval(-span),
            to: now.addingTimeInterval(span),
            now: now
        )
        guard let mailing = find(in: outlook, now: now) else {
            let which = occurrence.map { "occurrence \($0)" } ?? "upcoming"
            throw ValidationError(
                "\(group) has no \(which) \(kind.rawValue) mailing; `convenor schedule --group \(group)` lists them"
            )
        }
        let copy = try workspace.assembler.assembleTestCopy(
            mailing,
            minutes: MinutesFiles.text(for: mailing, config: workspace.config),
            date: now,
            to: to,
            nonce: CommandDelivery.nonce()
        )
        print("sending a test copy of \(mailing.key) to \(to): \(copy.message.subject)")
        let transport = CommandDelivery.transport(for: workspace.config.installation)
        // With smtp.oauth2 the token is its own step, so a refused client secret is told apart from a refused login.
        if let smtp = transport as? SMTPTransport, let report = await smtp.prepareToken() {
            print(report.line)
            if case .failed = report { throw ExitCode(ExitCodes.failure) }
        }
        let outcome = await CommandDelivery.deliver([copy], through: transport).first
        guard let outcome else { throw ExitCode(ExitCodes.failure) }
        print(CommandDelivery.describe(outcome))
        if !outcome.isDelivered { throw ExitCode(ExitCodes.failure) }
    }

    /// The named occurrence (searched over the years around now), else the next one after now.
    func find(in outlook: Outlook, now: Date) -> Mailing? {
        let candidates = outlook.mailings.filter { $0.key.group == group && $0.key.kind == kind }
        guard let occurrence else { return candidates.first { $0.due > now } }
        return candidates.first { $0.key.occurrence == occurrence }
    }
}
