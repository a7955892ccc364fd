import ConvenorCore
import ConvenorTesting
import Foundation
import Testing

/// Issue 15: minutes marked `draft: true` are never mailed, and the minutes-chase says a draft was found.
@Suite struct MinutesDraftTests {
    /// (file text, draft?, body mailed).
    @Test(arguments: [
        ("---\ndraft: true\n---\n# Minutes\n", true, "# Minutes\n"),
        ("---\ndraft: yes\n---\nPresent: all\n", true, "Present: all\n"),
        ("---\ndraft: false\n---\n# Minutes\n", false, "# Minutes\n"),
        ("---\ndraft: maybe\n---\n# Minutes\n", true, "# Minutes\n"),
        ("---\ntitle: November\ndraft: true\n---\nText\n", true, "Text\n"),
        // No front matter: ready, as installed minutes always were.
        ("# Minutes\n\nPresent: all\n", false, "# Minutes\n\nPresent: all\n"),
        // A Markdown rule opening the minutes, not front matter.
        (
            "---\nPresent: all, apologies from Sam\n---\nText\n", false,
            "---\nPresent: all, apologies from Sam\n---\nText\n"
        ),
        ("---\nIntroductions\n\nMore text\n", false, "---\nIntroductions\n\nMore text\n"),
        ("", false, ""),
    ])
    func frontMatter(text: String, draft: Bool, body: String) {
        let reading = MinutesDraft.read(text)
        #expect(reading.isDraft == draft)
        #expect(reading.body == body)
    }

    @Test func aDraftIsNotMailedAndTheChaseSaysDraftFound() throws {
        let path = "/srv/convenor/config/minutes/2026-11-12.md"
        let group = ConfigFixtures.customerServicesCoP()
        let config = ConfigFixtures.config(groups: [group])
        let key = MinutesDraft.key(group: group.id, occurrence: "2026-10")
        let scheduler = Scheduler(config: config, existingMinutes: [], draftMinutes: [key: path])
        let mailings = scheduler.mailings(
            from: ConfigFixtures.date("2026-11-01").startInstant(in: group.timeZone),
            to: ConfigFixtures.date("2027-01-01").startInstant(in: group.timeZone)
        )
        #expect(!mailings.contains { $0.key.kind == .minutes })
        let chase = try #require(mailings.first { $0.key.kind == .minutesChase })
        #expect(chase.minutesDraft == path)
        // Without the draft the chase has nothing to say about one.
        let plain = Scheduler(config: config).mailings(
            from: ConfigFixtures.date("2026-11-01").startInstant(in: group.timeZone),
            to: ConfigFixtures.date("2027-01-01").startInstant(in: group.timeZone)
        )
        #expect(plain.first { $0.key.kind == .minutesChase }?.minutesDraft == nil)
    }

    @Test func theChairsWebDraftIsTheSameFact() {
        let group = ConfigFixtures.customerServicesCoP(meetings: [ConfigFixtures.meeting("2026-11-12 14:00")])
        let change = ChairChange(
            number: 1,
            group: group.id,
            occurrence: "2026-10",
            action: .minutesDraft,
            payload: "# Minutes\n",
            format: "md",
            author: "c.townson@example.ac.uk",
            at: Date(timeIntervalSince1970: 1_790_000_000)
        )
        let merged = ChairOverlay.apply([change], to: ConfigFixtures.config(groups: [group])).config
        #expect(merged.draftMinutes == ["customer-services-cop/2026-10": "saved on the chairs' web"])
        let chase = Scheduler(config: merged).mailings(
            from: ConfigFixtures.date("2026-11-01").startInstant(in: group.timeZone),
            to: ConfigFixtures.date("2027-01-01").startInstant(in: group.timeZone)
        ).first { $0.key.kind == .minutesChase }
        #expect(chase?.minutesDraft == "saved on the chairs' web")
    }

    @Test func theChaseForADraftQuotedWhole() throws {
        var mailing = RenderFixture.mailing(.minutesChase)
        mailing.minutesDraft = "/etc/convenor/minutes/2026-11-12.md"
        let rendered = try TemplateRendererTests.renderer().render(
            mailing,
            group: RenderFixture.group,
            installation: RenderFixture.installation,
            minutes: nil,
            previousMeeting: nil
        )
        #expect(
            TemplateRendererTests.snapshot(rendered) == """
                Subject: Minutes needed: Customer Services Community of Practice, Thursday 12 November 2026
                Reply-To: (default: the chairs)

                Dear Charly and Rachel,

                Your meeting on Thursday 12 November 2026: draft found, not marked ready
                (/etc/convenor/minutes/2026-11-12.md), so nothing has gone to the list.

                When the minutes are ready, mark them so: remove the draft: true line
                (and the --- lines around it) from the top of the file, or press
                "Mark ready" on the meeting's minutes page of the chairs' web. convenor
                then mails them to the list, ALN-CUSTOMER-SERVICES-COP@JISCMAIL.AC.UK.

                This reminder was sent on Thursday 26 November 2026.

                convenor, for the Academic Libraries North groups

                """
        )
    }
}
