import ConvenorCore
import Testing

@Suite struct MIMEStructureTests {
    static func text(_ message: OutgoingMessage) throws -> String {
        try MessageComposer().composeText(message)
    }

    @Test func plainTextIsASinglePart() throws {
        let text = try Self.text(MailSamples.reminder)
        #expect(text.contains("Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 7bit\r\n\r\n"))
        #expect(!text.contains("multipart"))
    }

    @Test func htmlAloneMakesAnAlternativeAtTheTop() throws {
        var message = MailSamples.reminder
        message.htmlBody = "<p>Hi</p>"
        let text = try Self.text(message)
        let boundary = MIMEBoundary.make(messageID: message.messageID, level: 1)
        #expect(text.contains("Content-Type: multipart/alternative;\r\n boundary=\"\(boundary)\"\r\n"))
        #expect(text.hasSuffix("\r\n--\(boundary)--\r\n"))
        #expect(!text.contains("multipart/mixed"))
    }

    @Test func calendarGoesInTheAlternativeAndAsAnAttachment() throws {
        let text = try Self.text(MailSamples.agenda)
        #expect(text.contains("Content-Type: text/calendar; method=PUBLISH; charset=UTF-8\r\n"))
        #expect(
            text.contains(
                "Content-Type: text/calendar; charset=UTF-8; method=PUBLISH;\r\n name=\"meeting.ics\"\r\n"
                    + "Content-Disposition: attachment; filename=\"meeting.ics\"\r\nContent-Transfer-Encoding: base64\r\n"
            )
        )
    }

    @Test func boundariesAreDeterministicDistinctAndAbsentFromEveryBody() throws {
        var message = MailSamples.minutesWithAttachment
        let outer = MIMEBoundary.make(messageID: message.messageID, level: 1)
        let inner = MIMEBoundary.make(messageID: message.messageID, level: 2)
        #expect(outer != inner && outer.utf8.count == inner.utf8.count && outer.hasPrefix("=_convenor_"))
        message.textBody = "--\(outer)\n--\(inner)--\n"
        message.htmlBody = "--\(outer)"
        let text = try Self.text(message)
        #expect(text == (try Self.text(message)))
        let delimiterLines = text.split(separator: "\r\n").filter { $0.hasPrefix("--=_convenor_") }
        #expect(
            delimiterLines == ["--\(outer)", "--\(inner)", "--\(inner)", "--\(inner)--", "--\(outer)", "--\(outer)--"]
        )
    }

    @Test func attachmentNamesKeepToSafeCharacters() {
        #expect(Attachment.safeFilename("minutes 2026-11-12 (draft).md") == "minutes_2026-11-12__draft_.md")
        #expect(Attachment.safeFilename("Zoë\"\r\n.md") == "Zo____.md")
        #expect(Attachment.safeFilename("") == "attachment")
        #expect(Attachment.safeFilename(String(repeating: "a", count: 100)).count == 64)
    }

    @Test(arguments: ["text", "text/", "text/plain; charset=x", "a b/c", "text/pl\"ain"])
    func invalidMediaTypesAreRejected(type: String) {
        var message = MailSamples.reminder
        message.attachments = [Attachment(filename: "a", mediaType: type, bytes: [])]
        #expect(throws: MessageCompositionError.invalidMediaType(type)) { try MessageComposer().compose(message) }
    }

    @Test func invalidCalendarMethodsAreRejected() {
        var message = MailSamples.agenda
        message.calendar?.method = "PUBLISH\r\nBcc: x"
        #expect(throws: MessageCompositionError.invalidCalendarMethod("PUBLISH\r\nBcc: x")) {
            try MessageComposer().compose(message)
        }
    }

    @Test func everySampleKeepsTheStructuralRules() throws {
        for (name, message) in MailSamples.messages {
            #expect(MessageInvariants.problems(in: try MessageComposer().compose(message)).isEmpty, "\(name)")
        }
    }
}
