/// RFC 5545 §3.1 content lines: text escaping and folding at 75 octets.
package enum ICalendarText {
    /// §3.1: lines should not be longer than 75 octets, excluding the line break.
    package static let lineLimit = 75

    /// §3.3.11 TEXT: backslash, semicolon and comma are escaped, any line end becomes `\n`, and other controls
    /// (which TEXT may not hold) become spaces.
    package static func escape(_ text: String) -> String {
        var output = ""
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            defer { previousWasCR = scalar == "\r" }
            switch scalar {
            case "\\": output += "\\\\"
            case ";": output += "\\;"
            case ",": output += "\\,"
            case "\r": output += "\\n"
            case "\n": if !previousWasCR { output += "\\n" }
            case "\t": output.unicodeScalars.append(scalar)
            case "\u{0}"..."\u{1F}", "\u{7F}": output += " "
            default: output.unicodeScalars.append(scalar)
            }
        }
        return output
    }

    /// A parameter value (§3.2): quoted when it holds `:`, `;` or `,`; double quotes become single ones, since a
    /// quoted-string cannot hold them, and controls become spaces.
    static func parameterValue(_ text: String) -> String {
        let clean = String(HeaderText.sanitise(text).map { $0 == "\"" ? "'" : $0 })
        return clean.contains(where: { $0 == ":" || $0 == ";" || $0 == "," }) ? "\"\(clean)\"" : clean
    }

    /// A URI value (§3.3.13): no escaping exists, so controls are dropped and spaces become `%20`.
    static func uri(_ text: String) -> String {
        var output = ""
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x00...0x1F, 0x7F: continue
            case 0x20: output += "%20"
            default: output.unicodeScalars.append(scalar)
            }
        }
        return output
    }

    /// One content line with its CRLF, folded so no physical line passes 75 octets (§3.1).
    ///
    /// Folds fall between characters, or between Unicode scalars for a character longer than a line, so a UTF-8
    /// sequence is never split; each continuation starts with one space, which unfolding removes.
    package static func fold(_ line: String) -> String {
        var output = ""
        var used = 0
        var limit = lineLimit
        func append(_ piece: String) {
            let length = piece.utf8.count
            if used + length > limit {
                output += "\r\n "
                used = 0
                limit = lineLimit - 1
            }
            output += piece
            used += length
        }
        for character in line {
            if String(character).utf8.count <= lineLimit - 1 {
                append(String(character))
            } else {
                for scalar in character.unicodeScalars { append(String(scalar)) }
            }
        }
        return output + "\r\n"
    }
}
