import ConvenorTesting
import Foundation
import Testing

/// The chair page and `convenor overview` say what the list did with each post (issue 18): distributed, held with
/// the list's words, refused, or returned undelivered with the DSN's status; the list's words are escaped, and an
/// approval link is a link only when it is https on the list's own host.
@Suite struct WebListOutcomeTests {
    /// Moves g1's four sent announcements to the states the returns mailbox would have recorded, with hostile words.
    static func recordReturns(_ installation: RunInstallation) throws {
        let script = """
            import sqlite3,sys
            db = sqlite3.connect(sys.argv[1])
            rows = [r[0] for r in db.execute("SELECT rowid FROM mailing WHERE \\"group\\"='g1' AND state='sent' ORDER BY due")]
            assert len(rows) >= 4, rows
            db.execute("UPDATE mailing SET state='distributed', posted_to='g1@lists.test.example.org', distributed_at=datetime(sent_at, '+2 minutes') WHERE rowid=?", (rows[0],))
            db.execute("UPDATE mailing SET state='held', posted_to='g1@lists.test.example.org', list_words=?, approval_link=? WHERE rowid=?",
                ("The message is not from a list member <script>alert(1)</script>", "https://lists.test.example.org/mailman3/lists/g1/held_messages?id=7&x=1", rows[1]))
            db.execute("UPDATE mailing SET state='held', posted_to='g1@lists.test.example.org', list_words=?, approval_link=? WHERE rowid=?",
                ("Post by non-member", "https://evil.example.com/lists.test.example.org/approve", rows[2]))
            db.execute("UPDATE mailing SET state='bounced', posted_to='g1@lists.test.example.org', bounce_status='5.1.1', bounce_diagnostic=?, approval_link=? WHERE rowid=?",
                ("550 5.1.1 <g1@lists.test.example.org>: user unknown", "javascript:alert(document.cookie)//lists.test.example.org", rows[3]))
            db.commit()
            """
        _ = try RunInstallation.python(script, installation.ledgerPath)
    }

    @Test func theChairPageSaysWhatTheListDidInPlainWordsAndEscapesTheListsWords() async throws {
        let installation = try WebSignInTests.installation()
        defer { installation.cleanUp() }
        let (daemon, client) = try await WebServerTests.start(installation)
        defer { daemon.stop() }
        try Self.recordReturns(installation)
        let cookie = try await WebSignInTests.sessionHeaders(
            "ann@test.example.org",
            client: client,
            installation: installation
        )
        let page = try await client.get("/chair/g1", headers: cookie)
        #expect(page.status == 200)
        let body = page.body
        #expect(body.contains("The list did not pass 3 posts on to the members"), "\(body)")
        #expect(body.contains("distributed by the list") && body.contains("The list passed it on to the members at "))
        #expect(
            body.contains("held by the list")
                && body.contains("The list is holding it: the members have not got it yet.")
        )
        #expect(
            body.contains("returned undelivered")
                && body.contains("5.1.1 550 5.1.1 &lt;g1@lists.test.example.org&gt;: user unknown"),
            "\(body)"
        )
        // The list's words are text, never markup.
        #expect(body.contains("not from a list member &lt;script&gt;alert(1)&lt;/script&gt;"), "\(body)")
        #expect(!body.contains("<script>alert(1)"))
        // The approval link on the list's own https host is a link; the one elsewhere is only text.
        #expect(
            body.contains("<a href=\"https://lists.test.example.org/mailman3/lists/g1/held_messages?id=7&amp;x=1\">"),
            "\(body)"
        )
        #expect(!body.contains("href=\"https://evil.example.com") && !body.contains("href=\"javascript:"))
        #expect(body.contains("<code>https://evil.example.com/lists.test.example.org/approve</code>"), "\(body)")
        #expect(body.contains("<code>javascript:alert(document.cookie)//lists.test.example.org</code>"), "\(body)")
        #expect(body.contains("ask the list owner to add it"))
        // Bob chairs g2 only: g1's outcomes are not his to read.
        let bob = try await WebSignInTests.sessionHeaders(
            "bob@test.example.org",
            client: client,
            installation: installation
        )
        let other = try await client.get("/chair/g1", headers: bob)
        #expect(other.status == 403 && !other.body.contains("evil.example.com"))
    }

    @Test func theOverviewSaysWhatCameBackFromTheList() async throws {
        let installation = try WebSignInTests.installation()
        defer { installation.cleanUp() }
        let (daemon, _) = try await WebServerTests.start(installation)
        daemon.stop()
        try Self.recordReturns(installation)
        let text = try ConvenorBinary.run(
            ["overview", "--config", installation.configDirectory, "--now", "2027-02-10T12:00:00Z", "--group", "g1"])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("What came back from the list:"), "\(text.stdout)")
        #expect(
            text.stdout.contains(": distributed by the list\n      The list passed it on to the members at "),
            "\(text.stdout)"
        )
        #expect(text.stdout.contains("The list said: \"Post by non-member\""))
        #expect(
            text.stdout.contains(
                "Approve it at https://lists.test.example.org/mailman3/lists/g1/held_messages?id=7&x=1"
            )
        )
        #expect(
            text.stdout.contains(
                "not on the list's own https site: https://evil.example.com/lists.test.example.org/approve"
            )
        )
        #expect(text.stdout.contains("It came back undelivered: the members did not get it."))
        let html = installation.directory + "/overview.html"
        let page = try ConvenorBinary.run(
            ["overview", "--config", installation.configDirectory, "--now", "2027-02-10T12:00:00Z", "--html", html])
        #expect(page.status == 0, "\(page.stderr)")
        let written = try String(contentsOfFile: html, encoding: .utf8)
        #expect(written.contains("What came back from the list"))
        #expect(written.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && !written.contains("<script>alert(1)"))
        #expect(
            written.contains("<a href=\"https://lists.test.example.org/mailman3/lists/g1/held_messages?id=7&amp;x=1\">")
        )
        #expect(!written.contains("href=\"https://evil.example.com") && !written.contains("href=\"javascript:"))
    }
}
