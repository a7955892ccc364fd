import ConvenorCore
import Foundation
import Testing

@Suite struct TemplateContextTests {
    static func context(_ kind: MailingKind, group: Group = RenderFixture.group) -> TemplateContext {
        TemplateContext(
            mailing: RenderFixture.mailing(kind),
            group: group,
            installation: RenderFixture.installation,
            minutes: RenderFixture.minutesText,
            previousMeeting: RenderFixture.meeting()
        )
    }

    /// Problems where `value` does not fit `fields`: undeclared names, wrong shapes, missing required fields.
    static func mismatches(_ value: TemplateValue, _ fields: [TemplateField], path: String = "") -> [String] {
        guard case .object(let object) = value else { return ["\(path) is not an object"] }
        var problems: [String] = []
        for (name, child) in object {
            guard let field = fields.first(where: { $0.name == name }) else {
                problems.append("\(path)\(name) is not declared")
                continue
            }
            problems += mismatches(child, field.shape, path: path + name)
        }
        for field in fields where !field.optional && object[field.name] == nil {
            problems.append("\(path)\(field.name) is missing")
        }
        return problems
    }

    static func mismatches(_ value: TemplateValue, _ shape: TemplateShape, path: String) -> [String] {
        switch (value, shape) {
        case (.text, .text), (.flag, .flag): return []
        case (.list(let items), .list(let item)): return items.flatMap { mismatches($0, item, path: path + "[]") }
        case (.object, .object(let fields)): return mismatches(value, fields, path: path + ".")
        default: return ["\(path) has the wrong shape"]
        }
    }

    @Test(arguments: MailingKind.allCases)
    func theContextOfEveryKindFitsItsDeclaredSchema(kind: MailingKind) {
        let context = Self.context(kind)
        #expect(context.kind == .mailing(kind))
        #expect(Self.mismatches(context.value, TemplateSchema.fields(for: .mailing(kind))) == [])
    }

    @Test func theOperatorAlertFitsItsDeclaredSchema() {
        let alert = OperatorAlert(
            made: RenderFixture.instant("2026-11-05 10:00"),
            problems: [
                .init(
                    key: MailingKey(group: "g", kind: .agenda, occurrence: "2026-10"),
                    state: .missed,
                    due: RenderFixture.instant("2026-11-05 09:00"),
                    reason: "x"
                )
            ]
        )
        let context = TemplateContext(alert: alert, installation: RenderFixture.installation)
        #expect(Self.mismatches(context.value, TemplateSchema.fields(for: .operatorAlert)) == [])
    }

    @Test("a mailing sent late says the day it was sent, not the day it was due (issue 18)")
    func sentDateIsTheSendingDay() {
        let mailing = RenderFixture.mailing(.callForMembers)
        let late = TemplateContext(
            mailing: mailing,
            group: RenderFixture.group,
            installation: RenderFixture.installation,
            sentAt: mailing.due.addingTimeInterval(7 * 86_400)
        )
        let onTime = TemplateContext(
            mailing: mailing,
            group: RenderFixture.group,
            installation: RenderFixture.installation
        )
        #expect(late.value.value(at: "mailing.sent_long")?.textValue == "Thursday 10 September 2026")
        #expect(late.value.value(at: "mailing.due_long")?.textValue == "Thursday 3 September 2026")
        #expect(onTime.value.value(at: "mailing.sent_long")?.textValue == "Thursday 3 September 2026")
    }

    @Test func meetingFieldsAreDerivedInTheGroupsZone() {
        let value = Self.context(.agenda).value
        #expect(value.value(at: "meeting.when")?.textValue == "Thursday 12 November 2026, 14:00–15:30 GMT")
        #expect(value.value(at: "meeting.start_utc")?.textValue == "2026-11-12 14:00 UTC")
        #expect(value.value(at: "meeting.length")?.textValue == "1 hour 30 minutes")
        #expect(value.value(at: "meeting.agenda")?.listValue?.last?["number"]?.textValue == "3")
        #expect(value.value(at: "window")?.textValue == "October–November 2026")
        #expect(value.value(at: "mailing.due_long")?.textValue == "Thursday 5 November 2026")
        #expect(value.value(at: "terms_of_reference.review_due")?.textValue == "1 September 2026")
        #expect(value.value(at: "chairs_names")?.textValue == "Charly Townson and Rachel Gladwin")
        #expect(value.value(at: "group.type_long")?.textValue == "Community of Practice")
        #expect(
            value.value(at: "group.meets")?.textValue
                == "online three times a year: October–November, February and June"
        )
    }

    @Test func candidatesCarryTheirOwnZoneAndTheYAMLToWrite() throws {
        let candidates = try #require(Self.context(.confirmDate).value["candidates"]?.listValue)
        #expect(
            candidates.map { $0["when"]?.textValue } == [
                "Wednesday 14 October 2026, 14:00–15:30 BST", "Wednesday 11 November 2026, 14:00–15:30 GMT",
            ]
        )
        #expect(candidates.first?["start"]?.textValue == "2026-10-14 14:00")
    }

    @Test(arguments: [
        // Agenda 7 days before: Thursday 5 November, so items are due Wednesday 4 November.
        ("2026-11-12", [String](), "Wednesday 4 November 2026"),
        // A closure on the 4th moves the deadline to the working day before.
        ("2026-11-12", ["2026-11-04"], "Tuesday 3 November 2026"),
        // A Monday meeting: agenda Monday 9 November, items due Friday 6 November.
        ("2026-11-16", [], "Friday 6 November 2026"),
    ])
    func theAgendaDeadlineIsTheLastWorkingDayBeforeTheAgendaMail(meeting: String, closed: [String], deadline: String) {
        var installation = RenderFixture.installation
        installation.closures += closed.map {
            LocalDateRange(first: RenderFixture.date($0), last: RenderFixture.date($0))
        }
        let mailing = RenderFixture.mailing(.callForAgenda, meeting: RenderFixture.meeting("\(meeting) 14:00"))
        let context = TemplateContext(mailing: mailing, group: RenderFixture.group, installation: installation)
        #expect(context.value["agenda_deadline"]?.textValue == deadline)
    }

    @Test func addresseesGreetChairsByFirstNameAndTheLiaisonOnlyWhenWrittenTo() {
        var group = RenderFixture.group
        group.chairs[0].name = "Dr Zoë Ó Súilleabháin"
        #expect(Self.context(.confirmDate, group: group).value["addressees"]?.textValue == "Zoë and Rachel")
        #expect(Self.context(.torReview, group: group).value["addressees"]?.textValue == "Zoë, Rachel and Theo")
    }

    @Test func optionalValuesAreAbsentRatherThanEmpty() {
        var group = RenderFixture.group
        group.liaison = nil
        group.termsOfReference = nil
        group.chairs[1].institution = nil
        let value = Self.context(.agenda, group: group).value
        #expect(value["liaison"] == nil)
        #expect(value["terms_of_reference"] == nil)
        #expect(value.value(at: "meeting.venue") == nil)
        #expect(value["chairs"]?.listValue?[1]["institution"] == nil)
        #expect(value["candidates"] == nil)
    }

    @Test func longRemitLinesWrapAt72Characters() throws {
        let remit = try #require(Self.context(.torReview).value.value(at: "group.remit")?.textValue)
        #expect(remit.split(separator: "\n").allSatisfy { $0.count <= 72 })
        #expect(remit.hasPrefix("To act as a community for supervisors and managers with responsibility\nfor"))
    }

    @Test(arguments: [
        ("a\r\nb", "a b"), ("  a  \n  b  ", "a b"), ("a\n\n\nb", "a b"), ("\r\n", ""), ("a\u{2028}b", "a b"),
    ])
    func oneLineFoldsEveryLineBreak(text: String, folded: String) {
        #expect(RenderText.oneLine(text) == folded)
    }
}

@Suite struct TemplateReadmeTests {
    static func paths(_ fields: [TemplateField], prefix: String = "") -> [String] {
        fields.flatMap { field -> [String] in
            let path = prefix + field.name
            // A group of fields is documented through its fields; lists and text by their own name.
            switch field.shape {
            case .object(let children): return paths(children, prefix: path + ".")
            case .list(.object(let children)): return [path] + paths(children, prefix: path + ".")
            default: return [path]
            }
        }
    }

    @Test func theReadmeDocumentsEveryVariable() throws {
        let readme = try String(
            contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("templates/README.md"),
            encoding: .utf8
        )
        let all =
            Self.paths(TemplateSchema.allFields(for: .mailing(.agenda)))
            + Self.paths(TemplateSchema.allFields(for: .operatorAlert))
        #expect(all.filter { !readme.contains("`\($0)`") } == [])
    }
}

@Suite struct TemplateSignOffTests {
    @Test func aSingleChairSignsAsChair() throws {
        var group = RenderFixture.group
        group.chairs.removeLast()
        let rendered = try TemplateRenderer(sources: RenderFixture.shippedTemplates()).render(
            RenderFixture.mailing(.agenda),
            group: group,
            installation: RenderFixture.installation
        )
        #expect(rendered.body.contains("\nCharly Townson\nChair, Customer Services Community of Practice\n"))
    }
}
