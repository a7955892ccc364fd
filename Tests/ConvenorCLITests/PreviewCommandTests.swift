import ConvenorTesting
import Foundation
import Testing

/// `convenor preview` on the example config: the summary, the readable messages, `--out` checked by independent
/// parsers (Python's `email` and PyPI's `icalendar`), and `--send-to` test copies.
@Suite struct PreviewCommandTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let exampleConfig = repository.appendingPathComponent("config").path

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("convenor-preview-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func python(_ arguments: [String]) throws -> String {
        try Subprocess.python(arguments).stdout
    }

    @Test func theSummaryListsNovembersMailWithSubjects() throws {
        let result = try ConvenorBinary.run(["preview", "--config", Self.exampleConfig, "--month", "2026-11"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first?.hasPrefix("DUE ") == true)
        #expect(
            lines.contains {
                $0.hasPrefix("2026-11-05 09:00 GMT  customer-services-cop  agenda ")
                    && $0.hasSuffix("Agenda: Customer Services Community of Practice, Thursday 12 November 2026")
            }
        )
        #expect(
            result.stdout.contains("Message-ID:  <convenor.customer-services-cop.agenda.2026-10.r0@aln.example.org>")
        )
        #expect(result.stdout.contains("  When:  Thursday 12 November 2026, 14:00–15:30 GMT"))
    }

    @Test func kindAndGroupNarrowThePreview() throws {
        let result = try ConvenorBinary.run([
            "preview", "--config", Self.exampleConfig, "--from", "2026-09-01", "--to", "2027-08-31",
            "--group", "rare-books-sig", "--kind", "reminder",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let rows = result.stdout.split(separator: "\n").filter { $0.hasPrefix("20") }
        #expect(rows.count == 2)
        #expect(rows.allSatisfy { $0.contains("rare-books-sig  reminder") })
    }

    /// The acceptance test: every message and calendar of the example config's whole year parses cleanly.
    @Test func everyMessageOfTheYearParsesWithPythonsEmailAndIcalendar() throws {
        let out = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        let result = try ConvenorBinary.run([
            "preview", "--config", Self.exampleConfig, "--from", "2026-09-01", "--to", "2027-08-31", "--out", out.path,
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: out.path)
        // 47 since confirm-date asks each window at most 3 times (issue 15); before, up to 9 a window.
        #expect(files.filter { $0.hasSuffix(".eml") }.count > 40)
        #expect(files.filter { $0.hasSuffix(".ics") }.count >= 10)
        let problems = try Self.python([
            Self.repository.appendingPathComponent("Tests/Support/check_message.py").path, out.path,
        ])
        #expect(problems.trimmingCharacters(in: .whitespacesAndNewlines) == "[]")
    }

    /// A meeting on the day US clocks go forward (Sunday 14 March 2027, 14:00 New York) is 18:00 UTC, not 19:00.
    @Test func aMeetingOnTheDayUSClocksChangeIsTheRightInstant() throws {
        let out = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        let result = try ConvenorBinary.run([
            "preview", "--config", Self.exampleConfig, "--month", "2027-03", "--group", "resource-sharing-cop",
            "--kind", "agenda", "--out", out.path,
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let ics = try #require(
            try FileManager.default.contentsOfDirectory(atPath: out.path).first { $0.hasSuffix(".ics") }
        )
        let script = """
            import sys, icalendar, datetime
            cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
            event = next(c for c in cal.walk('VEVENT'))
            print(event.decoded('DTSTART').astimezone(datetime.timezone.utc).isoformat())
            """
        let start = try Self.python(["-c", script, out.appendingPathComponent(ics).path])
        #expect(start.trimmingCharacters(in: .whitespacesAndNewlines) == "2027-03-14T18:00:00+00:00")
    }

    @Test func sendToDeliversTestCopiesThroughTheConfiguredTransport() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.copyItem(
            at: Self.repository.appendingPathComponent("config"),
            to: directory.appendingPathComponent("config")
        )
        let yaml = directory.appendingPathComponent("config/convenor.yaml")
        let text = try String(contentsOf: yaml, encoding: .utf8)
            .replacingOccurrences(
                of: "templates_dir: ../templates",
                with: "templates_dir: \(Self.repository.path)/templates"
            )
        try text.write(to: yaml, atomically: true, encoding: .utf8)

        let result = try ConvenorBinary.run([
            "preview", "--config", directory.appendingPathComponent("config").path, "--month", "2026-11",
            "--group", "customer-services-cop", "--send-to", "chair@example.ac.uk",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.stdout.contains(
                "test copy of customer-services-cop/agenda/2026-10/0 to chair@example.ac.uk: delivered"
            )
        )
        let outbox = directory.appendingPathComponent("outbox")
        let files = try FileManager.default.contentsOfDirectory(atPath: outbox.path).filter { $0.hasSuffix(".eml") }
        #expect(files.count == 2)
        for file in files {
            let message = try String(contentsOf: outbox.appendingPathComponent(file), encoding: .utf8)
            #expect(message.contains("\r\nTo: chair@example.ac.uk\r\n"))
            #expect(message.contains("\r\nSubject: [TEST] "))
        }
    }
}

/// PRODUCT.md's promise: what `preview` shows is byte for byte what is sent, apart from the Date header.
@Suite struct PreviewMatchesSendingTests {
    @Test func thePreviewedAgendaIsTheSentAgendaApartFromItsDate() throws {
        let directory = try PreviewCommandTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        for path in ["config", "templates"] {
            try FileManager.default.copyItem(
                at: PreviewCommandTests.repository.appendingPathComponent(path),
                to: directory.appendingPathComponent(path)
            )
        }
        let config = directory.appendingPathComponent("config").path
        let previewDirectory = directory.appendingPathComponent("preview")
        let preview = try ConvenorBinary.run([
            "preview", "--config", config, "--month", "2026-11", "--group", "customer-services-cop", "--kind", "agenda",
            "--out", previewDirectory.path,
        ])
        #expect(preview.status == 0, "\(preview.stderr)")
        // The agenda is due 2026-11-05 09:00 GMT; the daemon sends it half an hour later.
        let run = try ConvenorBinary.run(["run", "--once", "--config", config, "--now", "2026-11-05T09:30:00Z"])
        #expect(run.status == 0, "\(run.stderr)")

        let outbox = directory.appendingPathComponent("outbox")
        let sentName = try #require(
            try FileManager.default.contentsOfDirectory(atPath: outbox.path).first {
                $0.contains("customer-services-cop.agenda.2026-10")
            }
        )
        let previewName = try #require(
            try FileManager.default.contentsOfDirectory(atPath: previewDirectory.path).first { $0.hasSuffix(".eml") }
        )
        let sent = try Data(contentsOf: outbox.appendingPathComponent(sentName))
        let previewed = try Data(contentsOf: previewDirectory.appendingPathComponent(previewName))
        func withoutDate(_ data: Data) -> [Substring] {
            String(decoding: data, as: UTF8.self).split(separator: "\r\n", omittingEmptySubsequences: false)
                .filter { !$0.hasPrefix("Date: ") }
        }
        #expect(String(decoding: sent, as: UTF8.self).contains("Date: Thu, 5 Nov 2026 09:30:00 +0000\r\n"))
        #expect(String(decoding: previewed, as: UTF8.self).contains("Date: Thu, 5 Nov 2026 09:00:00 +0000\r\n"))
        #expect(withoutDate(sent) == withoutDate(previewed))
        #expect(sent.count > 1000)
    }
}
