/// The text of every template file, keyed by path inside the templates directory: what IO reads and Core checks
/// and renders.
///
/// Paths are `agenda.mustache` for a default and `customer-services-cop/agenda.mustache` for a group's override.
/// Keeping the texts as values lets the checker and the renderer stay pure and lets tests build a directory inline.
package struct TemplateSources: Hashable, Sendable {
    /// The directory as diagnostics print it (`templates`), so an error reads `templates/agenda.mustache:14:5`.
    package var directory: String
    /// Relative path to file text.
    package var files: [String: String]

    package init(directory: String, files: [String: String]) {
        self.directory = directory
        self.files = files
    }

    /// The path a chair would recognise, `templates/agenda.mustache`.
    package func displayPath(of relativePath: String) -> String {
        guard !directory.isEmpty else { return relativePath }
        return directory.hasSuffix("/") ? directory + relativePath : "\(directory)/\(relativePath)"
    }
}
