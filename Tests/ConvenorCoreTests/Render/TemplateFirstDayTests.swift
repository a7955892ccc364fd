import ConvenorCore
import Testing

/// Issue 15's template mistakes, with the whole printed line: the closest real names, and single braces.
@Suite struct TemplateFirstDayTests {
    static let head = TemplateCheckerTests.head

    @Test(arguments: [
        (
            "{{group.chair}}",
            "templates/agenda.mustache:5:1: error: no variable 'group.chair'; did you mean 'chairs_names' or 'chairs_first_names'? one at a time: {{#chairs}}{{name}}{{/chairs}}"
        ),
        (
            "{{meeting.teams_link}}",
            "templates/agenda.mustache:5:1: error: no variable 'meeting.teams_link'; did you mean 'meeting.online'?"
        ),
    ])
    func anUnknownNameGetsTheClosestRealOnes(tag: String, expected: String) throws {
        #expect(try TemplateCheckerTests.check(Self.head + tag + "\n") == [expected])
    }

    @Test func aVariableInSingleBracesIsAWarningThatItIsSentLiterally() throws {
        let text = Self.head + "Best wishes,\n{chairs_names}\n{{chairs_role}}\n"
        #expect(
            try TemplateCheckerTests.check(text) == [
                "templates/agenda.mustache:6:1: warning: {chairs_names} has single braces, so it will be sent literally, braces and all; write {{chairs_names}} to print the value"
            ]
        )
    }

    @Test func bracesAroundOtherWordsAreLeftAlone() throws {
        #expect(try TemplateCheckerTests.check(Self.head + "Set {x} and {{{group.name}}} and {{chairs_role}}\n") == [])
    }

    @Test func aListFieldWrittenInFullIsAcceptedInsideItsSection() throws {
        #expect(
            try TemplateCheckerTests.check(
                Self.head + "{{#meeting.agenda}}{{meeting.agenda.number}}. {{meeting.agenda.text}}{{/meeting.agenda}}\n"
            ) == []
        )
        // Outside the section it still names nothing.
        #expect(
            try TemplateCheckerTests.check(Self.head + "{{meeting.agenda.text}}\n") == [
                "templates/agenda.mustache:5:1: error: 'meeting.agenda.text' is a field of each item of the list 'meeting.agenda'; write it between {{#meeting.agenda}} and {{/meeting.agenda}}"
            ]
        )
    }
}
