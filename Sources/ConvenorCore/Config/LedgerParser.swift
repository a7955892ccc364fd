import Yams

/// Reads the `ledger:` block of convenor.yaml (issue 20): the shared PostgreSQL ledger.
///
/// Like `delivery.smtp`, a password is never accepted in the YAML; TLS is verified unless `tls: off`, which only a
/// loopback host may use (a password and every mailing's state would otherwise cross the network in the clear).
package enum LedgerParser {
    static let secretKeys = DeliveryParser.secretKeys(under: "ledger", secretName: "ledger-password")

    package static let exampleURL = "postgresql://db.aln.example.org:5432/convenor"

    static let schema = MappingSchema(
        what: "`ledger`",
        example: "ledger: {url: \"\(exampleURL)\", user: convenor, password_file: /etc/convenor/ledger-password}",
        keys: ["url", "user", "password_file", "password_credential", "ca_file", "tls", "lease"],
        required: ["url", "user"],
        forbidden: secretKeys,
        examples: ["url": exampleURL, "user": "convenor"]
    )

    /// The shared ledger's settings, or nil when the block is wrong (reported through `reader`).
    static func parse(_ node: Node, reader: NodeReader) -> LedgerSettings? {
        guard let map = reader.mapping(node, schema) else { return nil }
        var valid = true
        var endpoint: (host: String, port: Int, database: String)?
        if let urlNode = map["url"], let text = reader.text(urlNode, key: "url") {
            endpoint = reader.check(urlNode, parseURL(text))
        }
        let user = map["user"].flatMap { reader.text($0, key: "user") }
        let (password, _, passwordValid) = DeliveryParser.passwordSource(map, reader: reader)
        if !passwordValid { valid = false }
        let caFile = map["ca_file"].flatMap { reader.path($0, key: "ca_file") }
        var security = LedgerSettings.Security.verifiedTLS(caFile: caFile)
        if let tlsNode = map["tls"], let text = reader.text(tlsNode, key: "tls") {
            switch text.lowercased() {
            case "verify", "on", "true", "yes":
                break
            case "off", "false", "no":
                if let host = endpoint?.host, !LedgerSettings.isLoopback(host) {
                    valid = false
                    reader.error(
                        tlsNode,
                        "`tls: off` would send the ledger's password and rows to `\(host)` unencrypted",
                        fix: "remove `tls: off` and give the server's CA as `ca_file: /etc/convenor/db-ca.pem` "
                            + "(plain connections are only for a database on this machine, 127.0.0.1)"
                    )
                } else if let caNode = map.keyNode("ca_file") {
                    valid = false
                    reader.error(
                        caNode,
                        "`ca_file` and `tls: off` are both set",
                        fix: "remove `tls: off` to verify the server with `ca_file`, or remove `ca_file`"
                    )
                } else {
                    security = .plain
                }
            default:
                valid = false
                reader.error(
                    tlsNode,
                    "`tls` should be `verify` or `off`, not `\(text)`",
                    fix: "leave `tls` out (TLS, verified) or write `tls: off` for a database on 127.0.0.1"
                )
            }
        }
        var lease = LedgerSettings.defaultLeaseSeconds
        if let leaseNode = map["lease"], let text = reader.text(leaseNode, key: "lease") {
            if let seconds = reader.check(leaseNode, DurationText.seconds(text)) {
                if (2...600).contains(seconds) {
                    lease = seconds
                } else {
                    valid = false
                    reader.error(
                        leaseNode,
                        "a lease of \(seconds) seconds is outside 2 seconds to 10 minutes",
                        fix: "write e.g. `lease: 30 seconds` (a takeover waits up to two leases)"
                    )
                }
            } else {
                valid = false
            }
        }
        guard valid, let endpoint, let user else { return nil }
        return LedgerSettings(
            host: endpoint.host,
            port: endpoint.port,
            database: endpoint.database,
            user: user,
            password: password,
            security: security,
            leaseSeconds: lease,
            source: reader.location(node)
        )
    }

    /// `postgresql://HOST[:PORT]/DB` (or `postgres://`); no user, password or query in it.
    package static func parseURL(_ text: String) -> Result<(host: String, port: Int, database: String), ValueProblem> {
        let problem = ValueProblem(
            "`\(text)` is not a PostgreSQL address",
            fix: "write `url: \(exampleURL)` (host, port, database)"
        )
        let lowered = text.lowercased()
        guard let scheme = ["postgresql://", "postgres://"].first(where: { lowered.hasPrefix($0) }) else {
            return .failure(problem)
        }
        let rest = text.dropFirst(scheme.count)
        if rest.contains("@") {
            return .failure(
                ValueProblem(
                    "the ledger's `url` must not hold a user or password",
                    fix: "write `url: \(exampleURL)`, then `user: convenor` and "
                        + "`password_file: /etc/convenor/ledger-password` under `ledger:`"
                )
            )
        }
        if rest.contains("?") {
            return .failure(
                ValueProblem(
                    "the ledger's `url` takes no options (`?...`)",
                    fix: "write `url: \(exampleURL)`; TLS is verified by default, `ca_file:` names the CA and "
                        + "`tls: off` allows a plain connection to 127.0.0.1"
                )
            )
        }
        guard let slash = rest.firstIndex(of: "/") else { return .failure(problem) }
        let authority = rest[..<slash]
        let database = String(rest[rest.index(after: slash)...])
        guard !database.isEmpty, !database.contains("/") else { return .failure(problem) }
        var host: Substring
        var portText: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { return .failure(problem) }
            host = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { return .failure(problem) }
                portText = after.dropFirst()
            }
        } else if let colon = authority.lastIndex(of: ":") {
            host = authority[..<colon]
            portText = authority[authority.index(after: colon)...]
        } else {
            host = authority
        }
        let hostAllowed = host.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || ".-:_".contains($0)) }
        guard !host.isEmpty, hostAllowed else { return .failure(problem) }
        var port = 5432
        if let portText {
            guard let number = Int(portText), (1...65_535).contains(number) else { return .failure(problem) }
            port = number
        }
        return .success((String(host), port, database))
    }
}
