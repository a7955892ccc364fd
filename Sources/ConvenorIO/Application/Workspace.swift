package import ConvenorCore
import Foundation

/// Everything a command or the daemon needs from the chairs' files: the validated config and its templates.
///
/// Loaded as one unit so a reload either takes both or keeps the last good pair: a broken template must not be
/// paired with a new config that needs it.
package struct Workspace: Sendable {
    /// The operator's files with the chairs' saved changes merged over them (`ChairOverlay`): what every command sees.
    package var config: Config
    /// The operator's files alone, so the daemon can merge the chairs' latest changes at each pass.
    package var fileConfig: Config
    /// The operator's templates folder alone: the chairs' wordings are merged only into `renderer`, so the daemon
    /// can merge their latest wordings at each pass.
    package var templates: TemplateSources
    /// The templates with the chairs' saved wordings merged over the operator's folder (`ChairWording`).
    package var renderer: TemplateRenderer

    /// A workspace from its parts (the loader builds them; tests pass their own).
    package init(config: Config, fileConfig: Config, templates: TemplateSources, renderer: TemplateRenderer) {
        self.config = config
        self.fileConfig = fileConfig
        self.templates = templates
        self.renderer = renderer
    }

    /// The assembler that turns this workspace's mailings into messages.
    package var assembler: MailingAssembler { MailingAssembler(config: config, renderer: renderer) }
}

/// The result of loading a workspace: the workspace, or nil with at least one error among the diagnostics.
package struct WorkspaceLoadResult: Sendable {
    package var workspace: Workspace?
    /// Every config and template problem (errors and warnings), sorted by file and line.
    package var diagnostics: [Diagnostic]
    /// How many group files were read, for `check`'s summary.
    package var groupCount: Int
}

/// Where the chairs' saved changes come from when a workspace is loaded.
package enum ChairChangeSource: Sendable {
    /// The ledger in the config's `state_dir`, opened read-only (every command, `check`); none for a shared
    /// PostgreSQL ledger, whose changes the caller reads and passes `.given`.
    case ledger
    /// These changes (the daemon and the web pass the ones their own store holds; tests pass their own).
    case given([ChairChange])
    /// None: the operator's files alone.
    case none
}

/// Reads config and templates from disk and validates both.
package enum WorkspaceLoader {
    /// Loads `directory` (convenor.yaml, groups/) and the templates its `templates_dir` names, and merges the
    /// chairs' saved changes over the groups (`ChairOverlay`): a change that does not fit is a warning, never an
    /// error, so nothing a chair saved can stop the operator's config from loading.
    package static func load(directory: String, chairs: ChairChangeSource = .ledger) -> WorkspaceLoadResult {
        let configResult = ConfigSource.load(directory: directory)
        guard let fileConfig = configResult.config else {
            return WorkspaceLoadResult(workspace: nil, diagnostics: configResult.diagnostics, groupCount: 0)
        }
        var diagnostics = configResult.diagnostics
        let (changes, readDiagnostics) = changes(chairs, config: fileConfig)
        let merged = ChairOverlay.apply(changes, to: fileConfig)
        diagnostics += readDiagnostics
        let config = merged.config
        diagnostics += merged.diagnostics
        let groupIDs = Set(config.groups.map(\.id))
        let templatesDirectory = config.installation.templatesDirectory
        let display = ConfigSource.display(templatesDirectory, in: FileManager.default.currentDirectoryPath)
        let templates: TemplateSources
        do {
            templates = try TemplateSource.read(directory: templatesDirectory, displayPath: display)
        } catch {
            return WorkspaceLoadResult(
                workspace: nil,
                diagnostics: (diagnostics + error.diagnostics).sortedForReport(),
                groupCount: config.groups.count
            )
        }
        // The checker gives warnings too; the renderer alone would only throw the errors.
        diagnostics += TemplateChecker.check(templates, groupIDs: groupIDs)
        guard !diagnostics.containsErrors,
            let fileRenderer = try? TemplateRenderer(sources: templates, groupIDs: groupIDs)
        else {
            return WorkspaceLoadResult(
                workspace: nil,
                diagnostics: diagnostics.sortedForReport(),
                groupCount: config.groups.count
            )
        }
        // The chairs' own wordings over the operator's folder; each passed the same checks when it was saved.
        let worded = ChairWording.apply(changes, to: templates, groupIDs: groupIDs)
        diagnostics += worded.diagnostics
        let renderer = (try? TemplateRenderer(sources: worded.sources, groupIDs: groupIDs)) ?? fileRenderer
        return WorkspaceLoadResult(
            workspace: Workspace(
                config: config,
                fileConfig: fileConfig,
                templates: templates,
                renderer: renderer
            ),
            diagnostics: diagnostics.sortedForReport(),
            groupCount: config.groups.count
        )
    }

    /// `config` with the changes of `source` merged over it, and a warning for each change not applied.
    package static func merge(
        _ source: ChairChangeSource,
        over config: Config
    ) -> (config: Config, diagnostics: [Diagnostic]) {
        let (changes, diagnostics) = changes(source, config: config)
        let merged = ChairOverlay.apply(changes, to: config)
        return (merged.config, diagnostics + merged.diagnostics)
    }

    /// `workspace` with `changes` (read from a shared ledger by the caller) merged over its operator's files: the
    /// groups (`ChairOverlay`) and the chairs' own wordings in its renderer (`ChairWording`), with a warning for each
    /// change not applied. A renderer the wordings cannot make keeps the operator's (each wording was checked when
    /// it was saved, so that is a bug, not a chair's mistake).
    package static func merging(
        _ changes: [ChairChange],
        into workspace: Workspace
    ) -> (workspace: Workspace, diagnostics: [Diagnostic]) {
        var result = workspace
        let merged = ChairOverlay.apply(changes, to: workspace.fileConfig)
        result.config = merged.config
        let groupIDs = Set(merged.config.groups.map(\.id))
        let worded = ChairWording.apply(changes, to: workspace.templates, groupIDs: groupIDs)
        if let renderer = try? TemplateRenderer(sources: worded.sources, groupIDs: groupIDs) {
            result.renderer = renderer
        }
        return (result, merged.diagnostics + worded.diagnostics)
    }

    /// The changes `source` gives, and a warning when the ledger cannot be read.
    static func changes(
        _ source: ChairChangeSource,
        config: Config
    ) -> (changes: [ChairChange], diagnostics: [Diagnostic]) {
        switch source {
        case .none: return ([], [])
        case .given(let changes): return (changes, [])
        case .ledger:
            // A shared ledger is read asynchronously by the caller (`ConfigOptions.loadValidWorkspace`), never the
            // SQLite file, which an installation with `ledger:` does not use.
            if config.installation.ledger != nil { return ([], []) }
            do {
                return (try SQLiteLedger.chairChanges(directory: config.installation.stateDirectory), [])
            } catch {
                let location = SourceLocation(file: config.installation.stateDirectory)
                return (
                    [],
                    [
                        .warning(
                            at: location,
                            "cannot read the chairs' saved changes (\(error)); they are not shown",
                            fix: "run the command as the user convenor runs as, or with read access to the ledger"
                        )
                    ]
                )
            }
        }
    }
}
