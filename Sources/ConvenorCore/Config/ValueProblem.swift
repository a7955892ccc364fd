/// Why a written value could not be read, and what to write instead: the two halves of a `Diagnostic`.
struct ValueProblem: Error, Hashable {
    var problem: String
    var fix: String

    init(_ problem: String, fix: String) {
        self.problem = problem
        self.fix = fix
    }
}
