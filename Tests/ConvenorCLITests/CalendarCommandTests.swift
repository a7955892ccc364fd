import Foundation
import Testing

/// `convenor calendar --out FILE.ics` on the example config, as an operator publishing the feed runs it.
@Suite struct CalendarCommandTests {
    static let exampleConfig = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("config").path

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "convenor-calendar-\(UUID().uuidString)"
        )
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func everyMeetingIsWrittenToTheFile() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = directory.appendingPathComponent("meetings.ics").path
        let result = try ConvenorBinary.run([
            "calendar", "--config", Self.exampleConfig, "--now", "2026-11-24T09:00:00Z", "--out", out,
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty)
        let text = try String(contentsOfFile: out, encoding: .utf8)
        let events = text.components(separatedBy: "BEGIN:VEVENT").count - 1
        #expect(result.stdout == "wrote \(events) meetings of Academic Libraries North to \(out)\n")
        #expect(events >= 4)
        #expect(text.hasPrefix("BEGIN:VCALENDAR\r\n"))
        #expect(text.contains("\r\nX-WR-CALNAME:Academic Libraries North\r\n"))
        #expect(text.contains("\r\nUID:convenor.customer-services-cop.2026-10@aln.example.org\r\n"))
        #expect(text.contains("\r\nDTSTAMP:20261124T090000Z\r\n"))
        // Nothing but the file is left in the folder: it was written whole, then renamed.
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["meetings.ics"])
    }

    @Test func oneGroupOnly() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = directory.appendingPathComponent("rare-books.ics").path
        let result = try ConvenorBinary.run([
            "calendar", "--config", Self.exampleConfig, "--group", "rare-books-sig", "--out", out,
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "wrote 2 meetings of Rare Books and Special Collections SIG to \(out)\n")
        let text = try String(contentsOfFile: out, encoding: .utf8)
        #expect(!text.contains("customer-services-cop"))
    }

    @Test func anUnknownGroupIsAUsageError() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = directory.appendingPathComponent("x.ics").path
        let result = try ConvenorBinary.run([
            "calendar", "--config", Self.exampleConfig, "--group", "chess-club", "--out", out,
        ])
        #expect(result.status == 2)
        #expect(result.stderr.contains("no group 'chess-club' in the config"))
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test func aFolderThatDoesNotExistIsReportedWithTheFix() throws {
        let out = "/nonexistent-\(UUID().uuidString)/meetings.ics"
        let result = try ConvenorBinary.run(["calendar", "--config", Self.exampleConfig, "--out", out])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("\(out): error: cannot write the calendar ("))
        #expect(result.stderr.contains("check that the folder exists and is writable"))
    }

    /// Issue 15: without --out the command writes convenor.yaml's `calendar_file:`, and says so when there is none.
    @Test func withoutOutAndWithoutCalendarFileTheCommandSaysWhatToGive() throws {
        let result = try ConvenorBinary.run(["calendar", "--config", Self.exampleConfig])
        #expect(result.status == 2)
        #expect(
            result.stderr
                == "convenor: no calendar file to write: give --out FILE.ics, or name it in convenor.yaml as "
                + "`calendar_file: /srv/www/aln/calendar.ics` (the daemon then keeps it current)\n"
        )
        #expect(result.stdout.isEmpty)
    }

    @Test func withoutOutTheConfiguredCalendarFileIsWritten() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = directory.appendingPathComponent("config")
        try FileManager.default.copyItem(atPath: Self.exampleConfig, toPath: config.path)
        try FileManager.default.copyItem(
            atPath: Self.exampleConfig + "/../templates",
            toPath: directory.appendingPathComponent("templates").path
        )
        try FileManager.default.createDirectory(
            at: directory.appendingPathComponent("www"),
            withIntermediateDirectories: true
        )
        let installation = config.appendingPathComponent("convenor.yaml")
        try (String(contentsOf: installation, encoding: .utf8) + "calendar_file: ../www/calendar.ics\n")
            .write(to: installation, atomically: true, encoding: .utf8)
        let result = try ConvenorBinary.run([
            "calendar", "--config", config.path, "--group", "rare-books-sig", "--now", "2026-11-24T09:00:00Z",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let out = directory.appendingPathComponent("www/calendar.ics").path
        #expect(result.stdout == "wrote 2 meetings of Rare Books and Special Collections SIG to \(out)\n")
        #expect(try String(contentsOfFile: out, encoding: .utf8).hasPrefix("BEGIN:VCALENDAR\r\n"))
    }
}
