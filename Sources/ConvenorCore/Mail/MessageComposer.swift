package import Foundation

/// Turns an `OutgoingMessage` into the exact bytes of an RFC 5322 + MIME message.
///
/// Header order is fixed, so the same values always give the same bytes:
/// Date, From, To, Reply-To (when non-empty), Subject, Message-ID, Auto-Submitted (when set), the extra headers in
/// their given order, MIME-Version, Content-Type, Content-Transfer-Encoding (single-part messages only).
///
/// The body is one of:
/// - text/plain alone;
/// - multipart/alternative of text/plain, text/html and text/calendar (those present), when there is more than one;
/// - multipart/mixed of that body, then the calendar as an `.ics` attachment, then the attachments, when there is a
///   calendar or an attachment.
///
/// Every line ends in CRLF and none passes 998 octets; no List-* header is ever written (the list server adds them).
package struct MessageComposer: Sendable {
    /// The zone whose numeric offset the Date header shows; UTC unless the installation says otherwise.
    package var dateTimeZone: TimeZone

    package init(dateTimeZone: TimeZone = TimeZone(secondsFromGMT: 0)!) {
        self.dateTimeZone = dateTimeZone
    }

    /// The message's bytes: headers, a blank line, the body; CRLF line ends only.
    package func compose(_ message: OutgoingMessage) throws(MessageCompositionError) -> [UInt8] {
        try validate(message)
        var headers = ""
        headers += HeaderText.field("Date", [RFC5322Date.format(message.date, in: dateTimeZone)])
        headers += HeaderText.field("From", message.from.headerElements(headerName: "From"))
        headers += HeaderText.field("To", MailAddress.listElements(message.to, headerName: "To"))
        if !message.replyTo.isEmpty {
            headers += HeaderText.field("Reply-To", MailAddress.listElements(message.replyTo, headerName: "Reply-To"))
        }
        headers += HeaderText.field("Subject", HeaderText.unstructuredElements(message.subject, headerName: "Subject"))
        // Never folded, even when long: list servers and ledgers match this line as it is.
        headers += "Message-ID: <\(message.messageID)>\r\n"
        if message.autoSubmitted {
            // RFC 3834 §5: machine-generated mail that is not a reply to anything.
            headers += HeaderText.field("Auto-Submitted", ["auto-generated"])
        }
        for header in message.extraHeaders {
            headers += HeaderText.field(
                header.name,
                HeaderText.unstructuredElements(header.value, headerName: header.name)
            )
        }
        headers += HeaderText.field("MIME-Version", ["1.0"])
        let body = MIMEPart.body(of: message)
        // The bytes are written once, in order, into one buffer: the body's own size is a fair first guess.
        var output: [UInt8] = []
        output.reserveCapacity(headers.utf8.count + Self.estimatedBodySize(of: message))
        output.append(contentsOf: headers.utf8)
        body.write(messageID: message.messageID, level: 1, into: &output)
        // A multipart's rendering ends with its close delimiter and needs the final CRLF; a leaf already ends in one.
        if body.isMultipart {
            output.append(0x0D)
            output.append(0x0A)
        }
        return output
    }

    /// The same bytes as a string, for previews.
    package func composeText(_ message: OutgoingMessage) throws(MessageCompositionError) -> String {
        String(decoding: try compose(message), as: UTF8.self)
    }

    /// Room for the body: each text about a tenth more once encoded, the calendar twice (alternative and base64
    /// attachment), attachments a third more, and the part headers.
    static func estimatedBodySize(of message: OutgoingMessage) -> Int {
        var size = message.textBody.utf8.count + (message.htmlBody?.utf8.count ?? 0)
        size += (message.calendar?.text.utf8.count ?? 0) * 5 / 2
        for attachment in message.attachments { size += attachment.bytes.count * 4 / 3 }
        return size + size / 10 + 1_024
    }

    /// Rejects what no encoding can carry; everything else is sanitised or encoded instead.
    func validate(_ message: OutgoingMessage) throws(MessageCompositionError) {
        guard MailAddress.isValidAddrSpec(message.from.address) else {
            throw .invalidAddress(field: "From", address: message.from.address)
        }
        guard !message.to.isEmpty else { throw .noRecipients }
        for address in message.to where !MailAddress.isValidAddrSpec(address.address) {
            throw .invalidAddress(field: "To", address: address.address)
        }
        for address in message.replyTo where !MailAddress.isValidAddrSpec(address.address) {
            throw .invalidAddress(field: "Reply-To", address: address.address)
        }
        guard MessageID.isValid(message.messageID) else { throw .invalidMessageID(message.messageID) }
        var seen: Set<String> = []
        for header in message.extraHeaders {
            let name = header.name
            guard (1...40).contains(name.utf8.count),
                name.utf8.allSatisfy({ MailAddress.isLetterOrDigit($0) || $0 == UInt8(ascii: "-") })
            else { throw .invalidHeaderName(name) }
            let lower = name.lowercased()
            guard !Self.reservedHeaders.contains(lower), !lower.hasPrefix("content-"), !lower.hasPrefix("list-")
            else { throw .reservedHeaderName(name) }
            guard seen.insert(lower).inserted else { throw .duplicateHeaderName(name) }
        }
        for attachment in message.attachments where MIMEPart.mediaType(attachment.mediaType) == nil {
            throw .invalidMediaType(attachment.mediaType)
        }
        if let calendar = message.calendar, MIMEPart.token(calendar.method) == nil {
            throw .invalidCalendarMethod(calendar.method)
        }
    }

    /// Headers the composer owns (lower-case); `Content-*` and `List-*` are reserved as prefixes.
    static let reservedHeaders: Set<String> = [
        "date", "from", "sender", "to", "cc", "bcc", "reply-to", "subject", "message-id", "mime-version",
        "auto-submitted", "return-path", "received",
    ]
}
