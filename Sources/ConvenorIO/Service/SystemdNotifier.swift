#if canImport(Glibc)
import Glibc
#endif

/// Tells systemd about the daemon's state through `$NOTIFY_SOCKET` (`Type=notify` units, sd_notify(3)).
///
/// Each call opens an `AF_UNIX` datagram socket, sends one datagram and closes it: notifications are rare
/// (start, reload, stop), so no descriptor is kept open and the value stays `Sendable`. Without
/// `$NOTIFY_SOCKET` (not under systemd, or `Type=simple`) every call is a no-op, so the daemon calls it
/// unconditionally. Written against the socket API directly: libsystemd is one function call we do not
/// need a C dependency for.
package struct SystemdNotifier: Sendable {
    /// The bytes of `sun_path`: a file system path, or an abstract name whose first byte is NUL.
    private let socketAddress: [UInt8]?

    /// Reads `NOTIFY_SOCKET` from `environment` (pass `ProcessInfo.processInfo.environment`).
    ///
    /// A path (`/run/systemd/notify`) or an abstract name written with a leading `@`; anything else
    /// (unset, empty, `vsock:` addresses, a path too long for `sun_path`) turns notifications off.
    package init(environment: [String: String]) {
        socketAddress = Self.socketAddress(from: environment["NOTIFY_SOCKET"])
    }

    /// True when notifications go somewhere, i.e. the daemon runs as a `Type=notify` systemd service.
    package var isEnabled: Bool { socketAddress != nil }

    /// Sends `state`, newline-separated `KEY=VALUE` assignments such as `READY=1` or `STATUS=…`.
    ///
    /// Returns whether systemd got the datagram; `false` when disabled or when sending failed. A failed
    /// notification is not an error for the daemon (systemd then times the start out and says so).
    @discardableResult
    package func notify(_ state: String) -> Bool {
        guard let socketAddress else { return false }
        #if os(Linux)
        return Self.send(state, to: socketAddress)
        #else
        return false
        #endif
    }

    /// `READY=1`: start-up (or a reload) finished; `systemctl start` returns only after this.
    @discardableResult
    package func ready(status: String? = nil) -> Bool {
        notify(["READY=1", status.map(Self.statusLine)].compactMap { $0 }.joined(separator: "\n"))
    }

    /// `RELOADING=1` with `MONOTONIC_USEC`, which systemd 253 and later use to match the reload to its
    /// `READY=1`; send `ready()` when the reload is done, whether or not the new config was taken.
    @discardableResult
    package func reloading() -> Bool {
        notify("RELOADING=1\nMONOTONIC_USEC=\(Self.monotonicMicroseconds())")
    }

    /// `STOPPING=1`: shutdown began (after SIGTERM), so systemd shows the unit as deactivating.
    @discardableResult
    package func stopping() -> Bool {
        notify("STOPPING=1")
    }

    /// `STATUS=…`: one line shown by `systemctl status convenor`, e.g. "next mailing 2026-11-05 09:00".
    @discardableResult
    package func status(_ text: String) -> Bool {
        notify(Self.statusLine(text))
    }

    /// A newline in the text would start a new assignment, so it becomes a space.
    private static func statusLine(_ text: String) -> String {
        "STATUS=" + text.map { $0.isNewline ? " " : String($0) }.joined()
    }

    /// `sun_path` bytes for the variable's value, or nil when it names nothing we can send to.
    private static func socketAddress(from value: String?) -> [UInt8]? {
        guard let value, let first = value.first else { return nil }
        var bytes = Array(value.utf8)
        switch first {
        case "/":
            // A path needs its terminating NUL inside sun_path.
            guard bytes.count < sunPathCapacity else { return nil }
        case "@":
            // Abstract namespace: the name starts with a NUL byte and has no terminator.
            bytes[0] = 0
            guard bytes.count > 1, bytes.count <= sunPathCapacity else { return nil }
        default:
            return nil
        }
        return bytes
    }

    /// The size of `sockaddr_un.sun_path` (108 on Linux).
    private static var sunPathCapacity: Int {
        #if os(Linux)
        MemoryLayout.size(ofValue: sockaddr_un().sun_path)
        #else
        104
        #endif
    }

    /// CLOCK_MONOTONIC in microseconds, the clock sd_notify's MONOTONIC_USEC is read from.
    static func monotonicMicroseconds() -> UInt64 {
        #if os(Linux)
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return UInt64(now.tv_sec) * 1_000_000 + UInt64(now.tv_nsec) / 1_000
        #else
        return 0
        #endif
    }

    #if os(Linux)
    /// One datagram to `socketAddress` from a fresh socket.
    private static func send(_ state: String, to socketAddress: [UInt8]) -> Bool {
        let descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }

        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: socketAddress) }
        // The length counts a path's NUL terminator but no padding after an abstract name: the kernel
        // takes every byte of an abstract address as part of the name.
        let pathOffset = MemoryLayout<sockaddr_un>.offset(of: \.sun_path) ?? 2
        let terminator = socketAddress.first == 0 ? 0 : 1
        let length = socklen_t(pathOffset + socketAddress.count + terminator)

        var message = state
        return message.withUTF8 { payload in
            withUnsafePointer(to: &address) { addressPointer in
                addressPointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddressPointer in
                    var sent: Int
                    repeat {
                        sent = sendto(
                            descriptor,
                            payload.baseAddress,
                            payload.count,
                            Int32(MSG_NOSIGNAL),
                            socketAddressPointer,
                            length
                        )
                    } while sent < 0 && errno == EINTR
                    return sent == payload.count
                }
            }
        }
    }
    #endif
}
