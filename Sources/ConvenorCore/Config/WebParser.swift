import Yams

/// Reads the `web:` block of convenor.yaml and the `web:` block of a group file.
///
/// A chair's typed value never reaches these: they are the operator's settings. The base URL is still checked
/// strictly, because it is printed into every sign-in mail and link.
enum WebParser {
    static let schema = MappingSchema(
        what: "`web`",
        example: "web: {listen: \"127.0.0.1:8080\", base_url: \"https://groups.aln.example.org\"}",
        keys: ["listen", "base_url"]
    )

    static let groupSchema = MappingSchema(
        what: "the group's `web`",
        example: "web: {show_addresses: false, publish_minutes: true}",
        keys: ["show_addresses", "publish_minutes"]
    )

    /// The installation's web settings; nil when the block is wrong (reported through `reader`).
    static func parse(_ node: Node, reader: NodeReader) -> WebSettings? {
        // `web:` with nothing under it means "on, with the defaults".
        if let scalar = node.scalar, ["", "~", "null"].contains(scalar.string), scalar.style == .plain {
            return WebSettings()
        }
        guard let map = reader.mapping(node, schema) else { return nil }
        var host = WebSettings.defaultHost
        var port = WebSettings.defaultPort
        if let listenNode = map["listen"], let listen = reader.text(listenNode, key: "listen") {
            guard let parsed = reader.check(listenNode, parseListen(listen)) else { return nil }
            (host, port) = parsed
            if !isLoopback(host) {
                reader.warning(
                    listenNode,
                    "the web server listens on `\(host)`, beyond this machine",
                    fix: "keep `listen: 127.0.0.1:\(port)` and let the institution's reverse proxy (nginx) "
                        + "reach it; see docs/OPERATOR.md"
                )
            }
        }
        var baseURL: String?
        if let urlNode = map["base_url"], let text = reader.text(urlNode, key: "base_url") {
            guard let url = reader.check(urlNode, parseBaseURL(text)) else { return nil }
            baseURL = url
        }
        return WebSettings(host: host, port: port, baseURL: baseURL)
    }

    /// A group's opt-ins for the public directory; the defaults when the block is absent or wrong.
    static func parseListing(_ node: Node, reader: NodeReader) -> PublicListing {
        guard let map = reader.mapping(node, groupSchema) else { return PublicListing() }
        return PublicListing(
            showAddresses: map["show_addresses"].flatMap { reader.flag($0, key: "show_addresses") } ?? false,
            publishMinutes: map["publish_minutes"].flatMap { reader.flag($0, key: "publish_minutes") } ?? false
        )
    }

    /// `127.0.0.1:8080`, `localhost:8080`, `[::1]:8080` or `:8080` (loopback).
    static func parseListen(_ text: String) -> Result<(String, Int), ValueProblem> {
        let problem = ValueProblem(
            "`\(text)` is not an address and port to listen on",
            fix: "write `listen: 127.0.0.1:8080` (an address, a colon and a port from 1 to 65535)"
        )
        var host: Substring
        var portText: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]"), text[text.index(after: close)...].hasPrefix(":") else {
                return .failure(problem)
            }
            host = text[text.index(after: text.startIndex)..<close]
            portText = text[text.index(close, offsetBy: 2)...]
        } else {
            guard let colon = text.lastIndex(of: ":") else { return .failure(problem) }
            host = text[..<colon]
            portText = text[text.index(after: colon)...]
        }
        if host.isEmpty { host = Substring(WebSettings.defaultHost) }
        let hostAllowed = host.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || ".-:".contains($0)) }
        guard hostAllowed, let port = Int(portText), (0...65_535).contains(port) else { return .failure(problem) }
        return .success((String(host), port))
    }

    /// `https://groups.aln.example.org` or `http://127.0.0.1:8080/convenor`: scheme, host, optional path; the
    /// trailing slash is dropped. No query, fragment, spaces or control characters: it goes into mails.
    static func parseBaseURL(_ text: String) -> Result<String, ValueProblem> {
        let lower = text.lowercased()
        let problem = ValueProblem(
            "`\(text)` is not the public address of the web pages",
            fix: "write the address people type, e.g. `base_url: https://groups.aln.example.org`"
        )
        guard lower.hasPrefix("https://") || lower.hasPrefix("http://") else { return .failure(problem) }
        let forbidden = text.unicodeScalars.contains {
            $0.value <= 0x20 || $0.value == 0x7F || "?#\"'<>\\`".unicodeScalars.contains($0)
        }
        let rest = text.drop { $0 != "/" }.dropFirst(2)
        guard !forbidden, let first = rest.first, first != "/" else { return .failure(problem) }
        var url = text
        while url.hasSuffix("/") { url.removeLast() }
        return .success(url)
    }

    static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }
}
