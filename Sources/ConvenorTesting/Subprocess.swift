package import Foundation

/// Runs a program to completion and captures what it printed: the built `convenor`, Python checkers, `make`,
/// `systemd-analyze`. One implementation for every test that shells out.
///
/// Output goes through temporary files rather than pipes, so a program that writes a lot to stderr while the test
/// reads stdout can never fill a pipe and deadlock.
package enum Subprocess {
    /// What a finished program left behind.
    package struct Result: Sendable {
        package var status: Int32
        package var stdout: String
        package var stderr: String
    }

    /// Runs `executable` (an absolute path, or a name looked up on PATH through /usr/bin/env) with `arguments`.
    /// - Parameters:
    ///   - environment: added to (and overriding) this process's environment; `removing` names are dropped.
    package static func run(
        _ executable: String,
        _ arguments: [String],
        environment: [String: String] = [:],
        removing: [String] = [],
        currentDirectory: URL? = nil
    ) throws -> Result {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("convenor-run-\(UUID())")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outURL = scratch.appendingPathComponent("stdout")
        let errURL = scratch.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)

        let process = Process()
        if executable.hasPrefix("/") {
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = arguments
        } else {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [executable] + arguments
        }
        var env = ProcessInfo.processInfo.environment
        for name in removing { env.removeValue(forKey: name) }
        env.merge(environment) { _, new in new }
        process.environment = env
        if let currentDirectory { process.currentDirectoryURL = currentDirectory }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = out
        process.standardError = err
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        return Result(
            status: process.terminationStatus,
            stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self)
        )
    }

    /// `python3 ARGUMENTS`.
    package static func python(_ arguments: [String]) throws -> Result {
        try run("python3", arguments)
    }

    /// The built `convenor` binary: it sits beside the test bundle in the build's products directory.
    package static var convenorBinary: String {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("convenor")
            .path
    }
}
