/// Where something was written: a file and a 1-based line and column.
///
/// Every user-facing problem points at one of these, because chairs fix YAML by line number.
package struct SourceLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The path as the user would recognise it (relative to where they ran convenor when possible).
    package var file: String
    /// 1-based line; 0 when the problem concerns the whole file (empty, unreadable).
    package var line: Int
    /// 1-based column; 0 when unknown.
    package var column: Int

    package init(file: String, line: Int = 0, column: Int = 0) {
        self.file = file
        self.line = line
        self.column = column
    }

    package var description: String {
        var text = file
        if line > 0 { text += ":\(line)" }
        if line > 0 && column > 0 { text += ":\(column)" }
        return text
    }

    package static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.file, lhs.line, lhs.column) < (rhs.file, rhs.line, rhs.column)
    }
}

/// One problem found in a user's files: where, what is wrong and what to write instead.
///
/// Printed as `groups/chess.yaml:4:3: error: unknown weekday 'Thurs'; write one of mon … sun`, the shape compilers
/// use, so editors can jump to it.
package struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
    /// Errors stop a start or a reload; warnings are printed and tolerated.
    package enum Severity: String, Hashable, Sendable {
        case error
        case warning
    }

    package var severity: Severity
    package var location: SourceLocation
    /// What is wrong, in a chair's words.
    package var problem: String
    /// What to write instead; empty only when there is nothing better to say.
    package var fix: String

    package init(_ severity: Severity, at location: SourceLocation, _ problem: String, fix: String) {
        self.severity = severity
        self.location = location
        self.problem = problem
        self.fix = fix
    }

    package static func error(at location: SourceLocation, _ problem: String, fix: String) -> Diagnostic {
        Diagnostic(.error, at: location, problem, fix: fix)
    }

    package static func warning(at location: SourceLocation, _ problem: String, fix: String) -> Diagnostic {
        Diagnostic(.warning, at: location, problem, fix: fix)
    }

    package var description: String {
        let head = "\(location): \(severity.rawValue): \(problem)"
        return fix.isEmpty ? head : "\(head); \(fix)"
    }
}

extension Array where Element == Diagnostic {
    /// True when any entry is an error (warnings alone do not stop convenor).
    package var containsErrors: Bool { contains { $0.severity == .error } }

    /// In the order every report prints them: by file, line and column, then errors before warnings at one place,
    /// then by wording, so the same files always print the same lines.
    package mutating func sortForReport() {
        sort { ($0.location, $0.severity.rawValue, $0.problem) < ($1.location, $1.severity.rawValue, $1.problem) }
    }

    /// A copy in report order (`sortForReport()`).
    package func sortedForReport() -> [Diagnostic] {
        var copy = self
        copy.sortForReport()
        return copy
    }
}
