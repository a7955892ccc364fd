import ConvenorTesting
import Foundation
import Testing

/// `convenor overview` on the example config: the text for the terminal, the HTML page, and that page as headless
/// Chromium draws it.
@Suite struct OverviewCommandTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let exampleConfig = repository.appendingPathComponent("config").path
    static let screenshotCheck = repository.appendingPathComponent("Tests/Support/screenshot_check.py").path
    static let year = ["--now", "2026-09-01T00:00:00Z", "--from", "2026-09-01", "--to", "2027-08-31"]

    /// Chromium on PATH (Debian's `chromium` package), or nil.
    static let chromium: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        let names = ["chromium", "chromium-browser", "google-chrome"]
        for directory in path.split(separator: ":") {
            for name in names where FileManager.default.isExecutableFile(atPath: "\(directory)/\(name)") {
                return "\(directory)/\(name)"
            }
        }
        return nil
    }()

    static func temporaryDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("convenor-overview-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    @Test func theTextShowsEachGroupMonthByMonthWithWhatWaitsOnTheChairs() throws {
        let result = try ConvenorBinary.run(["overview", "--config", Self.exampleConfig] + Self.year)
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.first == "Year overview, 1 Sep 2026 to 31 Aug 2027")
        #expect(lines.contains("Customer Services Community of Practice (customer-services-cop)"))
        #expect(lines.contains("  * Confirm a date in the Feb 2027 window"))
        #expect(lines.contains("    First reminder to the chairs: Mon 7 Dec 2026 09:00 GMT."))
        #expect(lines.contains { $0.hasPrefix("    Thu 5 Nov 09:00 GMT") && $0.contains("agenda") })
        // The New York group's times are its own, with its own zone names.
        #expect(lines.contains { $0.hasPrefix("    Sun 14 Mar 14:00 EDT") && $0.contains("meeting") })
        #expect(lines.contains("  * Terms of reference review due Fri 20 Aug 2027"))
    }

    @Test func theDefaultRangeStartsAtTheBeginningOfTheMonthAndRunsTwelveMonths() throws {
        let result = try ConvenorBinary.run([
            "overview", "--config", Self.exampleConfig, "--now", "2026-11-24T09:00:00Z", "--group", "rare-books-sig",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("Year overview, 1 Nov 2026 to 31 Oct 2027\n"))
        #expect(!result.stdout.contains("customer-services-cop"))
        // By 24 November the October meeting is over and its minutes file exists: nothing missing.
        #expect(!result.stdout.contains("Minutes missing"))
    }

    @Test func aMeetingPastWithoutMinutesIsWaitingOnTheChairs() throws {
        let result = try ConvenorBinary.run([
            "overview", "--config", Self.exampleConfig, "--now", "2026-12-01T00:00:00Z", "--from", "2026-11-01",
            "--to", "2026-11-30", "--group", "resource-sharing-cop",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("  * Minutes missing for the meeting of Tue 17 Nov 2026"))
        #expect(result.stdout.contains("    Reminder to the chairs: Tue 24 Nov 2026 09:00 EST."))
    }

    @Test func htmlIsWrittenAtomicallyAndTheCommandSaysWhere() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let page = directory.appendingPathComponent("overview.html")
        let result = try ConvenorBinary.run(
            ["overview", "--config", Self.exampleConfig, "--html", page.path] + Self.year
        )
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "wrote the overview of 1 Sep 2026 to 31 Aug 2027 to \(page.path)\n")
        let html = try String(contentsOf: page, encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en-GB\">"))
        #expect(html.contains("<h2 id=\"resource-sharing-cop-name\">Resource Sharing Community of Practice</h2>"))
        // Only the page is left behind: the temporary file was renamed over it.
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["overview.html"])
    }

    @Test func anUnwritableHtmlPathFailsWithStatusOneAndSaysWhy() throws {
        let result = try ConvenorBinary.run(
            ["overview", "--config", Self.exampleConfig, "--html", "/nonexistent-folder/overview.html"] + Self.year
        )
        #expect(result.status == 1)
        #expect(result.stderr.contains("/nonexistent-folder/overview.html: error: cannot write the overview"))
        #expect(result.stdout.isEmpty)
    }

    @Test(arguments: [
        (["--group", "no-such-group"], "no group 'no-such-group' in the config"),
        (["--from", "2027-01-02", "--to", "2027-01-01"], "is before --from"),
        (["--to", "2026-01-01", "--now", "2026-09-01"], "give --from too"),
    ])
    func usageMistakesExitWithStatusTwo(arguments: [String], message: String) throws {
        let result = try ConvenorBinary.run(["overview", "--config", Self.exampleConfig] + arguments)
        #expect(result.status == 2)
        #expect(result.stderr.contains(message))
    }

    /// The check: headless Chromium draws the page on a phone and a desktop, the screenshots are not blank,
    /// and the page logs nothing to the console. Bounded: every Chromium run has a 40 s timeout, the whole a 90 s one.
    @Test(
        .enabled(if: chromium != nil, "chromium is not installed (Debian: apt-get install chromium)"),
        .timeLimit(.minutes(2))
    )
    func theHtmlPageRendersInHeadlessChromiumOnAPhoneAndADesktop() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let page = directory.appendingPathComponent("overview.html")
        let written = try ConvenorBinary.run(
            ["overview", "--config", Self.exampleConfig, "--html", page.path] + Self.year
        )
        try #require(written.status == 0, "\(written.stderr)")

        let check = try Self.runScreenshotCheck(page: page.path, output: directory.appendingPathComponent("shots").path)
        #expect(check.status == 0, "\(check.output)")
        let report = try #require(
            try JSONSerialization.jsonObject(with: Data(check.output.utf8)) as? [String: Any],
            "\(check.output)"
        )
        let screenshots = try #require(report["screenshots"] as? [String: [String: Any]])
        #expect(screenshots["412x915"]?["width"] as? Int == 412)
        #expect(screenshots["1280x1024"]?["width"] as? Int == 1280)
        #expect(report["console"] as? [String] == [])
    }

    /// Printed, each group starts a new page: one short month of three groups would fit on one page otherwise.
    @Test(
        .enabled(if: chromium != nil, "chromium is not installed (Debian: apt-get install chromium)"),
        .timeLimit(.minutes(2))
    )
    func printingPutsEachGroupOnItsOwnPage() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let page = directory.appendingPathComponent("overview.html")
        let written = try ConvenorBinary.run([
            "overview", "--config", Self.exampleConfig, "--html", page.path, "--now", "2026-11-01T00:00:00Z",
            "--from", "2026-11-01", "--to", "2026-11-30",
        ])
        try #require(written.status == 0, "\(written.stderr)")
        let check = try Self.runScreenshotCheck(
            page: page.path,
            output: directory.appendingPathComponent("shots").path,
            sizes: ["412x915"],
            print: true
        )
        #expect(check.status == 0, "\(check.output)")
        let report = try #require(
            try JSONSerialization.jsonObject(with: Data(check.output.utf8)) as? [String: Any],
            "\(check.output)"
        )
        #expect(report["print_pages"] as? Int == 3, "\(check.output)")
    }

    /// The checker itself must be able to fail: a blank page and a page with a script error are both reported.
    @Test(
        .enabled(if: chromium != nil, "chromium is not installed (Debian: apt-get install chromium)"),
        .timeLimit(.minutes(2))
    )
    func theScreenshotCheckCatchesABlankPageAndConsoleErrors() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let page = directory.appendingPathComponent("broken.html")
        try """
        <!DOCTYPE html><html lang="en-GB"><head><title>broken</title></head>
        <body><h1></h1><script>notAFunction();</script></body></html>
        """.write(to: page, atomically: true, encoding: .utf8)
        let check = try Self.runScreenshotCheck(
            page: page.path,
            output: directory.appendingPathComponent("shots").path,
            sizes: ["412x915"]
        )
        #expect(check.status == 1)
        #expect(check.output.contains("looks blank"))
        #expect(check.output.contains("Uncaught ReferenceError"))
    }

    static func runScreenshotCheck(
        page: String,
        output: String,
        sizes: [String] = [],
        print: Bool = false
    ) throws -> (status: Int32, output: String) {
        // `timeout` bounds the whole check even if Chromium hangs in a way its own timeouts miss.
        let result = try Subprocess.run(
            "/usr/bin/timeout",
            ["90", "python3", screenshotCheck] + (print ? ["--print"] : []) + [page, output] + sizes
        )
        return (result.status, result.stdout)
    }
}
