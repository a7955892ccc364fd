import ConvenorCore
import Foundation

/// An IMAP mailbox read through libcurl (no new dependency): `imaps://` (TLS from the start) or `imap://`
/// (STARTTLS required); the certificate is always verified, against `ca_file` and the system's roots.
///
/// One connection per call, on a thread of its own. `fetch` lists UIDs and flags (`UID FETCH 1:* (UID FLAGS)`),
/// then fetches each new message by URL; `settle` moves understood mail with `UID MOVE` into the understood
/// folder (created if missing) and, on a server without MOVE (RFC 6851), flags it `$ConvenorUnderstood` instead,
/// so it is skipped from then on. Nothing is ever expunged or flagged `\Deleted`.
struct IMAPReturnsMailbox: ReturnsMailbox {
    let url: String
    let user: String
    let password: Secret
    let caFile: String?
    let folder: String

    /// The keyword for understood mail on a server that cannot move it.
    static let understoodKeyword = "$ConvenorUnderstood"
    /// The largest reply kept from one command or message: a notice is a few kB, a DSN with the post enclosed
    /// rarely more than 100 kB.
    static let replyLimit = InboundMessage.maximumBytes + 64 * 1024

    func fetch(skipping: Set<String>, limit: Int) async throws(ReturnsError) -> [ReturnsItem] {
        let this = self
        return try await DedicatedThread.run(name: "convenor-imap") { () -> Result<[ReturnsItem], ReturnsError> in
            Result { () throws(ReturnsError) in try this.fetchBlocking(skipping: skipping, limit: limit) }
        }.get()
    }

    func settle(understood: [ReturnsItem], left: [ReturnsItem]) async throws(ReturnsError) {
        let restore = left.filter { !$0.wasSeen }
        guard !understood.isEmpty || !restore.isEmpty else { return }
        let this = self
        try await DedicatedThread.run(name: "convenor-imap") { () -> Result<Void, ReturnsError> in
            Result { () throws(ReturnsError) in try this.settleBlocking(understood: understood, restore: restore) }
        }.get()
    }

    private func fetchBlocking(skipping: Set<String>, limit: Int) throws(ReturnsError) -> [ReturnsItem] {
        let easy = try connection()
        let listing = try command(easy, url: url, "UID FETCH 1:* (UID FLAGS)", allowFailure: false)
        var items: [ReturnsItem] = []
        for entry in Self.parseFlags(listing) {
            let id = String(entry.uid)
            guard !skipping.contains(id), !entry.flags.contains(Self.understoodKeyword.lowercased()) else { continue }
            guard items.count < limit else { break }
            do throws(CurlError) {
                try easy.setCustomRequest(nil)
                try easy.setIMAPURL("\(url);UID=\(entry.uid)")
                try easy.perform()
            } catch {
                throw failure(error, doing: "fetch message \(entry.uid)")
            }
            items.append(ReturnsItem(id: id, bytes: easy.receivedBytes, wasSeen: entry.flags.contains("\\seen")))
        }
        return items
    }

    private func settleBlocking(understood: [ReturnsItem], restore: [ReturnsItem]) throws(ReturnsError) {
        let easy = try connection()
        if !understood.isEmpty {
            // Fails harmlessly when the folder exists already.
            _ = try command(easy, url: rootURL, "CREATE \(folder)", allowFailure: true)
        }
        for item in understood {
            if try command(easy, url: url, "UID MOVE \(item.id) \(folder)", allowFailure: true) == nil {
                _ = try command(
                    easy,
                    url: url,
                    "UID STORE \(item.id) +FLAGS (\(Self.understoodKeyword))",
                    allowFailure: false
                )
            }
        }
        for item in restore {
            _ = try command(easy, url: url, "UID STORE \(item.id) -FLAGS (\\Seen)", allowFailure: false)
        }
    }

    /// A handle for this mailbox, TLS required and verified, logged in as `user`.
    private func connection() throws(ReturnsError) -> CurlEasy {
        do throws(CurlError) {
            let easy = try CurlEasy(cancellation: CurlCancellation())
            try easy.setIMAPURL(url)
            try easy.requireVerifiedTLS()
            if let caFile {
                try easy.setCertificateAuthorityFile(caFile)
                if let directory = easy.builtInCertificateAuthorityDirectory ?? SMTPSession.systemCertificateDirectory {
                    try easy.setCertificateAuthorityDirectory(directory)
                }
            }
            try easy.setUsername(user)
            try easy.setPassword(password.unredacted)
            try easy.setHTTPTimeouts(connect: 30, total: 120)
            try easy.collectResponseBody()
            easy.responseBody.limit = Self.replyLimit
            return easy
        } catch {
            throw failure(error, doing: "set up the connection")
        }
    }

    /// Sends one command; its untagged reply lines, or nil for a refused command when `allowFailure`.
    private func command(
        _ easy: CurlEasy,
        url: String,
        _ text: String,
        allowFailure: Bool
    ) throws(ReturnsError)
        -> String?
    {
        do throws(CurlError) {
            try easy.setIMAPURL(url)
            try easy.setCustomRequest(text)
            try easy.perform()
            return String(decoding: easy.receivedBytes, as: UTF8.self)
        } catch {
            // CURLE_QUOTE_ERROR (21): the server answered NO or BAD to the command itself.
            if allowFailure, error.code == 21 { return nil }
            throw failure(error, doing: text)
        }
    }

    /// `imaps://host:port/` for commands that name no mailbox.
    var rootURL: String {
        guard let schemeEnd = url.range(of: "://"),
            let slash = url[schemeEnd.upperBound...].firstIndex(of: "/")
        else { return url }
        return String(url[...slash])
    }

    private func failure(_ error: CurlError, doing what: String) -> ReturnsError {
        let detail = password.redacting(error.detail)
        let fix: String =
            switch error.code {
            case 67: "check returns.user (\(user)) and the password file or credential"
            case 60, 35, 58, 77, 83: "the server's certificate does not verify: give its CA as returns.ca_file"
            case 64: "the server does not offer STARTTLS: use imaps:// or enable TLS on the server"
            case 6, 7, 28: "check the host and port in returns.mailbox, and that the server is up"
            default: "check returns.mailbox and the server's log"
            }
        return ReturnsError(summary: "IMAP \(what) failed at \(url): \(detail) (libcurl \(error.code))", fix: fix)
    }

    /// `* 3 FETCH (UID 7 FLAGS (\Seen $Label))` lines: each UID with its flags, lower-cased.
    static func parseFlags(_ reply: String?) -> [(uid: Int, flags: Set<String>)] {
        guard let reply else { return [] }
        var entries: [(uid: Int, flags: Set<String>)] = []
        // `isNewline`: a server's CRLF is one Character in Swift, equal to neither "\r" nor "\n".
        for line in reply.split(whereSeparator: \.isNewline) where line.hasPrefix("* ") {
            let upper = line.uppercased()
            guard upper.contains(" FETCH "), let uidRange = upper.range(of: "UID ") else { continue }
            let digits = upper[uidRange.upperBound...].prefix { $0.isNumber }
            guard let uid = Int(digits) else { continue }
            var flags: Set<String> = []
            // Indices of `upper` only ever index `upper` (a line's own are offsets into the whole reply).
            if let open = upper.range(of: "FLAGS (") {
                let inside = upper[open.upperBound...].prefix { $0 != ")" }
                flags = Set(inside.split(separator: " ").map { $0.lowercased() })
            }
            entries.append((uid, flags))
        }
        return entries
    }
}
