/// Small text clean-ups shared by the context builder and the renderer.
///
/// Kept Foundation-free and namespaced so they cannot collide with other parts' String extensions.
package enum RenderText {
    /// Folds every line break (with the spaces around it) into one space, and trims the ends: for values that
    /// must stay on one line, above all a subject (a CR or LF there would start a new header).
    package static func oneLine(_ text: String) -> String {
        var result = ""
        var pendingSpace = false
        for character in text {
            if character.isNewline {
                pendingSpace = true
                while let last = result.last, last == " " || last == "\t" { result.removeLast() }
                continue
            }
            if pendingSpace {
                if character == " " || character == "\t" { continue }
                pendingSpace = false
                if !result.isEmpty { result.append(" ") }
            }
            result.append(character)
        }
        return trimmingSpaces(result)
    }

    /// Keeps the lines but ends every one with LF, and drops trailing blank lines and spaces.
    package static func multiline(_ text: String) -> String {
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        var joined = lines.map { String($0) }.joined(separator: "\n")
        while joined.last?.isWhitespace == true { joined.removeLast() }
        return joined
    }

    /// Wraps each line longer than `width` at spaces, continuing with the line's own indentation; a word longer
    /// than the width stays whole (the composer's quoted-printable copes with long lines).
    package static func wrapped(_ text: String, width: Int) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            guard line.count > width else { return String(line) }
            let indent = String(line.prefix { $0 == " " || $0 == "\t" })
            var lines: [String] = []
            var current = indent
            for word in line.dropFirst(indent.count).split(separator: " ") {
                let candidate = current == indent ? current + word : current + " " + word
                if candidate.count > width, current != indent {
                    lines.append(current)
                    current = indent + word
                } else {
                    current = candidate
                }
            }
            lines.append(current)
            return lines.joined(separator: "\n")
        }.joined(separator: "\n")
    }

    /// Drops leading and trailing spaces and tabs.
    package static func trimmingSpaces(_ text: String) -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = text.firstIndex(where: { !isSpace($0) }), let last = text.lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(text[first...last])
    }

    /// Line ends as LF only: CRLF and lone CR (a template saved on Windows or an old Mac) become LF, so line numbers
    /// and Mustache's standalone-tag rules see the same lines an editor shows.
    package static func normalizingLineEnds(_ text: String) -> String {
        // A CR byte is always the character "\r" or "\r\n" (GB3 to GB5), so the bytes answer without graphemes.
        guard text.utf8.contains(0x0D) else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            if character == "\r\n" || character == "\r" {
                result.append("\n")
            } else {
                result.append(character)
            }
        }
        return result
    }
}
