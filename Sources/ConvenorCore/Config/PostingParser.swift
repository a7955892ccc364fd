import Yams

/// Reads a group's `posting:` block into a `PostingProfile`, and warns about LISTSERV lists with no subscribed From.
///
/// Like `DeliveryParser`, it never accepts a secret in the YAML: Mailman's moderator password is named by a file
/// (`approved_password_file:`) or a systemd credential (`approved_password_credential:`) and read at send time.
enum PostingParser {
    private static let secretFix =
        "put the moderator password in a file only convenor can read (chmod 600) and write "
        + "`approved_password_file: /etc/convenor/customer-services-approved`"

    static let schema = MappingSchema(
        what: "`posting`",
        example: "posting: {from: groups@aln.example.org, auto_submitted: false}",
        keys: ["from", "approved_password_file", "approved_password_credential", "auto_submitted", "attach_ics"],
        forbidden: Dictionary(
            uniqueKeysWithValues: ["approved", "approved_password", "password", "secret"].map {
                ($0, (problem: "a secret must never be written in the config (`\($0)`)", fix: secretFix))
            }
        ),
        redirected: [
            "envelope_from": "`posting.from` is the envelope sender of list posts as well as their From",
            "attach_calendar": "write `attach_ics: false`",
        ]
    )

    /// The keys of a group file that belong under `posting:`, with the fix to print.
    static let misplacedKeys: [String: String] = [
        "approved_password_file":
            "put it under `posting:`, e.g. `posting: {approved_password_file: /etc/convenor/list-approved}`",
        "auto_submitted": "put it under `posting:`, e.g. `posting: {auto_submitted: false}`",
        "attach_ics": "put it under `posting:`, e.g. `posting: {attach_ics: false}`",
        "from":
            "put it under `posting:`, e.g. `posting: {from: groups@aln.example.org}` (the address subscribed to the list)",
    ]

    /// The profile, or nil when the block has errors (each reported at its node).
    static func parse(_ node: Node, reader: NodeReader) -> PostingProfile? {
        guard let map = reader.mapping(node, schema) else { return nil }
        var valid = true
        let from = map["from"].flatMap { node in
            reader.text(node, key: "from").flatMap { reader.check(node, MailAddress.parse($0)) }
        }
        if map["from"] != nil && from == nil { valid = false }
        if map["approved_password_file"] != nil, map["approved_password_credential"] != nil,
            let second = map.keyNode("approved_password_credential")
        {
            valid = false
            reader.error(
                second,
                "`approved_password_file` and `approved_password_credential` are both set",
                fix: "keep exactly one way of reading the moderator password"
            )
        }
        let file = map["approved_password_file"].flatMap { reader.path($0, key: "approved_password_file") }
        let credential = map["approved_password_credential"].flatMap { credentialName($0, reader: reader) }
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
            approvedPassword: file.map(SecretSource.file) ?? credential.map(SecretSource.credential),
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

    /// A systemd credential name: a plain file name inside `$CREDENTIALS_DIRECTORY`.
    private static func credentialName(_ node: Node, reader: NodeReader) -> String? {
        guard let name = reader.text(node, key: "approved_password_credential") else { return nil }
        guard !name.contains("/"), name != ".", name != ".." else {
            reader.error(
                node,
                "`\(name)` is not a credential name",
                fix: "write the name given to LoadCredential=, e.g. `list-approved`"
            )
            return nil
        }
        return name
    }
}
