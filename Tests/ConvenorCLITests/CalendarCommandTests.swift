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
}
