package import Foundation

/// A group's list posts the list did not pass on (held, refused, returned undelivered), told to the group's chairs
/// in words a librarian understands: what the list said, and what to ask of whom (issue 18).
package struct ChairsAlert: Hashable, Sendable {
    /// One post and what became of it.
    package struct Post: Hashable, Sendable {
        package var key: MailingKey
        package var state: LedgerState
        package var subject: String
        package var sentAt: Date
        /// The list's words (held, refused), or the DSN's status and diagnostic (bounced).
        package var listWords: String
        package var link: String?

        package init(
            key: MailingKey,
            state: LedgerState,
            subject: String,
            sentAt: Date,
            listWords: String,
            link: String?
        ) {
            self.key = key
            self.state = state
            self.subject = subject
            self.sentAt = sentAt
            self.listWords = listWords
            self.link = link
        }

        /// The row's post, or nil when the row is not one the chairs must hear about.
        package init?(_ entry: LedgerEntry) {
            guard entry.state.needsChairs else { return nil }
            let words: String =
                switch entry.state {
                case .bounced:
                    [entry.bounceStatus, entry.bounceDiagnostic].compactMap { $0 }.joined(separator: " ")
                default:
                    entry.listWords ?? (entry.state == .held ? "held for a moderator" : "refused")
                }
            self.init(
                key: entry.key,
                state: entry.state,
                subject: entry.subject ?? entry.key.description,
                sentAt: entry.sentAt ?? entry.updatedAt,
                listWords: words,
                link: entry.approvalLink
            )
        }
    }

    package var group: Group
    /// The address the list saw the posts come from (`posting.from`, else the installation's From).
    package var postingAddress: String
    package var made: Date
    package var posts: [Post]

    package init(group: Group, postingAddress: String, made: Date, posts: [Post]) {
        self.group = group
        self.postingAddress = postingAddress
        self.made = made
        self.posts = posts.sorted { ($0.sentAt, $0.key) < ($1.sentAt, $1.key) }
    }

    /// The mailing kind as the chairs know it: "the agenda", "the call for agenda items".
    package static func what(_ kind: MailingKind) -> String {
        switch kind {
        case .callForMembers: "the call for members"
        case .announcement: "the meeting announcement"
        case .callForAgenda: "the call for agenda items"
        case .agenda: "the agenda"
        case .reminder: "the reminder"
        case .minutes: "the minutes"
        case .confirmDate: "the request to confirm a date"
        case .minutesChase: "the reminder about minutes"
        case .torReview: "the terms of reference review"
        case .rescheduled: "the rescheduling notice"
        case .cancelled: "the cancellation notice"
        }
    }

    /// What happened, in the list's own words.
    package func happened(_ post: Post) -> String {
        let list = group.list
        switch post.state {
        case .held: return "the list \(list) held it: \(RenderText.oneLine(post.listWords))"
        case .rejected: return "the list \(list) refused it: \(RenderText.oneLine(post.listWords))"
        default:
            return "it came back undelivered (\(RenderText.oneLine(post.listWords)))"
        }
    }

    /// What to do, and whom to ask.
    package func advice(_ post: Post) -> String {
        switch post.state {
        case .held:
            let approve =
                post.link == nil
                ? "or ask a moderator of the list to approve the post" : "or approve the post at the link below"
            return "the address \(postingAddress) is not allowed to post to \(group.list) without approval; ask the "
                + "list owner to add it (as a member or an allowed sender), \(approve)."
        case .rejected:
            return "ask the list owner to let \(postingAddress) post to \(group.list); then ask the operator to send "
                + "\(Self.what(post.key.kind)) again."
        default:
            return "check that \(group.list) is the list's address (the group's file names it) and that the list "
                + "still exists; the operator can tell you more."
        }
    }
}

extension TemplateContext {
    /// The context of the chairs' alert, with times in the group's zone.
    package init(chairsAlert alert: ChairsAlert, installation: Installation) {
        let zone = alert.group.timeZone
        func stamp(_ instant: Date) -> String {
            let wall = LocalDateTime(instant: instant, in: zone)
            return "\(TemplateDates.long(wall.date)), \(wall.time) \(ZoneAbbreviation.of(zone, at: instant))"
        }
        let posts = alert.posts.map { post -> TemplateValue in
            var fields: [String: TemplateValue] = [
                "key": .text(post.key.description),
                "kind": .text(post.key.kind.rawValue),
                "what": .text(ChairsAlert.what(post.key.kind).capitalizedFirst),
                "subject": .text(RenderText.oneLine(post.subject)),
                "state": .text(post.state.rawValue),
                "state_words": .text(post.state.words),
                "sent_long": .text(stamp(post.sentAt)),
                "list_words": .text(RenderText.oneLine(post.listWords)),
                "happened": .text(alert.happened(post)),
                "advice": .text(alert.advice(post)),
            ]
            if let link = post.link { fields["link"] = .text(link) }
            return .object(fields)
        }
        let count = alert.posts.count
        let summary: String =
            count == 1
            ? ChairsAlert.what(alert.posts[0].key.kind) : "\(count) posts"
        self.init(
            kind: .chairsAlert,
            value: .object([
                "network": .text(RenderText.oneLine(installation.network)),
                "operator": .text(installation.operatorAddress),
                "group_name": .text(RenderText.oneLine(alert.group.name)),
                "list": .text(alert.group.list),
                "posting_address": .text(alert.postingAddress),
                "chair_names": .text(RenderText.oneLine(alert.group.chairs.map(\.name).joined(separator: " and "))),
                "sent_long": .text(stamp(alert.made)),
                "post_count": .text(String(count)),
                "post_summary": .text(summary),
                "post_pronoun": .text(count == 1 ? "it" : "them"),
                "posts": .list(posts),
            ])
        )
    }
}

extension String {
    /// The first letter in capitals: "the agenda" → "The agenda".
    var capitalizedFirst: String {
        guard let first else { return self }
        return first.uppercased() + dropFirst()
    }
}

/// The chairs' alert as a message: to the group's chairs, from the installation, `Auto-Submitted` (RFC 3834) so no
/// out-of-office answers it, with a Message-ID of its own per group and instant.
package enum ChairsAlertMessage {
    package static func messageID(group: String, made: Date, domain: String) -> String {
        "convenor-chairs-alert.\(group).\(Int64(made.timeIntervalSince1970.rounded(.down)))@\(domain)"
    }

    package static func message(
        rendered: RenderedMailing,
        alert: ChairsAlert,
        installation: Installation
    )
        -> OutgoingMessage
    {
        OutgoingMessage(
            from: installation.from,
            to: alert.group.chairs.map { MailAddress(displayName: $0.name, address: $0.email) },
            replyTo: rendered.replyToAddresses(defaultingTo: nil),
            subject: rendered.subject,
            date: alert.made,
            messageID: messageID(group: alert.group.id, made: alert.made, domain: installation.from.domain),
            autoSubmitted: true,
            textBody: rendered.body
        )
    }
}
