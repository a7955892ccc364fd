import Yams

/// Reads a group's `posting:` block into a `PostingProfile`, and warns about LISTSERV lists with no subscribed From.
///
/// Like `DeliveryParser`, it never accepts a secret in the YAML. Unlike the installation, a group never names a
/// path for a secret either: `approved_password_file: /etc/convenor/smtp-password` would mail the relay's password
/// to any address. Mailman's moderator password is a credential the operator declares in convenor.yaml
/// (`group_credentials:`) and the group names (`approved_password_credential:`); it is read at send time.
enum PostingParser {
    private static let secretFix =
        "ask the operator to store the moderator password as a credential, declare it in convenor.yaml's "
        + "`group_credentials:`, and write `approved_password_credential: NAME` here"

    static let schema = MappingSchema(
        what: "`posting`",
        example: "posting: {from: groups@aln.example.org, auto_submitted: false}",
        keys: ["from", "approved_password_credential", "auto_submitted", "attach_ics"],
        forbidden: Dictionary(
            uniqueKeysWithValues: ["approved", "approved_password", "password", "secret"].map {
                ($0, (problem: "a secret must never be written in the config (`\($0)`)", fix: secretFix))
            }
        ).merging([
            "approved_password_file": (
                problem: "a group file may not name a file for a secret (`approved_password_file`): "
                    + "it would mail whatever file it names, such as the relay's password, to the list",
                fix: secretFix
            )
        ]) { own, _ in own },
        redirected: [
            "envelope_from": "`posting.from` is the envelope sender of list posts as well as their From",
            "attach_calendar": "write `attach_ics: false`",
        ]
    )

    /// The keys of a group file that belong under `posting:`, with the fix to print.
    static let misplacedKeys: [String: String] = [
        "approved_password_credential":
            "put it under `posting:`, e.g. `posting: {approved_password_credential: list-approved}`",
        "auto_submitted": "put it under `posting:`, e.g. `posting: {auto_submitted: false}`",
        "attach_ics": "put it under `posting:`, e.g. `posting: {attach_ics: false}`",
        "from":
            "put it under `posting:`, e.g. `posting: {from: groups@aln.example.org}` (the address subscribed to the list)",
    ]

    /// The profile, or nil when the block has errors (each reported at its node).
    ///
    /// `groupCredentials` are the names convenor.yaml offers to groups; nil when convenor.yaml is broken (the
    /// credential is then not judged, so the group's other problems still show).
    static func parse(_ node: Node, reader: NodeReader, groupCredentials: Set<String>?) -> PostingProfile? {
        guard let map = reader.mapping(node, schema) else { return nil }
        var valid = true
        let from = map["from"].flatMap { node in
            reader.text(node, key: "from").flatMap { reader.check(node, MailAddress.parse($0)) }
        }
        if map["from"] != nil && from == nil { valid = false }
        let credential = map["approved_password_credential"].flatMap {
            credentialName($0, reader: reader, declared: groupCredentials)
        }
        if map["approved_password_credential"] != nil && credential == nil { valid = false }
        // A flag that is present but not true/false has been reported; the block is then invalid.
        func flag(_ key: String, default fallback: Bool) -> Bool? {
            guard let node = map[key] else { return fallback }
            return reader.flag(node, key: key)
        }
        let autoSubmitted = flag("auto_submitted", default: false)
        let attachCalendar = flag("attach_ics", default: true)
        guard valid, let autoSubmitted, let attachCalendar else { return nil }
        return PostingProfile(
            from: from,
            approvedPasswordCredential: credential,
            autoSubmitted: autoSubmitted,
            attachCalendar: attachCalendar
        )
    }

    /// Warns at the `list:` line when a LISTSERV/JISCMail list would receive posts from an address nobody said was
    /// subscribed: such lists hold or bounce them, and a daemon cannot click the confirmation link.
    static func checkSubscribedSender(list: String, listNode: Node, profile: PostingProfile, reader: NodeReader) {
        guard profile.from == nil, PostingProfile.isListservAddress(list) else { return }
        reader.warning(
            listNode,
            "`\(list)` is a LISTSERV list, which takes posts only from subscribed addresses, "
                + "and the group has no `posting.from`",
            fix: "add `posting: {from: ADDRESS}` with the address subscribed to the list "
                + "(it may be the installation's `from`)"
        )
    }

    /// Warns at the `list:` line when a Google Group would receive a list mailing more than 14 days before its
    /// meeting from an address nobody said may post: Google Groups holds such a post and deletes it after 14
    /// days, so a post held for approval expires before the meeting it is about, and nobody is told.
    static func checkGoogleGroupExpiry(
        list: String,
        listNode: Node,
        profile: PostingProfile,
        mailings: [MailingKind: MailingTiming],
        reader: NodeReader
    ) {
        guard profile.from == nil, PostingProfile.isGoogleGroupAddress(list) else { return }
        let limit = PostingProfile.googleGroupsPendingDays
        let early = mailings.filter { kind, timing in
            kind.audience == .list && (minimumDaysBeforeMeeting(timing) ?? 0) > limit
        }.sorted { $0.key < $1.key }
        guard let first = early.first else { return }
        let names = early.map { "the \($0.key.rawValue) (\($0.value))" }
        let named =
            names.count == 1 ? names[0] : names.dropLast().joined(separator: ", ") + " and " + names[names.count - 1]
        reader.warning(
            listNode,
            "`\(list)` is a Google Group, which deletes a post awaiting approval after \(limit) days; "
                + "\(named) \(early.count == 1 ? "goes" : "go") out earlier than that before the meeting, "
                + "so a post the group holds expires before the meeting",
            fix: "make sure the posting address may post without approval and say so with `posting: {from: ADDRESS}` "
                + "(it may be the installation's `from`), or send at most \(limit) days before, "
                + "e.g. `\(first.key.rawValue): \(limit) days before` under `mailings:`"
        )
    }

    /// The fewest days a mailing with `timing` can go out before its meeting (a month counts as 28 days); nil for
    /// timings not tied to a meeting's start.
    private static func minimumDaysBeforeMeeting(_ timing: MailingTiming) -> Int? {
        switch timing {
        case .before(let span), .beforeWindow(let span): span.months * 28 + span.days + span.minutes / 1440
        case .off, .after, .afterUpdate: nil
        }
    }

    /// A credential name convenor.yaml declares in `group_credentials:`: a plain file name inside
    /// `$CREDENTIALS_DIRECTORY` or `secrets_dir`.
    private static func credentialName(_ node: Node, reader: NodeReader, declared: Set<String>?) -> String? {
        guard let name = reader.text(node, key: "approved_password_credential") else { return nil }
        guard !name.contains("/"), name != ".", name != ".." else {
            reader.error(
                node,
                "`\(name)` is not a credential name",
                fix: "write the name given to LoadCredential=, e.g. `list-approved`"
            )
            return nil
        }
        if let declared, !declared.contains(name) {
            let offered =
                declared.isEmpty ? "it declares none" : "it declares \(declared.sorted().joined(separator: ", "))"
            reader.error(
                node,
                "`\(name)` is not a credential convenor.yaml offers to groups (\(offered))",
                fix: "ask the operator to add `\(name)` to `group_credentials:` in convenor.yaml, or use a name "
                    + "declared there"
            )
            return nil
        }
        return name
    }
}
