import Yams

/// Reads the `returns:` block of convenor.yaml (issue 18): `returns: /var/mail/convenor/Maildir`, or a mapping
/// with `mailbox:` (a Maildir path, `imaps://HOST/INBOX` or `imap://HOST/INBOX`), `user:` and the password's file
/// or credential for IMAP, and the timings.
///
/// Like `delivery.smtp`, a password is never accepted in the YAML, and TLS is always verified.
enum ReturnsParser {
    private static let secretFix = DeliveryParser.secretFix(under: "returns", secretName: "returns-password")

    static let secretKeys = DeliveryParser.secretKeys(under: "returns", secretName: "returns-password")

    static let exampleURL = "imaps://imap.aln.example.org/INBOX"

    static let schema = MappingSchema(
        what: "`returns`",
        example:
            "returns: {mailbox: \"\(exampleURL)\", user: convenor-returns, password_file: /etc/convenor/returns-password}",
        keys: [
            "mailbox", "user", "password_file", "password_credential", "ca_file", "poll_every", "understood_folder",
            "verp", "copy_wait",
        ],
        required: ["mailbox"],
        forbidden: secretKeys,
        redirected: ["username": "write it as `user:` under `returns:`, e.g. `user: convenor-returns`"],
        examples: [
            "mailbox": exampleURL, "user": "convenor-returns", "password_file": "/etc/convenor/returns-password",
            "password_credential": "returns-password",
        ]
    )

    /// The returns settings, or nil when the block is wrong (reported through `reader`).
    static func parse(_ node: Node, reader: NodeReader) -> ReturnsSettings? {
        if node.scalar != nil {
            guard let path = reader.path(node, key: "returns") else { return nil }
            guard !isURL(path) else {
                reader.error(
                    node,
                    "an IMAP mailbox needs a user and a password file",
                    fix: "write `returns: {mailbox: \"\(exampleURL)\", user: convenor-returns, "
                        + "password_file: /etc/convenor/returns-password}`"
                )
                return nil
            }
            return ReturnsSettings(mailbox: .maildir(path: path), source: reader.location(node))
        }
        guard let map = reader.mapping(node, schema) else { return nil }
        var valid = true
        var mailbox: ReturnsSettings.Mailbox?
        if let mailboxNode = map["mailbox"], let text = reader.text(mailboxNode, key: "mailbox") {
            if isURL(text) {
                mailbox = imap(text, node: mailboxNode, map: map, reader: reader)
                if mailbox == nil { valid = false }
            } else {
                for key in ["user", "password_file", "password_credential", "ca_file"] {
                    guard let keyNode = map.keyNode(key) else { continue }
                    reader.warning(
                        keyNode,
                        "`\(key)` is ignored: `mailbox` is a Maildir folder on this machine",
                        fix: "remove `\(key)`, or write `mailbox: \(exampleURL)` to read over IMAP"
                    )
                }
                mailbox = reader.path(mailboxNode, key: "mailbox").map { .maildir(path: $0) }
            }
        }
        func seconds(_ key: String, _ fallback: Int, _ range: ClosedRange<Int>, _ example: String) -> Int {
            guard let valueNode = map[key], let text = reader.text(valueNode, key: key) else { return fallback }
            guard let value = reader.check(valueNode, DurationText.seconds(text)) else {
                valid = false
                return fallback
            }
            guard range.contains(value) else {
                valid = false
                reader.error(
                    valueNode,
                    "`\(key): \(text)` is outside \(range.lowerBound) seconds to \(range.upperBound / 60) minutes",
                    fix: "write e.g. `\(key): \(example)`"
                )
                return fallback
            }
            return value
        }
        let poll = seconds("poll_every", ReturnsSettings.defaultPollSeconds, 10...86_400, "5 minutes")
        let copyWait = seconds("copy_wait", ReturnsSettings.defaultCopyWaitSeconds, 0...86_400, "15 minutes")
        var folder = ReturnsSettings.defaultFolder
        if let folderNode = map["understood_folder"], let text = reader.text(folderNode, key: "understood_folder") {
            if text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }),
                !text.hasPrefix("."), text.count <= 100
            {
                folder = text
            } else {
                valid = false
                reader.error(
                    folderNode,
                    "`\(text)` is not a folder name convenor can create",
                    fix: "write letters, digits, `-` or `_`, e.g. `understood_folder: \(ReturnsSettings.defaultFolder)`"
                )
            }
        }
        let verp = map["verp"].flatMap { reader.flag($0, key: "verp") } ?? false
        guard valid, let mailbox else { return nil }
        return ReturnsSettings(
            mailbox: mailbox,
            pollSeconds: poll,
            understoodFolder: folder,
            verp: verp,
            copyWaitSeconds: copyWait,
            source: reader.location(node)
        )
    }

    static func isURL(_ text: String) -> Bool { text.contains("://") }

    /// `imap://` or `imaps://HOST[:PORT]/MAILBOX`, with its user and password's source.
    private static func imap(
        _ text: String,
        node: Node,
        map: MappingReader,
        reader: NodeReader
    )
        -> ReturnsSettings.Mailbox?
    {
        let lowered = text.lowercased()
        guard let scheme = ["imaps://", "imap://"].first(where: { lowered.hasPrefix($0) }) else {
            reader.error(
                node,
                "`\(text)` is not a mailbox convenor can read",
                fix: "write `mailbox: \(exampleURL)` (IMAP over TLS), `imap://HOST/INBOX` (STARTTLS) "
                    + "or the path of a Maildir folder"
            )
            return nil
        }
        let rest = text.dropFirst(scheme.count)
        guard !rest.contains("@"), !rest.contains("?"), !rest.contains(";"),
            let slash = rest.firstIndex(of: "/"), slash > rest.startIndex,
            !rest[rest.index(after: slash)...].isEmpty,
            rest.allSatisfy({ $0.isASCII && !$0.isWhitespace })
        else {
            reader.error(
                node,
                "`\(text)` is not an IMAP mailbox address",
                fix: "write `mailbox: \(exampleURL)`: host, then the mailbox; the user goes in `user:`, the "
                    + "password in a file named by `password_file:`"
            )
            return nil
        }
        var valid = true
        let user = map["user"].flatMap { reader.text($0, key: "user") }
        if map["user"] == nil {
            valid = false
            reader.error(
                node,
                "reading `\(text)` needs the IMAP user",
                fix: "add `user: convenor-returns` under `returns:`"
            )
        }
        let (password, passwordGiven, passwordValid) = DeliveryParser.passwordSource(map, reader: reader)
        if !passwordValid { valid = false }
        if !passwordGiven {
            valid = false
            reader.error(
                node,
                "reading `\(text)` needs the IMAP password, and it must not be written in convenor.yaml",
                fix: secretFix
            )
        }
        let caFile = map["ca_file"].flatMap { reader.path($0, key: "ca_file") }
        guard valid, let user, let password else { return nil }
        return .imap(url: text, user: user, password: password, caFile: caFile)
    }
}
