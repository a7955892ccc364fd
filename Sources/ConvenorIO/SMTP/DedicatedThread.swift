import Foundation

/// Runs blocking work (libcurl transfers, fsync) on a thread of its own and awaits the result.
///
/// The cooperative pool has one thread per core (two on the target machines); a `curl_easy_perform` waiting ten
/// minutes for a relay's reply must not take one of them. Each call gets a fresh Foundation `Thread`, which also
/// keeps a libcurl handle confined to the one thread that created it.
enum DedicatedThread {
    /// Runs `body` on a new thread named `name` and returns what it returns.
    static func run<Result: Sendable>(
        name: String,
        _ body: @escaping @Sendable () -> Result
    ) async -> Result {
        await withCheckedContinuation { continuation in
            let thread = Thread {
                continuation.resume(returning: body())
            }
            thread.name = name
            thread.start()
        }
    }
}
