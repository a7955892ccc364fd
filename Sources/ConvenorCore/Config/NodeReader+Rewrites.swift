import Foundation
import Yams

/// The chair's own text, rewritten into what YAML expects: used by fixes so a chair copies their value back, not an
/// example from another group.
extension NodeReader {
    /// `Benchmarking: standards` when `node` is a one-pair mapping of two plain texts (an item with `: ` in it).
    static func colonPair(_ node: Node) -> String? {
        guard let mapping = node.mapping, mapping.count == 1, let (key, value) = mapping.first,
            let keyText = key.scalar?.string, let valueText = value.scalar?.string
        else { return nil }
        return "\(keyText): \(valueText)"
    }

    /// Double-quoted YAML text, with `"` and `\` escaped.
    static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// A node written back in YAML's one-line (flow) form, `{name: Ann Chair, email: a@example.ac.uk}`; nil when a
    /// part cannot be written plainly on one line.
    static func flowText(_ node: Node) -> String? {
        switch node {
        case .scalar(let scalar):
            let text = scalar.string
            guard !text.contains("\n") else { return nil }
            // Characters that end or open something in flow context need quotes.
            let special = text.contains(where: { ",[]{}#&*!|>'\"%@`".contains($0) }) || text.contains(": ")
            let plainAt = text.contains("@") && !text.contains(where: { ",[]{}: ".contains($0) })
            return text.isEmpty || (special && !plainAt) ? quoted(text) : text
        case .mapping(let mapping):
            var pairs: [String] = []
            for (key, value) in mapping {
                guard let keyText = key.scalar?.string, let valueText = flowText(value) else { return nil }
                pairs.append("\(keyText): \(valueText)")
            }
            return "{" + pairs.joined(separator: ", ") + "}"
        case .sequence(let sequence):
            var items: [String] = []
            for item in sequence {
                guard let text = flowText(item) else { return nil }
                items.append(text)
            }
            return "[" + items.joined(separator: ", ") + "]"
        case .alias:
            return nil
        }
    }

    /// The nearest line at or above `mark` that reads `key:value` with no space after the colon (`list:ADDR`),
    /// with its position and the line as it should be.
    static func gluedColon(
        before mark: Mark,
        in yaml: String
    ) -> (line: Int, column: Int, text: String, fixed: String)? {
        let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false)
        guard mark.line >= 1, mark.line <= lines.count + 1 else { return nil }
        // libyaml reports at most a few lines on: the glued text runs on until a line with a colon and a space.
        for index in stride(from: min(mark.line, lines.count) - 1, through: max(0, mark.line - 6), by: -1) {
            let line = lines[index].drop { $0 == " " || $0 == "-" }
            guard let colon = line.firstIndex(of: ":") else { continue }
            let key = line[..<colon]
            let rest = line[line.index(after: colon)...]
            guard let first = key.first, first.isLetter,
                key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }),
                let next = rest.first, next != " ", next != "/", !rest.contains(": ")
            else { continue }
            let column = lines[index].distance(from: lines[index].startIndex, to: line.startIndex) + 1
            let text = String(line).trimmingSpaces
            return (index + 1, column, text, "\(key): \(rest)".trimmingSpaces)
        }
        return nil
    }
}

extension NodeReader {
    /// A list written as one line of prose (`windows: October/November, February, June`, `to: a@x.org, b@y.org`):
    /// when every piece is a valid item, reports it with the chair's items in list form and returns true.
    ///
    /// - Parameter item: a piece's canonical spelling (`Oct-Nov` for `October/November`), nil when it is not an item.
    func reportProseList(_ node: Node, key: String, item: (String) -> String?) -> Bool {
        guard let scalar = node.scalar, scalar.style == .plain else { return false }
        let text = scalar.string
        let pieces =
            text.replacingOccurrences(of: " and ", with: ",").replacingOccurrences(of: ";", with: ",")
            .split(separator: ",").map { String($0).trimmingSpaces }.filter { !$0.isEmpty }
        guard pieces.count >= 2 else { return false }
        let items = pieces.compactMap(item)
        guard items.count == pieces.count else { return false }
        error(
            node,
            "`\(key)` takes a list, and `\(text)` reads as one value",
            fix: "write it in brackets, separated by commas: `\(key): [\(items.joined(separator: ", "))]`"
        )
        return true
    }
}
