import ConvenorTesting
import Foundation
import Testing

/// Sign-in by mailed link through the daemon's own transport (the outbox), sessions, CSRF and who may open what.
@Suite struct WebSignInTests {
    /// Two groups with different chairs: ann chairs g1, bob chairs g2.
    static func installation() throws -> RunInstallation {
        let installation = try WebServerTests.installation()
        let g2 = ConfigFixtures.daemonGroupYAML(id: "g2").replacingOccurrences(
            of: "ann@test.example.org",
            with: "bob@test.example.org"
        )
        try g2.write(toFile: installation.configDirectory + "/groups/g2.yaml", atomically: true, encoding: .utf8)
        return installation
    }

    /// The form token the page set as a cookie and put in its form.
    static func formToken(_ reply: WebClient.Reply) throws -> String {
        let cookie = try #require(reply.header("Set-Cookie"), "no cookie: \(reply.headers)")
        let range = try #require(cookie.range(of: #"convenor_form=[A-Za-z0-9_-]{43}"#, options: .regularExpression))
        let token = String(cookie[range].dropFirst("convenor_form=".count))
        #expect(reply.body.contains("name=\"csrf\" value=\"\(token)\""))
        return token
    }

    /// Waits (bounded) for the sign-in mail in the outbox and returns the link's path.
    static func signInLink(in installation: RunInstallation, after count: Int = 0) async throws -> String {
        let deadline = ContinuousClock.now + .seconds(20)
        while ContinuousClock.now < deadline {
            let mails = installation.outboxFiles().filter { $0.contains("convenor-sign-in.") }
            if mails.count > count {
                // The body is quoted-printable: a long link is folded with soft line breaks.
                let text = try String(contentsOfFile: installation.outbox + "/" + mails.last!, encoding: .utf8)
                    .replacingOccurrences(of: "=\r\n", with: "").replacingOccurrences(of: "=\n", with: "")
                let range = try #require(text.range(of: #"/signin/[A-Za-z0-9_-]{43}"#, options: .regularExpression))
                return String(text[range])
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        Issue.record("no sign-in mail in \(installation.outboxFiles())")
        return ""
    }

    /// Signs `address` in; returns the session cookie header value (`convenor_session=...`).
    static func signIn(_ address: String, client: WebClient, installation: RunInstallation) async throws -> String {
        let before = installation.outboxFiles().filter { $0.contains("convenor-sign-in.") }.count
        let form = try await client.get("/signin")
        let token = try formToken(form)
        let cookie = "convenor_form=\(token)"
        let asked = try await client.post(
            "/signin",
            form: [("csrf", token), ("email", address)],
            headers: ["Cookie": cookie]
        )
        #expect(asked.status == 200)
        let link = try await signInLink(in: installation, after: before)
        let confirm = try await client.get(link, headers: ["Cookie": cookie])
        #expect(confirm.status == 200)
        let used = try await client.post(link, form: [("csrf", token)], headers: ["Cookie": cookie])
        #expect(used.status == 303)
        #expect(used.header("Location") == "/chair")
        let setCookie = try #require(used.header("Set-Cookie"))
        #expect(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Lax") && setCookie.contains("Path=/"))
        #expect(!setCookie.contains("Secure"), "http base_url: no Secure flag")
        let range = try #require(
            setCookie.range(of: #"convenor_session=[A-Za-z0-9_-]{43}"#, options: .regularExpression)
        )
        return String(setCookie[range])
    }

    /// Signs `address` in; returns the headers its requests then send (`["Cookie": "convenor_session=..."]`).
    static func sessionHeaders(
        _ address: String,
        client: WebClient,
        installation: RunInstallation
    ) async throws -> [String: String] {
        ["Cookie": try await signIn(address, client: client, installation: installation)]
    }

    @Test func aChairSignsInFromTheMailedLinkAndSeesOnlyTheirGroup() async throws {
        let installation = try Self.installation()
        defer { installation.cleanUp() }
        let (daemon, client) = try await WebServerTests.start(installation)
        defer { daemon.stop() }

        let session = try await Self.signIn("Ann@Test.Example.org", client: client, installation: installation)
        let home = try await client.get("/chair", headers: ["Cookie": session])
        #expect(home.status == 200)
        #expect(home.body.contains("href=\"/chair/g1\""))
        #expect(!home.body.contains("href=\"/chair/g2\""))
        #expect(home.body.contains("Signed in as ann@test.example.org"))

        let own = try await client.get("/chair/g1", headers: ["Cookie": session])
        #expect(own.status == 200)
        #expect(own.body.contains("Waiting on the chairs") && own.body.contains("What was sent"))
        #expect(own.body.contains("&lt;convenor.g1.announcement.2027-03-03.r0@test.example.org&gt;"), "\(own.body)")
        #expect(own.header("Cache-Control") == "no-store")
        let other = try await client.get("/chair/g2", headers: ["Cookie": session])
        #expect(other.status == 403)
        #expect(!other.body.contains("bob@test.example.org"))
        // Without a session the chair pages send the browser to sign in.
        let anonymous = try await client.get("/chair/g1")
        #expect(anonymous.status == 303 && anonymous.header("Location") == "/signin")
    }

    @Test func aUsedLinkIsRefusedAndTheAnswerIsTheSameForAStranger() async throws {
        let installation = try Self.installation()
        defer { installation.cleanUp() }
        let (daemon, client) = try await WebServerTests.start(installation)
        defer { daemon.stop() }

        let form = try await client.get("/signin")
        let token = try Self.formToken(form)
        let cookie = "convenor_form=\(token)"
        let known = try await client.post(
            "/signin",
            form: [("csrf", token), ("email", "bob@test.example.org")],
            headers: ["Cookie": cookie]
        )
        let link = try await Self.signInLink(in: installation)
        let stranger = try await client.post(
            "/signin",
            form: [("csrf", token), ("email", "eve@test.example.org")],
            headers: ["Cookie": cookie]
        )
        #expect(known.status == stranger.status)
        #expect(
            known.body.replacingOccurrences(of: "bob@test.example.org", with: "X")
                == stranger.body.replacingOccurrences(of: "eve@test.example.org", with: "X")
        )
        // Sign-in mails go out one after another in the order they were asked for (SignInMailer): once a later
        // request's mail is in the outbox, a mail to the stranger would be there before it. So only bob's and this
        // one may be there, and neither to eve.
        let later = try await client.post(
            "/signin",
            form: [("csrf", token), ("email", "ann@test.example.org")],
            headers: ["Cookie": cookie]
        )
        #expect(later.status == 200)
        _ = try await Self.signInLink(in: installation, after: 1)
        let mails = installation.outboxFiles().filter { $0.contains("convenor-sign-in.") }
        #expect(mails.count == 2, "\(mails)")
        for mail in mails {
            let text = try String(contentsOfFile: installation.outbox + "/" + mail, encoding: .utf8)
            #expect(!text.contains("eve@test.example.org"), "\(mail)")
        }

        #expect(try await client.post(link, form: [("csrf", token)], headers: ["Cookie": cookie]).status == 303)
        let replay = try await client.post(link, form: [("csrf", token)], headers: ["Cookie": cookie])
        #expect(replay.status == 403)
        #expect(replay.body.contains("no longer works"))
        let forged = try await client.post(
            "/signin/" + String(repeating: "A", count: 43),
            form: [("csrf", token)],
            headers: ["Cookie": cookie]
        )
        #expect(forged.status == 403)
    }

    @Test func formsWithoutTheirTokenAreRefusedAndSignInIsRateLimited() async throws {
        let installation = try Self.installation()
        defer { installation.cleanUp() }
        let (daemon, client) = try await WebServerTests.start(installation)
        defer { daemon.stop() }

        let form = try await client.get("/signin")
        let token = try Self.formToken(form)
        let cookie = "convenor_form=\(token)"
        #expect(
            try await client.post("/signin", form: [("email", "ann@test.example.org")], headers: ["Cookie": cookie])
                .status == 403
        )
        #expect(
            try await client.post("/signin", form: [("csrf", token), ("email", "ann@test.example.org")]).status == 403
        )
        let session = try await Self.signIn("ann@test.example.org", client: client, installation: installation)
        let signOutWithoutToken = try await client.post("/signout", form: [], headers: ["Cookie": session])
        #expect(signOutWithoutToken.status == 403)
        #expect(try await client.get("/chair", headers: ["Cookie": session]).status == 200)

        // ann already asked once; two more are allowed in 15 minutes, the fourth is refused.
        var statuses: [Int] = []
        for _ in 0..<3 {
            statuses.append(
                try await client.post(
                    "/signin",
                    form: [("csrf", token), ("email", "ann@test.example.org")],
                    headers: ["Cookie": cookie]
                ).status
            )
        }
        #expect(statuses == [200, 200, 429])
    }
}
