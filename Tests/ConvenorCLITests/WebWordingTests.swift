import ConvenorTesting
import Foundation
import Testing

/// A chair rewords the group's own copy of a mail template on the web: the checks `convenor check` makes, a preview
/// of the next mail as it will be sent, save only when it passes, back to the installation's wording, and nothing a
/// chair types reaches the server's files or secrets.
@Suite struct WebWordingTests {
    /// The agenda template with the group's own opening line, and `extra` before the closing.
    static func agenda(_ extra: String = "") -> String {
        """
        ---
        subject: "Agenda: {{group.name}}, {{meeting.date_long}}"
        ---
        Dear all, this is our own wording.

        We meet on {{meeting.date_long}}.
        \(extra)
        Ann
        """
    }

    static func form(_ text: String, token: String, action: String, seen: String = "") -> [(String, String)] {
        [("csrf", token), ("seen", seen), ("text", text), ("action", action)]
    }

    @Test func aChairChecksPreviewsSavesAndGoesBackToTheDefault() async throws {
        let installation = try WebSignInTests.installation()
        defer { installation.cleanUp() }
        let (daemon, client, cookie) = try await WebServerTests.start(installation, signedInAs: "ann@test.example.org")
        defer { daemon.stop() }
        #expect(try await client.get("/chair/g1", headers: cookie).body.contains("href=\"/chair/g1/wording\""))
        let list = try await client.get("/chair/g1/wording", headers: cookie)
        #expect(list.status == 200 && list.body.contains("href=\"/chair/g1/wording/agenda\""), "\(list.body)")
        #expect(!list.body.contains("operator-alert") && !list.body.contains("chairs-alert"))
        let page = try await client.get("/chair/g1/wording/agenda", headers: cookie)
        #expect(page.status == 200 && page.body.contains("The installation"), "\(page.body)")
        #expect(
            page.body.contains("Here is the agenda for our meeting on {{meeting.date_long}}."),
            "the default to edit"
        )
        let token = try WebConfirmTests.csrf(in: page.body)
        // The live preview: the page names the one script file (nothing inline) and marks its form and the region the
        // script refills; the script is served from here, and posts the page's own form as "Check and preview".
        #expect(page.body.contains("<script src=\"/static/convenor.js\" defer></script>"), "\(page.body)")
        #expect(page.body.contains("data-live-preview") && page.body.contains("<div id=\"live\">"))
        #expect(page.body.components(separatedBy: "<script").count == 2, "one script tag, no inline script")
        let script = try await client.get("/static/convenor.js")
        #expect(script.status == 200 && script.header("Content-Type") == "text/javascript; charset=utf-8")
        #expect(
            script.body.contains("form[data-live-preview]") && script.body.contains("body.set(\"action\", \"preview\")")
                && !script.body.contains("innerHTML") && !script.body.contains("eval("),
            "\(script.body)"
        )

        // A misspelt name: refused next to its line, with the suggestion `check` makes; nothing saved.
        let typo = try await client.post(
            "/chair/g1/wording/agenda",
            form: Self.form(Self.agenda("{{meeting.dat_long}}"), token: token, action: "save"),
            headers: cookie
        )
        #expect(typo.status == 422, "\(typo.body)")
        #expect(typo.body.contains("Line 7:") && typo.body.contains("meeting.date_long"), "\(typo.body)")
        #expect(!(try installation.chairActions()).contains("wording"))

        // Checked and previewed as the list will get it, then saved.
        let preview = try await client.post(
            "/chair/g1/wording/agenda",
            form: Self.form(Self.agenda(), token: token, action: "preview"),
            headers: cookie
        )
        #expect(preview.status == 200, "\(preview.body)")
        #expect(
            preview.body.contains("Subject:     Agenda: ")
                && preview.body.contains("Dear all, this is our own wording."),
            "\(preview.body)"
        )
        #expect(preview.body.contains("Message-ID:"), "\(preview.body)")
        let saved = try await client.post(
            "/chair/g1/wording/agenda",
            form: Self.form(Self.agenda(), token: token, action: "save"),
            headers: cookie
        )
        #expect(saved.status == 303, "\(saved.body)")
        let after = try await client.get(saved.header("Location") ?? "", headers: cookie)
        #expect(
            after.body.contains("Saved: the group") && after.body.contains("saved by ann@test.example.org"),
            "\(after.body)"
        )
        #expect(try installation.chairActions() == ["wording"])
        // The group's pending mail and `convenor preview` render with it at once.
        #expect(
            try await client.get("/chair/g1/mail", headers: cookie).body.contains("Dear all, this is our own wording.")
        )
        let command = try ConvenorBinary.run(
            [
                "preview", "--config", installation.configDirectory, "--now", "2027-02-09T12:00:00Z", "--group", "g1",
                "--month", "2027-03",
            ])
        #expect(
            command.status == 0 && command.stdout.contains("Dear all, this is our own wording."),
            "\(command.stdout)\(command.stderr)"
        )
        let other = try ConvenorBinary.run(
            [
                "preview", "--config", installation.configDirectory, "--now", "2027-02-09T12:00:00Z", "--group", "g2",
                "--month", "2027-03",
            ])
        #expect(
            other.status == 0 && !other.stdout.contains("our own wording"),
            "another group keeps the installation's"
        )
        let log = try ConvenorBinary.run(["chairs", "log", "--config", installation.configDirectory])
        #expect(
            log.stdout.contains("wording  ann@test.example.org  the group's own wording of agenda.mustache"),
            "\(log.stdout)"
        )

        // A second chair's save from the page as it was before: refused as stale, nothing overwritten.
        let stale = try await client.post(
            "/chair/g1/wording/agenda",
            form: Self.form(Self.agenda("P.S."), token: token, action: "save"),
            headers: cookie
        )
        #expect(stale.status == 409 && stale.body.contains("another chair saved this template"), "\(stale.body)")

        // Back to the installation's wording.
        let seen = try #require(Self.seen(in: after.body))
        let reset = try await client.post(
            "/chair/g1/wording/agenda",
            form: [("csrf", token), ("seen", seen), ("action", "default")],
            headers: cookie
        )
        #expect(reset.status == 303, "\(reset.body)")
        #expect(try installation.chairActions() == ["wording", "wording-default"])
        #expect(!(try await client.get("/chair/g1/mail", headers: cookie).body.contains("our own wording")))
    }

    @Test func nothingAChairTypesReachesTheServersFilesOrSecrets() async throws {
        let installation = try WebSignInTests.installation()
        defer { installation.cleanUp() }
        let (daemon, client, cookie) = try await WebServerTests.start(installation, signedInAs: "ann@test.example.org")
        defer { daemon.stop() }
        let page = try await client.get("/chair/g1/wording/agenda", headers: cookie)
        let token = try WebConfirmTests.csrf(in: page.body)
        func post(
            _ text: String,
            action: String = "preview",
            path: String = "/chair/g1/wording/agenda",
            headers: [String: String]? = nil
        )
            async throws -> WebClient.Reply
        {
            try await client.post(path, form: Self.form(text, token: token, action: action), headers: headers ?? cookie)
        }
        // A partial naming a file on the server: refused, and the file's text is nowhere.
        let partial = try await post(Self.agenda("{{> /etc/passwd}}"), action: "save")
        #expect(partial.status == 422 && partial.body.contains("partials"), "\(partial.body)")
        #expect(!partial.body.contains("root:x:0"))
        let inherit = try await post(Self.agenda("{{< /etc/passwd}}{{/ /etc/passwd}}"))
        #expect(inherit.status == 422 && !inherit.body.contains("root:x:0"), "\(inherit.body)")
        // A variable naming a secret: no template can name one.
        for name in ["delivery.smtp.password", "installation.moderator_password", "approved", "password"] {
            let secret = try await post(Self.agenda("{{\(name)}}"))
            #expect(secret.status == 422 && secret.body.contains("Line 7:"), "\(name): \(secret.body)")
        }
        // Markup in the wording comes back as text in the page and its preview.
        let markup = try await post(Self.agenda("<script>alert(1)</script>"))
        #expect(markup.status == 200 && markup.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(!markup.body.contains("<script>alert(1)"))
        // 200 KB: refused before it is checked or kept.
        let large = try await post(Self.agenda(String(repeating: "x", count: 200 * 1024)), action: "save")
        #expect(large.status == 422 && large.body.contains("larger than 32 KB"), "\(large.status)")
        // Another group's template, a template that is the installation's, no CSRF token, a liaison-free stranger.
        #expect(try await post(Self.agenda(), action: "save", path: "/chair/g2/wording/agenda").status == 403)
        #expect(try await client.get("/chair/g2/wording/agenda", headers: cookie).status == 403)
        #expect(try await client.get("/chair/g2/wording", headers: cookie).status == 403)
        #expect(try await post(Self.agenda(), action: "save", path: "/chair/g1/wording/operator-alert").status == 404)
        #expect(
            try await post(Self.agenda(), action: "save", path: "/chair/g1/wording/..%2F..%2Fetc%2Fpasswd").status
                == 404
        )
        let noToken = try await client.post(
            "/chair/g1/wording/agenda",
            form: [("text", Self.agenda()), ("action", "save")],
            headers: cookie
        )
        #expect(noToken.status == 403)
        #expect(try await client.get("/chair/g1/wording/agenda").status == 303, "signed out: to /signin")
        #expect(!(try installation.chairActions()).contains("wording"), "nothing was saved")
    }

    @Test func theLiaisonReadsTheWordingAndCannotChangeItAndNoHeaderCanBeAdded() async throws {
        let installation = try WebSignInTests.installation()
        defer { installation.cleanUp() }
        let g1 = installation.configDirectory + "/groups/g1.yaml"
        try
            (try String(contentsOfFile: g1, encoding: .utf8)
            + "liaison: {name: Lee Liaison, email: lee@test.example.org}\n")
            .write(toFile: g1, atomically: true, encoding: .utf8)
        let (daemon, client, lee) = try await WebServerTests.start(installation, signedInAs: "lee@test.example.org")
        defer { daemon.stop() }
        let page = try await client.get("/chair/g1/wording/agenda", headers: lee)
        #expect(page.status == 200, "\(page.body)")
        #expect(!page.body.contains("<textarea") && page.body.contains("<pre>---"), "read only: \(page.body)")
        #expect(!page.body.contains("<script"), "nothing to preview live on a read-only page")
        let token = try WebConfirmTests.csrf(in: page.body)
        let post = try await client.post(
            "/chair/g1/wording/agenda",
            form: Self.form(Self.agenda(), token: token, action: "save"),
            headers: lee
        )
        #expect(post.status == 403 && post.body.contains("Read only"), "\(post.body)")
        #expect(!(try installation.chairActions()).contains("wording"))

        // A chair's subject with an escaped line break and a header after it: one subject line, no new header.
        let ann = try await WebSignInTests.sessionHeaders(
            "ann@test.example.org",
            client: client,
            installation: installation
        )
        let annToken = try WebConfirmTests.csrf(in: try await client.get("/chair/g1/wording/agenda", headers: ann).body)
        let injected = Self.agenda().replacingOccurrences(
            of: "subject: \"Agenda: {{group.name}}",
            with: "subject: \"Agenda\\r\\nBcc: all@evil.example\\nX-Evil: 1 {{group.name}}"
        )
        let preview = try await client.post(
            "/chair/g1/wording/agenda",
            form: Self.form(injected, token: annToken, action: "preview"),
            headers: ann
        )
        #expect(preview.status == 200, "\(preview.body)")
        let headerLines = preview.body.split(separator: "\n").filter {
            $0.hasPrefix("Bcc:") || $0.hasPrefix("X-Evil:")
        }
        #expect(headerLines.isEmpty, "\(headerLines)")
        #expect(
            preview.body.contains("Subject:     Agenda Bcc: all@evil.example X-Evil: 1 &lt;script&gt;"),
            "\(preview.body)"
        )
    }

    static func seen(in body: String) -> String? {
        guard let range = body.range(of: #"name="seen" value="[0-9]*""#, options: .regularExpression) else {
            return nil
        }
        return String(body[range].dropFirst(#"name="seen" value=""#.count).dropLast())
    }
}

extension RunInstallation {
    /// The action of every chair change in the ledger, in order.
    func chairActions() throws -> [String] {
        let script = """
            import sqlite3,sys
            for row in sqlite3.connect(sys.argv[1]).execute('SELECT action FROM chair_change ORDER BY number'):
                print(row[0])
            """
        return try Self.python(script, ledgerPath).split(separator: "\n").map(String.init)
    }
}
