import ConvenorTesting
import Foundation
import Testing

/// The chairs' web in a real browser: headless Chromium through chromedriver and Selenium (Debian's
/// `chromium-driver` and `python3-selenium`, installed by `make test-deps`), against the real daemon on 127.0.0.1.
@Suite struct WebBrowserTests {
    struct Seen: Decodable {
        var directory_title: String
        var directory_groups: [String]
        var label_for_email: String
        var after_request: String
        var link_found: Bool
        var after_sign_in_path: String
        var chair_page_heading: String
        var chair_page_sections: [String]
        var other_group_heading: String
        var replayed_link_heading: String
        var first_tab_focus: String
    }

    @Test func aChairSignsInFromTheOutboxMailInChromiumAndSeesTheirGroupOnly() async throws {
        let installation = try WebSignInTests.installation()
        defer { installation.cleanUp() }
        let (daemon, client) = try await WebServerTests.start(installation)
        defer { daemon.stop() }
        // Screenshots go where the note can show them; a fresh temporary folder otherwise.
        let shots = ProcessInfo.processInfo.environment["CONVENOR_SCREENSHOTS"] ?? installation.directory
        let run = try Subprocess.run(
            "/usr/bin/python3",
            [
                RunInstallation.supportDirectory + "/browser_chair.py", client.baseURL, installation.outbox,
                "ann@test.example.org", "g1", "g2", shots,
            ])
        #expect(run.status == 0, "\(run.stderr)")
        let seen = try JSONDecoder().decode(Seen.self, from: Data(run.stdout.utf8))
        #expect(seen.directory_title == "Groups of Test Network")
        #expect(seen.directory_groups.count == 2)
        #expect(seen.label_for_email == "Your address")
        #expect(seen.after_request == "Check your mail")
        #expect(seen.link_found)
        #expect(seen.after_sign_in_path == "/chair")
        #expect(seen.chair_page_heading.contains("<script>alert(1)</script>"), "escaped, so shown as text")
        #expect(
            seen.chair_page_sections == [
                "Waiting on the chairs", "Coming meetings", "The group's year", "What was sent", "Set by the operator",
                "Changes saved by the chairs",
            ])
        #expect(seen.other_group_heading == "Not your group")
        #expect(seen.replayed_link_heading == "This sign-in link no longer works")
        #expect(seen.first_tab_focus == "Skip to the content")
        #expect(FileManager.default.fileExists(atPath: shots + "/issue-19-chair-page.png"))
    }
}
