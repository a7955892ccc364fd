import ConvenorCore
import ConvenorTesting
import Foundation
import Testing

/// The overview as one web page: self-contained, accessible, printable, and every value escaped.
@Suite struct YearOverviewHTMLTests {
    typealias Support = OverviewTestSupport

    /// A group whose name and agenda try to break out of the markup.
    static let awkwardGroup = ConfigFixtures.group(
        id: "maps-sig",
        name: #"Maps & "Plans" <SIG>"#,
        windows: [ConfigFixtures.window(2)],
        propose: "second wed 14:00",
        meetings: [
            ConfigFixtures.meeting(
                "2026-11-12 14:00",
                agenda: ["<script>alert('x')</script> & more", "Atlases > globes"],
                minutes: "/srv/convenor/config/minutes/maps.md"
            )
        ]
    )

    static func page() throws -> String {
        try Support.overview(
            [awkwardGroup, ConfigFixtures.customerServicesCoP()],
            from: "2026-11-01",
            to: "2027-03-31",
            now: "2026-12-01T00:00:00Z"
        ).html
    }

    @Test func groupNamesAndAgendaItemsAreEscaped() throws {
        let html = try Self.page()
        #expect(html.contains("<h2 id=\"maps-sig-name\">Maps &amp; &quot;Plans&quot; &lt;SIG&gt;</h2>"))
        #expect(html.contains("<li>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; more</li>"))
        #expect(html.contains("<li>Atlases &gt; globes</li>"))
        #expect(!html.contains("<SIG>"))
        #expect(!html.contains("<script"))
    }

    @Test func theWaitingOnTheChairsItemsAreListedPerGroup() throws {
        let html = try Self.page()
        #expect(html.contains("<h3 id=\"maps-sig-waiting\">Waiting on the chairs</h3>"))
        #expect(html.contains("<strong>Minutes missing for the meeting of Thu 12 Nov 2026</strong>"))
        #expect(html.contains("<p>No file at /srv/convenor/config/minutes/maps.md yet.</p>"))
        #expect(html.contains("<strong>Confirm a date in the Feb 2027 window</strong>"))
        #expect(html.contains("<p>First reminder to the chairs: Mon 7 Dec 2026 09:00 GMT.</p>"))
        #expect(html.contains("<span class=\"counts\">2 waiting on the chairs · 5 mailings</span>"))
    }

    @Test func thePageIsSelfContainedWithNoScriptsOrExternalAssets() throws {
        let html = try Self.page()
        for forbidden in ["<script", "<link", "src=", "url(", "@import", "http://", "https://"] {
            #expect(!html.contains(forbidden), "found \(forbidden)")
        }
        #expect(html.contains("<style>"))
    }

    @Test func thePageReadsOnAPhoneAndPrintsOneGroupPerPage() throws {
        let html = try Self.page()
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n"))
        #expect(html.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"))
        #expect(html.contains("@media (max-width: 40rem)"))
        #expect(html.contains("@media print"))
        #expect(html.contains("section.group { break-before: page;"))
    }

    @Test func tablesHaveColumnMonthAndRowHeadings() throws {
        let html = try Self.page()
        #expect(
            html.contains(
                "<thead><tr><th scope=\"col\">When</th><th scope=\"col\">What</th><th scope=\"col\">About</th></tr></thead>"
            )
        )
        #expect(html.contains("<tr class=\"month\"><th scope=\"rowgroup\" colspan=\"3\">November 2026</th></tr>"))
        #expect(
            html.contains(
                "<tr class=\"to-list\"><th scope=\"row\" class=\"when\"><span class=\"day\">Thu 5 Nov</span> "
                    + "<span class=\"time\">09:00 GMT</span></th>"
            )
        )
        #expect(html.contains("<tr class=\"empty\"><td colspan=\"3\">Nothing goes out this month.</td></tr>"))
    }

    @Test func anEmptyConfigSaysSoInsteadOfAnEmptyPage() throws {
        let overview = try Support.overview([], from: "2026-11-01", to: "2026-11-30", now: "2026-11-01T00:00:00Z")
        #expect(overview.html.contains("<p>No groups are configured.</p>"))
        #expect(overview.text.hasSuffix("No groups are configured.\n"))
    }
}
