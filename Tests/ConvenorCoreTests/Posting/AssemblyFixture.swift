import ConvenorCore
import ConvenorTesting
import Foundation

/// The Customer Services CoP's whole schedule, assembled with the shipped templates, for posting and minutes tests.
enum AssemblyFixture {
    static let minutesPath = "/srv/convenor/config/minutes/customer-services-2026-11-12.md"

    /// The fixture copy of config/minutes/customer-services-2026-11-12.md.
    static func minutesMarkdown() throws -> String {
        try String(contentsOf: fixture("minutes/customer-services-2026-11-12.md"), encoding: .utf8)
    }

    static func fixture(_ name: String) -> URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/\(name)")
    }

    static func config(posting: PostingProfile = PostingProfile(), minutesPath: String = minutesPath) -> Config {
        var group = ConfigFixtures.customerServicesCoP(meetings: [
            ConfigFixtures.meeting(
                "2026-11-12 14:00",
                agenda: ["Welcome and introductions", "Benchmarking service standards"],
                minutes: minutesPath
            )
        ])
        group.posting = posting
        return ConfigFixtures.config(groups: [group])
    }

    /// Every mailing of the group from August 2025 to the end of 2027, minutes included.
    static func mailings(_ config: Config) -> [Mailing] {
        let minutes = config.groups.flatMap(\.meetings).compactMap(\.minutesPath)
        return Scheduler(config: config, existingMinutes: Set(minutes)).mailings(
            from: RenderFixture.instant("2025-08-01 00:00"),
            to: RenderFixture.instant("2027-12-31 00:00")
        )
    }

    static func assembler(_ config: Config) throws -> MailingAssembler {
        MailingAssembler(config: config, renderer: try TemplateRenderer(sources: RenderFixture.shippedTemplates()))
    }

    /// Each mailing assembled as the daemon would, with `minutes` for the minutes mail.
    static func assembled(
        _ config: Config,
        approval: ListApproval? = nil,
        minutes: String = RenderFixture.minutesText
    ) throws -> [AssembledMailing] {
        let assembler = try assembler(config)
        return try mailings(config).map { mailing in
            try assembler.assemble(mailing, minutes: minutes, date: mailing.due, approval: approval)
        }
    }

    /// The header section of a message, unfolded, one field per entry.
    static func headers(_ assembled: AssembledMailing) -> [String] {
        let text = String(decoding: assembled.bytes, as: UTF8.self)
        let head = text.components(separatedBy: "\r\n\r\n").first ?? ""
        return head.replacingOccurrences(of: "\r\n ", with: " ").replacingOccurrences(of: "\r\n\t", with: " ")
            .components(separatedBy: "\r\n")
    }

    static func header(_ name: String, in assembled: AssembledMailing) -> [String] {
        headers(assembled).filter { $0.lowercased().hasPrefix(name.lowercased() + ":") }
    }
}
