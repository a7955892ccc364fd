import Foundation

/// Recognises what came back: a DSN (RFC 3464), a list server's notice, the list's copy, or an auto-reply.
///
/// It returns nil for anything it does not recognise: the caller leaves such mail untouched in the mailbox. The
/// rules read the notices' fixed wording, from the list servers' own templates (Mailman 3.3.8, mlmmj 1.3.0 and
/// Sympa 6.2 as shipped by Debian 12) and LISTSERV's and Google Groups' documented texts; samples are in
/// `Tests/ConvenorCoreTests/Fixtures/Returns/`.
package enum ReturnClassifier {
    package static func classify(_ message: InboundMessage) -> ReturnedMail? {
        let original = OriginalPost(message)
        if let report = DeliveryStatusReport(message) {
            return dsn(report, message: message, original: original)
        }
        if let notice = Notices.mailman3(message, original: original) ?? Notices.mlmmj(message, original: original)
            ?? Notices.sympa(message, original: original) ?? Notices.listserv(message, original: original)
            ?? Notices.googleGroups(message, original: original)
        {
            return notice
        }
        // An auto-reply before the list's copy: a member's out-of-office answer to a post comes back through the list
        // (with List-Id and its own Message-ID), and is an auto-reply, not a copy of anything convenor sent.
        if isAutoReply(message) {
            return ReturnedMail(
                verdict: .ignorable(why: "an automatic reply (RFC 3834)"),
                source: .autoResponder,
                quotedMessageID: message.header("In-Reply-To").flatMap(HeaderWords.firstMessageID),
                quotedSubject: original.subject
            )
        }
        return listCopy(message)
    }

    /// RFC 3464: a failed recipient is a bounce; only delays or successes are recognised and ignored. Sympa reports
    /// its own refusals as DSNs (status 5.7.1 "Authorization denied"), which are rejections by the list.
    static func dsn(_ report: DeliveryStatusReport, message: InboundMessage, original: OriginalPost) -> ReturnedMail {
        let isSympa =
            message.header("X-Loop")?.lowercased().contains("sympa") == true
            || message.text.contains("Sympa Mailing Lists Manager")
        guard let failure = report.failures.first else {
            let actions = Set(report.recipients.map(\.action)).sorted().joined(separator: ", ")
            return ReturnedMail(
                verdict: .ignorable(why: "a delivery report (\(actions.isEmpty ? "no action" : actions))"),
                source: isSympa ? .sympa : .mailServer,
                quotedMessageID: original.messageID,
                quotedSubject: original.subject
            )
        }
        if isSympa, failure.status.hasPrefix("5.7") {
            let reason =
                Text.paragraph(
                    after: "You are not allowed to send this message for the following reason:",
                    in: message.text
                )
                ?? failure.diagnostic ?? "not allowed to post"
            return ReturnedMail(
                verdict: .rejected(reason: reason),
                source: .sympa,
                list: failure.address,
                quotedMessageID: original.messageID,
                quotedSubject: original.subject
            )
        }
        return ReturnedMail(
            verdict: .bounced(status: failure.status, diagnostic: failure.diagnostic, recipient: failure.address),
            source: isSympa ? .sympa : .mailServer,
            list: failure.address,
            quotedMessageID: original.messageID,
            quotedSubject: original.subject
        )
    }

    /// A message that came through a list (RFC 2369/2919 `List-Id` or `List-Post`) and is not a notice: the
    /// list's copy of a post, tied to it by its Message-ID, which list servers keep.
    static func listCopy(_ message: InboundMessage) -> ReturnedMail? {
        guard message.header("List-Id") != nil || message.header("List-Post") != nil,
            let id = message.messageID
        else { return nil }
        let list = message.header("List-Post").flatMap { value -> String? in
            guard let range = value.range(of: "mailto:", options: .caseInsensitive) else { return nil }
            return String(value[range.upperBound...].prefix { $0 != ">" && $0 != "?" }).lowercased()
        }
        return ReturnedMail(
            verdict: .distributed,
            source: .listServer,
            list: list,
            quotedMessageID: id,
            quotedSubject: message.subject
        )
    }

    /// RFC 3834 §5: `Auto-Submitted` other than `no` marks an automatic message; older responders set
    /// `X-Autoreply` / `X-Autorespond` or `Precedence: auto_reply`. Not Exchange's `X-Auto-Response-Suppress`: it asks
    /// others not to answer automatically and rides on ordinary mail (meeting requests, a person's reply) too.
    static func isAutoReply(_ message: InboundMessage) -> Bool {
        if let value = message.header("Auto-Submitted")?.lowercased(), !value.hasPrefix("no") { return true }
        if message.header("X-Autoreply") != nil || message.header("X-Autorespond") != nil { return true }
        return message.header("Precedence")?.lowercased() == "auto_reply"
    }
}

/// The post a notice is about: its enclosed copy or quoted headers.
struct OriginalPost {
    var messageID: String?
    var subject: String?

    init(_ message: InboundMessage) {
        if let enclosed = message.parts.lazy.compactMap(\.enclosed).first?.message {
            messageID = enclosed.messageID
            subject = enclosed.subject.isEmpty ? nil : enclosed.subject
            return
        }
        // LISTSERV and Sympa quote the original's headers inside the text.
        let text = message.text
        messageID = Text.headerLine("Message-ID", in: text).flatMap(HeaderWords.firstMessageID)
        subject = Text.headerLine("Subject", in: text).map(HeaderWords.decode)
    }
}
