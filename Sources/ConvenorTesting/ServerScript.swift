import Foundation

/// One of the Tests/Support scripts that run a throw-away server in a folder of its own, `SCRIPT start DIR` and
/// `SCRIPT stop DIR` (dovecot_returns.sh, mailman_lists.sh): starting and stopping it the same way for every
/// wrapper. The scripts' own waits are bounded; `timeout` bounds the rest (making the CA, a stuck shell), and their
/// output goes through files (`Subprocess`), which no server they leave running can hold open against the test.
package struct ServerScript: Sendable {
    /// The script, from `Tests/Support` (not a SwiftPM target, so found from this file's path).
    package let path: String
    /// How long `start` may take in all, past the script's own bounded waits.
    package let startSeconds: Int
    /// How long `stop` may take.
    package let stopSeconds: Int

    /// - Parameter name: the script's file name in Tests/Support.
    package init(_ name: String, startSeconds: Int, stopSeconds: Int) {
        path =
            URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Tests/Support/\(name)").path
        self.startSeconds = startSeconds
        self.stopSeconds = stopSeconds
    }

    /// `start DIR` in a new temporary folder named `folderPrefix-UUID`, with OWNER_PID set to this process: the
    /// script's watchdog stops the server should the test process die before it calls `stop`. The caller reads the
    /// ports from what the script printed, and calls `stop(_:removingFolder: false)` when the start failed, so the
    /// folder's logs stay for a look.
    package func start(folderPrefix: String) throws -> (directory: String, result: Subprocess.Result) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("\(folderPrefix)-\(UUID())").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let result = try Subprocess.run(
            "/usr/bin/timeout",
            ["\(startSeconds)", "/bin/sh", path, "start", directory],
            environment: ["OWNER_PID": "\(ProcessInfo.processInfo.processIdentifier)"]
        )
        return (directory, result)
    }

    /// `stop DIR`, then the folder removed (unless `removingFolder` is false).
    package func stop(_ directory: String, removingFolder: Bool = true) {
        _ = try? Subprocess.run("/usr/bin/timeout", ["\(stopSeconds)", "/bin/sh", path, "stop", directory])
        if removingFolder { try? FileManager.default.removeItem(atPath: directory) }
    }
}
