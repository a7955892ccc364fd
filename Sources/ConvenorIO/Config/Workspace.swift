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
    package var templates: TemplateSources
    package var renderer: TemplateRenderer

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
        let merged = merge(chairs, over: fileConfig)
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
                diagnostics: sorted(diagnostics + error.diagnostics),
                groupCount: config.groups.count
            )
        }
        // The checker gives warnings too; the renderer alone would only throw the errors.
        diagnostics += TemplateChecker.check(templates, groupIDs: groupIDs)
        guard !diagnostics.containsErrors, let renderer = try? TemplateRenderer(sources: templates, groupIDs: groupIDs)
        else {
            return WorkspaceLoadResult(
                workspace: nil,
                diagnostics: sorted(diagnostics),
                groupCount: config.groups.count
            )
        }
        return WorkspaceLoadResult(
            workspace: Workspace(config: config, fileConfig: fileConfig, templates: templates, renderer: renderer),
            diagnostics: sorted(diagnostics),
            groupCount: config.groups.count
        )
    }

    /// `config` with the changes of `source` merged over it, and a warning for each change not applied.
    package static func merge(
        _ source: ChairChangeSource,
        over config: Config
    ) -> (config: Config, diagnostics: [Diagnostic]) {
        switch source {
        case .none: return (config, [])
        case .given(let changes): return ChairOverlay.apply(changes, to: config)
        case .ledger:
            // A shared ledger is read asynchronously by the caller (`ConfigOptions.loadValidWorkspace`), never the
            // SQLite file, which an installation with `ledger:` does not use.
            if config.installation.ledger != nil { return (config, []) }
            do {
                let changes = try SQLiteLedger.chairChanges(directory: config.installation.stateDirectory)
                return ChairOverlay.apply(changes, to: config)
            } catch {
                let location = SourceLocation(file: config.installation.stateDirectory)
                return (
                    config,
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

    private static func sorted(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        diagnostics.sorted {
            ($0.location, $0.severity.rawValue, $0.problem) < ($1.location, $1.severity.rawValue, $1.problem)
        }
    }
}
