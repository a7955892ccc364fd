package import Foundation

/// The operator's alert mail as a message value: which rows it lists, and the `OutgoingMessage` that carries it.
///
/// Pure, so the daemon only has to render, compose and hand the bytes to its transport. The alert goes to
/// `installation.operatorAddress` with `Auto-Submitted: auto-generated` (RFC 3834), so an out-of-office reply never
/// answers it, and it has a Message-ID of its own per alert: two alerts are two different mails, not a resend.
package enum OperatorAlertMessage {
    /// The alert listing `entries` (rows in `failed` or `missed`, and list posts the list held, refused or returned),
    /// oldest due first.
    package static func alert(for entries: [LedgerEntry], made: Date) -> OperatorAlert {
        let problems = entries.compactMap { entry -> OperatorAlert.Problem? in
            let state: OperatorAlert.Problem.State
            let reason: String
            switch entry.state {
            case .failed:
                state = .failed
                reason = entry.lastError ?? "unknown error"
            case .missed:
                state = .missed
                reason = entry.missedReason ?? "stale"
            case .held:
                state = .held
                reason = [entry.listWords ?? "held for approval", entry.approvalLink.map { "approve it at \($0)" }]
                    .compactMap { $0 }.joined(separator: "; ")
            case .rejected:
                state = .rejected
                reason = entry.listWords ?? "refused by the list"
            case .bounced:
                state = .bounced
                reason = [entry.bounceStatus, entry.bounceDiagnostic].compactMap { $0 }.joined(separator: " ")
            default:
                return nil
            }
            return OperatorAlert.Problem(key: entry.key, state: state, due: entry.due, reason: reason)
        }
        return OperatorAlert(made: made, problems: problems.sorted { ($0.due, $0.key) < ($1.due, $1.key) })
    }

    /// The Message-ID of the alert made at `made`: one per alert, on the From address's domain.
    package static func messageID(made: Date, domain: String) -> String {
        "convenor-alert.\(Int64(made.timeIntervalSince1970.rounded(.down)))@\(domain)"
    }

    /// The message carrying `rendered` (the operator-alert template's output) to the installation's operator.
    package static func message(rendered: RenderedMailing, installation: Installation, made: Date) -> OutgoingMessage {
        OutgoingMessage(
            from: installation.from,
            to: [MailAddress(displayName: nil, address: installation.operatorAddress)],
            replyTo: rendered.replyToAddresses(defaultingTo: nil),
            subject: rendered.subject,
            date: made,
            messageID: messageID(made: made, domain: installation.from.domain),
            autoSubmitted: true,
            textBody: rendered.body
        )
    }
}
