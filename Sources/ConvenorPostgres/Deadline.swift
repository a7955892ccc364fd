import ConvenorIO

/// A call to the database that did not finish in time (it is cancelled).
struct DeadlineExceeded: Error, CustomStringConvertible {
    var duration: Duration
    var description: String { "the database did not answer within \(duration.components.seconds) seconds" }
}

enum Deadline {
    /// Runs `body`, cancelling it and throwing `DeadlineExceeded` when it takes longer than `duration`.
    ///
    /// The timer is `Wakeup.sleep`, never `Task.sleep` (an idle daemon must not start libdispatch's global pool).
    static func run<T: Sendable>(_ duration: Duration, _ body: @escaping @Sendable () async throws -> T) async throws
        -> T
    {
        try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { try await body() }
            group.addTask {
                try await Wakeup.sleep(for: duration)
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let value = first else {
                throw DeadlineExceeded(duration: duration)
            }
            return value
        }
    }
}
