import ConvenorTesting
import Foundation
import Testing

/// A confirmed meeting on the web, through the running daemon: the agenda edited until its mail goes, a move and a
/// cancellation each shown as the notice the list will get before saving, and the confirm-date mail's link.
@Suite struct WebMeetingTests {
    /// The confirm tests' installation (g3: windows Jan and Apr, ann chairs it; g2: bob) with a public `base_url:`.
    static func installation() throws -> RunInstallation {
        let installation = try WebConfirmTests.installation()
        let yaml = installation.configDirectory + "/convenor.yaml"
        let text = try String(contentsOfFile: yaml, encoding: .utf8)
            .replacingOccurrences(of: "confirm-date: off", with: "confirm-date: 8 weeks before window")
            .replacingOccurrences(
                of: "web:\n  listen: 127.0.0.1:0\n",
                with: "web:\n  listen: 127.0.0.1:0\n  base_url: http://groups.test.example.org\n"
            )
        #expect(text.contains("base_url:"))
        try text.write(toFile: yaml, atomically: true, encoding: .utf8)
        return installation
    }

    /// The mail in the outbox whose text holds `marker`, waiting (bounded) for the daemon to write it.
    static func mail(containing marker: String, in installation: RunInstallation) async throws -> String? {
        let deadline = ContinuousClock.now + .seconds(20)
        while ContinuousClock.now < deadline {
            for name in installation.outboxFiles() {
                let text = try String(contentsOfFile: installation.outbox + "/" + name, encoding: .utf8)
                if text.contains(marker) { return text }
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        return nil
    }

    /// The digest the page put in a previewed form (`previewed`).
    static func previewed(in body: String) throws -> String {
        let range = try #require(body.range(of: #"name="previewed" value="[0-9a-f]{64}""#, options: .regularExpression))
        return String(body[range].dropFirst(#"name="previewed" value=""#.count).dropLast())
    }

    @Test func theConfirmDateMailLinksStraightToTheConfirmFormOfItsWindow() async throws {
        let installation = try Self.installation()
        defer { installation.cleanUp() }
        // g3's April window has no date; its second reminder is due on 18 February.
        let once = try await installation.runOnce(now: "2027-02-18T12:00:00Z")
        #expect(once.status == 0, "\(once.stderr)")
        let mail = try #require(
            try await Self.mail(containing: "Please confirm a meeting date: Group g3", in: installation),
            "\(installation.outboxFiles()) \(once.stderr)"
        )
        #expect(mail.contains("http://groups.test.example.org/chair/g3/confirm/2027-04"), "\(mail)")
    }

    @Test func aChairEditsTheAgendaMovesAndCallsOffAMeetingSeeingEachNoticeFirst() async throws {
        let installation = try Self.installation()
        defer { installation.cleanUp() }
        var (daemon, client) = try await WebServerTests.start(installation)
        // Each daemon this test starts is stopped however the test ends.
        var daemons = [daemon]
        defer { daemons.forEach { $0.stop() } }
        var cookie = try await WebSignInTests.sessionHeaders(
            "ann@test.example.org",
            client: client,
            installation: installation
        )
        let confirmForm = try await client.get("/chair/g3/confirm/2027-04", headers: cookie)
        var token = try WebConfirmTests.csrf(in: confirmForm.body)
        let confirmed = try await client.post(
            "/chair/g3/confirm/2027-04",
            form: [("csrf", token), ("candidate", "2027-04-14 14:00"), ("agenda", "Welcome"), ("action", "save")],
            headers: cookie
        )
        #expect(confirmed.status == 303)
        #expect(try await client.get("/chair/g3", headers: cookie).body.contains("href=\"/chair/g3/meeting/2027-04\""))

        let path = "/chair/g3/meeting/2027-04"
        let page = try await client.get(path, headers: cookie)
        #expect(page.status == 200)
        #expect(page.body.contains(">Welcome</textarea>"), "\(page.body)")

        // Another group's chair can neither open nor post to it.
        let bob = try await WebSignInTests.sessionHeaders(
            "bob@test.example.org",
            client: client,
            installation: installation
        )
        #expect(try await client.get(path, headers: bob).status == 403)
        #expect(try await client.post(path, form: [("csrf", token), ("action", "agenda")], headers: bob).status == 403)
        #expect(
            try await client.post(path, form: [("action", "agenda"), ("agenda", "x")], headers: cookie).status == 403
        )

        let agenda = try await client.post(
            path,
            form: [
                ("csrf", token), ("seen", "1"), ("agenda", "Welcome\r\nBudget <script>x</script>\r\n"),
                ("action", "agenda"),
            ],
            headers: cookie
        )
        #expect(agenda.status == 303)
        #expect(agenda.header("Location") == "\(path)?saved=2")
        let edited = try await client.get(path, headers: cookie)
        #expect(edited.body.contains("Budget &lt;script&gt;x&lt;/script&gt;") && !edited.body.contains("<script>x"))

        // A reason that would start a header of its own is a problem shown next to the field.
        let injected = try await client.post(
            path,
            form: [
                ("csrf", token), ("seen", "2"), ("date", "2027-04-21"), ("time", "14:00"),
                ("reason", "Flood\r\nBcc: eve@evil.example.org"), ("action", "preview-move"),
            ],
            headers: cookie
        )
        #expect(injected.status == 422)
        #expect(
            injected.body.contains("line break") && injected.body.contains("id=\"move-problems\""),
            "\(injected.body)"
        )
        let outside = try await client.post(
            path,
            form: [
                ("csrf", token), ("seen", "2"), ("date", "2027-05-12"), ("time", "14:00"), ("reason", "Room"),
                ("action", "preview-move"),
            ],
            headers: cookie
        )
        #expect(outside.status == 422 && outside.body.contains("is not in the 2027-04 window"))
        // Not announced yet: calling it off sends nothing to the list, and the page says so.
        let quiet = try await client.post(
            path,
            form: [("csrf", token), ("seen", "2"), ("reason", "Ill"), ("action", "preview-cancel")],
            headers: cookie
        )
        #expect(quiet.status == 200 && quiet.body.contains("has not been told about this meeting yet"), "\(quiet.body)")
        daemon.stop()

        // The save-the-date goes out; then the chair moves the meeting.
        let announced = try await installation.runOnce(now: "2027-03-18T12:00:00Z")
        #expect(announced.status == 0, "\(announced.stderr)")
        #expect(
            installation.outboxFiles().contains { $0.contains("g3.announcement.2027-04") },
            "\(installation.outboxFiles())"
        )
        daemon = try installation.startDaemon(now: "2027-03-19T12:00:00Z")
        daemons.append(daemon)
        #expect(await daemon.waitForLog("web pages"), "\(daemon.log)")
        client = try #require(WebClient(log: daemon.log))
        cookie = try await WebSignInTests.sessionHeaders(
            "ann@test.example.org",
            client: client,
            installation: installation
        )
        token = try WebConfirmTests.csrf(in: try await client.get(path, headers: cookie).body)
        let move = [
            ("csrf", token), ("seen", "2"), ("date", "2027-04-21"), ("time", "14:00"), ("online", ""), ("venue", ""),
            ("reason", "The room is <flooded>"),
        ]
        let notice = try await client.post(path, form: move + [("action", "preview-move")], headers: cookie)
        #expect(notice.status == 200)
        #expect(
            notice.body.contains("The notice the list will get") && notice.body.contains("Meeting changed: Group g3"),
            "\(notice.body)"
        )
        #expect(notice.body.contains("Was:") && notice.body.contains("The room is &lt;flooded&gt;"))
        #expect(notice.body.contains("G3@LISTS.TEST.EXAMPLE.ORG"))
        let digest = try Self.previewed(in: notice.body)
        // Saving without having seen this very notice shows it rather than saving.
        let unseen = try await client.post(
            path,
            form: move + [("previewed", "0" + digest.dropFirst()), ("action", "move")],
            headers: cookie
        )
        #expect(unseen.status == 200 && unseen.body.contains("The notice the list will get"))
        let moved = try await client.post(
            path,
            form: move + [("previewed", digest), ("action", "move")],
            headers: cookie
        )
        #expect(moved.status == 303, "\(moved.body)")
        // The daemon plans with the change at once: the notice is in the outbox without waiting for a wake-up.
        let sentNotice = try #require(try await Self.mail(containing: "Meeting changed: Group g3", in: installation))
        #expect(sentNotice.contains("The room is <flooded>"))
        daemon.stop()

        // Once the agenda mail has gone the agenda is closed, with its Message-ID on the page.
        let agendaSent = try await installation.runOnce(now: "2027-04-15T12:00:00Z")
        #expect(agendaSent.status == 0, "\(agendaSent.stderr)")
        daemon = try installation.startDaemon(now: "2027-04-15T13:00:00Z")
        daemons.append(daemon)
        #expect(await daemon.waitForLog("web pages"), "\(daemon.log)")
        client = try #require(WebClient(log: daemon.log))
        cookie = try await WebSignInTests.sessionHeaders(
            "ann@test.example.org",
            client: client,
            installation: installation
        )
        let closed = try await client.get(path, headers: cookie)
        #expect(closed.body.contains("The agenda mail has gone to the list"), "\(closed.body)")
        #expect(closed.body.contains("&lt;convenor.g3.agenda.2027-04.r1@"), "\(closed.body)")
        #expect(!closed.body.contains("name=\"agenda\""))
        token = try WebConfirmTests.csrf(in: closed.body)
        let late = try await client.post(
            path,
            form: [("csrf", token), ("seen", "3"), ("agenda", "Late item"), ("action", "agenda")],
            headers: cookie
        )
        #expect(late.status == 409)

        let cancel = [("csrf", token), ("seen", "3"), ("reason", "Both chairs are ill")]
        let cancelNotice = try await client.post(path, form: cancel + [("action", "preview-cancel")], headers: cookie)
        #expect(
            cancelNotice.body.contains("Cancelled: Group g3") && cancelNotice.body.contains("Both chairs are ill"),
            "\(cancelNotice.body)"
        )
        let cancelled = try await client.post(
            path,
            form: cancel + [("previewed", try Self.previewed(in: cancelNotice.body)), ("action", "cancel")],
            headers: cookie
        )
        #expect(cancelled.status == 303)
        #expect(try await Self.mail(containing: "Cancelled: Group g3", in: installation) != nil)
        #expect(try await client.get(path, headers: cookie).body.contains("Called off: Both chairs are ill"))
        let log = try ConvenorBinary.run(["chairs", "log", "--config", installation.configDirectory])
        #expect(
            log.stdout.contains("reschedule  ann@test.example.org")
                && log.stdout.contains("cancel  ann@test.example.org"),
            "\(log)"
        )
    }
}
