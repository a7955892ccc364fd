import ConvenorCore
import Testing

@Suite struct InboundMessageTests {
    @Test("folded headers are unfolded and encoded-words in any usual charset decoded")
    func headers() {
        let message = InboundMessage(
            bytes: Array(
                "Subject: [List] =?utf-8?b?QWdlbmRhOiBNw6l0YWRvbm7DqWVz?=\r\n =?ISO-8859-1?Q?_caf=E9?= SIG,\r\n\tWednesday\r\nMessage-ID: <a@b>\r\n\r\nbody"
                    .utf8
            )
        )
        #expect(message.subject == "[List] Agenda: Métadonnées café SIG, Wednesday")
        #expect(message.messageID == "a@b")
        #expect(message.parts.map(\.text) == ["body"])
    }

    @Test("nested multiparts, base64 and quoted-printable parts are decoded")
    func multipart() {
        let raw = """
            Content-Type: multipart/mixed; boundary="outer"

            --outer
            Content-Type: multipart/alternative; boundary=inner

            --inner
            Content-Type: text/plain; charset=utf-8
            Content-Transfer-Encoding: base64

            SGVsbG8sIHdvcmxk
            --inner
            Content-Type: text/html
            Content-Transfer-Encoding: quoted-printable

            <p>Hi=
             there</p>
            --inner--
            --outer
            Content-Type: message/rfc822

            Message-ID: <inner@x>
            Subject: Quoted

            Text
            --outer--
            """
        let message = InboundMessage(bytes: Array(raw.utf8))
        #expect(message.parts.map(\.type) == ["text/plain", "text/html", "message/rfc822"])
        #expect(message.text == "Hello, world")
        #expect(message.parts[1].text == "<p>Hi there</p>")
        #expect(message.parts[2].enclosed?.message.messageID == "inner@x")
    }

    @Test("a message larger than the limit is read only up to it")
    func bounded() {
        let big = Array("Subject: x\r\n\r\n".utf8) + [UInt8](repeating: 0x41, count: InboundMessage.maximumBytes + 10)
        let message = InboundMessage(bytes: big)
        #expect(message.parts.first!.body.count == InboundMessage.maximumBytes - 14)
    }

    @Test("multiparts nested past the depth limit are not opened")
    func depth() {
        var raw = "Subject: deep\n"
        for level in 0..<50 { raw += "Content-Type: multipart/mixed; boundary=b\(level)\n\n--b\(level)\n" }
        raw += "Content-Type: text/plain\n\nleaf\n"
        let message = InboundMessage(bytes: Array(raw.utf8))
        #expect(message.parts.count == 1)
        #expect(message.parts[0].type == "multipart/mixed")
    }
}
