import ConvenorCore
import ConvenorIO
import Foundation
import Testing

/// A SIGHUP reload reads the files through the same loader as `convenor check`, so it reports the same problems.
@Suite struct DaemonReloadDiagnosticsTests {
    @Test func aReloadReportsTheTemplateWarningsCheckReports() throws {
        let fixture = try DaemonFixture()
        defer { try? FileManager.default.removeItem(atPath: fixture.directory) }
        // A copy of the templates with one mistake the checker warns about but rendering accepts.
        let templates = fixture.directory + "/templates"
        try FileManager.default.copyItem(atPath: DaemonFixture.templatesDirectory, toPath: templates)
        let reminder = templates + "/reminder.mustache"
        try (try String(contentsOfFile: reminder, encoding: .utf8) + "\nSee you there, {chairs_names}.\n")
            .write(toFile: reminder, atomically: true, encoding: .utf8)
        let yaml = fixture.directory + "/config/convenor.yaml"
        try (try String(contentsOfFile: yaml, encoding: .utf8))
            .replacingOccurrences(of: DaemonFixture.templatesDirectory, with: templates)
            .write(toFile: yaml, atomically: true, encoding: .utf8)

        let checked = WorkspaceLoader.load(directory: fixture.directory + "/config")
        let reloaded = DaemonConfiguration.load(
            directory: fixture.directory + "/config",
            clock: fixture.clock,
            logger: fixture.logger
        )
        #expect(checked.diagnostics.contains { $0.severity == .warning && "\($0)".contains("{chairs_names}") })
        #expect(reloaded.configuration != nil)
        #expect(reloaded.diagnostics == checked.diagnostics)
    }
}
