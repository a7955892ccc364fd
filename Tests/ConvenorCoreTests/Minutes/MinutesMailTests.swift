import ConvenorCore
import Foundation
import Testing

/// The minutes mail: the template's text, an HTML rendering of Markdown minutes, and the original file attached.
@Suite struct MinutesMailTests {
    static let title = "Minutes: Customer Services Community of Practice, Thursday 12 November 2026"

    @Test func markdownMinutesRenderToTheGoldenHTMLDocument() throws {
        let html = MinutesHTML.document(markdown: try AssemblyFixture.minutesMarkdown(), title: Self.title)
        let golden = AssemblyFixture.fixture("minutes/customer-services-2026-11-12.html")
        guard let expected = try? Data(contentsOf: golden) else {
            try Data(html.utf8).write(to: golden)
            Issue.record("wrote missing golden file \(golden.lastPathComponent); review it and run again")
            return
        }
        #expect(String(decoding: expected, as: UTF8.self) == html)
    }

    @Test func aFileSavedWithWindowsLineEndsRendersTheSame() throws {
        let markdown = try AssemblyFixture.minutesMarkdown()
        let windows = markdown.replacingOccurrences(of: "\n", with: "\r\n")
        #expect(windows != markdown)
        #expect(
            MinutesHTML.document(markdown: windows, title: Self.title)
                == MinutesHTML.document(markdown: markdown, title: Self.title)
        )
    }

    @Test func theTitleIsEscaped() {
        let html = MinutesHTML.document(markdown: "Hello", title: "Q&A <script>\"x\" 'y'")
        #expect(html.contains("<title>Q&amp;A &lt;script&gt;&quot;x&quot; &#39;y&#39;</title>"))
        #expect(!html.contains("<script>"))
    }

    @Test func tableCellsKeepTheirAlignmentAndTheTableHeadIsIntact() {
        let html = MinutesHTML.document(markdown: "| Item | Cost |\n| --- | ---: |\n| Room | 40 |\n", title: "t")
        let cell = "border:1px solid #b0b0b0;padding:4px 8px;vertical-align:top"
        #expect(html.contains("<thead><tr><th style=\"\(cell);text-align:left\">Item</th>"))
        #expect(html.contains("<th style=\"\(cell)\" align=\"right\">Cost</th></tr></thead>"))
        #expect(html.contains("<td style=\"\(cell)\" align=\"right\">40</td>"))
    }

    @Test(arguments: [
        ("/srv/config/minutes/2026-11-12.md", MinutesFormat.markdown),
        ("/srv/config/minutes/2026-11-12.MARKDOWN", .markdown),
        ("/srv/config/minutes/2026-11-12.txt", .plainText),
        ("/srv/config/minutes.md/2026-11-12", .plainText),
        ("notes", .plainText),
    ])
    func theFormatFollowsTheFileName(path: String, format: MinutesFormat) {
        #expect(MinutesFormat(path: path) == format)
    }

    @Test func aMarkdownMinutesMailHasTextHTMLAndTheOriginalFile() throws {
        let markdown = try AssemblyFixture.minutesMarkdown()
        let all = try AssemblyFixture.assembled(AssemblyFixture.config(), minutes: markdown)
        let minutes = try #require(all.first { $0.mailing.key.kind == .minutes })
        #expect(minutes.message.textBody == minutes.rendered.body)
        #expect(minutes.rendered.body.contains("Benchmarking service standards across institutions"))
        #expect(minutes.message.htmlBody == MinutesHTML.document(markdown: markdown, title: minutes.rendered.subject))
        #expect(
            minutes.message.attachments == [
                Attachment(
                    filename: "customer-services-2026-11-12.md",
                    mediaType: "text/markdown",
                    bytes: Array(markdown.utf8)
                )
            ]
        )
        let text = String(decoding: minutes.bytes, as: UTF8.self)
        #expect(text.contains("Content-Type: multipart/alternative"))
        #expect(text.contains("Content-Type: text/html"))
        // No other mail of the year gets an HTML part.
        #expect(all.filter { $0.message.htmlBody != nil }.map(\.mailing.key.kind) == [.minutes])
    }

    @Test func plainTextMinutesHaveNoHTMLPart() throws {
        let config = AssemblyFixture.config(minutesPath: "/srv/convenor/config/minutes/customer-services.txt")
        let all = try AssemblyFixture.assembled(config, minutes: RenderFixture.minutesText)
        let minutes = try #require(all.first { $0.mailing.key.kind == .minutes })
        #expect(minutes.message.htmlBody == nil)
        #expect(minutes.message.attachments.map(\.mediaType) == ["text/plain"])
        #expect(minutes.message.attachments.map(\.filename) == ["customer-services.txt"])
        #expect(!String(decoding: minutes.bytes, as: UTF8.self).contains("text/html"))
    }
}
