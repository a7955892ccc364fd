import Logging
import Synchronization

/// A LogHandler that keeps every line it is given (message and metadata), for tests that read what was logged.
///
/// Handed to a `Logger` directly; never installed with `LoggingSystem.bootstrap`, so parallel tests stay apart.
struct CollectingLogHandler: LogHandler {
    /// The lines logged so far, shared by every copy of the handler.
    final class Store: Sendable {
        private let lines = Mutex<[String]>([])

        var all: [String] { lines.withLock { $0 } }

        func append(_ line: String) { lines.withLock { $0.append(line) } }
    }

    let store: Store
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { _, new in new }
        store.append("\(event.level) \(event.message) \(merged.sorted { $0.key < $1.key })")
    }

    /// A trace-level logger writing into a fresh store.
    static func logger() -> (Logger, Store) {
        let store = Store()
        return (Logger(label: "test") { _ in CollectingLogHandler(store: store) }, store)
    }
}
