import Yams

/// Reads the `delivery:` block of convenor.yaml: the transport, the SMTP relay and the sending rate.
///
/// Secrets are never accepted in the YAML: a `password:` key is an error that says where a password goes instead.
enum DeliveryParser {
    static let schema = MappingSchema(
        what: "`delivery`",
        example: "delivery: {transport: outbox}",
        keys: ["transport", "smtp", "rate_per_minute"],
        required: ["transport"],
        forbidden: secretKeys
    )

    private static let secretFix =
        "put it in a file only convenor can read (chmod 600) and write `password_file: /etc/convenor/smtp-password` "
        + "under `delivery: smtp:`, or use a systemd credential: `password_credential: smtp-password`"

    /// Keys that would hold a secret, refused wherever they appear in convenor.yaml and whatever the transport: a
    /// password written for "later" is still in the file, in backups and in version control.
    static let secretKeys: [String: (problem: String, fix: String)] = Dictionary(
        uniqueKeysWithValues: ["password", "pass", "passwd", "secret", "token", "oauth_token", "api_key"].map {
            ($0, (problem: "a secret must never be written in the config (`\($0)`)", fix: secretFix))
        }
    )

    static let smtpSchema = MappingSchema(
        what: "`smtp`",
        example: "smtp: {url: \"smtp://smtp.example.ac.uk:587\"}",
        keys: [
            "url", "username", "password_file", "password_credential", "token_file", "oauth2", "ca_file",
            "envelope_from", "connect_timeout", "response_timeout",
        ],
        required: ["url"],
        forbidden: secretKeys
    )

    /// The delivery settings, or nil when they are wrong.
    static func parse(_ node: Node, reader: NodeReader) -> Delivery? {
        guard let map = reader.mapping(node, schema) else { return nil }
        var rate = 30
        if let rateNode = map["rate_per_minute"], let value = reader.text(rateNode, key: "rate_per_minute") {
            if let number = Int(value), number >= 0 {
                rate = number
            } else {
                reader.error(
                    rateNode,
                    "`\(value)` is not a number of messages per minute",
                    fix: "write a whole number, e.g. `rate_per_minute: 30` (0 means no limit)"
                )
            }
        }
        guard let transportNode = map["transport"], let transport = reader.text(transportNode, key: "transport") else {
            return nil
        }
        switch transport.lowercased() {
        case "outbox":
            if let smtp = map.keyNode("smtp") {
                // Ignored for sending, but a password in it is still a password in the file.
                for (keyNode, _) in map["smtp"]?.mapping ?? [:] {
                    guard let key = keyNode.scalar?.string, let secret = secretKeys[key] else { continue }
                    reader.error(keyNode, secret.problem, fix: secret.fix)
                }
                reader.warning(
                    smtp,
                    "the `smtp` block is ignored while `transport` is outbox",
                    fix: "write `transport: smtp` to send through the relay"
                )
            }
            return Delivery(transport: .outbox, ratePerMinute: rate)
        case "smtp":
            guard let smtpNode = map["smtp"] else {
                reader.error(
                    transportNode,
                    "`transport: smtp` needs an `smtp` block saying which relay to use",
                    fix: "add `smtp:` with at least `url: smtp://smtp.example.ac.uk:587` under `delivery:`"
                )
                return nil
            }
            return smtp(smtpNode, reader: reader).map { Delivery(transport: .smtp($0), ratePerMinute: rate) }
        default:
            reader.error(
                transportNode,
                "unknown transport `\(transport)`",
                fix: "write `outbox` (files for checking) or `smtp` (a mail relay)"
            )
            return nil
        }
    }

    private static func smtp(_ node: Node, reader: NodeReader) -> SMTPSettings? {
        guard let map = reader.mapping(node, smtpSchema) else { return nil }
        var valid = true
        var url: String?
        if let urlNode = map["url"], let value = reader.text(urlNode, key: "url") {
            let lowered = value.lowercased()
            let host = lowered.drop { $0 != "/" }.dropFirst(2)
            if lowered.hasPrefix("smtp://") || lowered.hasPrefix("smtps://"), !host.isEmpty,
                !value.contains(where: { $0 == " " || $0 == "@" })
            {
                url = value
            } else {
                reader.error(
                    urlNode,
                    "`\(value)` is not an SMTP relay address",
                    fix:
                        "write `smtp://HOST:587` (STARTTLS) or `smtps://HOST:465` (TLS from the start), with no user name in it"
                )
            }
        }
        let username = map["username"].flatMap { reader.text($0, key: "username") }
        let secretKeys = ["password_file", "password_credential", "token_file"].filter { map[$0] != nil }
        if secretKeys.count > 1, let second = map.keyNode(secretKeys[1]) {
            valid = false
            reader.error(
                second,
                "`\(secretKeys[0])` and `\(secretKeys[1])` are both set",
                fix: "keep exactly one way of reading the secret"
            )
        }
        let password: SecretSource? =
            map["password_file"].flatMap { reader.path($0, key: "password_file") }.map(SecretSource.file)
            ?? map["password_credential"].flatMap { credential($0, key: "password_credential", reader: reader) }
            .map(SecretSource.credential)
        let token = map["token_file"].flatMap { reader.path($0, key: "token_file") }.map(SecretSource.file)
        var oauth2: OAuth2Settings?
        if let oauth2Node = map["oauth2"] {
            oauth2 = Self.oauth2(oauth2Node, reader: reader)
            if oauth2 == nil { valid = false }
            if let other = secretKeys.first, let otherNode = map.keyNode(other) {
                valid = false
                reader.error(
                    otherNode,
                    "`\(other)` and `oauth2` are both set",
                    fix: "with `oauth2:` convenor fetches its own tokens; remove `\(other)`"
                )
            }
            if username == nil, let oauth2Key = map.keyNode("oauth2") {
                valid = false
                reader.error(
                    oauth2Key,
                    "`oauth2` needs `username`: the mailbox convenor sends as",
                    fix: "add `username: convenor@example.ac.uk` to the `smtp` block (the mailbox the app may send as)"
                )
            }
        }
        let caFile = map["ca_file"].flatMap { reader.path($0, key: "ca_file") }
        let envelopeFrom = map["envelope_from"].flatMap { reader.email($0, key: "envelope_from") }
        func seconds(_ key: String, _ fallback: Int) -> Int {
            guard let node = map[key], let value = reader.text(node, key: key) else { return fallback }
            return reader.check(node, DurationText.seconds(value)) ?? fallback
        }
        let connect = seconds("connect_timeout", 30)
        let response = seconds("response_timeout", 600)
        guard valid, let url else { return nil }
        return SMTPSettings(
            url: url,
            username: username,
            password: password,
            token: token,
            oauth2: oauth2,
            caFile: caFile,
            envelopeFrom: envelopeFrom,
            connectTimeoutSeconds: connect,
            responseTimeoutSeconds: response
        )
    }

    /// A systemd credential name: a plain file name inside `$CREDENTIALS_DIRECTORY`.
    static func credential(_ node: Node, key: String, reader: NodeReader) -> String? {
        guard let name = reader.text(node, key: key) else { return nil }
        guard !name.contains("/"), name != ".", name != ".." else {
            reader.error(
                node,
                "`\(name)` is not a credential name",
                fix:
                    "write the name given to LoadCredential=, e.g. `\(ConfigExamples.value(for: key) ?? "smtp-password")`"
            )
            return nil
        }
        return name
    }
}
