import Testing

@testable import ConvenorCore

/// Issue 15: `calendar_file:` names the feed the daemon keeps current, checked like every other key.
@Suite struct CalendarFileConfigTests {
    @Test func aRelativeCalendarFileIsResolvedAgainstTheConfigFolder() {
        let parsed = ConfigTextFixtures.parse(
            installation: ConfigTextFixtures.installation + "calendar_file: ../www/calendar.ics\n"
        )
        #expect(parsed.diagnostics.isEmpty)
        let expected = ConfigPath.resolve("../www/calendar.ics", against: ConfigTextFixtures.root)
        #expect(parsed.config?.installation.calendarFile == expected)
    }

    @Test func withoutTheKeyNoFileIsKept() {
        #expect(ConfigTextFixtures.parse().config?.installation.calendarFile == nil)
    }

    /// The fix is the operator's own value made into a `.ics` file name.
    @Test(arguments: [
        (
            "/srv/www/aln/",
            "config/convenor.yaml:8:16: error: `calendar_file` should name a calendar file ending in .ics, not `/srv/www/aln/`; write `calendar_file: /srv/www/aln/calendar.ics`, in a folder your web server publishes"
        ),
        (
            "/srv/www/aln/meetings.cal",
            "config/convenor.yaml:8:16: error: `calendar_file` should name a calendar file ending in .ics, not `/srv/www/aln/meetings.cal`; write `calendar_file: /srv/www/aln/meetings.ics`, in a folder your web server publishes"
        ),
        (
            "meetings",
            "config/convenor.yaml:8:16: error: `calendar_file` should name a calendar file ending in .ics, not `meetings`; write `calendar_file: meetings.ics`, in a folder your web server publishes"
        ),
    ])
    func aCalendarFileNotEndingInICSIsRefusedWithItsOwnNameFixed(value: String, message: String) {
        let installation = ConfigTextFixtures.installation + "calendar_file: \(value)\n"
        #expect(ConfigTextFixtures.lines(installation: installation) == [message])
        #expect(ConfigTextFixtures.parse(installation: installation).config == nil)
    }
}
