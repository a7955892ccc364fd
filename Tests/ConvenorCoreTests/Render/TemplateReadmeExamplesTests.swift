import ConvenorCore
import Foundation
import Testing

/// Every example templates/README.md gives is one the checker accepts and the renderer prints: the variables of its
/// tables (list fields written in full, inside their list's section, as the README writes them) and every `{{…}}`
/// in its "Mustache in brief" table. Docs and checker must never disagree again.
@Suite struct TemplateReadmeExamplesTests {
    static let readme: String = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("templates/README.md")
        return (try? String(contentsOf: url, encoding: .utf8)) ?? ""
    }()

    /// `(variable, example)` from each "| `name` | `example` | …" row of the mailing variable tables.
    static var documentedVariables: [(name: String, example: String?, optional: Bool)] {
        let mailingPart = readme.components(separatedBy: "### The operator alert").first ?? ""
        return mailingPart.split(separator: "\n").compactMap { line in
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            guard cells.count >= 4, cells[1].hasPrefix("`"), cells[1].hasSuffix("`"), !cells[1].contains("{{"),
                !cells[1].hasSuffix(".mustache`")
            else {
                return nil
            }
            let name = String(cells[1].dropFirst().dropLast())
            // The "Only in some mails" table has the mail kind in its second column.
            let exampleCell = cells.count >= 6 && !cells[2].hasPrefix("`") ? cells[3] : cells[2]
            let example =
                exampleCell.hasPrefix("`") && exampleCell.hasSuffix("`") && exampleCell.filter({ $0 == "`" }).count == 2
                ? String(exampleCell.dropFirst().dropLast()) : nil
            return (name, example, cells.dropFirst(2).contains { $0.hasPrefix("optional") })
        }
    }

    /// The kind whose mails fill `name`'s top-level field.
    static func kind(for name: String) -> MailingKind {
        switch name.split(separator: ".").first.map(String.init) ?? name {
        case "previous_meeting": .rescheduled
        case "cancellation_reason": .cancelled
        case "candidates", "confirm_link", "reminder_number", "reminder_count": .confirmDate
        case "agenda_deadline": .callForAgenda
        case "minutes": .minutes
        case "minutes_draft": .minutesChase
        // The README's example adds the liaison, who is addressed in tor-review mails.
        case "addressees": .torReview
        default: .agenda
        }
    }

    /// `{{meeting.agenda.text}}` inside `{{#meeting.agenda}}…{{/meeting.agenda}}` when the path runs through a list.
    static func tag(for name: String, kind: MailingKind) -> String {
        let parts = name.split(separator: ".").map(String.init)
        var fields = TemplateSchema.fields(for: .mailing(kind))
        for index in parts.indices {
            guard let field = fields.first(where: { $0.name == parts[index] }) else { break }
            switch field.shape {
            case .list(.object) where index < parts.count - 1:
                let list = parts[...index].joined(separator: ".")
                // The first item only: the README's example is the first entry.
                return "{{#\(list)}}{{#first()}}{{\(name)}}{{/first()}}{{/\(list)}}"
            case .object(let children):
                fields = children
            case .list(.text) where index == parts.count - 1:
                return "{{#\(name)}}{{#first()}}{{.}}{{/first()}}{{/\(name)}}"
            default:
                break
            }
        }
        return "{{\(name)}}"
    }

    static func render(_ body: String, kind: MailingKind) throws -> (diagnostics: [String], body: String?) {
        var sources = try RenderFixture.shippedTemplates()
        let path = "\(kind.rawValue).mustache"
        sources.files[path] = "---\nsubject: \"Test\"\n---\n{{% CONTENT_TYPE: TEXT}}\n" + body + "\n"
        let diagnostics = TemplateChecker.check(sources).map(\.description)
        guard diagnostics.isEmpty else { return (diagnostics, nil) }
        let mailing = RenderFixture.mailing(kind)
        let rendered = try TemplateRenderer(sources: sources).render(
            mailing,
            group: RenderFixture.group,
            installation: RenderFixture.installation,
            minutes: kind == .minutes ? RenderFixture.minutesText : nil,
            previousMeeting: kind == .rescheduled ? mailing.meeting.map { _ in RenderFixture.meeting() } : nil
        )
        return ([], rendered.body)
    }

    /// Lists of items and groups of fields are documented through their fields, which are tried one by one.
    static func isGroupOfFields(_ name: String) -> Bool {
        let parts = name.split(separator: ".").map(String.init)
        var fields = TemplateSchema.allFields(for: .mailing(kind(for: name)))
        var shape: TemplateShape?
        for part in parts {
            guard let field = fields.first(where: { $0.name == part }) else { return false }
            shape = field.shape
            if case .list(let item) = field.shape { fields = item.fields } else { fields = field.shape.fields }
        }
        switch shape {
        case .object, .list(.object): return true
        default: return false
        }
    }

    @Test func theReadmeHasVariablesToTry() {
        #expect(Self.documentedVariables.count > 50)
        #expect(Self.documentedVariables.contains { $0.name == "meeting.agenda.text" })
    }

    @Test func everyDocumentedVariableIsAcceptedAndPrintsItsExample() throws {
        var problems: [String] = []
        for (name, example, optional) in Self.documentedVariables where !Self.isGroupOfFields(name) {
            let kind = Self.kind(for: name)
            let (diagnostics, body) = try Self.render(Self.tag(for: name, kind: kind), kind: kind)
            guard let body else {
                problems.append("\(name): \(diagnostics.joined(separator: " / "))")
                continue
            }
            let printed = body.trimmingCharacters(in: .newlines)
            // Examples that depend on the installation's own paths or on the day of sending are shown as shapes.
            let variesByInstallation = ["group.file", "meeting.minutes_file", "previous_meeting.minutes_file"]
            // An optional value the fixture leaves out prints nothing, as the README says it may.
            if printed.isEmpty && optional { continue }
            if let example, !variesByInstallation.contains(name), !example.hasSuffix("…"), printed != example {
                problems.append("\(name): README shows `\(example)`, convenor prints `\(printed)`")
            }
        }
        #expect(problems == [])
    }

    @Test func everyMustacheInBriefExampleIsAcceptedAndRenders() throws {
        let brief =
            Self.readme.components(separatedBy: "## Mustache in brief").last?
            .components(separatedBy: "## What").first ?? ""
        let examples = brief.split(separator: "\n").compactMap { line -> String? in
            guard line.hasPrefix("| `{{") else { return nil }
            let cell = line.split(separator: "|")[0].trimmingCharacters(in: .whitespaces)
            return String(cell.dropFirst().dropLast())
        }
        #expect(examples.count >= 9)
        var problems: [String] = []
        for example in examples {
            let kind: MailingKind = example.contains("candidates") ? .confirmDate : .agenda
            // `last()` is documented for inside a list; try it where the README says it works.
            let body = example.hasPrefix("{{^last()}}") ? "{{#chairs}}{{name}}\(example){{/chairs}}" : example
            let (diagnostics, rendered) = try Self.render(body, kind: kind)
            if rendered == nil { problems.append("\(example): \(diagnostics.joined(separator: " / "))") }
        }
        #expect(problems == [])
    }

    @Test func theAgendaItemWrittenInFullPrintsTheItemsText() throws {
        let (diagnostics, body) = try Self.render(
            "{{#meeting.agenda}}{{meeting.agenda.number}}. {{meeting.agenda.text}}\n{{/meeting.agenda}}",
            kind: .agenda
        )
        #expect(diagnostics == [])
        #expect(body?.hasPrefix("1. Welcome and introductions\n2. ") == true)
    }
}
