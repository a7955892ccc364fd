package import Foundation

/// What became of one list post once it left convenor, in words a librarian understands (issue 18), for
/// `convenor overview` and the chairs' web.
///
/// Built from a ledger row that the relay accepted. The list's own words are kept as they came (one line); every
/// renderer escapes them. An approval link from a notice is offered as a link only when `safeLink` lets it
/// through: https, no user name or password, on the list's own host; otherwise it stays text (`linkText`), so a
/// forged notice cannot put a link to somewhere else on the chairs' page.
package struct ListOutcome: Hashable, Sendable {
    package var key: MailingKey
    package var state: LedgerState
    /// When the relay accepted it.
    package var sentAt: Date
    /// "the agenda".
    package var what: String
    /// What happened, in a sentence: "The list passed it on to the members at 09:02."
    package var happened: String
    /// The list's words (held, refused) or the DSN's status and diagnostic (bounced); nil when there are none.
    package var listWords: String?
    /// What to do and whom to ask; nil when nothing is to be done.
    package var advice: String?
    /// The approval link, when it is safe to offer as a link.
    package var link: String?
    /// The approval link the notice gave that is not safe to offer as a link: shown as text only.
    package var linkText: String?

    /// The outcome of a row the relay accepted, or nil for a row that never reached the relay or was no list post.
    ///
    /// - Parameter postingAddress: the address the list saw the post come from (`posting.from`, else `from`).
    package init?(_ entry: LedgerEntry, group: Group, postingAddress: String) {
        let after: Set<LedgerState> = [.sent, .distributed, .held, .rejected, .bounced]
        guard after.contains(entry.state), entry.state != .sent || entry.postedTo != nil else { return nil }
        let sentAt = entry.sentAt ?? entry.updatedAt
        key = entry.key
        state = entry.state
        self.sentAt = sentAt
        what = ChairsAlert.what(entry.key.kind)
        link = nil
        linkText = nil
        listWords = nil
        advice = nil
        let zone = group.timeZone
        switch entry.state {
        case .distributed:
            let at = entry.distributedAt.map { " at " + LedgerReport.clockText($0, after: sentAt, zone) } ?? ""
            happened = "The list passed it on to the members\(at)."
        case .sent:
            happened =
                "The mail server accepted it; the list's own copy has not come back (yet), so it is not "
                + "known whether the members got it."
        default:
            guard let post = ChairsAlert.Post(entry) else { return nil }
            let alert = ChairsAlert(group: group, postingAddress: postingAddress, made: sentAt, posts: [post])
            let gist: String =
                switch entry.state {
                case .held: "The list is holding it: the members have not got it yet."
                case .rejected: "The list refused it: the members did not get it."
                default: "It came back undelivered: the members did not get it."
                }
            happened = gist
            listWords = RenderText.oneLine(post.listWords)
            if let notice = entry.approvalLink {
                if let safe = Self.safeLink(notice, list: group.list) { link = safe } else { linkText = notice }
            }
            // The advice mentions "the link below" only when there is one to follow.
            var advised = post
            advised.link = link
            advice = alert.advice(advised).capitalizedFirst
        }
    }

    /// `link` when it may be shown as a link on a page: an https URL without user name or password whose host is
    /// the list address's domain or a name under it (Mailman's web UI on `lists.example.org` for
    /// `group@lists.example.org`, JISCMail's `www.jiscmail.ac.uk` for `X@JISCMAIL.AC.UK`); nil otherwise.
    package static func safeLink(_ link: String, list: String) -> String? {
        let trimmed = link.trimmingCharacters(in: .whitespaces)
        guard
            !trimmed.unicodeScalars.contains(where: {
                $0.value < 0x21 || $0.value == 0x7F || $0 == "\"" || $0 == "<" || $0 == ">"
            }),
            let url = URLComponents(string: trimmed), url.scheme?.lowercased() == "https",
            url.user == nil, url.password == nil, url.port == nil,
            let host = url.host?.lowercased(), !host.isEmpty,
            let at = list.lastIndex(of: "@")
        else { return nil }
        let domain = list[list.index(after: at)...].lowercased()
        guard !domain.isEmpty, host == domain || host.hasSuffix("." + domain) else { return nil }
        return trimmed
    }
}
