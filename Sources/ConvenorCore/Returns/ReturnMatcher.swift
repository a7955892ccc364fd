package import Foundation

/// A list post the relay accepted, waiting for the list to say what it did with it.
package struct PostAwaitingReturn: Sendable, Equatable {
    package var key: MailingKey
    package var messageID: String
    /// The list address it was posted to, lower-cased.
    package var list: String
    /// The Subject as sent (decoded text).
    package var subject: String
    /// When the relay said 250.
    package var acceptedAt: Date

    package init(key: MailingKey, messageID: String, list: String, subject: String, acceptedAt: Date) {
        self.key = key
        self.messageID = messageID
        self.list = list.lowercased()
        self.subject = subject
        self.acceptedAt = acceptedAt
    }
}

/// Ties a recognised return to the post it is about.
///
/// In order of trust: the Message-ID the notice quotes (list servers keep it; DSNs enclose the headers); the VERP
/// key in the address the notice was delivered to; and, for notices that quote only a subject (Mailman 3's hold
/// notice quotes no Message-ID), the same list and the same subject, the most recent such post; a notice that
/// quotes neither (Sympa's) goes to the most recent post to its list.
package enum ReturnMatcher {
    package static func match(
        _ mail: ReturnedMail,
        deliveredTo: [String],
        verpBase: String?,
        posts: [PostAwaitingReturn]
    ) -> PostAwaitingReturn? {
        if let id = mail.quotedMessageID?.lowercased(),
            let post = posts.first(where: { $0.messageID.lowercased() == id })
        {
            return post
        }
        if let verpBase {
            let keys = Set(deliveredTo.compactMap { VERPAddress.key(in: $0, base: verpBase) })
            if let post = posts.first(where: { keys.contains(VERPAddress.key(for: $0.messageID)) }) { return post }
        }
        // A copy is only ever proved by its Message-ID: a member's reply can share the subject.
        guard mail.verdict != .distributed, let list = mail.list else { return nil }
        let toThatList = posts.filter { Self.sameList(list, $0.list) }
        // Sympa's "forwarded to the moderator(s)" quotes neither: the latest post to that list is the one it held.
        guard let quoted = mail.quotedSubject.map(normalised) else {
            return toThatList.max { $0.acceptedAt < $1.acceptedAt }
        }
        return toThatList.filter { normalised($0.subject) == quoted }.max { $0.acceptedAt < $1.acceptedAt }
    }

    /// Lower-cased, white space collapsed, and without the `[Tag]` prefixes lists add.
    package static func normalised(_ subject: String) -> String {
        var text = Substring(HeaderWords.collapse(subject).lowercased())
        while text.hasPrefix("["), let close = text.firstIndex(of: "]") {
            text = text[text.index(after: close)...].drop { $0 == " " }
        }
        return String(text)
    }

    /// The same address, or the same local part where a notice names the list by name only
    /// (a notice that names the list without its host).
    static func sameList(_ named: String, _ posted: String) -> Bool {
        let named = named.lowercased()
        if named == posted { return true }
        return !named.contains("@") && posted.split(separator: "@").first.map(String.init) == named
    }
}
