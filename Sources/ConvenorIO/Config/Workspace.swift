package import ConvenorCore
import Foundation

/// Everything a command or the daemon needs from the chairs' files: the validated config and its templates.
///
/// Loaded as one unit so a reload either takes both or keeps the last good pair: a broken template must not be
/// paired with a new config that needs it.
package struct Workspace: Sendable {
    package var config: Config
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

/// Reads config and templates from disk and validates both.
package enum WorkspaceLoader {
    /// Loads `directory` (convenor.yaml, groups/) and the templates its `templates_dir` names.
    package static func load(directory: String) -> WorkspaceLoadResult {
        let configResult = ConfigSource.load(directory: directory)
        guard let config = configResult.config else {
            return WorkspaceLoadResult(workspace: nil, diagnostics: configResult.diagnostics, groupCount: 0)
        }
        var diagnostics = configResult.diagnostics
        let groupIDs = Set(config.groups.map(\.id))
        let templatesDirectory = config.installation.templatesDirectory
        let display = ConfigSource.display(templatesDirectory, in: FileManager.default.currentDirectoryPath)
        let templates: TemplateSources
        do {
            templates = try TemplateSource.read(directory: templatesDirectory, displayPath: display)
        } catch {
            return WorkspaceLoadResult(
                workspace: nil, diagnostics: sorted(diagnostics + error.diagnostics), groupCount: config.groups.count)
        }
        // The checker gives warnings too; the renderer alone would only throw the errors.
        diagnostics += TemplateChecker.check(templates, groupIDs: groupIDs)
        guard !diagnostics.containsErrors, let renderer = try? TemplateRenderer(sources: templates, groupIDs: groupIDs)
        else {
            return WorkspaceLoadResult(workspace: nil, diagnostics: sorted(diagnostics), groupCount: config.groups.count)
        }
        return WorkspaceLoadResult(
            workspace: Workspace(config: config, templates: templates, renderer: renderer),
            diagnostics: sorted(diagnostics), groupCount: config.groups.count)
    }

    private static func sorted(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        diagnostics.sorted {
            ($0.location, $0.severity.rawValue, $0.problem) < ($1.location, $1.severity.rawValue, $1.problem)
        }
    }
}
