import ConvenorCore
import ConvenorIO
import ConvenorTesting
import Foundation
import Testing

/// A chair's own wording of a template, saved in each store the web uses: the daemon's next pass renders the group's
/// mail with it, the other groups keep the installation's, "back to the installation's wording" undoes it, and the
/// audit trail names who saved what.
@Suite struct ChairWordingStoreTests {
    let now = LedgerFixtures.monday
    static let group = "customer-services-cop"
    static let wording = """
        ---
        subject: "Agenda: {{group.name}}"
        ---
        Our own words for {{meeting.date_long}}.

        """

    func change(_ action: ChairChange.Action, payload: String = "") -> ChairChange {
        ChairChange(
            number: 0,
            group: Self.group,
            occurrence: "agenda",
            action: action,
            payload: payload,
            author: "c.townson@example.ac.uk",
            at: now
        )
    }

    /// The daemon's configuration over the built-in templates, as `DaemonConfiguration.load` builds it.
    func configuration() throws -> DaemonConfiguration {
        let config = ConfigFixtures.config(groups: [
            ConfigFixtures.customerServicesCoP(meetings: [ConfigFixtures.meeting("2027-02-17 14:00", line: 31)])
        ])
        let templates = TemplateSources(directory: "templates", files: [:])
        return DaemonConfiguration(
            config: config,
            renderer: try TemplateRenderer(sources: templates, groupIDs: [Self.group]),
            transport: RecordingTransport(),
            templates: templates
        )
    }

    /// The body of the group's agenda mail of February as `configuration` renders it.
    func agendaBody(_ configuration: DaemonConfiguration) throws -> String {
        let config = configuration.config
        let zone = config.groups[0].timeZone
        let scheduler = Scheduler(config: config, existingMinutes: MinutesFiles.existing(in: config))
        let agenda = try #require(
            scheduler.mailings(
                from: ConfigFixtures.date("2027-01-01").startInstant(in: zone),
                to: ConfigFixtures.date("2027-03-01").startInstant(in: zone)
            ).first { $0.key.kind == .agenda }
        )
        return try configuration.renderer.render(agenda, group: config.groups[0], installation: config.installation)
            .body
    }

    @Test(arguments: LedgerStoreKind.allCases)
    func theNextPassRendersWithTheChairsWordingUntilTheyGoBack(store: LedgerStoreKind) async throws {
        let ledger = try await store.make()
        let loaded = try configuration()
        let before = try agendaBody(try await loaded.mergingChairChanges(from: ledger).configuration)
        #expect(!before.contains("Our own words"))

        let saved = try await ledger.appendChairChange(change(.wording, payload: Self.wording), seen: nil)
        let worded = try await loaded.mergingChairChanges(from: ledger)
        #expect(worded.diagnostics.isEmpty, "\(worded.diagnostics)")
        #expect(try agendaBody(worded.configuration).contains("Our own words for Wednesday 17 February 2027."))
        #expect(
            worded.configuration.renderer.templatePath(for: .mailing(.agenda), group: Self.group)
                == "templates/customer-services-cop/agenda.mustache"
        )
        // Only the agenda is reworded: the group's other mails keep the installation's.
        #expect(
            worded.configuration.renderer.templatePath(for: .mailing(.callForAgenda), group: Self.group)
                == "templates/call-for-agenda.mustache"
        )

        // A second chair's save from a page that had not seen it is refused, as for every chair change.
        await #expect(throws: LedgerError.self) {
            _ = try await ledger.appendChairChange(self.change(.wording, payload: Self.wording + "P.S.\n"), seen: nil)
        }
        _ = try await ledger.appendChairChange(change(.wordingDefault), seen: saved.number)
        let reset = try await loaded.mergingChairChanges(from: ledger)
        #expect(try agendaBody(reset.configuration) == before)

        let all = try await ledger.chairChanges()
        #expect(all.map(\.action) == [.wording, .wordingDefault])
        #expect(all[0].payload == Self.wording, "kept byte for byte")
        #expect(
            ChairExport.logLine(all[0]).contains(
                "wording  c.townson@example.ac.uk  the group's own wording of agenda.mustache, 4 line(s)"
            ),
            "\(ChairExport.logLine(all[0]))"
        )
        #expect(ChairExport.logLine(all[1]).contains("back to the installation's wording of agenda.mustache"))
        #expect(!ChairExport.yaml(all).contains("wording:"), "a wording undone leaves nothing to export")
    }

    @Test func theWorkspaceOfACommandOnASharedLedgerRendersWithTheWording() throws {
        let loaded = try configuration()
        let workspace = Workspace(
            config: loaded.config,
            fileConfig: loaded.config,
            templates: loaded.templates!,
            renderer: loaded.renderer
        )
        var saved = change(.wording, payload: Self.wording)
        saved.number = 1
        let merged = WorkspaceLoader.merging([saved], into: workspace)
        #expect(merged.diagnostics.isEmpty)
        #expect(
            merged.workspace.renderer.templatePath(for: .mailing(.agenda), group: Self.group)
                == "templates/customer-services-cop/agenda.mustache"
        )
        // A wording that no longer passes the checks (a build that dropped a variable) is a warning, and the mail
        // goes out in the installation's wording.
        saved.payload = Self.wording + "{{meeting.no_such_thing}}\n"
        let broken = WorkspaceLoader.merging([saved], into: workspace)
        #expect(broken.diagnostics.map(\.severity) == [.warning])
        #expect(broken.diagnostics.first?.problem.contains("no longer passes the checks") == true)
        #expect(
            broken.workspace.renderer.templatePath(for: .mailing(.agenda), group: Self.group)
                == "templates/agenda.mustache"
        )
    }
}
