import ConvenorCore
import Foundation
import Testing

@Suite struct TemplateRendererTests {
    static func renderer() throws -> TemplateRenderer {
        try TemplateRenderer(sources: RenderFixture.shippedTemplates())
    }

    /// The rendered mail as a golden file shows it: subject, reply-to, a blank line, the body.
    static func snapshot(_ rendered: RenderedMailing) -> String {
        let replyTo = rendered.replyTo?.map(\.description).joined(separator: ", ") ?? "(default: the chairs)"
        return "Subject: \(rendered.subject)\nReply-To: \(replyTo)\n\n\(rendered.body)"
    }

    @Test func shippedTemplatesPassTheCheckerWithoutAnyDiagnostic() throws {
        let diagnostics = TemplateChecker.check(
            try RenderFixture.shippedTemplates(),
            groupIDs: ["customer-services-cop"]
        )
        #expect(diagnostics.map(\.description) == [])
    }

    @Test(arguments: MailingKind.allCases)
    func everyKindRendersAsItsGoldenFile(kind: MailingKind) throws {
        let rendered = try Self.renderer().render(
            RenderFixture.mailing(kind),
            group: RenderFixture.group,
            installation: RenderFixture.installation,
            minutes: RenderFixture.minutesText,
            previousMeeting: RenderFixture.meeting()
        )
        try GoldenFile.expect(Self.snapshot(rendered), matches: "\(kind.rawValue).txt")
    }

    @Test func operatorAlertRendersAsItsGoldenFile() throws {
        let alert = OperatorAlert(
            made: RenderFixture.instant("2026-11-05 10:00"),
            problems: [
                .init(
                    key: MailingKey(group: "customer-services-cop", kind: .agenda, occurrence: "2026-10"),
                    state: .failed,
                    due: RenderFixture.instant("2026-11-05 09:00"),
                    reason: "550 5.7.1 sender not subscribed to list"
                ),
                .init(
                    key: MailingKey(group: "metadata-sig", kind: .callForAgenda, occurrence: "2026-10"),
                    state: .missed,
                    due: RenderFixture.instant("2026-10-22 09:00"),
                    reason: "superseded by the agenda"
                ),
            ]
        )
        let rendered = try Self.renderer().render(alert, installation: RenderFixture.installation)
        try GoldenFile.expect(Self.snapshot(rendered), matches: "operator-alert.txt")
    }
}
