package import ConvenorCore
import Foundation
package import Logging

/// Everything a delivery pass needs from the files: the validated config, the compiled templates and the transport
/// `delivery.transport` names.
///
/// Loaded as a whole or not at all: `load` returns nil with every diagnostic when the config or any template is
/// broken, so the daemon can keep running on the last good value after a failed SIGHUP reload.
package struct DaemonConfiguration: Sendable {
    package var config: Config
    package var renderer: TemplateRenderer
    package var transport: any MailTransport
    /// The operator's templates folder, over which each pass merges the chairs' saved wordings; nil when the
    /// configuration was built from a renderer alone (tests), which then stays as it is.
    package var templates: TemplateSources?

    /// A configuration from values already in hand (tests inject a `RecordingTransport`).
    package init(
        config: Config,
        renderer: TemplateRenderer,
        transport: any MailTransport,
        templates: TemplateSources? = nil
    ) {
        self.config = config
        self.renderer = renderer
        self.transport = transport
        self.templates = templates
    }

    /// What `load` found: the configuration if it is usable, and every warning and error (FILE:LINE: ...).
    package struct LoadResult: Sendable {
        package var configuration: DaemonConfiguration?
        package var diagnostics: [Diagnostic]
    }

    /// Reads `directory` (convenor.yaml, groups/) and the templates directory it names, and builds the transport.
    ///
    /// - Parameters:
    ///   - clock: stamps outbox file names.
    ///   - logger: the SMTP transport's logger.
    package static func load(directory: String, clock: any WallClock, logger: Logger) -> LoadResult {
        // The same loader as every command and `check`: the same checks, and the template warnings too, so a
        // SIGHUP reload reports what `convenor check` shows.
        // The operator's files alone: each pass merges the chairs' changes from the daemon's own store
        // (`mergingChairChanges`), so a change saved on the web is seen at the next pass without a reload.
        let loaded = WorkspaceLoader.load(directory: directory, chairs: .none)
        guard let workspace = loaded.workspace else {
            return LoadResult(configuration: nil, diagnostics: loaded.diagnostics)
        }
        let transport = TransportFactory.make(for: workspace.config.installation, clock: clock, logger: logger)
        return LoadResult(
            configuration: DaemonConfiguration(
                config: workspace.config,
                renderer: workspace.renderer,
                transport: transport,
                templates: workspace.templates
            ),
            diagnostics: loaded.diagnostics
        )
    }

    /// This configuration with the chairs' saved changes in `ledger` merged over it (`ChairOverlay`), and the
    /// warnings about changes not applied. `config` here is always the operator's files alone.
    package func mergingChairChanges(
        from ledger: any LedgerReader
    ) async throws(LedgerError)
        -> (configuration: DaemonConfiguration, diagnostics: [Diagnostic])
    {
        let changes = try await ledger.chairChanges()
        let merged = WorkspaceLoader.merge(.given(changes), over: config)
        var configuration = self
        configuration.config = merged.config
        var diagnostics = merged.diagnostics
        // The chairs' own wordings (checked when saved, checked again here): a wording saved on the web is what
        // this very pass renders with. Without any, the operator's renderer stands as loaded.
        if let templates, changes.contains(where: { $0.action.isWording }) {
            let groupIDs = Set(config.groups.map(\.id))
            let worded = ChairWording.apply(changes, to: templates, groupIDs: groupIDs)
            diagnostics += worded.diagnostics
            if let renderer = try? TemplateRenderer(sources: worded.sources, groupIDs: groupIDs) {
                configuration.renderer = renderer
            }
        }
        return (configuration, diagnostics)
    }

    /// Creates the state and outbox directories when missing, and makes both owner-only (0700) whatever the umask
    /// or an earlier mode: the ledger names every recipient, and outbox copies of list posts carry the moderator
    /// password in `Approved:`.
    package func createDirectories() throws(DaemonError) {
        let installation = config.installation
        for path in [installation.stateDirectory, installation.outboxDirectory] {
            do {
                try FileManager.default.createDirectory(
                    atPath: path,
                    withIntermediateDirectories: true,
                    attributes: [.posixPermissions: 0o700]
                )
            } catch {
                throw DaemonError(operation: "create \(path)", message: error.localizedDescription)
            }
            if chmod(path, 0o700) != 0 {
                throw DaemonError(operation: "chmod 700 \(path)", message: String(cString: strerror(errno)))
            }
        }
    }
}
