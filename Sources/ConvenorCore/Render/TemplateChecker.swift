/// Checks a templates directory for `convenor check`: file names, front matter, Mustache syntax and every name.
///
/// Reports every problem in every file, sorted by file and line, each with what to write instead. The renderer
/// runs the same checks before it accepts a directory, so what `check` passes is what the daemon can send.
package enum TemplateChecker {
    /// Every problem in `sources`.
    /// - Parameter groupIDs: the configured groups; when given, an override folder must be named after one.
    package static func check(_ sources: TemplateSources, groupIDs: Set<String>? = nil) -> [Diagnostic] {
        compileAll(sources, groupIDs: groupIDs).diagnostics
    }

    /// Checks and compiles every file; a file with an error is left out of `templates`.
    static func compileAll(
        _ sources: TemplateSources,
        groupIDs: Set<String>?
    ) -> (templates: [String: CompiledTemplate], diagnostics: [Diagnostic]) {
        var templates: [String: CompiledTemplate] = [:]
        var diagnostics: [Diagnostic] = []
        for path in sources.files.keys.sorted() {
            let display = sources.displayPath(of: path)
            guard let kind = classify(path, display: display, groupIDs: groupIDs, into: &diagnostics) else { continue }
            let (compiled, fileDiagnostics) = check(sources.files[path] ?? "", kind: kind, display: display)
            diagnostics += fileDiagnostics
            if let compiled, !fileDiagnostics.containsErrors {
                templates[path] = compiled
            }
        }
        // A kind the folder has no file for uses the template convenor ships (an upgrade that adds a kind must not
        // break installed folders); `check` says so, once per kind, as a warning a chair can act on or ignore.
        for kind in TemplateKind.all where sources.files[kind.relativePath()] == nil {
            let path = kind.relativePath()
            let display = "\(sources.displayPath(of: path)) (built in)"
            let (compiled, builtInDiagnostics) = check(kind.builtInTemplate, kind: kind, display: display)
            diagnostics += builtInDiagnostics
            if let compiled, !builtInDiagnostics.containsErrors { templates[path] = compiled }
            diagnostics.append(
                .warning(
                    at: SourceLocation(file: sources.displayPath(of: path)),
                    "there is no file for \(kind) mails here, so convenor's built-in default is used",
                    fix: "to reword it, copy \(path) from convenor's templates/ folder (or `convenor init`) and edit it"
                )
            )
        }
        return (templates, diagnostics.sorted { $0.location < $1.location })
    }

    /// One file's problems, and its compiled form when it has none.
    static func check(_ text: String, kind: TemplateKind, display: String) -> (CompiledTemplate?, [Diagnostic]) {
        let (file, frontMatterDiagnostics) = TemplateFile.parse(text, path: display)
        guard var parsed = file else { return (nil, frontMatterDiagnostics) }
        var nameDiagnostics: [Diagnostic] = []
        var warnings: [Diagnostic] = []
        func checkPart(_ part: inout TemplatePart) {
            let text = part.text
            let origin = part
            let locate = { (line: Int, column: Int) -> SourceLocation in
                let position = origin.fileLocation(line: line, column: column)
                return SourceLocation(file: display, line: position.line, column: position.column)
            }
            let (tags, unclosed) = MustacheTagScanner.scan(text)
            var checker = TemplateNameChecker(kind: kind, locate: locate)
            checker.check(tags)
            nameDiagnostics += checker.diagnostics
            warnings += SingleBraceCheck.warnings(in: text, kind: kind, locate: locate)
            part.text = SingleBraceCheck.applying(checker.rewrites, to: text)
            if let unclosed {
                nameDiagnostics.append(
                    .error(
                        at: locate(unclosed.line, unclosed.column),
                        "this tag is never closed",
                        fix: "end it with }}"
                    )
                )
            }
        }
        checkPart(&parsed.subject)
        if var replyTo = parsed.replyTo {
            for index in replyTo.indices { checkPart(&replyTo[index]) }
            parsed.replyTo = replyTo
        }
        checkPart(&parsed.body)
        for part in parsed.replyTo ?? [] where !part.text.contains("{{") {
            if ReplyToAddress.parse(part.text) == nil {
                let position = part.fileLocation(line: 1, column: 1)
                nameDiagnostics.append(
                    .error(
                        at: SourceLocation(file: display, line: position.line, column: position.column),
                        "'\(part.text)' is not a mail address",
                        fix: "write name@example.org or \"Name <name@example.org>\""
                    )
                )
            }
        }
        let (compiled, syntaxDiagnostics) = CompiledTemplate.compile(parsed, kind: kind, path: display)
        // The scanner explains structural mistakes in chairs' words; swift-mustache's report of the same mistake
        // would only repeat it less clearly.
        let diagnostics =
            frontMatterDiagnostics + nameDiagnostics + (nameDiagnostics.isEmpty ? syntaxDiagnostics : []) + warnings
        return (compiled, diagnostics)
    }

    /// The kind a path's file name gives, or nil after reporting why the file is not a template convenor uses.
    private static func classify(
        _ path: String,
        display: String,
        groupIDs: Set<String>?,
        into diagnostics: inout [Diagnostic]
    ) -> TemplateKind? {
        let location = SourceLocation(file: display)
        let components = path.split(separator: "/").map(String.init)
        guard let fileName = components.last, fileName.hasSuffix(".mustache"), components.count <= 2 else {
            diagnostics.append(
                .error(
                    at: location,
                    "convenor does not use this file",
                    fix: "put templates in templates/<kind>.mustache or templates/<group-id>/<kind>.mustache"
                )
            )
            return nil
        }
        let name = String(fileName.dropLast(".mustache".count))
        guard let kind = TemplateKind(name: name) else {
            let suggestion = Suggestion.closest(to: name, in: TemplateKind.all.map(\.name))
            let fix =
                suggestion.map { "did you mean '\($0).mustache'?" }
                ?? "name it after a kind: " + TemplateKind.all.map(\.name).joined(separator: ", ")
            diagnostics.append(.error(at: location, "'\(fileName)' is not a template convenor uses", fix: fix))
            return nil
        }
        if components.count == 2 {
            let group = components[0]
            if kind == .operatorAlert || kind == .chairsAlert {
                diagnostics.append(
                    .error(
                        at: location,
                        "the \(kind == .operatorAlert ? "operator" : "chairs'") alert cannot be overridden per group",
                        fix: "edit \(kind.relativePath()) instead"
                    )
                )
                return nil
            }
            if let groupIDs, !groupIDs.contains(group) {
                let suggestion = Suggestion.closest(to: group, in: groupIDs.sorted())
                let fix =
                    suggestion.map { "did you mean '\($0)/'?" }
                    ?? "name the folder after a group's id: " + groupIDs.sorted().joined(separator: ", ")
                diagnostics.append(.error(at: location, "there is no group '\(group)'", fix: fix))
                return nil
            }
        }
        return kind
    }
}
