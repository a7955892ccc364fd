/// A message read back from the returns mailbox, parsed without trusting it.
///
/// Whatever arrives there was written by someone else (a list server, a relay, an auto-responder, a spammer), so
/// parsing never fails and never recurses without bound: a malformed header or MIME structure yields what could be
/// read, and everything past the limits below is ignored. The classifier then decides what the message is.
package struct InboundMessage: Sendable, Equatable {
    /// Messages larger than this are read only up to here (a DSN or list notice is a few kB; 1 MiB is generous).
    package static let maximumBytes = 1 << 20
    /// RFC 5322 allows any number of header fields; a real notice has a few dozen.
    package static let maximumHeaderFields = 500
    /// Nested multiparts and enclosed messages deeper than this are not opened.
    package static let maximumDepth = 4
    /// Leaf parts kept per message, across all levels.
    package static let maximumParts = 64

    /// Header fields in order, unfolded (RFC 5322 §2.2.3), names as written.
    package var headers: [HeaderField]
    /// The leaf parts in document order: one part for a single-part message.
    package var parts: [InboundPart]

    package init(headers: [HeaderField], parts: [InboundPart]) {
        self.headers = headers
        self.parts = parts
    }

    /// Parses `bytes` (CRLF or bare LF line ends).
    package init(bytes: some Collection<UInt8>) {
        var budget = Self.maximumParts
        self = MIMEReader.message(Array(bytes.prefix(Self.maximumBytes))[...], depth: 0, budget: &budget)
    }

    /// The first field with this name (case-insensitive), unfolded and trimmed.
    package func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// Every field with this name, in order.
    package func headers(named name: String) -> [String] {
        headers.filter { $0.name.lowercased() == name.lowercased() }.map(\.value)
    }

    /// The Subject with RFC 2047 encoded-words decoded and runs of white space collapsed.
    package var subject: String {
        HeaderWords.decode(header("Subject") ?? "")
    }

    /// The bare Message-ID (without angle brackets), if the field holds one.
    package var messageID: String? {
        header("Message-ID").flatMap(HeaderWords.firstMessageID)
    }

    /// The decoded text of every `text/plain` part (and `text/html` with its tags removed when there is no plain
    /// part), joined by blank lines.
    package var text: String {
        let plain = parts.filter { $0.type == "text/plain" && !$0.isAttachment }.map(\.text)
        if !plain.isEmpty { return plain.joined(separator: "\n\n") }
        return parts.filter { $0.type == "text/html" }.map { HTMLText.strip($0.text) }.joined(separator: "\n\n")
    }
}

/// One header field: name and unfolded value.
package struct HeaderField: Sendable, Equatable {
    package var name: String
    package var value: String

    package init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// A leaf of a MIME tree, its transfer encoding undone.
package struct InboundPart: Sendable, Equatable {
    /// `type/subtype`, lower-cased; `text/plain` when the part does not say (RFC 2045 §5.2).
    package var type: String
    /// Content-Type parameters, names lower-cased.
    package var parameters: [String: String]
    package var headers: [HeaderField]
    /// The body after base64 or quoted-printable decoding.
    package var body: [UInt8]
    /// For `message/rfc822`, `message/global` and `text/rfc822-headers` parts: the enclosed message (for the
    /// headers-only kind, its headers and no parts).
    package var enclosed: InboundMessageBox?

    package init(
        type: String,
        parameters: [String: String],
        headers: [HeaderField],
        body: [UInt8],
        enclosed: InboundMessageBox? = nil
    ) {
        self.type = type
        self.parameters = parameters
        self.headers = headers
        self.body = body
        self.enclosed = enclosed
    }

    /// The body as text in the part's charset (UTF-8, US-ASCII or ISO-8859-1/Windows-1252; anything else is read as
    /// UTF-8 with replacement characters).
    ///
    /// Line ends are LF: in a Swift `String` CRLF is one `Character`, so with CRLF bodies (as IMAP servers and most
    /// relays store mail) every search for "\n" or a line would silently miss.
    package var text: String {
        let decoded = Charset.decode(body, charset: parameters["charset"])
        return decoded.utf8.contains(0x0D) ? decoded.replacing("\r\n", with: "\n").replacing("\r", with: "\n") : decoded
    }

    /// True when the part says it is an attachment.
    package var isAttachment: Bool {
        headers.first { $0.name.lowercased() == "content-disposition" }?.value.lowercased().hasPrefix("attachment")
            ?? false
    }
}

/// A box so a part can hold a message that holds parts (a struct cannot contain itself directly).
package final class InboundMessageBox: Sendable, Equatable {
    package let message: InboundMessage

    package init(_ message: InboundMessage) {
        self.message = message
    }

    package static func == (lhs: InboundMessageBox, rhs: InboundMessageBox) -> Bool {
        lhs.message == rhs.message
    }
}
