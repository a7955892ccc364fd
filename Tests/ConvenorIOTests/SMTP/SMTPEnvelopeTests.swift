import ConvenorIO
import Testing

/// Envelope addresses and line ends: what libcurl would pass through verbatim is refused or fixed first.
@Suite struct SMTPEnvelopeTests {
    @Test(
        arguments: [
            ("member@example.org", nil),
            ("first.last+sig@lib.example.ac.uk", nil),
            ("", "is empty"),
            ("a@b\r\nRCPT TO:<x@y>", "contains a line break"),
            ("a@b\nc", "contains a line break"),
            ("a\0@b", "contains a NUL character"),
            ("a b@c", "contains white space"),
            ("a@b>", "contains an angle bracket"),
            ("<a@b", "contains an angle bracket"),
            ("a\u{7F}@b", "contains a control character"),
            ("ab", "must contain exactly one @"),
            ("a@b@c", "must contain exactly one @"),
            ("@b", "needs text before and after the @"),
            ("a@", "needs text before and after the @"),
        ] as [(String, String?)]
    )
    func addressProblemIsNamed(address: String, problem: String?) {
        #expect(SMTPEnvelope.problem(with: address) == problem)
    }

    @Test func envelopeProblemNamesTheAddressEscaped() {
        let problem = SMTPEnvelope.problem(from: "ok@example.org", recipients: ["ok@example.org", "x@y\r\nQUIT"])
        #expect(problem == #"the envelope recipient "x@y\r\nQUIT" contains a line break"#)
        #expect(SMTPEnvelope.problem(from: "ok@example.org", recipients: []) == "the message has no recipients")
    }

    @Test(arguments: [
        ("a\r\nb\r\n", "a\r\nb\r\n"),
        ("a\nb\n", "a\r\nb\r\n"),
        ("a\rb", "a\r\nb"),
        ("a\n.\nb", "a\r\n.\r\nb"),
        ("a\r\r\nb", "a\r\n\r\nb"),
        ("a\n\rb", "a\r\n\r\nb"),
        ("\n", "\r\n"),
        ("", ""),
    ])
    func everyLineEndBecomesCRLF(input: String, expected: String) {
        #expect(SMTPEnvelope.normalizingLineEnds(Array(input.utf8)) == Array(expected.utf8))
    }
}
