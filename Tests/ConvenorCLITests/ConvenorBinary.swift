import ConvenorTesting
import Foundation

/// Runs the built `convenor` binary, as a user would, and captures what it printed.
enum ConvenorBinary {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs `convenor ARGUMENTS` without `$CONVENOR_CONFIG` from the test's environment (unless the test sets it),
    /// so only what the test passes decides which config is read.
    static func run(
        _ arguments: [String],
        environment: [String: String] = [:],
        currentDirectory: URL? = nil
    )
        throws -> Result
    {
        let result = try Subprocess.run(
            Subprocess.convenorBinary,
            arguments,
            environment: environment,
            removing: environment["CONVENOR_CONFIG"] == nil ? ["CONVENOR_CONFIG"] : [],
            currentDirectory: currentDirectory
        )
        return Result(status: result.status, stdout: result.stdout, stderr: result.stderr)
    }

    static var url: URL { URL(fileURLWithPath: Subprocess.convenorBinary) }
}
