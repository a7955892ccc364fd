/// What a message in the returns mailbox says about a post convenor sent, once recognised.
package struct ReturnedMail: Sendable, Equatable {
    /// What happened to the post.
    package enum Verdict: Sendable, Equatable {
        /// The list's own copy of the post came back: members got it.
        case distributed
        /// The list holds the post for a moderator (or a click from the sender); `reason` is the list's words.
        case held(reason: String)
        /// The list wants the sender to confirm the post (LISTSERV `Send= ...,Confirm`, a click a daemon cannot do).
        case confirmationRequested
        /// The list refused the post for good (not a subscriber, not authorised).
        case rejected(reason: String)
        /// A mail server could not deliver it: the DSN's status (`5.1.1`) and diagnostic.
        case bounced(status: String, diagnostic: String?, recipient: String?)
        /// A delay report, an auto-reply (RFC 3834) or a success report: recognised, nothing to do.
        case ignorable(why: String)
    }

    /// Which software wrote the notice (for the note in the ledger and the tests).
    package enum Source: String, Sendable, Equatable {
        case mailman3 = "Mailman 3"
        case listserv = "LISTSERV"
        case googleGroups = "Google Groups"
        case mlmmj
        case sympa = "Sympa"
        case mailServer = "a mail server"
        case listServer = "the list"
        case autoResponder = "an auto-responder"
    }

    package var verdict: Verdict
    package var source: Source
    /// The list address the notice is about, lower-cased, when it names one.
    package var list: String?
    /// The post's Message-ID as the notice quotes it.
    package var quotedMessageID: String?
    /// The post's Subject as the notice quotes it (white space collapsed).
    package var quotedSubject: String?
    /// Where a person approves or confirms the post, when the notice gives a link.
    package var link: String?

    package init(
        verdict: Verdict,
        source: Source,
        list: String? = nil,
        quotedMessageID: String? = nil,
        quotedSubject: String? = nil,
        link: String? = nil
    ) {
        self.verdict = verdict
        self.source = source
        self.list = list
        self.quotedMessageID = quotedMessageID
        self.quotedSubject = quotedSubject
        self.link = link
    }

    /// True when the ledger should record something (a copy, a hold, a rejection or a bounce).
    package var concernsThePost: Bool {
        if case .ignorable = verdict { return false }
        return true
    }
}
