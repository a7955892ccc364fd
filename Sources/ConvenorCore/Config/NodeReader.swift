import Foundation
import Yams

/// Walks one file's YAML nodes and collects every problem with its location, instead of stopping at the first.
///
/// Parsers ask it for typed values (`text`, `list`, `mapping`); when a value is wrong it records a diagnostic at the
/// node's mark and returns nil, so the caller carries on and the chair sees every mistake in one `check`.
final class NodeReader {
    /// The path shown in messages.
    let file: String
    /// Absolute directory of the file: relative paths inside it are resolved against this.
    let directory: String
    private(set) var diagnostics: [Diagnostic] = []

    init(file: String, directory: String) {
        self.file = file
        self.directory = directory
    }

    var hasErrors: Bool { diagnostics.containsErrors }

    func location(_ node: Node) -> SourceLocation {
        guard let mark = node.mark else { return SourceLocation(file: file, line: 1, column: 1) }
        return SourceLocation(file: file, line: mark.line, column: mark.column)
    }

    func error(at location: SourceLocation, _ problem: String, fix: String) {
        diagnostics.append(.error(at: location, problem, fix: fix))
    }

    func error(_ node: Node, _ problem: String, fix: String) {
        error(at: location(node), problem, fix: fix)
    }

    func warning(_ node: Node, _ problem: String, fix: String) {
        diagnostics.append(.warning(at: location(node), problem, fix: fix))
    }

    func append(_ diagnostic: Diagnostic) {
        diagnostics.append(diagnostic)
    }

    // MARK: Shapes

    /// The node as a mapping checked against `schema`: unknown keys, forbidden keys and missing required keys are
    /// reported. Nil (with a diagnostic) when the node is not a mapping.
    func mapping(_ node: Node, _ schema: MappingSchema) -> MappingReader? {
        guard let mapping = node.mapping else {
            error(
                node,
                "\(schema.what) should be a set of `key: value` lines, not \(Self.shapeName(node))",
                fix: "write it as in config/README.md, e.g. `\(schema.example)`"
            )
            return nil
        }
        var entries: [MappingReader.Entry] = []
        // A misspelt required key is reported once, as a misspelling, not again as missing.
        var suggested: Set<String> = []
        for (keyNode, value) in mapping {
            guard let key = keyNode.scalar?.string else {
                error(keyNode, "a key must be a plain word", fix: "write `key: value`")
                continue
            }
            if let forbidden = schema.forbidden[key] {
                error(keyNode, forbidden.problem, fix: forbidden.fix)
                continue
            }
            guard schema.keys.contains(key) else {
                if let hint = schema.redirected[key] {
                    error(keyNode, "`\(key)` does not belong in \(schema.what)", fix: hint)
                } else if let match = Suggestion.closest(to: key, in: schema.keys) {
                    suggested.insert(match)
                    error(keyNode, "unknown key `\(key)` in \(schema.what)", fix: "did you mean `\(match)`?")
                } else {
                    error(
                        keyNode,
                        "unknown key `\(key)` in \(schema.what)",
                        fix: "the keys allowed here are \(schema.keys.map { "`\($0)`" }.joined(separator: ", "))"
                    )
                }
                continue
            }
            if ConfigDocument.isEmptyScalar(value) {
                if schema.required.contains(key) {
                    error(
                        keyNode,
                        "`\(key)` has no value",
                        fix: "write it on the same line, e.g. `\(ConfigExamples.line(for: key))`"
                    )
                }
                continue
            }
            entries.append(.init(key: key, keyNode: keyNode, value: value))
        }
        let present = Set(mapping.keys.compactMap { $0.scalar?.string })
        for key in schema.required where !present.contains(key) && !suggested.contains(key) {
            error(
                node,
                "\(schema.what) has no `\(key)`",
                fix: "add a line `\(schema.examples[key].map { "\(key): \($0)" } ?? ConfigExamples.line(for: key))`"
            )
        }
        return MappingReader(node: node, entries: entries)
    }

    /// A single piece of text; a list or mapping in its place is reported.
    func text(_ node: Node, key: String) -> String? {
        guard let scalar = node.scalar else {
            // `[Welcome, Benchmarking: standards]`: YAML reads an item holding `: ` as a `key: value` pair.
            if let pair = Self.colonPair(node) {
                error(
                    node,
                    "`\(pair)` holds `: `, so YAML reads it as `key: value` instead of text",
                    fix: "put it in double quotes: `\(Self.quoted(pair))`"
                )
                return nil
            }
            // `name: [Rare Books, Special Collections]`: the chair's own words, without the brackets.
            let items = node.sequence.map { Array($0).compactMap { $0.scalar?.string } }
            if let items, !items.isEmpty, items.count == node.sequence?.count {
                error(
                    node,
                    "`\(key)` takes a single value, not a list",
                    fix: "write it without brackets: `\(key): \(items.joined(separator: ", "))`"
                )
                return nil
            }
            error(
                node,
                "`\(key)` should be a single value, not \(Self.shapeName(node))",
                fix: "write it on one line, e.g. `\(ConfigExamples.line(for: key))`"
            )
            return nil
        }
        let value = Self.trimmed(scalar.string)
        guard !value.isEmpty else {
            error(node, "`\(key)` is empty", fix: "write e.g. `\(ConfigExamples.line(for: key))`")
            return nil
        }
        return value
    }

    /// The items of a list; a single value counts as a list of one.
    func list(_ node: Node, key: String) -> [Node]? {
        switch node {
        case .sequence(let sequence): return Array(sequence)
        case .scalar: return [node]
        default:
            // The chair's own entry, in brackets, is the fix; the generic example only when it is too long to quote.
            let own = Self.flowText(node).flatMap { $0.count <= 160 ? "\(key): [\($0)]" : nil }
            error(
                node,
                "`\(key)` takes a list (even of one), not a single set of `key: value` lines",
                fix: "write it in brackets, e.g. `\(own ?? ConfigExamples.line(for: key))`"
            )
            return nil
        }
    }

    /// A list of single values.
    func textList(_ node: Node, key: String) -> [(String, Node)]? {
        guard let items = list(node, key: key) else { return nil }
        return items.compactMap { item in text(item, key: key).map { ($0, item) } }
    }

    /// `true` or `false` (and the YAML spellings yes/no).
    func flag(_ node: Node, key: String) -> Bool? {
        guard let value = text(node, key: key) else { return nil }
        switch value.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default:
            error(
                node,
                "`\(key)` should be true or false, not `\(value)`",
                fix: "write `\(key): true` or `\(key): false`"
            )
            return nil
        }
    }

    static func shapeName(_ node: Node) -> String {
        switch node {
        case .sequence: "a list"
        case .mapping: "a set of `key: value` lines"
        default: "a single value"
        }
    }

    // MARK: YAML syntax

    /// Reports a Yams parse error at its mark, in words a chair can act on.
    func diagnose(yamlError: any Error, file: String) {
        guard let yaml = yamlError as? YamlError else {
            error(
                at: SourceLocation(file: file, line: 1, column: 1),
                "YAML cannot read this file (\(yamlError))",
                fix: "check the quotes, colons and indentation"
            )
            return
        }
        switch yaml {
        case .scanner(let context, let problem, let mark, let yamlText),
            .parser(let context, let problem, let mark, let yamlText),
            .composer(let context, let problem, let mark, let yamlText):
            // An unclosed quote or bracket is only noticed at the end of the file; point where it was opened.
            if problem.contains("end of stream"), let context {
                error(
                    at: SourceLocation(file: file, line: context.mark.line, column: context.mark.column),
                    Self.unclosed(context.text),
                    fix: "close the quotes or brackets opened here"
                )
                return
            }
            // `list:ADDR` is read as the start of a longer text, so libyaml only complains a line or more later.
            if problem.contains("could not find expected ':'"), let glued = Self.gluedColon(before: mark, in: yamlText)
            {
                error(
                    at: SourceLocation(file: file, line: glued.line, column: glued.column),
                    "there is no space after the colon in `\(glued.text)`, so YAML does not see a key here",
                    fix: "write `\(glued.fixed)`"
                )
                return
            }
            error(
                at: SourceLocation(file: file, line: mark.line, column: mark.column),
                "YAML cannot read this: \(problem)",
                fix: Self.syntaxFix(problem)
            )
        case .duplicatedKeysInMapping(let duplicates, let context):
            let names = duplicates.map { "`\($0)`" }.joined(separator: ", ")
            let first = context.mark
            let repeated = Self.repetition(of: duplicates.first ?? "", after: first, in: context.text)
            error(
                at: SourceLocation(
                    file: file,
                    line: repeated?.line ?? first.line,
                    column: repeated?.column ?? first.column
                ),
                "\(names) appears more than once in the same block (first on line \(first.line))",
                fix: "keep one line for each key and delete the other"
            )
        case .reader(let problem, _, _, _):
            error(
                at: SourceLocation(file: file, line: 1, column: 1),
                "YAML cannot read this file: \(problem)",
                fix: "save it again as UTF-8 text"
            )
        default:
            error(
                at: SourceLocation(file: file, line: 1, column: 1),
                "YAML cannot read this file",
                fix: "check the quotes, colons and indentation"
            )
        }
    }

    /// Yams marks the first of two equal keys; the chair most likely wants the later one (the line just added).
    private static func repetition(of key: String, after mark: Mark, in yaml: String) -> (line: Int, column: Int)? {
        let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false)
        guard mark.line >= 1, mark.line <= lines.count, !key.isEmpty else { return nil }
        let prefix = String(lines[mark.line - 1].prefix(mark.column - 1))
        for index in mark.line..<lines.count {
            let line = lines[index]
            guard line.hasPrefix(prefix) else { continue }
            let rest = line.dropFirst(prefix.count)
            if rest.hasPrefix(key + ":") || rest.hasPrefix("\"\(key)\":") || rest.hasPrefix("'\(key)':") {
                return (index + 1, mark.column)
            }
        }
        return nil
    }

    private static func unclosed(_ context: String) -> String {
        if context.contains("quoted scalar") { return "these quotes are never closed" }
        if context.contains("flow sequence") { return "this `[` is never closed with `]`" }
        if context.contains("flow mapping") { return "this `{` is never closed with `}`" }
        return "YAML cannot read this: \(context) never finished"
    }

    /// libyaml's problem names mapped to what usually causes them.
    private static func syntaxFix(_ problem: String) -> String {
        if problem.contains("mapping values are not allowed") {
            return "put a value that contains `: ` in double quotes, or check this line's indentation"
        }
        if problem.contains("did not find expected key") || problem.contains("did not find expected '-'") {
            return "line this entry up with the keys above it, using spaces"
        }
        if problem.contains("could not find expected ':'") {
            return "write `key: value` with a space after the colon"
        }
        if problem.contains("found unexpected end of stream") || problem.contains("found unknown escape") {
            return "close the quotes opened on this line"
        }
        if problem.contains("did not find expected ',' or ']'") || problem.contains("did not find expected ',' or '}'")
        {
            return "close the brackets and separate items with commas"
        }
        if problem.contains("cannot start any token") {
            return "put the value in double quotes"
        }
        return "check the quotes, colons and indentation on this line and the one above"
    }
}

/// What a mapping may and must contain, and what to say about keys that are wrong here.
struct MappingSchema {
    /// "the group", "a chair", "`cadence`": used in messages.
    var what: String
    /// An example for the fix when the node is not a mapping at all.
    var example: String
    var keys: [String]
    var required: [String] = []
    /// Keys that must never appear (secrets), with the problem and fix to print.
    var forbidden: [String: (problem: String, fix: String)] = [:]
    /// Keys that belong elsewhere, with the fix.
    var redirected: [String: String] = [:]
    /// Values for "add a line" fixes that the file itself suggests (a missing `id` is the file's name).
    var examples: [String: String] = [:]
}

/// A checked mapping's entries, in file order, with empty (null) values already dropped.
struct MappingReader {
    struct Entry {
        var key: String
        var keyNode: Node
        var value: Node
    }

    var node: Node
    var entries: [Entry]

    subscript(key: String) -> Node? { entries.first { $0.key == key }?.value }

    func keyNode(_ key: String) -> Node? { entries.first { $0.key == key }?.keyNode }
}

extension NodeReader {
    /// `text` without white space or line breaks at either end (Unicode's White_Space, as
    /// `trimmingCharacters(in: .whitespacesAndNewlines)`), without bridging to NSString: most values have none, and
    /// the bridge was 7 % of `schedule` at 1,000 groups.
    static func trimmed(_ text: String) -> String {
        guard let first = text.first, let last = text.last, first.isWhitespace || last.isWhitespace else { return text }
        guard let start = text.firstIndex(where: { !$0.isWhitespace }),
            let end = text.lastIndex(where: { !$0.isWhitespace })
        else { return "" }
        return String(text[start...end])
    }
}
