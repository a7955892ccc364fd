/// Templates that cannot be used: every problem found, each with its file, line and fix.
package struct TemplateError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Sorted by file, line and column.
    package var diagnostics: [Diagnostic]

    package init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }

    /// One diagnostic per line, as `convenor check` prints them.
    package var description: String {
        diagnostics.map(\.description).joined(separator: "\n")
    }
}
