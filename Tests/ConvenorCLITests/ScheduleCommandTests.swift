import Foundation
import Testing

/// `convenor schedule` on the example config, as chairs and other tools read it.
@Suite struct ScheduleCommandTests {
    static let exampleConfig = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("config").path

    @Test func jsonListsTheAgendaAndMinutesOfTheNovemberMeetingWithUKOffsets() throws {
        let result = try ConvenorBinary.run([
            "schedule", "--config", Self.exampleConfig, "--now", "2026-11-01T00:00:00Z",
            "--from", "2026-11-01", "--to", "2026-11-30", "--group", "customer-services-cop", "--format", "json",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let rows = try #require(
            try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]]
        )
        #expect(rows.map { $0["kind"] as? String } == ["agenda", "minutes"])
        let agenda = rows[0]
        #expect(agenda["group"] as? String == "customer-services-cop")
        #expect(agenda["occurrence"] as? String == "2026-10")
        #expect(agenda["due"] as? String == "2026-11-05T09:00:00+00:00")
        #expect(agenda["meeting"] as? String == "2026-11-12T14:00:00+00:00")
        #expect(agenda["valid_until"] as? String == "2026-11-12T14:00:00+00:00")
        #expect(agenda["audience"] as? String == "list")
        #expect(agenda["to"] as? [String] == ["ALN-CUSTOMER-SERVICES-COP@JISCMAIL.AC.UK"])
    }

    @Test func aSummerDueTimeCarriesTheBritishSummerTimeOffset() throws {
        let result = try ConvenorBinary.run([
            "schedule", "--config", Self.exampleConfig, "--from", "2026-10-15", "--to", "2026-10-15",
            "--group", "customer-services-cop", "--format", "json",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("\"due\" : \"2026-10-15T09:00:00+01:00\""))
    }

    @Test func theTableShowsLocalTimesWithTheirZone() throws {
        let result = try ConvenorBinary.run([
            "schedule", "--config", Self.exampleConfig, "--from", "2026-11-01", "--to", "2026-11-30",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let agendaLine = try #require(
            result.stdout.split(separator: "\n").first { $0.contains("customer-services-cop") && $0.contains("agenda") }
        )
        #expect(agendaLine.hasPrefix("Thu 2026-11-05 09:00 GMT"))
        #expect(agendaLine.contains("meeting Thu 2026-11-12 14:00 GMT"))
    }

    @Test(arguments: [
        (["--group", "no-such-group"], "no group 'no-such-group' in the config"),
        (["--from", "2026-02-30"], "'2026-02-30' is not a day"),
        (["--from", "2027-01-02", "--to", "2027-01-01"], "is before --from"),
        (["--now", "yesterday"], "'yesterday' is not a moment convenor understands"),
    ])
    func usageMistakesExitWithStatusTwoAndSayWhatToWrite(arguments: [String], message: String) throws {
        let result = try ConvenorBinary.run(["schedule", "--config", Self.exampleConfig] + arguments)
        #expect(result.status == 2)
        #expect(result.stderr.contains(message))
    }

    @Test func aBrokenConfigStopsWithStatusOneAndTheLocatedErrors() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("convenor-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: directory.appendingPathComponent("groups"),
            withIntermediateDirectories: true
        )
        defer { try? FileManager.default.removeItem(at: directory) }
        try "network: ALN\ntimezon: Europe/London\n".write(
            to: directory.appendingPathComponent("convenor.yaml"),
            atomically: true,
            encoding: .utf8
        )
        let result = try ConvenorBinary.run(["schedule", "--config", directory.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("convenor.yaml:2:1: error:"))
        #expect(result.stdout.isEmpty)
    }
}
