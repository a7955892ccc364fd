import ConvenorTesting
import Foundation
import Testing

/// "Send me a test copy" of a pending mail: to the signed-in chair only, through the daemon's transport, marked
/// [TEST], limited per person, and never recorded as the real mailing.
@Suite struct WebTestCopyTests {
    @Test func aChairGetsATestCopyOfAPendingMailAndTheRealOneStillGoes() async throws {
        let installation = try WebSignInTests.installation()
        defer { installation.cleanUp() }
        let (daemon, client, cookie) = try await WebServerTests.start(installation, signedInAs: "ann@test.example.org")
        defer { daemon.stop() }
        #expect(try await client.get("/chair/g1", headers: cookie).body.contains("href=\"/chair/g1/mail\""))
        let page = try await client.get("/chair/g1/mail", headers: cookie)
        #expect(page.status == 200)
        #expect(page.body.contains("Send me a test copy"))
        // Rendered as sent: the headers the list will see, and the hostile group name escaped.
        #expect(
            page.body.contains("Subject:") && page.body.contains("Message-ID:") && !page.body.contains("<script>"),
            "\(page.body)"
        )
        let token = try WebConfirmTests.csrf(in: page.body)
        let range = try #require(
            page.body.range(of: #"name="mailing" value="g1/[a-z-]+/[0-9-]+/0""#, options: .regularExpression)
        )
        let key = String(page.body[range].dropFirst(#"name="mailing" value=""#.count).dropLast())

        #expect(try await client.post("/chair/g1/mail", form: [("mailing", key)], headers: cookie).status == 403)
        let bob = try await WebSignInTests.sessionHeaders(
            "bob@test.example.org",
            client: client,
            installation: installation
        )
        #expect(try await client.get("/chair/g1/mail", headers: bob).status == 403)

        let before = Set(installation.outboxFiles())
        let sent = try await client.post("/chair/g1/mail", form: [("csrf", token), ("mailing", key)], headers: cookie)
        #expect(sent.status == 200, "\(sent.body)")
        #expect(sent.body.contains("was sent to ann@test.example.org only"))
        let new = installation.outboxFiles().filter { !before.contains($0) }
        #expect(new.count == 1, "\(new)")
        let mail = try String(contentsOfFile: installation.outbox + "/" + (new.first ?? ""), encoding: .utf8)
        #expect(mail.contains("Subject: [TEST] ") && mail.contains("ann@test.example.org"), "\(mail)")
        let headers = String(mail[..<(mail.range(of: "\r\n\r\n")?.lowerBound ?? mail.endIndex)]).lowercased()
        #expect(!headers.contains("lists.test.example.org"), "a reply-all cannot reach the list: \(headers)")
        #expect(
            headers.contains("\r\nto: ann chair <ann@test.example.org>")
                || headers.contains("\r\nto: ann@test.example.org"),
            "\(headers)"
        )
        // Not the mailing: the ledger holds nothing for it, so it still goes when due.
        let parts = key.split(separator: "/").map(String.init)
        #expect(
            !(try installation.ledgerRows()).contains {
                $0.key == "\(parts[0])/\(parts[1])/\(parts[2])" && $0.state == "sent"
            }
        )

        var statuses: [Int] = []
        for _ in 0..<5 {
            statuses.append(
                try await client.post("/chair/g1/mail", form: [("csrf", token), ("mailing", key)], headers: cookie)
                    .status
            )
        }
        #expect(statuses == [200, 200, 200, 200, 429], "five test copies an hour")
        let unknown = try await client.post(
            "/chair/g1/mail",
            form: [("csrf", token), ("mailing", "g2/agenda/2027-03/0")],
            headers: cookie
        )
        #expect(unknown.status == 404)
    }
}
