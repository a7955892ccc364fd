/// Why a written value could not be read, and what to write instead: the two halves of a `Diagnostic`.
package struct ValueProblem: Error, Hashable, Sendable {
    package var problem: String
    package var fix: String
    /// The chair's value as convenor understood it, in the form it expects (`90 minutes` for `1.5 hours`), so a
    /// caller that wraps the value (`reminder: … before`) can quote the whole rewritten line.
    package var rewritten: String?

    package init(_ problem: String, fix: String, rewritten: String? = nil) {
        self.problem = problem
        self.fix = fix
        self.rewritten = rewritten
    }
}
