package import Foundation

/// Turns a scheduled `Mailing` into a finished message: template, headers, calendar, attachments, bytes.
///
/// Pure: the caller passes the minutes text it read and the instant for the Date header. The calendar's DTSTAMP is
/// the mailing's due time rather than "now", so a preview and the real send carry the same calendar bytes.
package struct MailingAssembler: Sendable {
    package let config: Config
    package let renderer: TemplateRenderer
    /// PRODID of every calendar convenor writes.
    package static let productID = "-//convenor//convenor 0.1//EN"

    package init(config: Config, renderer: TemplateRenderer) {
        self.config = config
        self.renderer = renderer
    }

    /// The finished message for `mailing`.
    ///
    /// A list post (audience `.list`) follows its group's `posting:` profile: From and MAIL FROM are `posting.from`
    /// when set, `Auto-Submitted` is written only when `posting.auto_submitted` is true, the calendar is left out
    /// when `posting.attach_ics` is false, and `Approved:` carries `approval` when the group has a moderator
    /// password. Mail to chairs, liaison and operator keeps the installation's From and `Auto-Submitted`.
    /// A Markdown minutes file also becomes a text/html alternative (`MinutesHTML`).
    /// - Parameters:
    ///   - minutes: the minutes file's text, for the `minutes` kind (nil when the file could not be read).
    ///   - date: the Date header: the send time, or the due time in a preview.
    ///   - messageID: overrides the key-derived Message-ID (test copies get their own).
    ///   - subjectPrefix: put before the subject (`[TEST] ` for test copies).
    ///   - approval: the `Approved:` value for a list post of a group with a moderator password: `.password` for
    ///     the real send, `.redacted` for previews and test copies. Required for such a post (assembling one
    ///     without it throws, rather than posting unapproved); ignored for every other mailing.
    package func assemble(
        _ mailing: Mailing,
        minutes: String? = nil,
        date: Date,
        messageID: String? = nil,
        subjectPrefix: String = "",
        approval: ListApproval? = nil
    ) throws(AssemblyError) -> AssembledMailing {
        guard let group = config.group(id: mailing.key.group) else {
            throw AssemblyError(key: mailing.key, reason: "the group is no longer in the config")
        }
        return try assemble(
            mailing,
            group: group,
            groupFields: nil,
            minutes: minutes,
            date: date,
            messageID: messageID,
            subjectPrefix: subjectPrefix,
            approval: approval
        )
    }

    /// A batch for many mailings, each dated at its due time as a preview shows it (`PreviewBatch`).
    package func previewBatch(approval: ListApproval? = nil) -> PreviewBatch {
        PreviewBatch(assembler: self, approval: approval)
    }

    /// Assembles many mailings one at a time, each dated at its due time as a preview shows it, with each group's
    /// template values built once (`TemplateGroupFields`), not once per mailing. One at a time so the caller can
    /// write each message while the rest are still being made.
    package struct PreviewBatch {
        let assembler: MailingAssembler
        let approval: ListApproval?
        private var groups: [String: (group: Group, fields: TemplateGroupFields)] = [:]

        init(assembler: MailingAssembler, approval: ListApproval?) {
            self.assembler = assembler
            self.approval = approval
        }

        /// The message `assemble` makes for `mailing`, dated at its due time.
        /// - Parameter minutes: the minutes text (nil where there is none).
        package mutating func assemble(_ mailing: Mailing, minutes: String?) throws(AssemblyError) -> AssembledMailing {
            let id = mailing.key.group
            if groups[id] == nil, let group = assembler.config.group(id: id) {
                groups[id] = (group, TemplateGroupFields(group: group))
            }
            guard let (group, groupFields) = groups[id] else {
                throw AssemblyError(key: mailing.key, reason: "the group is no longer in the config")
            }
            return try assembler.assemble(
                mailing,
                group: group,
                groupFields: groupFields,
                minutes: minutes,
                date: mailing.due,
                messageID: nil,
                subjectPrefix: "",
                approval: approval
            )
        }
    }

    /// `assemble` for a group already looked up, with its template values when a batch has them.
    func assemble(
        _ mailing: Mailing,
        group: Group,
        groupFields: TemplateGroupFields?,
        minutes: String?,
        date: Date,
        messageID: String?,
        subjectPrefix: String,
        approval: ListApproval?
    ) throws(AssemblyError) -> AssembledMailing {
        let installation = config.installation
        let rendered: RenderedMailing
        do {
            rendered = try renderer.render(
                mailing,
                group: group,
                installation: installation,
                minutes: minutes,
                sentAt: date,
                groupFields: groupFields
            )
        } catch {
            throw AssemblyError(key: mailing.key, reason: error.description)
        }
        // Message-ID and calendar UID keep the installation's domain whoever posts, so they never change when a
        // group gains or changes its `posting.from`.
        let domain = installation.from.domain
        let posting = ListPosting(mailing: mailing, group: group, installation: installation)
        let calendar = posting.attachCalendar ? calendarText(for: mailing, group: group, domain: domain) : nil
        let message = OutgoingMessage(
            from: posting.from,
            to: addresses(mailing.recipients, knownPeople: group.chairs + [group.liaison].compactMap { $0 }),
            replyTo: rendered.replyToAddresses(defaultingTo: group),
            subject: subjectPrefix + rendered.subject,
            date: date,
            messageID: messageID ?? MessageID.make(for: mailing.key, domain: domain),
            autoSubmitted: posting.autoSubmitted,
            extraHeaders: try posting.extraHeaders(approval: approval, key: mailing.key),
            textBody: rendered.body,
            htmlBody: minutesHTML(for: mailing, text: minutes, title: rendered.subject),
            calendar: calendar.map { CalendarAttachment(text: $0) },
            attachments: minutesAttachment(for: mailing, text: minutes)
        )
        let bytes: [UInt8]
        do {
            bytes = try MessageComposer(dateTimeZone: group.timeZone).compose(message)
        } catch {
            throw AssemblyError(key: mailing.key, reason: "\(error)")
        }
        return AssembledMailing(
            mailing: mailing,
            rendered: rendered,
            message: message,
            bytes: bytes,
            calendar: calendar,
            envelopeFrom: posting.envelopeFrom,
            recipients: mailing.recipients
        )
    }

    /// The one-event PUBLISH calendar that announcement, agenda, rescheduled and cancelled mail carry.
    ///
    /// SEQUENCE is the key's revision: `Lifecycle` gives every mailing of an occurrence the occurrence's revision
    /// (the change notices sent), so the notice and the agenda after it carry the same, higher SEQUENCE.
    func calendarText(for mailing: Mailing, group: Group, domain: String) -> String? {
        guard mailing.key.kind.carriesCalendar, let meeting = mailing.meeting else { return nil }
        let event = CalendarEvent(
            meeting: meeting,
            group: group,
            occurrence: mailing.key.occurrence,
            domain: domain,
            sequence: mailing.key.revision,
            cancelled: mailing.key.kind == .cancelled,
            stamp: mailing.due,
            organizer: config.installation.from
        )
        return ICalendarWriter.publish(events: [event], productID: Self.productID)
    }

    /// The minutes file itself, attached to the minutes mail so members keep the original.
    func minutesAttachment(for mailing: Mailing, text: String?) -> [Attachment] {
        guard mailing.key.kind == .minutes, let text, let path = mailing.meeting?.minutesPath else { return [] }
        let name = String(path.split(separator: "/").last ?? "minutes.txt")
        return [
            Attachment(
                filename: Attachment.safeFilename(name),
                mediaType: MinutesFormat(path: path).mediaType,
                bytes: Array(text.utf8)
            )
        ]
    }

    /// The text/html alternative of a minutes mail whose file is Markdown; nil for plain-text minutes.
    func minutesHTML(for mailing: Mailing, text: String?, title: String) -> String? {
        guard mailing.key.kind == .minutes, let text, let path = mailing.meeting?.minutesPath,
            MinutesFormat(path: path) == .markdown
        else { return nil }
        return MinutesHTML.document(markdown: text, title: title)
    }

    /// Recipients as To addresses, with the display names of chairs and liaison where the address is theirs.
    func addresses(_ recipients: [String], knownPeople: [Person]) -> [MailAddress] {
        recipients.map { address in
            let person = knownPeople.first { $0.email.lowercased() == address.lowercased() }
            return MailAddress(displayName: person?.name, address: address)
        }
    }
}

/// A mailing that could not be made into a message; the daemon records it as failed with this reason.
package struct AssemblyError: Error, Hashable, Sendable, CustomStringConvertible {
    package var key: MailingKey
    package var reason: String

    package init(key: MailingKey, reason: String) {
        self.key = key
        self.reason = reason
    }

    package var description: String { "\(key) could not be prepared: \(reason)" }
}
