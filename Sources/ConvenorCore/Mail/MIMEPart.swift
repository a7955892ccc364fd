/// A node of the MIME tree a message body becomes (RFC 2045, RFC 2046).
indirect enum MIMEPart {
    /// A text part in 7bit or quoted-printable: `contentType` without charset, e.g. `text/plain`.
    case text(contentType: [String], text: String)
    /// A base64 attachment with its Content-Type elements and file name.
    case attachment(contentType: [String], filename: String, bytes: [UInt8])
    /// `multipart/<subtype>` of the given parts.
    case multipart(subtype: String, parts: [MIMEPart])

    var isMultipart: Bool {
        if case .multipart = self { return true }
        return false
    }

    /// The body tree for a message; see `MessageComposer` for the three shapes.
    static func body(of message: OutgoingMessage) -> MIMEPart {
        var alternatives: [MIMEPart] = [.text(contentType: ["text/plain;"], text: message.textBody)]
        if let html = message.htmlBody {
            alternatives.append(.text(contentType: ["text/html;"], text: html))
        }
        var extras: [MIMEPart] = []
        if let calendar = message.calendar {
            let method = token(calendar.method) ?? "PUBLISH"
            alternatives.append(.text(contentType: ["text/calendar;", "method=\(method);"], text: calendar.text))
            let name = filename(calendar.filename)
            extras.append(
                .attachment(
                    contentType: ["text/calendar;", "charset=UTF-8;", "method=\(method);", "name=\"\(name)\""],
                    filename: name,
                    bytes: MessageText.normalisedBytes(calendar.text)
                )
            )
        }
        for attachment in message.attachments {
            let name = filename(attachment.filename)
            let type = mediaType(attachment.mediaType) ?? "application/octet-stream"
            // Text attachments (minutes) are UTF-8; without a charset, readers would assume US-ASCII.
            let charset = type.hasPrefix("text/") ? ["charset=UTF-8;"] : []
            extras.append(
                .attachment(
                    contentType: [type + ";"] + charset + ["name=\"\(name)\""],
                    filename: name,
                    bytes: attachment.bytes
                )
            )
        }
        let main = alternatives.count == 1 ? alternatives[0] : .multipart(subtype: "alternative", parts: alternatives)
        return extras.isEmpty ? main : .multipart(subtype: "mixed", parts: [main] + extras)
    }

    /// Appends the part's header fields, the blank line and its body. A leaf's body ends in CRLF; a multipart's
    /// ends with its close delimiter.
    func write(messageID: String, level: Int, into output: inout [UInt8]) {
        switch self {
        case .text(let contentType, let text):
            let normalised = MessageText.normalisedBytes(text)
            let encoding = MessageText.transferEncoding(forNormalised: normalised)
            output.append(contentsOf: HeaderText.field("Content-Type", contentType + ["charset=UTF-8"]).utf8)
            output.append(contentsOf: HeaderText.field("Content-Transfer-Encoding", [encoding.rawValue]).utf8)
            output.append(0x0D)
            output.append(0x0A)
            MessageText.encode(normalised, as: encoding, into: &output)
        case .attachment(let contentType, let filename, let bytes):
            output.append(contentsOf: HeaderText.field("Content-Type", contentType).utf8)
            output.append(
                contentsOf: HeaderText.field("Content-Disposition", ["attachment;", "filename=\"\(filename)\""]).utf8
            )
            output.append(contentsOf: HeaderText.field("Content-Transfer-Encoding", ["base64"]).utf8)
            output.append(0x0D)
            output.append(0x0A)
            Base64.encodeLines(bytes, into: &output)
        case .multipart(let subtype, let parts):
            let boundary = MIMEBoundary.make(messageID: messageID, level: level)
            let field = HeaderText.field("Content-Type", ["multipart/\(subtype);", "boundary=\"\(boundary)\""])
            output.append(contentsOf: field.utf8)
            output.append(0x0D)
            output.append(0x0A)
            for part in parts {
                output.append(contentsOf: "--\(boundary)\r\n".utf8)
                part.write(messageID: messageID, level: level + 1, into: &output)
                // RFC 2046 §5.1.1: the CRLF before a delimiter belongs to the delimiter, so a leaf's own final CRLF
                // needs one more to survive decoding.
                output.append(0x0D)
                output.append(0x0A)
            }
            output.append(contentsOf: "--\(boundary)--".utf8)
        }
    }

    /// Letters, digits and `.`, `_`, `-` pass; anything else becomes `_`. Empty names become `attachment`.
    ///
    /// Keeping names to this set means no quoting, no RFC 2231 and no `=` that could meet a boundary.
    static func filename(_ name: String) -> String {
        var output = ""
        for scalar in name.unicodeScalars.prefix(64) {
            let byte = UInt8(truncatingIfNeeded: scalar.value)
            let safe =
                scalar.isASCII
                && (MailAddress.isLetterOrDigit(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_")
                    || byte == UInt8(ascii: "-"))
            output.unicodeScalars.append(safe ? scalar : "_")
        }
        return output.isEmpty ? "attachment" : output
    }

    /// `type/subtype` in lower case when both are RFC 2045 tokens of the usual characters, else nil.
    static func mediaType(_ text: String) -> String? {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let type = token(String(parts[0])), let subtype = token(String(parts[1])) else {
            return nil
        }
        return (type + "/" + subtype).lowercased()
    }

    /// The text when it is a token of letters, digits and `! # $ & - ^ _ . +` (RFC 2045 §5.1), else nil.
    static func token(_ text: String) -> String? {
        let allowed = Array("!#$&-^_.+".utf8)
        guard (1...64).contains(text.utf8.count),
            text.utf8.allSatisfy({ MailAddress.isLetterOrDigit($0) || allowed.contains($0) })
        else { return nil }
        return text
    }
}

extension Attachment {
    /// The file name as the message carries it (see `MIMEPart.filename`): what recipients will see.
    package static func safeFilename(_ name: String) -> String {
        MIMEPart.filename(name)
    }
}
