// The idle benchmark's second reference: a Swift program that awaits `Task.sleep` for an hour. Swift concurrency
// runs on libdispatch's worker pool on Linux, so this shows the wake-ups any idle async Swift program has.
import Foundation

@main
struct AsyncIdleReference {
    static func main() async throws {
        print("ready \(ProcessInfo.processInfo.processIdentifier)")
        fflush(stdout)
        try await Task.sleep(for: .seconds(3600))
    }
}
