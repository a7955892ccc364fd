import Yams

/// Turns one file's bytes into a YAML node tree, reporting file-level problems with their line and column.
///
/// The checks run cheapest first and stop early where a later step could only add noise: a file too large is not
/// decoded, a file that is not UTF-8 is not parsed, and tab-indented lines are reported all at once instead of the
/// single "found character that cannot start any token" libyaml would give.
enum ConfigDocument {
    /// The root node, or nil when the file could not be read or parsed (the reason is in `reader`).
    static func compose(_ file: ConfigFile, reader: NodeReader) -> Node? {
        let top = SourceLocation(file: file.displayPath, line: 1, column: 1)
        let bytes: [UInt8]
        switch file.contents {
        case .success(let contents): bytes = contents
        case .failure(let failure):
            reader.error(at: top, readProblem(failure), fix: readFix(failure, path: file.displayPath))
            return nil
        }
        guard bytes.count <= ConfigFile.maximumBytes else {
            reader.error(
                at: top,
                readProblem(.tooLarge(bytes: bytes.count)),
                fix: readFix(.tooLarge(bytes: 0), path: "")
            )
            return nil
        }
        guard let text = decodeUTF8(bytes, file: file.displayPath, reader: reader) else { return nil }
        guard reportTabs(in: text, file: file.displayPath, reader: reader) == false else { return nil }
        let root: Node?
        do {
            // The basic resolver tags every scalar `str`: convenor types each value itself (NodeReader), and the core
            // schema's regular expressions were the largest share of loading 1,000 groups (issue 16). The encoding
            // is given because Yams's default reads it from a copy of the whole environment, once per file: 5 % of
            // a pass's start-up at 1,600 groups.
            root = try Yams.compose(yaml: text, .basic, .default, .utf8)
        } catch {
            reader.diagnose(yamlError: error, file: file.displayPath)
            return nil
        }
        guard let root, !isEmptyScalar(root) else {
            reader.error(
                at: top,
                "the file is empty",
                fix: "write the settings as `key: value` lines; config/README.md lists every key"
            )
            return nil
        }
        return root
    }

    static func readProblem(_ failure: ConfigReadFailure) -> String {
        switch failure {
        case .missing: "the file does not exist"
        case .permissionDenied: "convenor may not read this file (permission denied)"
        case .isDirectory: "this is a folder, not a file"
        case .tooLarge(let bytes): "the file is \(sizeText(bytes)), more than a config file can be (at most 1 MB)"
        case .other(let reason): "convenor cannot read this file (\(reason))"
        }
    }

    static func readFix(_ failure: ConfigReadFailure, path: String) -> String {
        switch failure {
        case .missing: "create it; config/README.md shows an example"
        case .permissionDenied: "let the user convenor runs as read it, e.g. `chmod 644 \(path)`"
        case .isDirectory: "remove or rename the folder; a config file ends in .yaml"
        case .tooLarge: "check that this is the right file: a group's settings take a few kilobytes"
        case .other: "check the disk and the file's permissions"
        }
    }

    private static func sizeText(_ bytes: Int) -> String {
        bytes >= 1_048_576 ? "\(bytes / 1_048_576) MB" : "\(bytes / 1024) KB"
    }

    /// Decodes strictly: a byte sequence that is not UTF-8 is reported at its line and column.
    private static func decodeUTF8(_ bytes: [UInt8], file: String, reader: NodeReader) -> String? {
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        // Find the first byte that breaks UTF-8, to point at it.
        var line = 1
        var lineStart = 0
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            let length =
                byte < 0x80 ? 1 : byte >> 5 == 0b110 ? 2 : byte >> 4 == 0b1110 ? 3 : byte >> 3 == 0b11110 ? 4 : 0
            let end = index + length
            let valid =
                length > 0 && end <= bytes.count
                && String(validating: bytes[index..<end], as: UTF8.self) != nil
            guard valid else {
                let column = String(decoding: bytes[lineStart..<index], as: UTF8.self).unicodeScalars.count + 1
                let hex = String(byte, radix: 16, uppercase: true)
                reader.error(
                    at: SourceLocation(file: file, line: line, column: column),
                    "the file is not UTF-8 text (byte 0x\(hex.count == 1 ? "0" : "")\(hex) here)",
                    fix: "save it again with the encoding UTF-8 (in most editors: Save As, Encoding: UTF-8)"
                )
                return nil
            }
            if byte == 0x0A {
                line += 1
                lineStart = end
            }
            index = end
        }
        return nil
    }

    /// YAML forbids tabs in indentation; reports every such line. Returns true when any was found.
    private static func reportTabs(in text: String, file: String, reader: NodeReader) -> Bool {
        // Nearly every file has no tab at all: one pass over the bytes, not a split into lines (2 % of a pass).
        guard text.utf8.contains(UInt8(ascii: "\t")) else { return false }
        var found = false
        for (offset, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let indent = line.prefix { $0 == " " || $0 == "\t" || $0 == "-" }
            guard let tab = indent.firstIndex(of: "\t") else { continue }
            // A line holding only whitespace is harmless to libyaml; skip it.
            if line.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\r" }) { continue }
            found = true
            reader.error(
                at: SourceLocation(
                    file: file,
                    line: offset + 1,
                    column: line.distance(from: line.startIndex, to: tab) + 1
                ),
                "this line is indented with a tab, which YAML does not allow",
                fix: "indent with spaces only (two per level)"
            )
        }
        return found
    }

    /// `~`, `null` or nothing at all.
    static func isEmptyScalar(_ node: Node) -> Bool {
        guard let scalar = node.scalar else { return false }
        return scalar.tag.rawValue == Tag.Name.null.rawValue && scalar.style == .plain
    }
}
