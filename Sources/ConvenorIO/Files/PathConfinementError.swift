import Foundation

/// Why a file a group names was not read: outside the allowed folders, not a regular file, too large, not text.
///
/// Never carries the file's contents. `problem` and `fix` are worded for a chair, so `check` and the reload log can
/// print them as a `Diagnostic` at the line that names the file.
package struct PathConfinementError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What was wrong.
    package enum Problem: Hashable, Sendable {
        /// After resolving symlinks the file is at `resolved`, which is in none of `roots`.
        case outside(resolved: String, roots: [String])
        /// A folder, FIFO, socket or device where a file was expected.
        case notARegularFile
        /// Larger than `limit` bytes; not read.
        case tooLarge(bytes: Int, limit: Int)
        /// Not UTF-8 text.
        case notUTF8
        /// Nothing at the path (at read time).
        case missing
        /// `open`/`fstat`/`read` failed with this errno.
        case unreadable(errno: Int32)
        /// Minutes marked `draft: true` (`MinutesDraft`): read, but never mailed.
        case draft
    }

    /// The path as the group file gave it (made absolute).
    package var path: String
    package var problem: Problem

    package init(path: String, problem: Problem) {
        self.path = path
        self.problem = problem
    }

    /// The problem, in a chair's words.
    package var summary: String {
        switch problem {
        case .outside(let resolved, _):
            let via = resolved == path ? "" : " (it resolves to \(resolved))"
            return "\(path)\(via) is outside the folders convenor may read for a group, so it is never read"
        case .notARegularFile:
            return "\(path) is not a regular file (a folder, pipe or device), so it is never read"
        case .tooLarge(let bytes, let limit):
            return "\(path) is \(Self.megabytes(bytes)), more than the \(Self.megabytes(limit)) a minutes file may be: "
                + "the minutes go to every member as text, HTML and an attachment, and lists and mailboxes refuse "
                + "messages that large"
        case .notUTF8:
            return "\(path) is not UTF-8 text"
        case .missing:
            return "\(path) does not exist"
        case .unreadable(let code):
            return "cannot read \(path): \(String(cString: strerror(code))) (errno \(code))"
        case .draft:
            return "\(path) is marked `draft: true`, so it is not mailed"
        }
    }

    /// What to write or do instead.
    package var fix: String {
        switch problem {
        case .outside(_, let roots):
            return "keep the file in one of \(roots.joined(separator: ", ")) and name it from there "
                + "(e.g. `minutes: ../minutes/2026-11-12.md`); the operator can allow another folder with "
                + "`allowed_paths:` in convenor.yaml"
        case .notARegularFile:
            return "name an ordinary file, e.g. `minutes: ../minutes/2026-11-12.md`"
        case .tooLarge:
            return "shorten the minutes, or put large papers on a website and link to them"
        case .notUTF8:
            return "save the file as UTF-8 text (in most editors: Save As, encoding UTF-8)"
        case .missing:
            return "save the file, or correct the name in the group file"
        case .unreadable:
            return "make the file readable by convenor (mode 644)"
        case .draft:
            return "remove the `draft: true` front matter when the minutes are ready"
        }
    }

    package var description: String { "\(summary); \(fix)" }

    /// `1.0 MB`, `3.2 MB`: sizes as a chair reads them (1 MB = 1,048,576 bytes here).
    static func megabytes(_ bytes: Int) -> String {
        let value = Double(bytes) / 1_048_576
        return value == value.rounded() ? "\(Int(value)) MB" : String(format: "%.1f MB", value)
    }
}
