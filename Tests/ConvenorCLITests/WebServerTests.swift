import ConvenorTesting
import Foundation
import Testing

/// The daemon's web server as anyone reaches it: the directory, group pages, feeds, `/healthz` and `/metrics`.
@Suite struct WebServerTests {
    /// An installation whose first group has a hostile name, with `web:` on an OS-assigned loopback port.
    static func installation() throws -> RunInstallation {
        let installation = try RunInstallation(groups: 2)
        let hostile = ConfigFixtures.daemonGroupYAML(id: "g1").replacingOccurrences(
            of: "name: Group g1",
            with: "name: \"<script>alert(1)</script> & 'Co'\""
        )
        try hostile.write(toFile: installation.configDirectory + "/groups/g1.yaml", atomically: true, encoding: .utf8)
        let yaml = installation.configDirectory + "/convenor.yaml"
        let text = try String(contentsOfFile: yaml, encoding: .utf8) + "web:\n  listen: 127.0.0.1:0\n"
        try text.write(toFile: yaml, atomically: true, encoding: .utf8)
        return installation
    }

    /// Starts the daemon at 2027-02-09 12:00 UTC (four announcements per group are due) and waits for its web.
    static func start(_ installation: RunInstallation, sent: Int = 8) async throws -> (RunningDaemon, WebClient) {
        let daemon = try installation.startDaemon(now: "2027-02-09T12:00:00Z")
        #expect(await daemon.waitForLog("] sent", count: sent), "\(daemon.log)")
        #expect(await daemon.waitForLog("web pages"), "\(daemon.log)")
        let client = try #require(WebClient(log: daemon.log), "\(daemon.log)")
        return (daemon, client)
    }

    /// `start`, then `address` signed in through the mailed link: the daemon, the client and the headers that
    /// carry the session. The daemon is stopped again when the sign-in fails.
    static func start(
        _ installation: RunInstallation,
        signedInAs address: String
    ) async throws -> (RunningDaemon, WebClient, [String: String]) {
        let (daemon, client) = try await start(installation)
        do {
            let session = try await WebSignInTests.sessionHeaders(address, client: client, installation: installation)
            return (daemon, client, session)
        } catch {
            daemon.stop()
            throw error
        }
    }

    @Test func everyPageCarriesTheSecurityHeadersAndEscapesHostileNames() async throws {
        let installation = try Self.installation()
        defer { installation.cleanUp() }
        let (daemon, client) = try await Self.start(installation)
        defer { daemon.stop() }

        let directory = try await client.get("/")
        #expect(directory.status == 200)
        #expect(directory.header("Content-Type") == "text/html; charset=utf-8")
        let policy = try #require(directory.header("Content-Security-Policy"))
        #expect(policy.contains("default-src 'none'") && policy.contains("frame-ancestors 'none'"))
        // Script only from this server's own file, never inline or evaluated; the directory needs none at all.
        #expect(policy.contains("script-src 'self';") && policy.contains("connect-src 'self';"), "\(policy)")
        #expect(!policy.contains("unsafe-inline") && !policy.contains("unsafe-eval") && !policy.contains("*"))
        #expect(directory.header("X-Content-Type-Options") == "nosniff")
        #expect(directory.header("Referrer-Policy") == "no-referrer")
        #expect(!directory.body.contains("<script"))
        #expect(directory.body.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#39;Co&#39;"))
        // No address of anyone: the groups did not opt in.
        #expect(!directory.body.contains("ann@test.example.org"))
        #expect(!directory.body.contains("ops@test.example.org"))

        let group = try await client.get("/groups/g1")
        #expect(group.status == 200)
        #expect(group.body.contains("&lt;script&gt;"))
        #expect(!group.body.contains("<script>"))
        let missing = try await client.get("/groups/%3Cb%3Enope")
        #expect(missing.status == 404)
        #expect(missing.header("Content-Security-Policy") == policy)
        #expect(!missing.body.contains("<b>nope"))
        let unknownRoute = try await client.get("/nothing/here")
        #expect(unknownRoute.status == 404)
        #expect(unknownRoute.header("X-Content-Type-Options") == "nosniff")
    }

    @Test func theFeedCarriesTheAnnouncedMeetingsWithTheMailsUIDsAndSequences() async throws {
        let installation = try Self.installation()
        defer { installation.cleanUp() }
        let (daemon, client) = try await Self.start(installation)
        defer { daemon.stop() }

        let feed = try await client.get("/groups/g2/calendar.ics")
        #expect(feed.status == 200)
        #expect(feed.header("Content-Type") == "text/calendar; charset=utf-8")
        let feedUIDs = Set(Self.values("UID", in: feed.body))
        #expect(feedUIDs.count == 4, "\(feed.body)")
        // Each announcement mail's calendar part has the UID and SEQUENCE the feed has.
        var mailUIDs: Set<String> = []
        for file in installation.outboxFiles() where file.contains(".g2.announcement.") {
            let mail = try String(contentsOfFile: installation.outbox + "/" + file, encoding: .utf8)
            let ics = Self.decodedCalendarPart(mail)
            mailUIDs.formUnion(Self.values("UID", in: ics))
            #expect(Self.values("SEQUENCE", in: ics) == ["0"])
        }
        #expect(mailUIDs == feedUIDs)
        #expect(Self.values("SEQUENCE", in: feed.body) == ["0", "0", "0", "0"])
        let all = try await client.get("/calendar.ics")
        #expect(Set(Self.values("UID", in: all.body)).count == 8)
        let page = try await client.get("/groups/g2")
        #expect(
            page.body.contains("Wed 3 Mar 2027, 14:00–15:30 GMT") || page.body.contains("Wed 3 Mar 2027, 14:00"),
            "\(page.body)"
        )
        #expect(try await client.get("/groups/nope/calendar.ics").status == 404)
    }

    @Test func healthAndMetricsReportTheLedger() async throws {
        let installation = try Self.installation()
        defer { installation.cleanUp() }
        let (daemon, client) = try await Self.start(installation)
        defer { daemon.stop() }

        let health = try await client.get("/healthz")
        #expect(health.status == 200 && health.body == "ok\n")
        let metrics = try await client.get("/metrics")
        #expect(metrics.status == 200)
        #expect(metrics.header("Content-Type")?.hasPrefix("text/plain; version=0.0.4") == true)
        let lines = metrics.body.split(separator: "\n").map(String.init)
        #expect(lines.contains("convenor_mailings_sent 8.0"), "\(metrics.body)")
        #expect(lines.contains("convenor_mailings_failed 0.0"))
        #expect(lines.contains("convenor_groups 2.0"))
        #expect(lines.contains { $0.hasPrefix("convenor_last_pass_timestamp_seconds ") })
        // The next mailing is the calls for agenda, 2027-02-10 09:00 London = 09:00 UTC.
        #expect(lines.contains("convenor_next_due_timestamp_seconds 1802250000.0"), "\(metrics.body)")
    }

    /// The values of `NAME:` lines of an iCalendar text (unfolded enough for UID, SEQUENCE).
    static func values(_ name: String, in text: String) -> [String] {
        text.components(separatedBy: "\r\n").flatMap { $0.components(separatedBy: "\n") }
            .filter { $0.hasPrefix(name + ":") }.map { String($0.dropFirst(name.count + 1)) }
    }

    /// The `text/calendar` part of a MIME message, base64-decoded if it is.
    static func decodedCalendarPart(_ mail: String) -> String {
        guard let start = mail.range(of: "Content-Type: text/calendar") else { return "" }
        let rest = mail[start.upperBound...]
        guard let blank = rest.range(of: "\r\n\r\n") else { return "" }
        let after = rest[blank.upperBound...]
        let body = after.range(of: "\r\n--").map { after[..<$0.lowerBound] } ?? after
        let joined = body.replacingOccurrences(of: "\r\n", with: "")
        if let data = Data(base64Encoded: joined), let text = String(data: data, encoding: .utf8) { return text }
        return String(body)
    }
}
