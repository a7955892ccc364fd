/// One `{{…}}` tag found in a template, with its 1-based line and column (of the opening `{{`).
struct MustacheTag: Hashable, Sendable {
    enum Kind: Hashable, Sendable {
        case variable
        /// `{{{name}}}` or `{{&name}}`: the same as a variable in a text template.
        case unescaped
        case section
        case inverted
        case close
        case comment
        case partial
        /// `{{<parent}}` and `{{$block}}`: template inheritance.
        case inheritance
        case setDelimiters
        case pragma
    }

    var kind: Kind
    /// The tag's content after its sigil, trimmed (`meeting.date_long`, `CONTENT_TYPE: TEXT`).
    var content: String
    var line: Int
    var column: Int
}

/// Finds the tags of a template so their names can be checked against the schema.
///
/// swift-mustache keeps its parsed tokens internal, so the checker reads the tags itself; swift-mustache still
/// parses every template (its errors are reported too) and does all rendering. This scanner knows only the default
/// `{{ }}` delimiters: a set-delimiter tag is reported and ends the scan, and convenor rejects it.
enum MustacheTagScanner {
    /// The tags of `text`, or the location of a tag that is never closed.
    static func scan(_ text: String) -> (tags: [MustacheTag], unclosed: (line: Int, column: Int)?) {
        let characters = Array(text)
        var tags: [MustacheTag] = []
        var index = 0
        var line = 1
        var column = 1

        func advance(to end: Int) {
            while index < end {
                if characters[index].isNewline {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
                index += 1
            }
        }

        func find(_ needle: String, from start: Int) -> Int? {
            let pattern = Array(needle)
            guard characters.count >= pattern.count else { return nil }
            var position = start
            while position + pattern.count <= characters.count {
                if characters[position..<(position + pattern.count)].elementsEqual(pattern) { return position }
                position += 1
            }
            return nil
        }

        while let open = find("{{", from: index) {
            advance(to: open)
            let tagLine = line
            let tagColumn = column
            let triple = open + 2 < characters.count && characters[open + 2] == "{"
            let closer = triple ? "}}}" : "}}"
            let contentStart = open + (triple ? 3 : 2)
            guard let close = find(closer, from: contentStart) else {
                return (tags, (tagLine, tagColumn))
            }
            var content = String(characters[contentStart..<close])
            var kind = MustacheTag.Kind.variable
            if triple {
                kind = .unescaped
            } else if let sigil = content.first {
                let kinds: [Character: MustacheTag.Kind] = [
                    "#": .section, "^": .inverted, "/": .close, "!": .comment, ">": .partial, "<": .inheritance,
                    "$": .inheritance, "=": .setDelimiters, "%": .pragma, "&": .unescaped,
                ]
                if let sigilKind = kinds[sigil] {
                    kind = sigilKind
                    content.removeFirst()
                }
            }
            tags.append(
                MustacheTag(
                    kind: kind,
                    content: content.trimmingWhitespaceAndNewlines(),
                    line: tagLine,
                    column: tagColumn
                )
            )
            advance(to: close + closer.count)
            if kind == .setDelimiters { break }
        }
        return (tags, nil)
    }
}

extension String {
    /// Trims spaces, tabs and line breaks at both ends (Mustache allows them around a tag's name).
    fileprivate func trimmingWhitespaceAndNewlines() -> String {
        guard let first = firstIndex(where: { !$0.isWhitespace }), let last = lastIndex(where: { !$0.isWhitespace })
        else { return "" }
        return String(self[first...last])
    }
}
