import ConvenorCore
import Testing

@Suite struct HeaderTests {
    static let expectedNames = [
        "Date", "From", "To", "Reply-To", "Subject", "Message-ID", "MIME-Version", "Content-Type",
        "Content-Transfer-Encoding",
    ]

    @Test(arguments: [
        "Agenda\r\nBcc: evil@example.org", "Agenda\nBcc: evil@example.org", "Agenda\rBcc: evil@example.org",
        "Agenda\u{0}\r\n\r\nbody", "Agenda\u{85}Bcc: x", "Agenda\u{2028}Bcc: x", "\r\n\r\n--=_convenor_x.1\r\n",
    ])
    func lineBreaksInASubjectNeverStartAHeaderOrTheBody(subject: String) throws {
        var message = MailSamples.reminder
        message.subject = subject
        let bytes = try MessageComposer().compose(message)
        #expect(MessageInvariants.headerNames(bytes) == Self.expectedNames)
        #expect(MessageInvariants.problems(in: bytes).isEmpty)
    }

    @Test func lineBreaksInADisplayNameOrExtraHeaderNeverStartAHeader() throws {
        var message = MailSamples.reminder
        message.from.displayName = "ALN\r\nBcc: evil@example.org"
        message.to = [MailAddress(displayName: "List\nCc: evil@example.org", address: "list@example.org")]
        message.extraHeaders = [MailHeader(name: "Approved", value: "secret\r\nBcc: evil@example.org")]
        let bytes = try MessageComposer().compose(message)
        #expect(
            MessageInvariants.headerNames(bytes) == [
                "Date", "From", "To", "Reply-To", "Subject", "Message-ID",
                "Approved", "MIME-Version", "Content-Type", "Content-Transfer-Encoding",
            ]
        )
        #expect(
            MessageInvariants.headerValue("From", in: bytes) == "\"ALN Bcc: evil@example.org\" <groups@aln.example.org>"
        )
        #expect(MessageInvariants.headerValue("Approved", in: bytes) == "secret Bcc: evil@example.org")
    }

    @Test func sanitisingTurnsControlsIntoSingleSpacesAndTrims() {
        #expect(HeaderText.sanitise("  a\r\n\tb\u{0}\u{7F}c  ") == "a b c")
        #expect(HeaderText.sanitise("\r\n") == "")
        #expect(HeaderText.sanitise("Zoë\u{2029}Ó") == "Zoë Ó")
    }

    @Test func longSubjectsFoldAtSpacesAndUnfoldToTheOriginal() throws {
        var message = MailSamples.reminder
        message.subject = (1...40).map { "word\($0)" }.joined(separator: " ")
        let bytes = try MessageComposer().compose(message)
        let lines = MessageInvariants.headerLines(bytes).filter { !$0.hasPrefix("Message-ID:") }
        #expect(lines.allSatisfy { $0.utf8.count <= 76 })
        #expect(lines.filter { $0.hasPrefix(" ") }.count == 3)
        #expect(MessageInvariants.headerValue("Subject", in: bytes) == message.subject)
    }

    @Test("a folded subject with accented words is encoded whole, in whole words, folded only between encoded-words")
    func foldedAccentedSubjectsAreWholeWordEncodedWords() throws {
        var message = MailSamples.reminder
        message.subject = "Agenda: Métadonnées et catalogage SIG, mercredi 14 octobre 2026, réunion en ligne (Teams)"
        let bytes = try MessageComposer().compose(message)
        let lines = MessageInvariants.headerLines(bytes)
        let start = try #require(lines.firstIndex { $0.hasPrefix("Subject:") })
        let subject =
            [String(lines[start].dropFirst("Subject: ".count))] + lines[(start + 1)...].prefix { $0.hasPrefix(" ") }
        #expect(subject.count > 1)
        let words = subject.flatMap { $0.split(separator: " ") }.map(String.init)
        #expect(words.allSatisfy { $0.hasPrefix("=?UTF-8?") && $0.hasSuffix("?=") })
        // Whole words: every encoded-word but the last ends in an encoded space, so no word is cut in two.
        let decoded = words.map { EncodedWord.decode($0) ?? "?" }
        #expect(decoded.dropLast().allSatisfy { $0.hasSuffix(" ") })
        #expect(decoded.joined() == message.subject)
        #expect(lines.filter { !$0.hasPrefix("Message-ID:") }.allSatisfy { $0.utf8.count <= 76 })
    }

    @Test("a short accented subject that fits one line keeps its plain words readable")
    func shortAccentedSubjectsStayMixed() throws {
        var message = MailSamples.reminder
        message.subject = "Agenda: Métadonnées SIG"
        let bytes = String(decoding: try MessageComposer().compose(message), as: UTF8.self)
        #expect(bytes.contains("Subject: Agenda: =?UTF-8?Q?M=C3=A9tadonn=C3=A9es?= SIG\r\n"))
    }

    @Test func aTwoThousandCharacterWordInASubjectStaysUnderTheLineLimits() throws {
        var message = MailSamples.reminder
        message.subject = "Agenda " + String(repeating: "x", count: 2_000) + " end"
        let bytes = try MessageComposer().compose(message)
        // The Message-ID is one unbreakable token; every other line keeps RFC 2047's 76.
        #expect(
            MessageInvariants.headerLines(bytes).filter { !$0.hasPrefix("Message-ID:") }.allSatisfy {
                $0.utf8.count <= 76
            }
        )
        let value = try #require(MessageInvariants.headerValue("Subject", in: bytes))
        let words = value.split(separator: " ")
        #expect(words.first == "Agenda" && words.last == "end")
        #expect(
            EncodedWord.decode(words.dropFirst().dropLast().joined(separator: " "))
                == String(repeating: "x", count: 2_000)
        )
    }

    @Test(arguments: [
        ("Priya Shah", "Priya Shah <p@example.org>"), ("Shah, Priya", "\"Shah, Priya\" <p@example.org>"),
        ("Dr. \"P\" Shah", "\"Dr. \\\"P\\\" Shah\" <p@example.org>"),
        ("back\\slash", "\"back\\\\slash\" <p@example.org>"),
        ("", "p@example.org"), ("Zoë", "=?UTF-8?Q?Zo=C3=AB?= <p@example.org>"),
    ])
    func displayNamesAreAtomsQuotedStringsOrEncodedWords(name: String, header: String) throws {
        var message = MailSamples.reminder
        message.to = [MailAddress(displayName: name, address: "p@example.org")]
        #expect(MessageInvariants.headerValue("To", in: try MessageComposer().compose(message)) == header)
    }

    @Test(arguments: [
        "a b@example.org", "a@b@example.org", "<a@example.org>", "a@example.org\r\nBcc: x", "a@", "@b",
        "zoë@example.org", "a@-example.org", "a..b@example.org", "",
    ])
    func invalidAddressesAreRejected(address: String) {
        var message = MailSamples.reminder
        message.to = [MailAddress(address: address)]
        #expect(throws: MessageCompositionError.invalidAddress(field: "To", address: address)) {
            try MessageComposer().compose(message)
        }
    }

    @Test(arguments: [
        ("Bcc", MessageCompositionError.reservedHeaderName("Bcc")),
        ("content-type", .reservedHeaderName("content-type")),
        ("List-Id", .reservedHeaderName("List-Id")), ("X Bad", .invalidHeaderName("X Bad")),
        ("X-Bad:\r\nBcc", .invalidHeaderName("X-Bad:\r\nBcc")), ("", .invalidHeaderName("")),
    ])
    func extraHeadersCannotReplaceOrSmuggleHeaders(name: String, error: MessageCompositionError) {
        var message = MailSamples.reminder
        message.extraHeaders = [MailHeader(name: name, value: "x")]
        #expect(throws: error) { try MessageComposer().compose(message) }
    }

    @Test func extraHeadersMayNotRepeat() {
        var message = MailSamples.reminder
        message.extraHeaders = [MailHeader(name: "Approved", value: "a"), MailHeader(name: "approved", value: "b")]
        #expect(throws: MessageCompositionError.duplicateHeaderName("approved")) {
            try MessageComposer().compose(message)
        }
    }

    @Test func messagesWithoutRecipientsAreRejected() {
        var message = MailSamples.reminder
        message.to = []
        #expect(throws: MessageCompositionError.noRecipients) { try MessageComposer().compose(message) }
    }

    @Test func autoSubmittedOnlyWhenAsked() throws {
        #expect(
            MessageInvariants.headerValue("Auto-Submitted", in: try MessageComposer().compose(MailSamples.chairsNotice))
                == "auto-generated"
        )
        #expect(
            MessageInvariants.headerValue("Auto-Submitted", in: try MessageComposer().compose(MailSamples.agenda))
                == nil
        )
    }

    @Test func noListHeadersEver() throws {
        for (_, message) in MailSamples.messages {
            #expect(
                !MessageInvariants.headerNames(try MessageComposer().compose(message)).contains {
                    $0.hasPrefix("List-")
                }
            )
        }
    }

    @Test func aLongNameAndALongFirstWordFoldRightAfterTheColon() throws {
        var message = MailSamples.reminder
        let name = "X-" + String(repeating: "n", count: 38)
        message.extraHeaders = [MailHeader(name: name, value: String(repeating: "w", count: 60) + " end")]
        let text = try MessageComposer().composeText(message)
        #expect(text.contains("\r\n\(name):\r\n \(String(repeating: "w", count: 60)) end\r\n"))
    }
}
