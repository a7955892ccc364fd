/// Why a written value could not be read, and what to write instead: the two halves of a `Diagnostic`.
struct ValueProblem: Error, Hashable {
    var problem: String
    var fix: String
    /// The chair's value as convenor understood it, in the form it expects (`90 minutes` for `1.5 hours`), so a
    /// caller that wraps the value (`reminder: … before`) can quote the whole rewritten line.
    var rewritten: String?

    init(_ problem: String, fix: String, rewritten: String? = nil) {
        self.problem = problem
        self.fix = fix
        self.rewritten = rewritten
    }
}
