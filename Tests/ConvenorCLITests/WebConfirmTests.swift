import ConvenorTesting
import Foundation
import Testing

/// A chair confirms a date on the web, through the running daemon: the check before saving, the preview of what
/// will go out, and the saved change seen at once by the page, `convenor schedule` and `convenor chairs log`.
@Suite struct WebConfirmTests {
    /// g1 (ann) and g2 (bob) as in the sign-in tests, plus g3 (ann) with a propose rule, a January window whose
    /// meeting is past (at the daemon's 2027-02-09) and an April window without a date.
    static func installation() throws -> RunInstallation {
        let installation = try WebSignInTests.installation()
        try """
        id: g3
        name: Group g3
        type: SIG
        chairs:
          - {name: Ann Chair, email: ann@test.example.org}
        list: G3@LISTS.TEST.EXAMPLE.ORG
        cadence:
          windows: [Jan, Apr]
          propose: second Wednesday 14:00
        meetings:
          - start: 2027-01-20 14:00

        """.write(toFile: installation.configDirectory + "/groups/g3.yaml", atomically: true, encoding: .utf8)
        return installation
    }

    /// The session's form token, as the page put it in its forms.
    static func csrf(in body: String) throws -> String {
        let range = try #require(body.range(of: #"name="csrf" value="[A-Za-z0-9_-]{43}""#, options: .regularExpression))
        return String(body[range].dropFirst(#"name="csrf" value=""#.count).dropLast())
    }

    @Test func aChairConfirmsAProposedDateAndEveryViewSeesItAtOnce() async throws {
        let installation = try Self.installation()
        defer { installation.cleanUp() }
        let (daemon, client) = try await WebServerTests.start(installation)
        defer { daemon.stop() }
        let session = try await WebSignInTests.signIn(
            "ann@test.example.org",
            client: client,
            installation: installation
        )
        let cookie = ["Cookie": session]

        let groupPage = try await client.get("/chair/g3", headers: cookie)
        #expect(groupPage.body.contains("href=\"/chair/g3/confirm/2027-04\""), "\(groupPage.body)")
        let form = try await client.get("/chair/g3/confirm/2027-04", headers: cookie)
        #expect(form.status == 200)
        #expect(form.body.contains("value=\"2027-04-14 14:00\""), "\(form.body)")
        #expect(form.body.contains("<label for=\"agenda\">"))
        let token = try Self.csrf(in: form.body)
        let path = "/chair/g3/confirm/2027-04"

        // Without its token the form is refused; another group's window is not this chair's.
        let noToken = try await client.post(
            path,
            form: [("candidate", "2027-04-14 14:00"), ("action", "save")],
            headers: cookie
        )
        #expect(noToken.status == 403)
        let other = try await client.post(
            "/chair/g2/confirm/2027-04",
            form: [("csrf", token), ("action", "save")],
            headers: cookie
        )
        #expect(other.status == 403 || other.status == 404)

        // A date outside the window is shown as a problem with what to do, and nothing is saved.
        let outside = try await client.post(
            path,
            form: [
                ("csrf", token), ("candidate", "other"), ("date", "2027-05-12"), ("time", "14:00"), ("action", "save"),
            ],
            headers: cookie
        )
        #expect(outside.status == 422)
        #expect(outside.body.contains("is not in the 2027-04 window") && outside.body.contains("What to do:"))
        let nothing = try await client.get(path, headers: cookie)
        #expect(nothing.body.contains("name=\"seen\" value=\"\""))

        let fields = [
            ("csrf", token), ("seen", ""), ("candidate", "2027-04-14 14:00"),
            ("agenda", "Welcome\r\nCatalogue <b>audit</b>\r\n"), ("online", "https://meet.example.org/g3"),
        ]
        let preview = try await client.post(path, form: fields + [("action", "preview")], headers: cookie)
        #expect(preview.status == 200)
        #expect(preview.body.contains("What this will send"))
        #expect(preview.body.contains(">agenda<") && preview.body.contains(">announcement<"), "\(preview.body)")
        #expect(preview.body.contains("Catalogue &lt;b&gt;audit&lt;/b&gt;") && !preview.body.contains("<b>audit"))
        #expect(
            try await client.get(path, headers: cookie).body.contains("name=\"seen\" value=\"\""),
            "preview saves nothing"
        )

        let saved = try await client.post(path, form: fields + [("action", "save")], headers: cookie)
        #expect(saved.status == 303)
        #expect(saved.header("Location") == "/chair/g3?saved=1#changes")
        // A second save from the same (now stale) page is refused rather than overwriting unseen.
        let stale = try await client.post(path, form: fields + [("action", "save")], headers: cookie)
        #expect(stale.status == 409)
        #expect(stale.body.contains("another chair saved a change"))

        let after = try await client.get("/chair/g3", headers: cookie)
        #expect(after.body.contains("Changes saved by the chairs"))
        #expect(after.body.contains("ann@test.example.org") && after.body.contains("start 2027-04-14 14:00"))
        #expect(!after.body.contains("href=\"/chair/g3/confirm/2027-04\""), "the window no longer waits for a date")

        let schedule = try ConvenorBinary.run(
            ["schedule", "--config", installation.configDirectory, "--now", "2027-02-09T12:00:00Z", "--group", "g3"])
        #expect(schedule.status == 0, "\(schedule.stderr)")
        #expect(schedule.stdout.contains("agenda") && schedule.stdout.contains("2027-04"), "\(schedule.stdout)")
        let log = try ConvenorBinary.run(["chairs", "log", "--config", installation.configDirectory])
        #expect(
            log.stdout.contains("#1  ") && log.stdout.contains("g3  2027-04  confirm  ann@test.example.org"),
            "\(log)"
        )
        let export = try ConvenorBinary.run(["chairs", "export", "--config", installation.configDirectory])
        #expect(
            export.stdout.contains("start: 2027-04-14 14:00") && export.stdout.contains("- Catalogue <b>audit</b>"),
            "\(export)"
        )
    }

    @Test func aChairPastesDraftMinutesMarksThemReadyAndOnlyThenTheyAreMailed() async throws {
        let installation = try Self.installation()
        defer { installation.cleanUp() }
        let (daemon, client) = try await WebServerTests.start(installation)
        let session = try await WebSignInTests.signIn(
            "ann@test.example.org",
            client: client,
            installation: installation
        )
        let cookie = ["Cookie": session]
        let path = "/chair/g3/minutes/2027-01"
        let form = try await client.get(path, headers: cookie)
        #expect(form.status == 200)
        #expect(form.body.contains("Nothing saved yet."))
        let token = try Self.csrf(in: form.body)
        #expect(try await client.get("/chair/g3/minutes/2027-04", headers: cookie).status == 404, "no meeting yet")

        let empty = try await client.post(
            path,
            form: [("csrf", token), ("text", " "), ("action", "draft")],
            headers: cookie
        )
        #expect(empty.status == 422 && empty.body.contains("the minutes are empty"))
        let text = "# Minutes\r\n\r\nPresent: Ann, Bob.\r\n\r\n- Agreed the <catalogue> audit.\r\n"
        let draft = try await client.post(
            path,
            form: [("csrf", token), ("text", text), ("format", "md"), ("action", "draft")],
            headers: cookie
        )
        #expect(draft.status == 303)
        let drafted = try await client.get(path, headers: cookie)
        #expect(drafted.body.contains("Draft: kept here, not mailed."))
        #expect(drafted.body.contains("- Agreed the &lt;catalogue&gt; audit."))
        let preview = try await client.post(
            path,
            form: [("csrf", token), ("text", text), ("format", "md"), ("action", "preview")],
            headers: cookie
        )
        #expect(preview.status == 200)
        #expect(preview.body.contains("The minutes mail, as the list will get it"))
        #expect(
            preview.body.contains("G3@LISTS.TEST.EXAMPLE.ORG") && preview.body.contains("Present: Ann, Bob."),
            "\(preview.body)"
        )
        daemon.stop()

        // A draft is never mailed. (The meeting was in January, before this installation's first start: the
        // operator's catch-up lets its minutes through the first-start rule, so only the draft marker holds them.)
        let drafts = try await installation.runOnce(now: "2027-02-09T13:00:00Z", catchUp: "2027-01-01")
        #expect(drafts.status == 0, "\(drafts.stderr)")
        #expect(!Self.minutesMailed(in: installation))

        let again = try installation.startDaemon(now: "2027-02-09T13:30:00Z")
        #expect(await again.waitForLog("web pages"), "\(again.log)")
        let client2 = try #require(WebClient(log: again.log))
        let ready = try await client2.post(
            path,
            form: [("csrf", token), ("text", text), ("format", "md"), ("action", "ready")],
            headers: cookie
        )
        #expect(ready.status == 303, "\(ready.body)")
        #expect(try await client2.get(path, headers: cookie).body.contains("Ready: these minutes are mailed"))
        again.stop()
        let once = try await installation.runOnce(now: "2027-02-09T14:00:00Z", catchUp: "2027-01-01")
        #expect(once.status == 0, "\(once.stderr)")
        #expect(Self.minutesMailed(in: installation), "\(installation.outboxFiles())")
    }

    /// True when the outbox holds g3's minutes mail, with the pasted text in it.
    static func minutesMailed(in installation: RunInstallation) -> Bool {
        installation.outboxFiles().contains { name in
            guard let mail = try? String(contentsOfFile: installation.outbox + "/" + name, encoding: .utf8) else {
                return false
            }
            return mail.contains("G3@LISTS.TEST.EXAMPLE.ORG") && mail.contains("Present: Ann, Bob.")
        }
    }
}
