import ConvenorCore
import Testing

@Suite struct TemplateCheckerTests {
    /// The shipped templates with one file replaced or added, checked; the printed diagnostics.
    static func check(
        _ text: String,
        at path: String = "agenda.mustache",
        groupIDs: Set<String>? = nil
    ) throws
        -> [String]
    {
        var sources = try RenderFixture.shippedTemplates()
        sources.files[path] = text
        return TemplateChecker.check(sources, groupIDs: groupIDs).map(\.description)
    }

    static let head = "---\nsubject: \"Agenda: {{group.name}}\"\n---\n{{% CONTENT_TYPE: TEXT}}\n"

    @Test func aMisspeltVariableIsReportedAtItsFileLineWithASuggestion() throws {
        let text = Self.head + "Dear colleagues,\n\nWhen: {{meeting.dat_long}}\n"
        #expect(
            try Self.check(text) == [
                "templates/agenda.mustache:7:7: error: no variable 'meeting.dat_long'; did you mean 'meeting.date_long'?"
            ]
        )
    }

    @Test func aMisspeltVariableInTheSubjectIsReportedInTheFrontMatter() throws {
        let text = "---\nsubject: \"Agenda: {{group.nme}}\"\n---\nBody\n"
        #expect(
            try Self.check(text) == [
                "templates/agenda.mustache:2:19: error: no variable 'group.nme'; did you mean 'group.name'?"
            ]
        )
    }

    @Test func anUnknownVariableWithNothingCloseSaysWhereTheListIs() throws {
        #expect(
            try Self.check(Self.head + "{{weather}}\n") == [
                "templates/agenda.mustache:5:1: error: no variable 'weather'; "
                    + "templates/README.md lists the variables of agenda templates"
            ]
        )
    }

    @Test func aNameInsideASectionResolvesAgainstTheSectionFirst() throws {
        let good =
            Self.head
            + "{{#chairs}}{{name}}{{#institution}} ({{.}}){{/institution}}{{^last()}}, {{/last()}}{{/chairs}}\n"
        #expect(try Self.check(good) == [])
        let bad = Self.head + "{{#chairs}}\n  {{nme}}\n{{/chairs}}\n"
        #expect(
            try Self.check(bad) == ["templates/agenda.mustache:6:3: error: no variable 'nme'; did you mean 'name'?"]
        )
    }

    @Test func aVariableOfAnotherKindIsNamedAsSuch() throws {
        #expect(
            try Self.check(Self.head + "{{#candidates}}{{when}}{{/candidates}}\n") == [
                "templates/agenda.mustache:5:1: error: 'candidates' is not filled in agenda mails; "
                    + "it exists only in confirm-date templates; remove it here"
            ]
        )
    }

    @Test func anUnclosedSectionIsReportedWhereItOpens() throws {
        let text = Self.head + "Agenda\n\n{{#meeting.agenda}}\n  {{number}}. {{text}}\n"
        #expect(
            try Self.check(text) == [
                "templates/agenda.mustache:7:1: error: the section 'meeting.agenda' is never closed; "
                    + "add {{/meeting.agenda}} where it should end"
            ]
        )
    }

    @Test func aSectionClosedOutOfOrderIsReported() throws {
        let text = Self.head + "{{#meeting}}{{#agenda}}{{text}}{{/meeting}}{{/agenda}}\n"
        #expect(
            try Self.check(text) == [
                "templates/agenda.mustache:5:32: error: {{/meeting}} does not close 'agenda', opened at line 5; "
                    + "close it first with {{/agenda}}"
            ]
        )
    }

    @Test func aStrayClosingTagIsReported() throws {
        #expect(
            try Self.check(Self.head + "Text{{/chairs}}\n") == [
                "templates/agenda.mustache:5:5: error: {{/chairs}} closes a section that was never opened; "
                    + "remove it, or open the section with {{#chairs}} before it"
            ]
        )
    }

    @Test func anUnterminatedTagIsReported() throws {
        #expect(
            try Self.check(Self.head + "When: {{meeting.date_long\n") == [
                "templates/agenda.mustache:5:7: error: this tag is never closed; end it with }}"
            ]
        )
    }

    @Test func aMissingSubjectIsReported() throws {
        #expect(
            try Self.check("---\nreply_to: chairs@example.org\n---\nBody\n") == [
                "templates/agenda.mustache:1:1: error: the front matter has no subject; "
                    + "write subject: \"…\" between the two --- lines"
            ]
        )
    }

    @Test func anEmptySubjectIsReported() throws {
        #expect(
            try Self.check("---\nsubject:\n---\nBody\n") == [
                "templates/agenda.mustache:2:1: error: the subject is empty; write the subject after subject:"
            ]
        )
    }

    @Test func missingFrontMatterIsReported() throws {
        #expect(
            try Self.check("Dear colleagues,\n") == [
                "templates/agenda.mustache:1:1: error: the template does not start with front matter; begin the file "
                    + "with a line ---, then subject: \"…\", then a line ---, then the mail's text"
            ]
        )
    }

    @Test func frontMatterThatNeverClosesIsReported() throws {
        #expect(
            try Self.check("---\nsubject: Agenda\nDear colleagues,\n") == [
                "templates/agenda.mustache:1:1: error: the front matter opened here is never closed; "
                    + "add a line --- after subject:"
            ]
        )
    }

    @Test func anUnknownFrontMatterKeyIsReportedWithASuggestion() throws {
        #expect(
            try Self.check("---\nsubject: Agenda\nreplyto: a@example.org\nsender: b@example.org\n---\nBody\n") == [
                "templates/agenda.mustache:3:1: error: unknown front matter key 'replyto'; did you mean 'reply_to'?",
                "templates/agenda.mustache:4:1: error: unknown front matter key 'sender'; "
                    + "the front matter holds only subject: and reply_to:",
            ]
        )
    }

    @Test func anUnquotedMustacheSubjectGetsTheQuotingFix() throws {
        let printed = try Self.check("---\nsubject: {{group.name}}: agenda\n---\nBody\n")
        #expect(printed.count == 1)
        #expect(printed.first?.hasPrefix("templates/agenda.mustache:2:") == true)
        #expect(printed.first?.contains("double quotes") == true)
    }

    @Test func aReplyToThatIsNoAddressIsReported() throws {
        #expect(
            try Self.check("---\nsubject: Agenda\nreply_to: the chairs\n---\nBody\n") == [
                "templates/agenda.mustache:3:11: error: 'the chairs' is not a mail address; "
                    + "write name@example.org or \"Name <name@example.org>\""
            ]
        )
        #expect(
            try Self.check("---\nsubject: Agenda\nreply_to: [\"{{liaison.email}}\", \"A <a@example.org>\"]\n---\nB\n")
                == []
        )
    }

    @Test(arguments: [
        ("{{chairs}}", "5:1: error: 'chairs' is a list; loop over it with {{#chairs}}…{{/chairs}}"),
        ("{{meeting}}", "5:1: error: 'meeting' is a group of fields; print one of them, e.g. {{meeting.date_long}}"),
        ("{{.}}", "5:1: error: {{.}} is only meaningful inside a section; write a variable's name instead"),
        ("{{>footer}}", "5:1: error: partials ({{>footer}}) are not supported; copy the text into this template"),
        ("{{=<% %>=}}", "5:1: error: changing the delimiters is not supported; keep {{ and }}"),
        (
            "{{% CONTENT_TYPE: HTML}}",
            "5:1: error: content type HTML would escape characters in a plain-text mail; "
                + "write {{% CONTENT_TYPE: TEXT}}"
        ),
        (
            "{{meeting date}}",
            "5:1: error: 'meeting date' is not a variable name; names are letters, digits and _, "
                + "joined by dots, such as {{meeting.date_long}}"
        ),
        (
            "{{shout(group.name)}}",
            "5:1: error: unknown function 'shout' for 'group.name'; for text use uppercased, "
                + "lowercased or capitalized; for a list count, empty, first or last"
        ),
        (
            "{{#first()}}x{{/first()}}",
            "5:1: error: first() works only inside a list's section; "
                + "use it between {{#chairs}} and {{/chairs}} (or another list)"
        ),
    ])
    func misusedTagsAreReported(body: String, expected: String) throws {
        #expect(try Self.check(Self.head + body + "\n") == ["templates/agenda.mustache:" + expected])
    }

    @Test(arguments: [
        "{{uppercased(group.name)}}", "{{count(meeting.agenda)}}",
        "{{#group.institutions}}{{.}}{{/group.institutions}}",
        "{{#first(meeting.agenda)}}{{text}}{{/first(meeting.agenda)}}", "{{! a comment {{weather}} }}",
        "{{{group.name}}} {{&group.name}}", "{{^meeting.venue}}Online only{{/meeting.venue}}",
        "{{#liaison}}{{name}} {{group.network}}{{/liaison}}",
    ])
    func validTagsPass(body: String) throws {
        #expect(try Self.check(Self.head + body + "\n") == [])
    }

    @Test func aFileNameThatIsNoKindGetsASuggestion() throws {
        #expect(
            try Self.check(Self.head, at: "agend.mustache") == [
                "templates/agend.mustache: error: 'agend.mustache' is not a template convenor uses; "
                    + "did you mean 'agenda.mustache'?"
            ]
        )
    }

    @Test func anOverrideFolderMustNameAGroup() throws {
        #expect(
            try Self.check(Self.head, at: "customer-service-cop/agenda.mustache", groupIDs: ["customer-services-cop"])
                == [
                    "templates/customer-service-cop/agenda.mustache: error: there is no group 'customer-service-cop'; "
                        + "did you mean 'customer-services-cop/'?"
                ]
        )
        #expect(
            try Self.check(Self.head, at: "customer-services-cop/agenda.mustache", groupIDs: ["customer-services-cop"])
                == []
        )
    }

    @Test func aMissingDefaultTemplateFallsBackToTheBuiltInOneAndCheckSaysSo() throws {
        var sources = try RenderFixture.shippedTemplates()
        sources.files["reminder.mustache"] = nil
        #expect(
            TemplateChecker.check(sources).map(\.description) == [
                "templates/reminder.mustache: warning: there is no file for reminder mails here, so convenor's "
                    + "built-in default is used; to reword it, copy reminder.mustache from convenor's templates/ "
                    + "folder (or `convenor init`) and edit it"
            ]
        )
        // The renderer accepts the folder and renders the reminder from the built-in copy.
        _ = try TemplateRenderer(sources: sources)
    }

    @Test func anEmptyFolderRendersEveryKindFromTheBuiltInTemplates() throws {
        let sources = TemplateSources(directory: "templates", files: [:])
        let diagnostics = TemplateChecker.check(sources)
        #expect(diagnostics.count == TemplateKind.all.count)
        #expect(!diagnostics.containsErrors)
        _ = try TemplateRenderer(sources: sources)
    }

    /// The compiled-in defaults are the shipped files, byte for byte (the build embeds templates/ itself).
    @Test(arguments: TemplateKind.all) func theBuiltInTemplateIsTheShippedFile(kind: TemplateKind) throws {
        let shipped = try RenderFixture.shippedTemplates()
        #expect(shipped.files[kind.relativePath()] == kind.builtInTemplate)
    }

    @Test func everyProblemInAFileIsReportedInLineOrder() throws {
        let text = "---\nsubject: \"{{group.nam}}\"\nfrom: x\n---\n{{meeting.dat_long}}\n{{meeting.tim}}\n"
        #expect(
            try Self.check(text) == [
                "templates/agenda.mustache:2:11: error: no variable 'group.nam'; did you mean 'group.name'?",
                "templates/agenda.mustache:3:1: error: unknown front matter key 'from'; "
                    + "the front matter holds only subject: and reply_to:",
                "templates/agenda.mustache:5:1: error: no variable 'meeting.dat_long'; did you mean 'meeting.date_long'?",
                "templates/agenda.mustache:6:1: error: no variable 'meeting.tim'; did you mean 'meeting.time'?",
            ]
        )
    }

    @Test func windowsLineEndsKeepTheLineNumbers() throws {
        let text = "---\r\nsubject: Agenda\r\n---\r\nDear all,\r\n\r\n{{meeting.dat_long}}\r\n"
        #expect(
            try Self.check(text) == [
                "templates/agenda.mustache:6:1: error: no variable 'meeting.dat_long'; did you mean 'meeting.date_long'?"
            ]
        )
    }
}

@Suite struct TemplateCheckerSyntaxTests {
    @Test func swiftMustachesOwnSyntaxErrorsAreReportedAtTheFileLine() throws {
        let text = TemplateCheckerTests.head + "Dear all,\n{{% CONTENT_TYPE TEXT}}\n"
        #expect(
            try TemplateCheckerTests.check(text) == [
                "templates/agenda.mustache:6:18: error: this pragma is malformed; write {{% CONTENT_TYPE: TEXT}}"
            ]
        )
    }
}
