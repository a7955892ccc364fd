package import Foundation

/// One message as values, before it becomes bytes: what the templates and the schedule decided to send.
///
/// Nothing here is trusted: every string may come from a chair's YAML or template and may hold CR, LF, NUL or
/// non-ASCII text. `MessageComposer` encodes, folds or rejects each value so none can add a header or break the
/// MIME structure.
package struct OutgoingMessage: Hashable, Sendable {
    /// The From header (config `from`); its domain usually names the Message-ID's right-hand side.
    package var from: MailAddress
    /// The To header; at least one address.
    package var to: [MailAddress]
    /// The Reply-To header (the chairs by default); omitted when empty.
    package var replyTo: [MailAddress]
    /// Plain text; control characters become spaces and runs of white space collapse to one.
    package var subject: String
    /// The Date header's instant; `MessageComposer.dateTimeZone` decides the printed offset.
    package var date: Date
    /// The Message-ID without angle brackets (`MessageID.make(for:domain:)`).
    package var messageID: String
    /// Adds `Auto-Submitted: auto-generated`; true only for mail to chairs, liaison or operator, because Sympa
    /// silently drops list posts that carry it.
    package var autoSubmitted: Bool
    /// Headers for later features (Mailman's `Approved:`), written after the fixed ones in the given order.
    package var extraHeaders: [MailHeader]
    /// The text/plain body; any line ending is accepted and becomes CRLF.
    package var textBody: String
    /// An optional text/html alternative to `textBody`.
    package var htmlBody: String?
    /// An iCalendar object sent twice: as a text/calendar alternative and as an `.ics` attachment.
    package var calendar: CalendarAttachment?
    /// Files attached after the body (the minutes).
    package var attachments: [Attachment]

    package init(
        from: MailAddress,
        to: [MailAddress],
        replyTo: [MailAddress] = [],
        subject: String,
        date: Date,
        messageID: String,
        autoSubmitted: Bool = false,
        extraHeaders: [MailHeader] = [],
        textBody: String,
        htmlBody: String? = nil,
        calendar: CalendarAttachment? = nil,
        attachments: [Attachment] = []
    ) {
        self.from = from
        self.to = to
        self.replyTo = replyTo
        self.subject = subject
        self.date = date
        self.messageID = messageID
        self.autoSubmitted = autoSubmitted
        self.extraHeaders = extraHeaders
        self.textBody = textBody
        self.htmlBody = htmlBody
        self.calendar = calendar
        self.attachments = attachments
    }
}

/// A header field beyond the fixed set, such as `Approved: secret` for Mailman 3.
package struct MailHeader: Hashable, Sendable {
    /// Letters, digits and hyphens only, at most 40 characters, and not one the composer writes itself.
    package var name: String
    /// Unstructured text, sanitised and RFC 2047-encoded like the subject.
    package var value: String

    package init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// An iCalendar object (the text `ICalendarWriter` produced) to carry in a message.
package struct CalendarAttachment: Hashable, Sendable {
    /// The VCALENDAR text; line ends are normalised to CRLF.
    package var text: String
    /// The attachment's file name; characters outside `A-Z a-z 0-9 . _ -` become `_`.
    package var filename: String
    /// The iTIP method, repeated in the Content-Type as RFC 6047 asks; must match the calendar's METHOD.
    package var method: String

    package init(text: String, filename: String = "meeting.ics", method: String = "PUBLISH") {
        self.text = text
        self.filename = filename
        self.method = method
    }
}

/// A file attached to a message, always sent base64-encoded.
package struct Attachment: Hashable, Sendable {
    /// The name shown to recipients; characters outside `A-Z a-z 0-9 . _ -` become `_`.
    package var filename: String
    /// `type/subtype` such as `text/markdown` or `application/pdf`; no parameters.
    package var mediaType: String
    /// The file's content, sent as it is (base64).
    package var bytes: [UInt8]

    package init(filename: String, mediaType: String, bytes: [UInt8]) {
        self.filename = filename
        self.mediaType = mediaType
        self.bytes = bytes
    }
}
