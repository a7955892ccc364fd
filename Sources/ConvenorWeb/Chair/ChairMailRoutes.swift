import ConvenorCore
import ConvenorIO
import Foundation
import Hummingbird
import Logging

/// `/chair/ID/mail`: every pending mail of the group rendered exactly as it will be sent, each with "Send me a test
/// copy".
///
/// A test copy goes only to the signed-in person, through the daemon's transport, with `[TEST] ` before the subject
/// and a Message-ID of its own (`MailingAssembler.assembleTestCopy`, as `convenor send-test`): nothing is written to
/// the ledger, so the real mailing still goes out when due. Copies are limited per person, so a page cannot be
/// used to flood a mailbox or the relay.
struct ChairMailRoutes: Sendable {
    let environment: WebEnvironment

    /// Test copies one person may ask for within `window`.
    static let limit = 5
    static let window: TimeInterval = 3600
    /// The pending mails shown: the next ones, a year ahead at most.
    static let shown = 12

    func register(on router: Router<WebRequestContext>) {
        router.get("/chair/:id/mail") { request, context in
            await handle(request, id: context.parameters.get("id") ?? "", post: false)
        }
        router.post("/chair/:id/mail") { request, context in
            await handle(request, id: context.parameters.get("id") ?? "", post: true)
        }
    }

    func handle(_ request: Request, id: String, post: Bool) async -> Response {
        var request = request
        let body = post ? await FormBody.read(&request) : nil
        if post, body == nil { return environment.refusedForm() }
        guard let signedIn = await environment.signedIn(request) else { return HTML.seeOther("/signin") }
        let planned = await environment.plannedConfiguration()
        let config = planned.config
        guard let group = config.group(id: id) else { return environment.notFound() }
        guard let role = signedIn.access.role(for: id) else { return environment.forbidden() }
        let pending = await pendingMailings(config: config, group: id)
        var notice: (text: String, problem: Bool)?
        var status = HTTPResponse.Status.ok
        if let body {
            guard body["csrf"] == signedIn.session.csrfToken else { return environment.refusedForm() }
            guard role != .liaison else { return environment.readOnly() }
            guard let mailing = pending.first(where: { "\($0.key)" == body["mailing"] }) else {
                return environment.message(
                    "No such mail",
                    ["That mail is no longer pending; the page lists the mails still to go."],
                    status: .notFound,
                    link: ("/chair/\(id)/mail", "The group's pending mail")
                )
            }
            (notice, status) = await sendTestCopy(
                mailing,
                config: config,
                renderer: planned.renderer,
                to: signedIn.access.address
            )
        }
        let mails = pending.map { mailing in
            let local = LocalDateTime(instant: mailing.due, in: group.timeZone)
            return MailPageContext.Mail(
                key: "\(mailing.key)",
                title: mailing.key.kind.rawValue,
                when: "\(local.date.mediumText) \(local.time) \(group.timeZone.readableAbbreviation(for: mailing.due))",
                to: OverviewEntry.words(for: mailing.audience),
                text: environment.readable(
                    mailing,
                    config: config,
                    renderer: planned.renderer,
                    minutes: MinutesFiles.text(for: mailing, config: config)
                )
            )
        }
        let context = MailPageContext(
            network: config.installation.network,
            address: signedIn.access.address,
            csrf: signedIn.session.csrfToken,
            id: id,
            name: group.name,
            readOnly: role == .liaison,
            hasMails: !mails.isEmpty,
            mails: mails,
            hasNotice: notice != nil,
            noticeText: notice?.text ?? "",
            noticeIsProblem: notice?.problem ?? false
        )
        return HTML.page(environment.renderer.render(context, page: "chair-mail"), status: status)
    }

    /// The group's mailings still to go, as the daemon plans them now (chairs' changes and notices included),
    /// leaving out what the ledger already holds as sent.
    func pendingMailings(config: Config, group id: String) async -> [Mailing] {
        let now = environment.clock.now()
        let snapshot = await environment.snapshot()
        let outlook = Outlook(
            config: config,
            existingMinutes: MinutesFiles.existing(in: config),
            snapshot: snapshot,
            from: now.addingTimeInterval(-7 * 86_400),
            to: now.addingTimeInterval(366 * 86_400),
            now: now
        )
        let pending = outlook.mailings.filter { mailing in
            mailing.key.group == id && now < mailing.validUntil && snapshot[mailing.key]?.state != .sent
        }
        return Array(pending.prefix(Self.shown))
    }

    /// Sends one test copy to `address`, within the limit; the words for the page and its status.
    func sendTestCopy(
        _ mailing: Mailing,
        config: Config,
        renderer: TemplateRenderer,
        to address: String
    ) async -> ((text: String, problem: Bool)?, HTTPResponse.Status) {
        let now = environment.clock.now()
        let admitted: Bool
        do {
            admitted = try await environment.webStore.admitSignInRequest(
                keys: [(key: "test-copy:\(address.lowercased())", limit: Self.limit)],
                window: Self.window,
                now: now
            )
        } catch {
            environment.logger.error("web: cannot read the test copy limit", metadata: ["error": "\(error)"])
            return (
                ("The test copy was not sent: the ledger cannot be read. Try again in a minute.", true),
                .serviceUnavailable
            )
        }
        guard admitted else {
            return (
                (
                    "Not sent: you asked for \(Self.limit) test copies within the hour, the most there can be. Try "
                        + "again later.", true
                ), .tooManyRequests
            )
        }
        let assembler = MailingAssembler(config: config, renderer: renderer)
        let copy: AssembledMailing
        do {
            copy = try assembler.assembleTestCopy(
                mailing,
                minutes: MinutesFiles.text(for: mailing, config: config),
                date: now,
                to: address,
                nonce: String(SHA256.hex(SecretToken.make()).prefix(16))
            )
        } catch {
            return (("The test copy cannot be made: \(error.reason)", true), .unprocessableContent)
        }
        let message = OutboundMessage(
            envelopeFrom: copy.envelopeFrom,
            recipients: copy.recipients,
            messageID: copy.messageID,
            data: copy.bytes
        )
        let outcome = await environment.status.configuration.transport.deliver([message]).first
        guard outcome?.isDelivered == true else {
            environment.logger.error(
                "web: a test copy was not sent",
                metadata: ["mailing": "\(mailing.key)", "outcome": "\(String(describing: outcome))"]
            )
            return (
                ("The test copy was not sent: the relay refused it. The operator's log says why.", true), .badGateway
            )
        }
        environment.logger.info(
            "a chair's test copy sent",
            metadata: ["mailing": "\(mailing.key)", "message_id": "\(copy.messageID)"]
        )
        return (
            (
                "A test copy of the \(mailing.key.kind.rawValue) mail was sent to \(address) only, with [TEST] before "
                    + "its subject. The real mail still goes out when it is due.", false
            ), .ok
        )
    }
}

/// `/chair/ID/mail`.
struct MailPageContext: Sendable, SignedInContext {
    struct Mail: Sendable {
        var key: String
        var title: String
        var when: String
        var to: String
        var text: String
    }

    var network: String
    var address: String
    var csrf: String
    var id: String
    var name: String
    var readOnly: Bool
    var hasMails: Bool
    var mails: [Mail]
    var hasNotice: Bool
    var noticeText: String
    var noticeIsProblem: Bool
}
