/// One piece of a template file that Mustache renders (the subject, a reply-to entry, the body), with where it
/// sits in the file so a problem inside it can be reported at the file's own line and column.
struct TemplatePart: Hashable, Sendable {
    /// How the part's text lines up with the file.
    enum Origin: Hashable, Sendable {
        /// The text starts at column 1 of this file line and runs on verbatim (the body).
        case lines(firstLine: Int)
        /// A YAML scalar starting at this line and column; `verbatim` when it is on one line and its characters
        /// map one to one (plain, or quoted without escapes), so columns inside it can be counted.
        case scalar(line: Int, column: Int, verbatim: Bool)
    }

    var text: String
    var origin: Origin

    /// The file position of a 1-based line and column inside the part.
    func fileLocation(line: Int, column: Int) -> (line: Int, column: Int) {
        switch origin {
        case .lines(let firstLine):
            return (firstLine + line - 1, column)
        case .scalar(let scalarLine, let scalarColumn, let verbatim):
            guard verbatim, line == 1 else { return (scalarLine, scalarColumn) }
            return (scalarLine, scalarColumn + column - 1)
        }
    }
}
