import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// One daemon per ledger: an exclusive `flock` on `<state_dir>/convenor.lock`, held for the life of the process.
///
/// Two `convenor run` on one state folder would each claim and send every mailing (the ledger's claims are
/// per-row transactions, not a fence between processes). The lock is taken before the ledger is opened for writing;
/// the kernel releases it when the process ends, however it ends (kill -9 included), so a stale lock file never
/// blocks a restart. The file holds the holder's pid, for the message the second instance prints. Read-only
/// commands (`ledger`, `preview`) never take it.
package final class StateLock: Sendable {
    /// The lock file's name inside the state directory.
    package static let fileName = "convenor.lock"

    /// The open lock file; closing it would release the lock, so it stays open until the process exits.
    private let descriptor: Int32
    /// The state directory, for messages.
    package let stateDirectory: String

    private init(descriptor: Int32, stateDirectory: String) {
        self.descriptor = descriptor
        self.stateDirectory = stateDirectory
    }

    deinit { close(descriptor) }

    /// Takes the lock at once or throws: another holder is reported with its pid, never waited for.
    package static func acquire(stateDirectory: String) throws(StateLockError) -> StateLock {
        let path = stateDirectory + "/" + fileName
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard descriptor >= 0 else {
            throw StateLockError(stateDirectory: stateDirectory, problem: .unusable(errno: errno))
        }
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            let code = errno
            if code == EINTR { continue }
            // The holder writes its pid right after it takes the lock; give it a moment (at most 200 ms) so the
            // message names it instead of saying "another convenor" alone.
            var holder = readPID(descriptor)
            var tries = 0
            while code == EWOULDBLOCK, holder == nil, tries < 40 {
                usleep(5_000)
                holder = readPID(descriptor)
                tries += 1
            }
            close(descriptor)
            if code == EWOULDBLOCK {
                throw StateLockError(stateDirectory: stateDirectory, problem: .held(pid: holder))
            }
            throw StateLockError(stateDirectory: stateDirectory, problem: .unusable(errno: code))
        }
        // Ours now: replace the previous holder's pid with this one.
        let text = Array("\(getpid())\n".utf8)
        _ = ftruncate(descriptor, 0)
        _ = text.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
        return StateLock(descriptor: descriptor, stateDirectory: stateDirectory)
    }

    /// The pid the holder wrote, if it is there yet.
    private static func readPID(_ descriptor: Int32) -> Int32? {
        var buffer = [UInt8](repeating: 0, count: 32)
        let count = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return nil }
        return Int32(String(decoding: buffer[..<count], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }
}

/// Why the state folder's lock could not be taken.
package struct StateLockError: Error, Hashable, Sendable, CustomStringConvertible {
    package enum Problem: Hashable, Sendable {
        /// Another process holds it (its pid, when it had written it).
        case held(pid: Int32?)
        /// The lock file could not be opened or locked.
        case unusable(errno: Int32)
    }

    package var stateDirectory: String
    package var problem: Problem

    package var description: String {
        switch problem {
        case .held(let pid):
            let who = pid.map { "another convenor (pid \($0))" } ?? "another convenor"
            return "\(who) is using \(stateDirectory); stop it first (one daemon per ledger, or mail is sent twice)"
        case .unusable(let code):
            return "cannot lock \(stateDirectory)/\(StateLock.fileName): \(String(cString: strerror(code))) "
                + "(errno \(code)); check state_dir in convenor.yaml and that this user may write there"
        }
    }
}
