package import Foundation

/// The mailings the operator must hear about: what the daemon puts in its alert mail.
package struct OperatorAlert: Hashable, Sendable {
    /// One mailing that failed or was missed.
    package struct Problem: Hashable, Sendable {
        /// Why it is listed.
        package enum State: String, Hashable, Sendable {
            /// The relay refused it for good, or retries ran out.
            case failed
            /// It was not sent before it went stale (downtime, or a later mailing superseded it).
            case missed
            /// The list holds the post for a moderator or a click (issue 18's returns mailbox).
            case held
            /// The list refused the post.
            case rejected
            /// A mail server returned it undelivered.
            case bounced
        }

        package var key: MailingKey
        package var state: State
        package var due: Date
        /// The relay's words or the reason it was missed; never a secret.
        package var reason: String

        package init(key: MailingKey, state: State, due: Date, reason: String) {
            self.key = key
            self.state = state
            self.due = due
            self.reason = reason
        }
    }

    /// When the alert is made (printed in the installation's zone).
    package var made: Date
    /// In the order the alert lists them.
    package var problems: [Problem]

    package init(made: Date, problems: [Problem]) {
        self.made = made
        self.problems = problems
    }
}

extension TemplateContext {
    /// The context of the operator's alert, with times in the installation's zone.
    package init(alert: OperatorAlert, installation: Installation) {
        let zone = installation.timeZone
        func stamp(_ instant: Date) -> String {
            let wall = LocalDateTime(instant: instant, in: zone)
            return "\(TemplateDates.long(wall.date)), \(wall.time) \(ZoneAbbreviation.of(zone, at: instant))"
        }
        let problems = alert.problems.map { problem -> TemplateValue in
            let key = problem.key
            let action =
                switch problem.state {
                case .failed: "fix the cause above, then run"
                case .missed: "nothing was sent; if it is still useful, run"
                case .held:
                    "the chairs were told; ask the list owner to let the posting address post, or approve it; see"
                case .rejected: "the chairs were told; ask the list owner to let the posting address post; see"
                case .bounced: "check the list address in the group's file; see"
                }
            let command =
                switch problem.state {
                case .failed, .missed: "convenor ledger retry \(key)"
                case .held, .rejected, .bounced: "convenor ledger --group \(key.group)"
                }
            return .object([
                "key": .text(key.description),
                "group": .text(key.group),
                "kind": .text(key.kind.rawValue),
                "occurrence": .text(key.occurrence),
                "state": .text(problem.state.rawValue),
                "due": .text(stamp(problem.due)),
                "reason": .text(RenderText.oneLine(problem.reason)),
                "action": .text(action),
                "command": .text(command),
            ])
        }
        self.init(
            kind: .operatorAlert,
            value: .object([
                "network": .text(RenderText.oneLine(installation.network)),
                "operator": .text(installation.operatorAddress),
                "sent_long": .text(stamp(alert.made)),
                "problem_count": .text(String(alert.problems.count)),
                "problem_summary": .text("\(alert.problems.count) mailing\(alert.problems.count == 1 ? "" : "s")"),
                "problems": .list(problems),
            ])
        )
    }
}
