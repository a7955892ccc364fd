import ArgumentParser
import ConvenorIO
import Foundation

/// A file a command publishes (calendar feed, overview page): written whole or not at all, because a web server or
/// a calendar app may be reading the old one at that very moment.
enum OutputFile {
    /// Writes `text` to `path` atomically; on failure prints `PATH: error: cannot write WHAT (...)` and exits 1.
    static func write(_ text: String, to path: String, what: String) throws {
        let url = URL(fileURLWithPath: path)
        do throws(AtomicWriteError) {
            try AtomicFile.write(
                Array(text.utf8),
                directory: url.deletingLastPathComponent().path,
                name: url.lastPathComponent
            )
        } catch {
            var standardError = StandardError()
            print(
                "\(path): error: cannot write \(what) (\(error)); check that the folder exists and is writable",
                to: &standardError
            )
            throw ExitCode(ExitCodes.failure)
        }
    }
}
