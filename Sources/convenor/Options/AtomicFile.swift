import ArgumentParser
import Foundation

/// Writes a command's output file whole or not at all: a web server or a calendar app polling it never sees half.
enum AtomicFile {
    /// Writes `text` to a temporary file beside `path` and renames it over `path`. On failure it prints
    /// `PATH: error: cannot write WHAT ...` to stderr and exits with status 1.
    static func write(_ text: String, to path: String, what: String) throws {
        let destination = URL(fileURLWithPath: path)
        let temporary = destination.deletingLastPathComponent()
            .appendingPathComponent(
                ".\(destination.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp"
            )
        var standardError = StandardError()
        do {
            try Data(text.utf8).write(to: temporary)
        } catch {
            print(
                "\(path): error: cannot write \(what) (\(error.localizedDescription)); "
                    + "check that the folder exists and is writable",
                to: &standardError
            )
            throw ExitCode(ExitCodes.failure)
        }
        // rename(2) replaces the old file in one step, in the same folder so on the same file system.
        guard rename(temporary.path, destination.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            print("\(path): error: cannot write \(what): \(reason)", to: &standardError)
            throw ExitCode(ExitCodes.failure)
        }
    }
}
