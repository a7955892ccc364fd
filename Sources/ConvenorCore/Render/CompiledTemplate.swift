import Mustache

/// A template file parsed by swift-mustache: subject, reply-to entries and body, ready to render.
struct CompiledTemplate: Sendable {
    var kind: TemplateKind
    var path: String
    var subject: MustacheTemplate
    var replyTo: [MustacheTemplate]?
    var body: MustacheTemplate

    /// Every part is rendered with this line in front, so nothing is HTML-escaped even when a chair leaves out
    /// the pragma; a standalone tag line renders as nothing, and a second pragma line in the file stays harmless.
    static let pragmaLine = "{{% CONTENT_TYPE: TEXT}}\n"

    /// Parses each part; swift-mustache's errors come back at the file's line and column.
    static func compile(
        _ file: TemplateFile,
        kind: TemplateKind,
        path: String
    ) -> (template: CompiledTemplate?, diagnostics: [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        func parse(_ part: TemplatePart) -> MustacheTemplate? {
            do {
                return try MustacheTemplate(string: pragmaLine + part.text)
            } catch let error as MustacheTemplate.ParserError {
                // Line 1 is the pragma line added above.
                let position = part.fileLocation(
                    line: max(1, error.context.lineNumber - 1),
                    column: error.context.columnNumber
                )
                diagnostics.append(
                    .error(
                        at: SourceLocation(file: path, line: position.line, column: position.column),
                        Self.problem(error.error),
                        fix: Self.fix(error.error)
                    )
                )
            } catch {
                diagnostics.append(
                    .error(at: SourceLocation(file: path), "the template cannot be read: \(error)", fix: "")
                )
            }
            return nil
        }
        let subject = parse(file.subject)
        let replyTo = file.replyTo?.map(parse)
        let body = parse(file.body)
        guard let subject, let body, replyTo?.contains(where: { $0 == nil }) != true else { return (nil, diagnostics) }
        return (
            CompiledTemplate(kind: kind, path: path, subject: subject, replyTo: replyTo?.compactMap { $0 }, body: body),
            diagnostics
        )
    }

    private static func problem(_ error: any Error) -> String {
        guard let error = error as? MustacheTemplate.Error else { return "Mustache cannot read this: \(error)" }
        switch error {
        case .sectionCloseNameIncorrect: return "this closing tag does not match the section it closes"
        case .unfinishedName: return "this tag is not closed, or its name has a character names cannot have"
        case .expectedSectionEnd: return "a section is never closed"
        case .invalidSetDelimiter: return "this set-delimiter tag is malformed"
        case .invalidConfigVariableSyntax: return "this pragma is malformed"
        case .unrecognisedConfigVariable: return "this pragma is unknown"
        case .transformAppliedToInheritanceSection, .illegalTokenInsideInheritSection, .textInsideInheritSection:
            return "template inheritance is not supported"
        }
    }

    private static func fix(_ error: any Error) -> String {
        guard let error = error as? MustacheTemplate.Error else { return "" }
        switch error {
        case .sectionCloseNameIncorrect: return "close sections in the reverse order you opened them"
        case .unfinishedName: return "write tags as {{name}}, {{#name}}…{{/name}} with letters, digits, _ and dots"
        case .expectedSectionEnd: return "add the {{/name}} tag that ends it"
        case .invalidConfigVariableSyntax, .unrecognisedConfigVariable: return "write {{% CONTENT_TYPE: TEXT}}"
        default: return "keep {{ and }} and write the whole text in this template"
        }
    }
}
