/// A daemon step that failed outside the ledger and the transport (a directory that cannot be created).
package struct DaemonError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What was being done.
    package var operation: String
    /// The system's words.
    package var message: String

    package init(operation: String, message: String) {
        self.operation = operation
        self.message = message
    }

    package var description: String { "\(operation) failed: \(message)" }
}
