/// "Did you mean …" for a template name that does not exist: a misspelling first, then names built from the same
/// word elsewhere (`group.chair` → `chairs_names`), then fields whose description uses the name's words
/// (`meeting.teams_link` → `meeting.online`, the join link).
extension TemplateNameChecker {
    /// The fix for an unknown `name`, or nil when no real name is close.
    static func suggestion(for name: String, in scopes: [Scope]) -> String? {
        let visible = visibleFields(in: scopes)
        if let close = Suggestion.closest(to: name, in: visible.map(\.path)) { return "did you mean '\(close)'?" }
        let parts = name.lowercased().split(separator: ".").map(String.init)
        guard let leaf = parts.last, !leaf.isEmpty else { return nil }
        let parent = parts.dropLast().joined(separator: ".")

        // The same word in another place or number: `chair` is the start of `chairs`, `chairs_names`.
        let stem = leaf.hasSuffix("s") ? String(leaf.dropLast()) : leaf
        let sameWord = visible.filter { candidate in
            let candidateLeaf = candidate.path.split(separator: ".").last.map(String.init) ?? candidate.path
            return stem.count >= 4 && candidateLeaf.lowercased().hasPrefix(stem)
        }
        // The name's words in a field's one-line description, under the same parent: `teams_link` → "Join link."
        let words = leaf.split(separator: "_").map(String.init).filter { $0.count >= 3 }
        let described = visible.filter { candidate in
            let candidateParent = candidate.path.split(separator: ".").dropLast().joined(separator: ".")
            let summary = candidate.field.summary.lowercased().split(whereSeparator: { !$0.isLetter }).map(String.init)
            return candidateParent == parent && words.contains { summary.contains($0) }
        }
        var printable: [String] = []
        var loops: [String] = []
        for candidate in sameWord + described {
            switch candidate.field.shape {
            case .text where !printable.contains(candidate.path):
                printable.append(candidate.path)
            case .list(.object(let fields)) where loops.isEmpty:
                // A list is printed one item at a time; show the loop with its first text field.
                if let first = fields.first(where: { $0.shape == .text }) {
                    loops.append("{{#\(candidate.path)}}{{\(first.name)}}{{/\(candidate.path)}}")
                }
            default:
                continue
            }
        }
        let names = printable.prefix(2).map { "'\($0)'" }
        guard !names.isEmpty || !loops.isEmpty else { return nil }
        var fix = names.isEmpty ? "" : "did you mean \(names.joined(separator: " or "))?"
        if let loop = loops.first { fix += (fix.isEmpty ? "" : " ") + "one at a time: \(loop)" }
        return fix
    }
}
