import ConvenorCore
import ConvenorTesting
import Foundation
import Testing

/// Values from config are not trusted: line breaks, dots alone on a line, Mustache tags, very long words and any
/// Unicode go through every variable without breaking the subject's single line or reaching Mustache as a template.
@Suite struct TemplateHostileValueTests {
    static func hostileText(using generator: inout SeededGenerator) -> String {
        let pieces = [
            "\r", "\n", "\r\n", "\n.\n", ".", " ", "\u{2028}", "\u{85}", "{{chairs_names}}", "{{#x}}", "&<>\"",
            "Zoë Ó Súilleabháin", "–", "\u{1F4DA}", String(repeating: "w", count: 2_000), "\t", "\0",
        ]
        var text = ""
        for _ in 0..<Int.random(in: 1...8, using: &generator) {
            if Bool.random(using: &generator) {
                text += pieces.randomElement(using: &generator)!
            } else {
                let scalar = Unicode.Scalar(UInt32.random(in: 0x20...0x2FFF, using: &generator)) ?? "x"
                text.unicodeScalars.append(scalar)
            }
        }
        return text
    }

    @Test(arguments: 0..<25)
    func hostileValuesKeepTheSubjectOnOneLineAndAreNeverExpanded(seed: Int) throws {
        var generator = SeededGenerator(seed: UInt64(seed))
        var group = RenderFixture.group
        group.name = Self.hostileText(using: &generator)
        group.remit = Self.hostileText(using: &generator)
        group.list = Self.hostileText(using: &generator)
        group.chairs[0].name = Self.hostileText(using: &generator)
        group.chairs[1].institution = Self.hostileText(using: &generator)
        group.meetings[0].cancelled = true
        group.meetings[0].cancellationReason = Self.hostileText(using: &generator)
        let place = Place(online: Self.hostileText(using: &generator), venue: Self.hostileText(using: &generator))
        let meeting = RenderFixture.meeting(
            place: place,
            agenda: (0..<3).map { _ in Self.hostileText(using: &generator) }
        )
        let renderer = try TemplateRenderer(sources: RenderFixture.shippedTemplates())
        for kind in MailingKind.allCases {
            let rendered = try renderer.render(
                RenderFixture.mailing(kind, meeting: meeting),
                group: group,
                installation: RenderFixture.installation,
                minutes: Self.hostileText(using: &generator),
                previousMeeting: meeting
            )
            #expect(!rendered.subject.contains { $0.isNewline }, "\(kind), seed \(seed)")
            #expect(!rendered.body.contains("\r"), "\(kind), seed \(seed)")
            #expect(rendered.body.hasSuffix("\n") && !rendered.body.hasSuffix("\n\n"), "\(kind), seed \(seed)")
        }
    }

    @Test func aValueThatLooksLikeATagIsPrintedAsWritten() throws {
        var group = RenderFixture.group
        group.name = "{{chairs_names}} & {{#chairs}}"
        let rendered = try TemplateRenderer(sources: RenderFixture.shippedTemplates()).render(
            RenderFixture.mailing(.agenda),
            group: group,
            installation: RenderFixture.installation
        )
        #expect(rendered.subject == "Agenda: {{chairs_names}} & {{#chairs}}, Thursday 12 November 2026")
        #expect(rendered.body.contains("Chairs, {{chairs_names}} & {{#chairs}}\n"))
    }
}
