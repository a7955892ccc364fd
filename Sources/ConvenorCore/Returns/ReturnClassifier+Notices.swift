import Foundation

/// The list servers' own notices to a poster, one recogniser per server.
enum Notices {
    /// Mailman 3 (`chains/hold.py`, `app/bounces.py`): "Your message to LIST awaits moderator approval", with the
    /// quoted subject and "The message is being held because:"; a rejection says "Your message to the LIST
    /// mailing-list was rejected for the following reasons:" and encloses the post.
    static func mailman3(_ message: InboundMessage, original: OriginalPost) -> ReturnedMail? {
        let subject = message.subject
        let text = message.text
        if let list = Text.between("Your message to ", " awaits moderator approval", in: subject) {
            let quoted =
                Text.paragraph(after: "with the subject", in: text).map(HeaderWords.collapse) ?? original.subject
            let reason = Text.paragraph(after: "The message is being held because:", in: text) ?? "held for moderation"
            return ReturnedMail(
                verdict: .held(reason: reason),
                source: .mailman3,
                list: list.lowercased(),
                quotedMessageID: original.messageID,
                quotedSubject: quoted
            )
        }
        if let list = Text.between("Your message to the ", " mailing-list was rejected", in: HeaderWords.collapse(text))
        {
            let reason =
                Text.paragraph(after: "reasons:", in: text)
                ?? "rejected by the list"
            return ReturnedMail(
                verdict: .rejected(reason: reason),
                source: .mailman3,
                list: list.lowercased(),
                quotedMessageID: original.messageID,
                quotedSubject: original.subject
            )
        }
        return nil
    }

    /// mlmmj 1.3.0 (`text.skel/en/deny-post`, `wait-post`): "Post to LIST denied: SUBJECT" and "Awaiting release to
    /// LIST: SUBJECT"; the reason follows "was unable to be delivered to the list".
    static func mlmmj(_ message: InboundMessage, original: OriginalPost) -> ReturnedMail? {
        let subject = message.subject
        if subject.hasPrefix("Post to "), let range = subject.range(of: " denied: ") {
            let list = String(subject[subject.index(subject.startIndex, offsetBy: 8)..<range.lowerBound])
            let text = HeaderWords.collapse(message.text)
            let reason =
                Text.between("was unable to be delivered to the list ", ".", in: text).map {
                    "the list refused it \($0)"
                }
                ?? "the list refused it"
            return ReturnedMail(
                verdict: .rejected(reason: reason),
                source: .mlmmj,
                list: list.lowercased(),
                quotedMessageID: original.messageID,
                quotedSubject: String(subject[range.upperBound...])
            )
        }
        if subject.hasPrefix("Awaiting release to "), let range = subject.range(of: ": ") {
            let list = String(subject[subject.index(subject.startIndex, offsetBy: 20)..<range.lowerBound])
            let text = HeaderWords.collapse(message.text)
            let reason =
                Text.between("before releasing it to the list ", ".", in: text).map {
                    "moderators must release it \($0)"
                }
                ?? "moderators must release it"
            return ReturnedMail(
                verdict: .held(reason: reason),
                source: .mlmmj,
                list: list.lowercased(),
                quotedMessageID: original.messageID,
                quotedSubject: String(subject[range.upperBound...])
            )
        }
        return nil
    }

    /// Sympa 6.2 (`mail_tt2/message_report.tt2`): "Your message to the list 'NAME' has been forwarded to the
    /// moderator(s)". (Its refusals are DSNs, read in `ReturnClassifier.dsn`.)
    static func sympa(_ message: InboundMessage, original: OriginalPost) -> ReturnedMail? {
        let text = HeaderWords.collapse(message.text)
        guard let list = Text.between("Your message to the list '", "' has been forwarded to the moderator", in: text)
        else { return nil }
        return ReturnedMail(
            verdict: .held(reason: "forwarded to the list's moderators"),
            source: .sympa,
            list: Text.listAddress(list, from: message),
            quotedMessageID: original.messageID,
            quotedSubject: original.subject
        )
    }

    /// LISTSERV (JISCMail): "You are not authorized to send mail to the NAME list", a confirmation request with
    /// an `OK=` link, or "has been submitted to the moderator/editor".
    static func listserv(_ message: InboundMessage, original: OriginalPost) -> ReturnedMail? {
        let from = message.header("From")?.lowercased() ?? ""
        let text = HeaderWords.collapse(message.text)
        guard from.contains("listserv") || text.contains("LISTSERV") else { return nil }
        let host = HeaderWords.address(from)?.split(separator: "@").last.map(String.init)
        func address(_ name: String) -> String { host.map { "\(name)@\($0)".lowercased() } ?? name.lowercased() }
        if let name = Text.between("You are not authorized to send mail to the ", " list", in: text) {
            return ReturnedMail(
                verdict: .rejected(reason: "the address is not authorised to post to the \(name) list"),
                source: .listserv,
                list: address(name),
                quotedMessageID: original.messageID,
                quotedSubject: original.subject
            )
        }
        let subject = message.subject
        if subject.lowercased().contains("requires confirmation") || text.contains("To confirm that you really sent") {
            let name = Text.between(" to the ", " list", in: text) ?? ""
            return ReturnedMail(
                verdict: .confirmationRequested,
                source: .listserv,
                list: name.isEmpty ? nil : address(name),
                quotedMessageID: original.messageID,
                quotedSubject: original.subject ?? Text.between("Message (\"", "\")", in: subject),
                link: Text.link(in: message.text, containing: "OK=")
            )
        }
        if let name = Text.between("has been submitted to the moderator of the ", " list", in: text)
            ?? Text.between("forwarded to the editor of the ", " list", in: text)
        {
            return ReturnedMail(
                verdict: .held(reason: "submitted to the \(name) list's moderator"),
                source: .listserv,
                list: address(name),
                quotedMessageID: original.messageID,
                quotedSubject: original.subject,
                link: Text.link(in: message.text, containing: "wa")
            )
        }
        return nil
    }

    /// Google Groups: "Your message to NAME@googlegroups.com awaits approval" (or "is pending approval"), with a
    /// link to the group's pending messages; a refusal says "You do not have permission to post".
    static func googleGroups(_ message: InboundMessage, original: OriginalPost) -> ReturnedMail? {
        let from = message.header("From")?.lowercased() ?? ""
        guard from.contains("googlegroups.com") || from.contains("google.com") else { return nil }
        let text = HeaderWords.collapse(message.text)
        let subject = message.subject
        let list =
            Text.between("Your message to ", " ", in: subject) ?? Text.between("Your message to ", " ", in: text)
        let quoted = original.subject ?? Text.headerLine("Subject", in: message.text).map(HeaderWords.collapse)
        if text.contains("pending approval") || subject.contains("awaits approval")
            || text.contains("awaiting moderation")
        {
            return ReturnedMail(
                verdict: .held(reason: "pending approval by a moderator of the group (deleted after 14 days)"),
                source: .googleGroups,
                list: list?.lowercased(),
                quotedMessageID: original.messageID,
                quotedSubject: quoted,
                link: Text.link(in: message.text, containing: "groups.google.com")
            )
        }
        if text.contains("do not have permission to post") || text.contains("don't have permission to post") {
            return ReturnedMail(
                verdict: .rejected(reason: "the address does not have permission to post to the group"),
                source: .googleGroups,
                list: list?.lowercased(),
                quotedMessageID: original.messageID,
                quotedSubject: quoted
            )
        }
        return nil
    }
}
