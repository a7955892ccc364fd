import ConvenorCore
import ConvenorIO
import Foundation
import Testing

/// The shipped templates against the example configuration: every mailing of two years renders, with its facts in the
/// text, and the checker knows the example's groups.
@Suite struct ExampleYearRenderTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static func load() throws -> (Config, TemplateSources) {
        let result = ConfigSource.load(directory: root.appendingPathComponent("config").path)
        let config = try #require(result.config, "\(result.diagnostics)")
        let templates = try TemplateSource.read(
            directory: root.appendingPathComponent("templates").path,
            displayPath: "templates"
        )
        return (config, templates)
    }

    @Test func theShippedTemplatesKnowTheExampleGroups() throws {
        let (config, templates) = try Self.load()
        #expect(TemplateChecker.check(templates, groupIDs: Set(config.groups.map(\.id))).map(\.description) == [])
    }

    @Test func everyMailingOfTheExampleYearsRendersWithItsFactsInTheText() throws {
        let (config, templates) = try Self.load()
        let renderer = try TemplateRenderer(sources: templates, groupIDs: Set(config.groups.map(\.id)))
        let scheduler = Scheduler(config: config, existingMinutes: MinutesFiles.existing(in: config))
        let mailings = scheduler.mailings(
            from: Date(timeIntervalSince1970: 1_767_225_600),  // 2026-01-01
            to: Date(timeIntervalSince1970: 1_830_297_600)
        )  // 2028-01-01
        #expect(Set(mailings.map(\.key.kind)).count >= 8)
        for mailing in mailings {
            let group = try #require(config.group(id: mailing.key.group))
            let minutes = mailing.meeting?.minutesPath.flatMap { try? String(contentsOfFile: $0, encoding: .utf8) }
            let rendered = try renderer.render(
                mailing,
                group: group,
                installation: config.installation,
                minutes: minutes
            )
            let label = mailing.key.description
            #expect(!rendered.subject.isEmpty && !rendered.subject.contains("{{"), "\(label)")
            #expect(!rendered.body.contains("{{") && !rendered.body.contains("}}"), "\(label)")
            #expect(
                rendered.body.contains(LocalDate(instant: mailing.due, in: mailing.timeZone).weekday.name),
                "\(label)"
            )
            if let meeting = mailing.meeting {
                let start = LocalDateTime(instant: meeting.startInstant, in: mailing.timeZone)
                #expect(rendered.body.contains(TemplateDates.long(start.date)), "\(label)")
                if mailing.key.kind.carriesCalendar {
                    #expect(rendered.body.contains("\(start.time)–"), "\(label)")
                    let place = meeting.place.online ?? meeting.place.venue ?? ""
                    #expect(rendered.body.contains(place), "\(label)")
                }
            }
            if mailing.key.kind == .minutes, let minutes {
                #expect(rendered.body.contains(RenderText.multiline(minutes)), "\(label)")
            }
        }
    }
}
