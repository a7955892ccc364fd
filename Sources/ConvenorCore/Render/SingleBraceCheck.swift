/// Template text that looks like a variable but is not one: `{chairs_names}` in single braces is sent to the list
/// exactly as written. Also applies the checker's rewrites of list paths inside their sections.
enum SingleBraceCheck {
    /// A warning for each `{name}` whose name is a variable of this kind (or close to one).
    static func warnings(
        in text: String,
        kind: TemplateKind,
        locate: (Int, Int) -> SourceLocation
    ) -> [Diagnostic] {
        let characters = Array(text)
        let names = knownNames(for: kind)
        var diagnostics: [Diagnostic] = []
        var line = 1
        var column = 1
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if character == "{", index + 1 < characters.count, characters[index + 1] != "{",
                index == 0 || characters[index - 1] != "{",
                let close = characters[(index + 1)...].firstIndex(where: { !isNameCharacter($0) }),
                characters[close] == "}", close > index + 1,
                close + 1 >= characters.count || characters[close + 1] != "}"
            {
                let name = String(characters[(index + 1)..<close])
                if let meant = names.contains(name) ? name : Suggestion.closest(to: name, in: names) {
                    diagnostics.append(
                        .warning(
                            at: locate(line, column),
                            "{\(name)} has single braces, so it will be sent literally, braces and all",
                            fix: "write {{\(meant)}} to print the value"
                        )
                    )
                }
            }
            if character.isNewline {
                line += 1
                column = 1
            } else {
                column += 1
            }
            index += 1
        }
        return diagnostics
    }

    private static func isNameCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber || character == "_" || character == "."
    }

    /// Every dotted name of `kind`, including the fields of list items (`chairs.name`).
    private static func knownNames(for kind: TemplateKind) -> [String] {
        func paths(_ fields: [TemplateField], prefix: String) -> [String] {
            fields.flatMap { field -> [String] in
                let path = prefix + field.name
                switch field.shape {
                case .object(let children), .list(.object(let children)):
                    return [path] + paths(children, prefix: path + ".")
                default:
                    return [path]
                }
            }
        }
        return paths(TemplateSchema.fields(for: kind), prefix: "")
    }

    /// `text` with each rewrite's name replaced inside its tag (`{{meeting.agenda.text}}` → `{{.text}}`).
    static func applying(_ rewrites: [TemplateNameChecker.Rewrite], to text: String) -> String {
        guard !rewrites.isEmpty else { return text }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // From the end of each line backwards, so earlier columns stay where the scanner saw them.
        for rewrite in rewrites.sorted(by: { ($0.line, $0.column) > ($1.line, $1.column) }) {
            guard rewrite.line >= 1, rewrite.line <= lines.count else { continue }
            var characters = Array(lines[rewrite.line - 1])
            let start = rewrite.column - 1
            let name = Array(rewrite.name)
            guard start >= 0, start < characters.count,
                let offset = (start..<characters.count).first(where: {
                    $0 + name.count <= characters.count && Array(characters[$0..<($0 + name.count)]) == name
                })
            else { continue }
            characters.replaceSubrange(offset..<(offset + name.count), with: Array(rewrite.replacement))
            lines[rewrite.line - 1] = String(characters)
        }
        return lines.joined(separator: "\n")
    }
}
