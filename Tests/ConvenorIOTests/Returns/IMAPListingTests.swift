import Testing

@testable import ConvenorIO

/// The `UID FETCH 1:* (UID FLAGS)` listing as an IMAP server sends it: CRLF line ends (Dovecot's, copied from a
/// session with the test server). The first version split on "\r" and "\n" only, which in Swift never match a
/// CRLF, so it saw the first message of a poll and no other.
@Suite struct IMAPListingTests {
    @Test func everyLineOfACRLFListingIsOneMessageWithItsFlags() {
        let reply =
            "* 1 FETCH (UID 2 FLAGS ())\r\n* 2 FETCH (UID 3 FLAGS (\\Seen $ConvenorUnderstood))\r\n"
            + "* 3 FETCH (UID 7 FLAGS (\\Recent))\r\n"
        let entries = IMAPReturnsMailbox.parseFlags(reply)
        #expect(entries.map(\.uid) == [2, 3, 7])
        #expect(entries[1].flags == ["\\seen", "$convenorunderstood"])
        #expect(entries[2].flags == ["\\recent"])
        #expect(IMAPReturnsMailbox.parseFlags("").isEmpty)
        #expect(IMAPReturnsMailbox.parseFlags(nil).isEmpty)
    }
}
