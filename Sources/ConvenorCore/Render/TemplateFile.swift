import Yams

/// One template file split into its front matter (`subject:`, `reply_to:`) and its body, with located problems.
///
/// The front matter is composed with Yams into nodes rather than decoded, because only nodes carry line numbers
/// and unknown keys must be reported, not ignored.
struct TemplateFile: Sendable {
    var subject: TemplatePart
    var replyTo: [TemplatePart]?
    var body: TemplatePart

    static let keys = ["subject", "reply_to"]

    /// Parses `text`; returns nil and diagnostics located in `path` when the file cannot be used.
    static func parse(_ text: String, path: String) -> (file: TemplateFile?, diagnostics: [Diagnostic]) {
        var text = RenderText.normalizingLineEnds(text)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        func at(_ line: Int, _ column: Int = 0) -> SourceLocation {
            SourceLocation(file: path, line: line, column: column)
        }
        let example = "begin the file with a line ---, then subject: \"…\", then a line ---, then the mail's text"
        guard let first = lines.first, isFence(first) else {
            return (nil, [.error(at: at(1, 1), "the template does not start with front matter", fix: example)])
        }
        guard let close = lines.indices.dropFirst().first(where: { isFence(lines[$0]) }) else {
            return (
                nil,
                [
                    .error(
                        at: at(1, 1),
                        "the front matter opened here is never closed",
                        fix: "add a line --- after subject:"
                    )
                ]
            )
        }
        let yaml = lines[1..<close].joined(separator: "\n")
        let body = TemplatePart(
            text: lines[(close + 1)...].joined(separator: "\n"),
            origin: .lines(firstLine: close + 2)
        )

        var diagnostics: [Diagnostic] = []
        let node: Node?
        do {
            // As in `ConfigDocument`: basic tags and a given encoding (no copy of the environment per file).
            node = try Yams.compose(yaml: yaml, .basic, .default, .utf8)
        } catch {
            return (nil, [yamlDiagnostic(error, yaml: yaml, at: at)])
        }
        guard let mapping = node?.mapping else {
            let fix = "write subject: \"…\" between the two --- lines"
            return (nil, [.error(at: at(node == nil ? 1 : 2, 1), "the front matter has no subject", fix: fix)])
        }
        var subject: TemplatePart?
        var replyTo: [TemplatePart]?
        for (keyNode, valueNode) in mapping {
            let key = keyNode.scalar?.string ?? ""
            let keyLocation = at((keyNode.mark?.line ?? 0) + 1, keyNode.mark?.column ?? 0)
            switch key {
            case "subject":
                if let part = scalarPart(valueNode), !RenderText.oneLine(part.text).isEmpty {
                    subject = part
                } else if valueNode.scalar != nil {
                    diagnostics.append(
                        .error(at: keyLocation, "the subject is empty", fix: "write the subject after subject:")
                    )
                } else {
                    diagnostics.append(
                        .error(
                            at: keyLocation,
                            "the subject is not text",
                            fix: "put it in double quotes: subject: \"{{group.name}}: …\""
                        )
                    )
                }
            case "reply_to":
                let nodes = valueNode.sequence.map(Array.init) ?? [valueNode]
                let parts = nodes.compactMap(scalarPart)
                if parts.count == nodes.count, !parts.isEmpty {
                    replyTo = parts
                } else {
                    diagnostics.append(
                        .error(
                            at: keyLocation,
                            "reply_to is neither an address nor a list of addresses",
                            fix: "write reply_to: \"Name <name@example.org>\" or a list [a@example.org, b@example.org]"
                        )
                    )
                }
            default:
                let suggestion = Suggestion.closest(to: key, in: keys)
                let fix =
                    suggestion.map { "did you mean '\($0)'?" } ?? "the front matter holds only subject: and reply_to:"
                diagnostics.append(.error(at: keyLocation, "unknown front matter key '\(key)'", fix: fix))
            }
        }
        guard let subject else {
            if !diagnostics.contains(where: { $0.problem.hasPrefix("the subject") }) {
                diagnostics.append(
                    .error(
                        at: at(1, 1),
                        "the front matter has no subject",
                        fix: "write subject: \"…\" between the two --- lines"
                    )
                )
            }
            return (nil, diagnostics)
        }
        return (TemplateFile(subject: subject, replyTo: replyTo, body: body), diagnostics)
    }

    private static func isFence(_ line: Substring) -> Bool {
        RenderText.trimmingSpaces(String(line)) == "---"
    }

    /// A scalar's text and where it starts in the file (front matter starts on line 2).
    private static func scalarPart(_ node: Node) -> TemplatePart? {
        guard let scalar = node.scalar else { return nil }
        let mark = scalar.mark
        let line = (mark?.line ?? 0) + 1
        var column = mark?.column ?? 0
        let verbatim: Bool
        switch scalar.style {
        case .plain, .any:
            verbatim = !scalar.string.contains("\n")
        case .singleQuoted, .doubleQuoted:
            column += 1
            verbatim = !scalar.string.contains("\n") && !scalar.string.contains("\\") && !scalar.string.contains("'")
        case .literal, .folded:
            verbatim = false
        }
        return TemplatePart(text: scalar.string, origin: .scalar(line: line, column: column, verbatim: verbatim))
    }

    private static func yamlDiagnostic(
        _ error: any Error,
        yaml: String,
        at: (Int, Int) -> SourceLocation
    ) -> Diagnostic {
        var line = 1
        var column = 0
        var problem = "the front matter is not valid YAML"
        if let error = error as? YamlError {
            switch error {
            case .scanner(_, let text, let mark, _), .parser(_, let text, let mark, _),
                .composer(_, let text, let mark, _):
                line = mark.line
                column = mark.column
                problem += ": \(text)"
            case .duplicatedKeysInMapping(let duplicates, let context):
                line = context.mark.line
                column = context.mark.column
                problem = "the front matter names \(duplicates.joined(separator: ", ")) twice"
            default:
                break
            }
        }
        let yamlLines = yaml.split(separator: "\n", omittingEmptySubsequences: false)
        let text = line >= 1 && line <= yamlLines.count ? String(yamlLines[line - 1]) : ""
        let fix =
            text.contains("{{") && !text.contains("\"{{") && !text.contains("'")
            ? "put the value in double quotes, because YAML reads {{ as the start of a mapping: "
                + "subject: \"{{…}} …\""
            : "write each key on its own line as key: value, quoting values that contain : or start with {"
        return .error(at: at(line + 1, column), problem, fix: fix)
    }
}
