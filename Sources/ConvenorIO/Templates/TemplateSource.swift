package import ConvenorCore
import Foundation

/// Reads a templates directory from disk into `TemplateSources` for the pure checker and renderer.
///
/// Reads `*.mustache` at the top (the defaults) and one level down (`<group-id>/<kind>.mustache`, a group's
/// overrides). Other files such as README.md, and hidden files (editor swap and lock files), are ignored.
package enum TemplateSource {
    /// Reads every template under `directory`.
    /// - Parameter displayPath: the directory as diagnostics print it (default: `directory` as given).
    /// - Throws: one diagnostic per file that cannot be read or is not UTF-8, all collected.
    package static func read(directory: String, displayPath: String? = nil) throws(TemplateError) -> TemplateSources {
        let display = displayPath ?? directory
        let fileManager = FileManager.default
        var isDirectory: ObjCBool = false
        guard fileManager.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw TemplateError([
                .error(
                    at: SourceLocation(file: display),
                    "the templates directory does not exist",
                    fix: "set templates_dir in convenor.yaml to the folder that holds agenda.mustache and the others"
                )
            ])
        }
        var files: [String: String] = [:]
        var diagnostics: [Diagnostic] = []
        let sources = TemplateSources(directory: display, files: [:])

        func readFile(_ relativePath: String) {
            let path = (directory as NSString).appendingPathComponent(relativePath)
            guard let data = fileManager.contents(atPath: path) else {
                diagnostics.append(
                    .error(
                        at: SourceLocation(file: sources.displayPath(of: relativePath)),
                        "the file cannot be read",
                        fix: "check that convenor's user may read it (chmod 644)"
                    )
                )
                return
            }
            guard let text = String(data: data, encoding: .utf8) else {
                diagnostics.append(
                    .error(
                        at: SourceLocation(file: sources.displayPath(of: relativePath)),
                        "the file is not UTF-8 text",
                        fix: "save it as UTF-8 in your editor"
                    )
                )
                return
            }
            files[relativePath] = text
        }

        for name in visibleEntries(of: directory) {
            let path = (directory as NSString).appendingPathComponent(name)
            var entryIsDirectory: ObjCBool = false
            guard fileManager.fileExists(atPath: path, isDirectory: &entryIsDirectory) else { continue }
            if entryIsDirectory.boolValue {
                for child in visibleEntries(of: path) where child.hasSuffix(".mustache") {
                    readFile("\(name)/\(child)")
                }
            } else if name.hasSuffix(".mustache") {
                readFile(name)
            }
        }
        guard diagnostics.isEmpty else { throw TemplateError(diagnostics) }
        return TemplateSources(directory: display, files: files)
    }

    /// Entry names, sorted, without hidden ones; empty when the directory cannot be listed.
    private static func visibleEntries(of directory: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted()
    }
}
