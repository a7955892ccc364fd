#if os(Linux)
import ConvenorIO
import Foundation
import Glibc
import Testing

@Suite struct SystemdNotifierTests {
    @Test func readySendsOneDatagramToAPathSocket() throws {
        let receiver = try DatagramReceiver(path: DatagramReceiver.uniquePath())
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": receiver.name])

        #expect(notifier.isEnabled)
        #expect(notifier.ready())
        #expect(try receiver.receive() == "READY=1")
    }

    @Test func eachNotificationArrivesAsWritten() throws {
        let receiver = try DatagramReceiver(path: DatagramReceiver.uniquePath())
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": receiver.name])

        notifier.ready(status: "next mailing 2026-11-05 09:00 Europe/London")
        notifier.status("reload failed:\ngroups/chess.yaml:4: unknown weekday")
        notifier.stopping()
        notifier.notify("WATCHDOG=1")

        #expect(try receiver.receive() == "READY=1\nSTATUS=next mailing 2026-11-05 09:00 Europe/London")
        // The newline would have started a new assignment.
        #expect(try receiver.receive() == "STATUS=reload failed: groups/chess.yaml:4: unknown weekday")
        #expect(try receiver.receive() == "STOPPING=1")
        #expect(try receiver.receive() == "WATCHDOG=1")
    }

    @Test func reloadingCarriesTheMonotonicClock() throws {
        let receiver = try DatagramReceiver(path: DatagramReceiver.uniquePath())
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": receiver.name])

        let before = monotonicMicroseconds()
        notifier.reloading()
        let after = monotonicMicroseconds()

        let lines = try receiver.receive().split(separator: "\n").map(String.init)
        #expect(lines.count == 2)
        #expect(lines.first == "RELOADING=1")
        let stampLine = try #require(lines.last)
        #expect(stampLine.hasPrefix("MONOTONIC_USEC="))
        let stamp = try #require(UInt64(stampLine.dropFirst("MONOTONIC_USEC=".count)))
        #expect((before...after).contains(stamp))
    }

    @Test func anAbstractSocketIsReachedThroughTheAtSign() throws {
        let name = "@convenor-test-\(UUID().uuidString)"
        let receiver = try DatagramReceiver(abstractName: name)
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": name])

        #expect(notifier.ready())
        #expect(try receiver.receive() == "READY=1")
    }

    @Test(arguments: [
        [:],
        ["NOTIFY_SOCKET": ""],
        ["NOTIFY_SOCKET": "@"],
        ["NOTIFY_SOCKET": "vsock:2:1234"],
        ["NOTIFY_SOCKET": "relative/notify.sock"],
        ["NOTIFY_SOCKET": "/" + String(repeating: "x", count: 200)],
    ])
    func withoutAUsableSocketEveryCallIsANoOp(environment: [String: String]) {
        let notifier = SystemdNotifier(environment: environment)

        #expect(!notifier.isEnabled)
        #expect(!notifier.ready())
        #expect(!notifier.stopping())
    }

    @Test func aSocketThatIsGoneReportsFailureWithoutThrowing() {
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": DatagramReceiver.uniquePath()])

        #expect(notifier.isEnabled)
        #expect(!notifier.ready())
    }

    private func monotonicMicroseconds() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return UInt64(now.tv_sec) * 1_000_000 + UInt64(now.tv_nsec) / 1_000
    }
}

/// A bound `AF_UNIX` datagram socket standing in for systemd's notification socket.
private final class DatagramReceiver {
    /// What goes into `NOTIFY_SOCKET`.
    let name: String
    private let descriptor: Int32
    private let path: String?

    /// A fresh path under /tmp; short, because `sun_path` holds 108 bytes.
    static func uniquePath() -> String {
        "/tmp/convenor-notify-\(UUID().uuidString.prefix(13)).sock"
    }

    convenience init(path: String) throws {
        try self.init(name: path, addressBytes: Array(path.utf8) + [0], path: path)
    }

    convenience init(abstractName: String) throws {
        try self.init(name: abstractName, addressBytes: [0] + Array(abstractName.utf8.dropFirst()), path: nil)
    }

    private init(name: String, addressBytes: [UInt8], path: String?) throws {
        self.name = name
        self.path = path
        descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }

        // Bounded waits: a missing datagram fails the test after 5 s instead of hanging it.
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))

        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: addressBytes) }
        let length = socklen_t((MemoryLayout<sockaddr_un>.offset(of: \.sun_path) ?? 2) + addressBytes.count)
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) }
        }
        guard result == 0 else {
            close(descriptor)
            throw POSIXError(.init(rawValue: errno) ?? .EIO)
        }
    }

    deinit {
        close(descriptor)
        if let path { unlink(path) }
    }

    /// The next datagram as text.
    func receive() throws -> String {
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
        guard count >= 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
        return String(decoding: buffer.prefix(count), as: UTF8.self)
    }
}
#endif
