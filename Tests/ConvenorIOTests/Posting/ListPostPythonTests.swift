import ConvenorCore
import ConvenorTesting
import Foundation
import Testing

/// List posts as `MailingAssembler` makes them, read back by Python's `email` package: the profile's headers and
/// the minutes' HTML part decode to exactly what convenor meant.
@Suite struct ListPostPythonTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static func templates() throws -> TemplateSources {
        let directory = repository.appendingPathComponent("templates")
        var files: [String: String] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: directory.path)
        where name.hasSuffix(".mustache") {
            files[name] = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
        }
        return TemplateSources(directory: "templates", files: files)
    }

    @Test func theMarkdownMinutesMailAndAProfiledAgendaDecodeExactly() throws {
        let minutesPath = Self.repository.appendingPathComponent("config/minutes/customer-services-2026-11-12.md").path
        let markdown = try String(contentsOfFile: minutesPath, encoding: .utf8)
        var group = ConfigFixtures.customerServicesCoP(meetings: [
            ConfigFixtures.meeting("2026-11-12 14:00", agenda: ["Welcome", "Benchmarking"], minutes: minutesPath)
        ])
        group.posting = PostingProfile(
            from: MailAddress(displayName: "Customer Services CoP", address: "csc-poster@aln.example.org"),
            approvedPasswordCredential: "csc-approved",
            autoSubmitted: false,
            attachCalendar: true
        )
        let config = ConfigFixtures.config(groups: [group])
        let mailings = Scheduler(config: config, existingMinutes: [minutesPath]).mailings(
            from: Date(timeIntervalSince1970: 1_788_000_000),
            to: Date(timeIntervalSince1970: 1_800_000_000)
        )
        let assembler = MailingAssembler(config: config, renderer: try TemplateRenderer(sources: Self.templates()))
        let directory = try PythonMailCheck.temporaryDirectory()
        defer { PythonMailCheck.remove(directory) }

        var cases: [MailCheckCase] = []
        for kind in [MailingKind.minutes, .agenda] {
            let mailing = try #require(mailings.first { $0.key.kind == kind })
            let assembled = try assembler.assemble(
                mailing,
                minutes: markdown,
                date: mailing.due,
                approval: .password("pw-\(kind.rawValue)")
            )
            #expect(assembled.message.extraHeaders == [MailHeader(name: "Approved", value: "pw-\(kind.rawValue)")])
            #expect((assembled.message.htmlBody != nil) == (kind == .minutes))
            let file = directory.appendingPathComponent("\(kind.rawValue).eml")
            try Data(assembled.bytes).write(to: file)
            let events = try assembled.calendar.map { _ in
                [
                    MailCheckCase.event(
                        CalendarEvent(
                            meeting: try #require(mailing.meeting),
                            group: group,
                            occurrence: mailing.key.occurrence,
                            domain: "aln.example.org",
                            stamp: mailing.due,
                            organizer: config.installation.from
                        )
                    )
                ]
            }
            cases.append(MailCheckCase.message(assembled.message, file: file.path, events: events ?? []))
        }
        let problems = try PythonMailCheck.run(cases, in: directory)
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }
}
