import Foundation

/// Small, bounded text searches over a notice's body.
enum Text {
    /// The text between the first `start` and the next `end` after it, trimmed; nil when either is missing or the
    /// span is longer than 300 characters (then it is not the short name or phrase the template has there).
    static func between(_ start: String, _ end: String, in text: String) -> String? {
        guard let open = text.range(of: start) else { return nil }
        guard let close = text.range(of: end, range: open.upperBound..<text.endIndex) else { return nil }
        let found = text[open.upperBound..<close.lowerBound].trimmingWhiteSpace
        return found.isEmpty || found.count > 300 ? nil : found
    }

    /// The first paragraph after the line holding `marker` (blank lines before it skipped), its lines joined by
    /// spaces; at most 1,000 characters.
    static func paragraph(after marker: String, in text: String) -> String? {
        guard let range = text.range(of: marker) else { return nil }
        let rest = text[range.upperBound...]
        let lines = rest.split(separator: "\n", omittingEmptySubsequences: false).map { $0.trimmingWhiteSpace }
        var collected: [String] = []
        // The marker's own line may carry text after the marker.
        var index = 0
        if let first = lines.first, !first.isEmpty { collected.append(first) }
        index = 1
        while index < lines.count, collected.isEmpty, lines[index].isEmpty { index += 1 }
        while index < lines.count, !lines[index].isEmpty, collected.joined().count < 1000 {
            collected.append(lines[index])
            index += 1
        }
        let joined = collected.joined(separator: " ")
        return joined.isEmpty ? nil : String(joined.prefix(1000))
    }

    /// The value of a quoted header line (`Subject: ...`) inside a body, with its continuation lines.
    static func headerLine(_ name: String, in text: String) -> String? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let prefix = name.lowercased() + ":"
        guard let index = lines.firstIndex(where: { $0.lowercased().hasPrefix(prefix) }) else { return nil }
        var value = String(lines[index].dropFirst(prefix.count))
        var next = index + 1
        while next < lines.count, let first = lines[next].first, first == " " || first == "\t" {
            value += " " + lines[next]
            next += 1
        }
        return value.trimmingWhiteSpace
    }

    /// The first `https://` (or `http://`) link that contains `fragment`.
    static func link(in text: String, containing fragment: String) -> String? {
        var rest = Substring(text)
        while let start = rest.range(of: "http", options: .caseInsensitive) {
            let candidate = rest[start.lowerBound...].prefix {
                !$0.isWhitespace && $0 != ">" && $0 != "\"" && $0 != "<" && $0 != ")"
            }
            if candidate.hasPrefix("https://") || candidate.hasPrefix("http://"), candidate.contains(fragment),
                candidate.count <= 2000
            {
                return String(candidate)
            }
            rest = rest[start.upperBound...]
        }
        return nil
    }

    /// `name` as an address: kept when it has a domain, else joined to the notice sender's domain.
    static func listAddress(_ name: String, from message: InboundMessage) -> String {
        if name.contains("@") { return name.lowercased() }
        let domain = message.header("From").flatMap(HeaderWords.address)?.split(separator: "@").last
        return domain.map { "\(name)@\($0)".lowercased() } ?? name.lowercased()
    }
}
