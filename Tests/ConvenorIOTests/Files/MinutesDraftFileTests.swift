import ConvenorCore
import ConvenorIO
import ConvenorTesting
import Foundation
import Testing

/// Issue 15: a minutes file opening with `draft: true` is found but not mailed; `draft: false` (or no front matter)
/// mails it, without the front matter.
@Suite struct MinutesDraftFileTests {
    @Test func aDraftFileIsFoundNotMailedAndItsFrontMatterNeverReachesTheList() throws {
        let root = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("minutes-draft-\(UUID())")
            .resolvingSymlinksInPath()
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(
            at: root.appendingPathComponent("minutes"),
            withIntermediateDirectories: true
        )
        let path = root.appendingPathComponent("minutes/2026-11-12.md").path
        let installation = ConfigFixtures.installation(directory: root.path)
        let group = ConfigFixtures.customerServicesCoP(
            meetings: [ConfigFixtures.meeting("2026-11-12 14:00", minutes: path)],
            installation: installation
        )
        let config = ConfigFixtures.config(installation: installation, groups: [group])

        try "---\ndraft: true\n---\n# Minutes\n\nPresent: all.\n".write(toFile: path, atomically: true, encoding: .utf8)
        let draft = MinutesFiles.scan(config)
        #expect(draft.ready.isEmpty)
        #expect(draft.drafts == ["customer-services-cop/2026-10": path])
        #expect(MinutesFiles.existing(in: config).isEmpty)
        let scheduler = Scheduler(config: config, existingMinutes: draft.ready, draftMinutes: draft.drafts)
        let mailings = scheduler.mailings(
            from: ConfigFixtures.date("2026-11-01").startInstant(in: group.timeZone),
            to: ConfigFixtures.date("2027-01-01").startInstant(in: group.timeZone)
        )
        #expect(!mailings.contains { $0.key.kind == .minutes })
        #expect(mailings.first { $0.key.kind == .minutesChase }?.minutesDraft == path)

        try "---\ndraft: false\n---\n# Minutes\n\nPresent: all.\n".write(
            toFile: path,
            atomically: true,
            encoding: .utf8
        )
        let ready = MinutesFiles.scan(config)
        #expect(ready.ready == [path])
        #expect(ready.drafts.isEmpty)
        let minutes = try #require(
            Scheduler(config: config, existingMinutes: ready.ready).mailings(
                from: ConfigFixtures.date("2026-11-01").startInstant(in: group.timeZone),
                to: ConfigFixtures.date("2027-01-01").startInstant(in: group.timeZone)
            ).first { $0.key.kind == .minutes }
        )
        #expect(try MinutesFiles.read(for: minutes, config: config) == "# Minutes\n\nPresent: all.\n")

        // Marked a draft again after the pass planned it: the sender refuses rather than mail a draft.
        try "---\ndraft: true\n---\n# Minutes\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: PathConfinementError(path: path, problem: .draft)) {
            try MinutesFiles.read(for: minutes, config: config)
        }
    }
}
