import ConvenorCore
import Foundation
import Testing

@Suite struct TemplateRenderingBehaviourTests {
    static func renderer(adding extra: [String: String] = [:]) throws -> TemplateRenderer {
        var sources = try RenderFixture.shippedTemplates()
        sources.files.merge(extra) { $1 }
        return try TemplateRenderer(sources: sources)
    }

    static func render(
        _ kind: MailingKind,
        group: Group = RenderFixture.group,
        meeting: ScheduledMeeting? = nil,
        templates: [String: String] = [:]
    ) throws -> RenderedMailing {
        try renderer(adding: templates).render(
            RenderFixture.mailing(kind, meeting: meeting),
            group: group,
            installation: RenderFixture.installation,
            minutes: RenderFixture.minutesText
        )
    }

    static let meetingKinds: [MailingKind] = [
        .announcement, .callForAgenda, .agenda, .reminder, .rescheduled, .cancelled,
    ]

    @Test(arguments: meetingKinds)
    func meetingMailsCarryDateTimeZoneAndPlaceInTheText(kind: MailingKind) throws {
        let online = try Self.render(kind, meeting: RenderFixture.meeting("2026-11-19 14:00"))
        #expect(online.body.contains("Thursday 19 November 2026, 14:00–15:30 GMT"))
        #expect(online.body.contains(RenderFixture.online))
        let venue = "Room 1, Parkinson Building, University of Leeds"
        let inPerson = try Self.render(kind, meeting: RenderFixture.meeting(place: Place(venue: venue)))
        #expect(inPerson.body.contains(venue))
        #expect(!inPerson.body.contains(RenderFixture.online))
    }

    @Test func summerMeetingsPrintBritishSummerTime() throws {
        let rendered = try Self.render(.agenda, meeting: RenderFixture.meeting("2027-06-09 10:00", minutes: 60))
        #expect(rendered.body.contains("Wednesday 9 June 2027, 10:00–11:00 BST"))
        #expect(rendered.subject == "Agenda: Customer Services Community of Practice, Wednesday 9 June 2027")
    }

    @Test func aGroupOverrideIsPickedForThatGroupOnly() throws {
        let override = "---\nsubject: \"CS CoP agenda {{meeting.date}}\"\nreply_to: cop@example.org\n---\nOurs.\n"
        let templates = ["customer-services-cop/agenda.mustache": override]
        let ours = try Self.render(.agenda, templates: templates)
        #expect(
            ours
                == RenderedMailing(
                    subject: "CS CoP agenda 2026-11-12",
                    replyTo: [MailAddress(address: "cop@example.org")],
                    body: "Ours.\n"
                )
        )

        var other = RenderFixture.group
        other.id = "metadata-sig"
        let theirs = try Self.render(.agenda, group: other, templates: templates)
        #expect(theirs.subject == "Agenda: Customer Services Community of Practice, Thursday 12 November 2026")
        let renderer = try Self.renderer(adding: templates)
        #expect(
            renderer.templatePath(for: .mailing(.agenda), group: "customer-services-cop")
                == "templates/customer-services-cop/agenda.mustache"
        )
        #expect(renderer.templatePath(for: .mailing(.agenda), group: "metadata-sig") == "templates/agenda.mustache")
    }

    @Test func lineBreaksInValuesNeverReachTheSubjectAndFoldInOneLineFields() throws {
        var group = RenderFixture.group
        group.name = "Customer Services\r\nBcc: victim@example.org\rCoP"
        let meeting = RenderFixture.meeting(agenda: ["Welcome\r\nand introductions", "Line\nbreak\n\nitem", "\r\n"])
        for kind in MailingKind.allCases {
            let rendered = try Self.renderer().render(
                RenderFixture.mailing(kind, meeting: meeting),
                group: group,
                installation: RenderFixture.installation,
                minutes: "Line one\r\nLine two\rLine three"
            )
            #expect(!rendered.subject.contains { $0.isNewline }, "\(kind)")
            #expect(!rendered.body.contains("\r"), "\(kind)")
            #expect(rendered.body.hasSuffix("\n") && !rendered.body.hasSuffix("\n\n"), "\(kind)")
        }
        let agenda = try Self.renderer().render(
            RenderFixture.mailing(.agenda, meeting: meeting),
            group: group,
            installation: RenderFixture.installation
        )
        #expect(agenda.subject == "Agenda: Customer Services Bcc: victim@example.org CoP, Thursday 12 November 2026")
        #expect(agenda.body.contains("  1. Welcome and introductions\n  2. Line break item\n\n"))
    }

    @Test func aSubjectWrittenOverSeveralLinesBecomesOneLine() throws {
        let template = "---\nsubject: >\n  Agenda for\n  {{meeting.date_long}}\n---\nBody\n"
        let rendered = try Self.render(.agenda, templates: ["agenda.mustache": template])
        #expect(rendered.subject == "Agenda for Thursday 12 November 2026")
    }

    @Test func nothingIsHTMLEscapedEvenWithoutThePragma() throws {
        var group = RenderFixture.group
        group.name = "Books & <Bytes> \"SIG\""
        let template = "---\nsubject: \"{{group.name}}\"\n---\n{{group.name}} {{{group.name}}}\n"
        let rendered = try Self.render(.agenda, group: group, templates: ["agenda.mustache": template])
        #expect(rendered.subject == "Books & <Bytes> \"SIG\"")
        #expect(rendered.body == "Books & <Bytes> \"SIG\" Books & <Bytes> \"SIG\"\n")
    }

    @Test func replyToEntriesRenderAndEmptyOnesFallAway() throws {
        let template =
            "---\nsubject: Review\nreply_to: [\"{{liaison.email}}\", \"Chairs <chairs@example.org>\"]\n---\nB\n"
        let withLiaison = try Self.render(.torReview, templates: ["tor-review.mustache": template])
        #expect(
            withLiaison.replyTo == [
                MailAddress(address: "t.stubbs@example.ac.uk"),
                MailAddress(displayName: "Chairs", address: "chairs@example.org"),
            ]
        )
        var group = RenderFixture.group
        group.liaison = nil
        let without = try Self.render(.torReview, group: group, templates: ["tor-review.mustache": template])
        #expect(without.replyTo == [MailAddress(displayName: "Chairs", address: "chairs@example.org")])
        #expect(try Self.render(.torReview).replyTo == nil)
        #expect(
            try Self.render(.torReview).replyToAddresses(defaultingTo: RenderFixture.group) == [
                MailAddress(displayName: "Charly Townson", address: "c.townson@example.ac.uk"),
                MailAddress(displayName: "Rachel Gladwin", address: "r.gladwin@example.ac.uk"),
            ]
        )
        #expect(without.replyToAddresses(defaultingTo: group) == without.replyTo)
    }

    @Test func aReplyToThatRendersAsNoAddressIsAnError() throws {
        let template = "---\nsubject: Review\nreply_to: \"{{group.name}}\"\n---\nB\n"
        #expect {
            try Self.render(.torReview, templates: ["tor-review.mustache": template])
        } throws: { error in
            (error as? TemplateError)?.description
                == "templates/tor-review.mustache:2: error: reply_to came out as 'Customer Services Community of "
                + "Practice', which is not a mail address; write name@example.org or \"Name <name@example.org>\""
        }
    }

    @Test func aRendererRefusesADirectoryWithErrors() throws {
        var sources = try RenderFixture.shippedTemplates()
        sources.files["agenda.mustache"] = "---\nsubject: A\n---\n{{meeting.dat_long}}\n"
        #expect {
            try TemplateRenderer(sources: sources)
        } throws: { error in
            (error as? TemplateError)?.description
                == "templates/agenda.mustache:4:1: error: no variable 'meeting.dat_long'; did you mean 'meeting.date_long'?"
        }
    }

    @Test func repeatedConfirmDateMailsDifferByTheirDate() throws {
        let renderer = try Self.renderer()
        var first = RenderFixture.mailing(.confirmDate)
        var second = first
        first.due = RenderFixture.instant("2026-08-06 09:00")
        second.due = RenderFixture.instant("2026-08-20 09:00")
        let one = try renderer.render(first, group: RenderFixture.group, installation: RenderFixture.installation)
        let two = try renderer.render(second, group: RenderFixture.group, installation: RenderFixture.installation)
        #expect(one.body != two.body)
        #expect(two.body.contains("Thursday 20 August 2026"))
    }

    @Test(arguments: MailingKind.allCases)
    func everyMailPrintsTheDayItIsSentSoRepeatsDiffer(kind: MailingKind) throws {
        let renderer = try Self.renderer()
        var mailing = RenderFixture.mailing(kind)
        let first = try renderer.render(mailing, group: RenderFixture.group, installation: RenderFixture.installation)
        mailing.due = mailing.due.addingTimeInterval(14 * 86_400)
        let second = try renderer.render(mailing, group: RenderFixture.group, installation: RenderFixture.installation)
        #expect(first.body != second.body)
    }

    @Test func theShippedTemplatesKeepTheirOwnLinesShort() throws {
        let long = try RenderFixture.shippedTemplates().files.sorted { $0.key < $1.key }.flatMap { path, text in
            text.split(separator: "\n").filter { !$0.contains("{{") && $0.count > 76 }.map { "\(path): \($0)" }
        }
        #expect(long == [])
    }

    @Test func aCancellationCarriesTheChairsReason() throws {
        var group = RenderFixture.group
        group.meetings[0].cancelled = true
        group.meetings[0].cancellationReason = "Both chairs are away at the UKSG conference."
        let rendered = try Self.render(.cancelled, group: group)
        #expect(
            rendered.body.contains(
                "GMT\n  Online: \(RenderFixture.online)\n\nBoth chairs are away at the UKSG conference.\n\n"
            )
        )
    }

    @Test func windowsLineEndsInATemplateRenderAsLF() throws {
        let template =
            "---\r\nsubject: \"A {{meeting.date}}\"\r\n---\r\n{{% CONTENT_TYPE: TEXT}}\r\nOne\r\n"
            + "{{#meeting.agenda}}\r\n- {{text}}\r\n{{/meeting.agenda}}\r\n"
        let rendered = try Self.render(.agenda, templates: ["agenda.mustache": template])
        #expect(
            rendered.body == "One\n- Welcome and introductions\n- Benchmarking service standards across "
                + "institutions\n- Frontline forum: themes for the spring\n"
        )
    }
}
