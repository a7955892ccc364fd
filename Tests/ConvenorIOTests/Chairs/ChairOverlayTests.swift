import ConvenorCore
import ConvenorIO
import ConvenorTesting
import Foundation
import Testing

/// Chairs' changes: stored append-only in the ledger, folded over the operator's files by one loader, the file
/// winning every fact it sets.
@Suite struct ChairOverlayTests {
    let now = LedgerFixtures.monday
    let zone = ConfigFixtures.zone("Europe/London")

    func change(
        _ action: ChairChange.Action,
        _ occurrence: String = "2027-02",
        payload: String,
        format: String = "",
        group: String = "customer-services-cop"
    ) -> ChairChange {
        ChairChange(
            number: 0,
            group: group,
            occurrence: occurrence,
            action: action,
            payload: payload,
            format: format,
            author: "c.townson@example.ac.uk",
            at: now
        )
    }

    func config(meetings: [Meeting] = []) -> Config {
        ConfigFixtures.config(groups: [ConfigFixtures.customerServicesCoP(meetings: meetings)])
    }

    func mailings(_ config: Config, from: String, to: String) -> [Mailing] {
        let scheduler = Scheduler(config: config, existingMinutes: MinutesFiles.existing(in: config))
        return scheduler.mailings(
            from: ConfigFixtures.date(from).startInstant(in: zone),
            to: ConfigFixtures.date(to).startInstant(in: zone)
        )
    }

    @Test(arguments: LedgerStoreKind.allCases)
    func storeNumbersChangesAndRefusesAStaleSave(store: LedgerStoreKind) async throws {
        let ledger = try await store.make()
        let first = try await ledger.appendChairChange(change(.confirm, payload: "start: 2027-02-10 14:00"), seen: nil)
        #expect(first.number == 1)
        let other = try await ledger.appendChairChange(change(.skip, "2027-06", payload: ""), seen: nil)
        #expect(other.number == 2)
        // A second chair whose page showed no change of February yet is refused, naming the change they missed.
        let stale = await #expect(throws: LedgerError.self) {
            _ = try await ledger.appendChairChange(self.change(.agenda, payload: "start: 2027-02-10 14:00"), seen: nil)
        }
        #expect(stale?.reason == .staleChairChange(latest: 1))
        let third = try await ledger.appendChairChange(
            change(.agenda, payload: "start: 2027-02-10 14:00\nagenda: [Welcome]"),
            seen: 1
        )
        #expect(third.number == 3)
        let all = try await ledger.chairChanges()
        #expect(all.map(\.number) == [1, 2, 3])
        #expect(all.map(\.action) == [.confirm, .skip, .agenda])
        #expect(all.allSatisfy { $0.author == "c.townson@example.ac.uk" && abs($0.at.timeIntervalSince(now)) < 1 })
    }

    @Test func aConfirmedDateIsPlannedLikeAMeetingInTheGroupFile() throws {
        let before = mailings(config(), from: "2026-09-01", to: "2027-03-01")
        #expect(before.contains { $0.key.kind == .confirmDate && $0.key.occurrence.hasPrefix("2027-02") })
        let confirm = change(.confirm, payload: "start: 2027-02-10 14:00\nagenda: [Welcome, Catalogue audit]")
        var saved = confirm
        saved.number = 7
        let (merged, diagnostics) = ChairOverlay.apply([saved], to: config())
        #expect(diagnostics.isEmpty)
        let meeting = try #require(merged.groups[0].meetings.first)
        #expect(meeting.start == ConfigFixtures.dateTime("2027-02-10 14:00"))
        #expect(meeting.agenda == ["Welcome", "Catalogue audit"])
        #expect(meeting.location == SourceLocation(file: "chairs/customer-services-cop", line: 7, column: 1))
        let after = mailings(merged, from: "2026-09-01", to: "2027-03-01")
        #expect(!after.contains { $0.key.kind == .confirmDate && $0.key.occurrence.hasPrefix("2027-02") })
        #expect(after.contains { $0.key.kind == .agenda && $0.key.occurrence == "2027-02" })
    }

    @Test func theFileWinsAWindowItAlreadyFills() {
        let file = ConfigFixtures.meeting("2027-02-17 14:00", line: 31)
        let (merged, diagnostics) = ChairOverlay.apply(
            [change(.confirm, payload: "start: 2027-02-10 14:00")],
            to: config(meetings: [file])
        )
        #expect(merged.groups[0].meetings == [file])
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.problem.contains("config/groups/meetings.yaml (line 31)") == true)
        #expect(diagnostics.first?.severity == .warning)
    }

    @Test(arguments: [
        ("start: 2027-03-10 14:00", "is not in the 2027-02 window"),
        ("start: 2027-02-10 14:00\nminutes: ../../etc/passwd", "cannot name a file"),
        ("start: 2027-02-10 14:00\nagenda: [\"Welcome\\r\\nBcc: all@example.org\"]", "line break"),
        ("start: 2027-02-31 14:00", "2027-02-31"),
        ("just text", "not a meeting"),
    ])
    func aChangeTheParserRejectsIsAWarningAndNotApplied(payload: String, problem: String) {
        let (merged, diagnostics) = ChairOverlay.apply([change(.confirm, payload: payload)], to: config())
        #expect(merged.groups[0].meetings.isEmpty)
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.severity == .warning)
        #expect(diagnostics.first?.problem.contains(problem) == true, "\(String(describing: diagnostics.first))")
        #expect(diagnostics.first?.fix.isEmpty == false)
    }

    @Test func noMeetingThisWindowStopsItsReminders() {
        let (merged, diagnostics) = ChairOverlay.apply(
            [change(.confirm, payload: "start: 2027-02-10 14:00"), change(.skip, payload: "Chairs on leave")]
                .enumerated().map { index, change in
                    var numbered = change
                    numbered.number = index + 1
                    return numbered
                },
            to: config()
        )
        #expect(diagnostics.isEmpty)
        #expect(merged.groups[0].meetings.isEmpty)
        #expect(merged.groups[0].skippedWindows == ["2027-02"])
        #expect(
            !mailings(merged, from: "2026-09-01", to: "2027-03-01").contains { $0.key.occurrence.hasPrefix("2027-02") }
        )
    }

    @Test func onlyReadyMinutesAreMailed() throws {
        let meeting = ConfigFixtures.meeting("2026-11-12 14:00")
        let text = "# Minutes\n\nPresent: everyone.\n"
        let draft = ChairOverlay.apply(
            [change(.minutesDraft, "2026-10", payload: text, format: "md")],
            to: config(meetings: [meeting])
        )
        #expect(draft.config.chairMinutes.isEmpty)
        #expect(MinutesFiles.existing(in: draft.config).isEmpty)
        let ready = ChairOverlay.apply(
            [change(.minutesReady, "2026-10", payload: text, format: "md")],
            to: config(meetings: [meeting])
        )
        #expect(ready.diagnostics.isEmpty)
        let name = "chairs/customer-services-cop/2026-11-12.md"
        #expect(ready.config.groups[0].meetings[0].minutesPath == name)
        #expect(MinutesFiles.existing(in: ready.config) == [name])
        let minutes = try #require(
            mailings(ready.config, from: "2026-11-01", to: "2027-01-01").first { $0.key.kind == .minutes }
        )
        #expect(try MinutesFiles.read(for: minutes, config: ready.config) == text)
    }

    @Test func minutesTheFileNamesStayTheFile() {
        let meeting = ConfigFixtures.meeting("2026-11-12 14:00", minutes: "/srv/convenor/config/minutes/2026-11-12.md")
        let (merged, diagnostics) = ChairOverlay.apply(
            [change(.minutesReady, "2026-10", payload: "text", format: "txt")],
            to: config(meetings: [meeting])
        )
        #expect(merged.groups[0].meetings[0].minutesPath == "/srv/convenor/config/minutes/2026-11-12.md")
        #expect(diagnostics.count == 1)
    }

    @Test func exportAndLogSayWhoSavedWhatAndWhen() {
        var confirm = change(.confirm, payload: "start: 2027-02-10 14:00\nagenda: [Welcome]")
        confirm.number = 1
        var minutes = change(.minutesReady, "2026-10", payload: "Present: all.\nActions: none.", format: "txt")
        minutes.number = 2
        let yaml = ChairExport.yaml([confirm, minutes])
        #expect(yaml.contains("customer-services-cop:"))
        #expect(yaml.contains("window: 2027-02"))
        #expect(yaml.contains("start: 2027-02-10 14:00"))
        #expect(yaml.contains("saved_by: c.townson@example.ac.uk"))
        #expect(yaml.contains("state: ready"))
        #expect(yaml.contains("Actions: none."))
        let line = ChairExport.logLine(confirm)
        #expect(line.hasPrefix("#1  "))
        #expect(line.contains("confirm  c.townson@example.ac.uk  start 2027-02-10 14:00, 1 agenda item(s)"))
        #expect(ChairExport.yaml([]).hasSuffix("{}\n"))
    }

    @Test func theLoaderReadsTheChangesFromTheLedgerOnDisk() async throws {
        let directory = try LedgerFixtures.temporaryDirectory("chairs")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        #expect(try SQLiteLedger.chairChanges(directory: directory).isEmpty)
        let ledger = try SQLiteLedger.open(directory: directory)
        _ = try await ledger.appendChairChange(change(.confirm, payload: "start: 2027-02-10 14:00"), seen: nil)
        try ledger.close()
        let changes = try SQLiteLedger.chairChanges(directory: directory)
        #expect(changes.map(\.occurrence) == ["2027-02"])
        var installation = ConfigFixtures.installation()
        installation.stateDirectory = directory
        let config = ConfigFixtures.config(
            installation: installation,
            groups: [ConfigFixtures.customerServicesCoP(meetings: [], installation: installation)]
        )
        let merged = WorkspaceLoader.merge(.ledger, over: config)
        #expect(merged.diagnostics.isEmpty)
        #expect(merged.config.groups[0].meetings.map(\.start) == [ConfigFixtures.dateTime("2027-02-10 14:00")])
    }
}
