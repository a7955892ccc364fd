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
        var after_confirm_path: String
        var agenda_after_save: String
        var cancel_notice: String
        var meeting_state: String
        var minutes_after_upload: String
        var minutes_after_ready: String
        var other_meeting_heading: String
        var other_minutes_heading: String
        var wording_problems: [String]
        var wording_preview: String
        var wording_notice: String
        var live_problems: [String]
        var live_preview: String
        var live_problems_after_fix: Int
        var live_status: String
        var live_same_page: Bool
        var live_text_kept: Bool
    }

    @Test func aChairSignsInFromTheOutboxMailInChromiumAndSeesTheirGroupOnly() async throws {
        // g1 (hostile name) and g2 as in the sign-in tests, and g3 for the confirm, agenda, call-off and minutes flow.
        let installation = try WebConfirmTests.installation()
        defer { installation.cleanUp() }
        let (daemon, client) = try await WebServerTests.start(installation)
        defer { daemon.stop() }
        // Screenshots go where the note can show them; a fresh temporary folder otherwise.
        let shots = ProcessInfo.processInfo.environment["CONVENOR_SCREENSHOTS"] ?? installation.directory
        let run = try Subprocess.run(
            "/usr/bin/python3",
            [
                RunInstallation.supportDirectory + "/browser_chair.py", client.baseURL, installation.outbox,
                "ann@test.example.org", "g1", "g2", shots, "g3",
            ]
        )
        #expect(run.status == 0, "\(run.stderr)")
        let seen = try JSONDecoder().decode(Seen.self, from: Data(run.stdout.utf8))
        #expect(seen.directory_title == "Groups of Test Network")
        #expect(seen.directory_groups.count == 3)
        #expect(seen.label_for_email == "Your address")
        #expect(seen.after_request == "Check your mail")
        #expect(seen.link_found)
        #expect(seen.after_sign_in_path == "/chair")
        #expect(seen.chair_page_heading.contains("<script>alert(1)</script>"), "escaped, so shown as text")
        #expect(
            seen.chair_page_sections == [
                "Waiting on the chairs", "Coming meetings", "The group's year", "What was sent", "Set by the operator",
                "Changes saved by the chairs",
            ]
        )
        #expect(seen.other_group_heading == "Not your group")
        #expect(seen.replayed_link_heading == "This sign-in link no longer works")
        #expect(seen.first_tab_focus == "Skip to the content")
        #expect(FileManager.default.fileExists(atPath: shots + "/issue-19-chair-page.png"))

        #expect(seen.after_confirm_path == "/chair/g3?saved=1#changes")
        #expect(seen.agenda_after_save == "Welcome\nBudget <b>2027</b>", "typed markup comes back as text")
        #expect(seen.cancel_notice.contains("has not been told about this meeting yet"), "\(seen.cancel_notice)")
        #expect(seen.meeting_state.hasPrefix("Called off: Both chairs are ill"))
        #expect(seen.minutes_after_upload.hasPrefix("Draft: kept here, not mailed."))
        #expect(seen.minutes_after_ready.hasPrefix("Ready: these minutes are mailed"))
        #expect(seen.other_meeting_heading == "Not your group" && seen.other_minutes_heading == "Not your group")
        // The misspelt tag is named at its line with what `convenor check` would suggest; nothing was saved.
        #expect(
            seen.wording_problems.count == 1 && seen.wording_problems[0].hasPrefix("Line 7:")
                && seen.wording_problems[0].contains("minutes"),
            "\(seen.wording_problems)"
        )
        #expect(
            seen.wording_preview.contains("Dear all, our own minutes words.")
                && seen.wording_preview.contains("Present: Ann, Bob."),
            "\(seen.wording_preview)"
        )
        #expect(
            seen.wording_notice.hasPrefix("Saved: the group's next minutes mail uses this wording."),
            "\(seen.wording_notice)"
        )
        // Typing alone, with no button and no page load, shows the check's finding and then the fixed preview; the
        // text being typed is left as it is.
        #expect(
            seen.live_problems.count == 1 && seen.live_problems[0].hasPrefix("Line 8:")
                && seen.live_problems[0].contains("minutes"),
            "\(seen.live_problems)"
        )
        #expect(
            seen.live_preview.contains("Live words.") && seen.live_preview.contains("Present: Ann, Bob."),
            "\(seen.live_preview)"
        )
        #expect(seen.live_problems_after_fix == 0 && seen.live_same_page && seen.live_text_kept)
        #expect(seen.live_status.hasPrefix("Checked and previewed as you typed."), "\(seen.live_status)")
        daemon.stop()
        // The daemon's pass mails the ready minutes (January's meeting predates the first start: the operator's
        // catch-up lets them through).
        let once = try await installation.runOnce(now: "2027-02-09T14:00:00Z", catchUp: "2027-01-01")
        #expect(once.status == 0, "\(once.stderr)")
        #expect(WebConfirmTests.minutesMailed(in: installation), "\(installation.outboxFiles())")
        #expect(
            installation.outboxFiles().contains { name in
                let mail = (try? String(contentsOfFile: installation.outbox + "/" + name, encoding: .utf8)) ?? ""
                return mail.contains("G3@LISTS.TEST.EXAMPLE.ORG") && mail.contains("Dear all, our own minutes words.")
            },
            "the daemon's minutes mail is in the chairs' wording"
        )
    }
}
