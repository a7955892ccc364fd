import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A failed step of an atomic file write, with its errno, naming the file.
package struct AtomicWriteError: Error, CustomStringConvertible {
    package var operation: String
    package var path: String
    package var errno: Int32

    package var description: String {
        "cannot write \(path): \(operation) failed: \(String(cString: strerror(errno))) (errno \(errno))"
    }
}

/// Writes a file so it appears whole or not at all: temporary file, write, fsync, rename, fsync the directory.
///
/// Used for outbox messages, `preview --out`, the calendar feed and the overview page: anything a reader might
/// pick up while convenor is still writing it. `durable: false` keeps the rename (a reader still sees the file whole
/// or not at all) and skips both fsyncs, for throw-away output such as `preview --out`, which need not survive a
/// power cut: the two fsyncs per file were most of its time (issue 16).
package enum AtomicFile {
    ///
    /// `mode` is set with `fchmod` before any byte is written, so it holds whatever the umask: the outbox passes
    /// 0600, because its copies of list posts carry the moderator password in `Approved:`. (A `mode_t`, spelt as
    /// UInt32 so the signature needs no package import of Glibc.)
    package static func write(
        _ bytes: [UInt8],
        directory: String,
        name: String,
        mode: UInt32 = 0o644,
        durable: Bool = true
    ) throws(AtomicWriteError) {
        let finalPath = directory + "/" + name
        // Hidden and not ending in .eml: nothing that lists the outbox for messages picks it up.
        let temporaryPath = directory + "/.\(name).\(getpid()).tmp"
        let descriptor = open(temporaryPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard descriptor >= 0 else { throw AtomicWriteError(operation: "open", path: temporaryPath, errno: errno) }
        var failure: AtomicWriteError?
        if fchmod(descriptor, mode) != 0 {
            failure = AtomicWriteError(operation: "fchmod", path: temporaryPath, errno: errno)
        }
        var written = 0
        while written < bytes.count && failure == nil {
            let count = bytes.withUnsafeBytes {
                Foundation.write(descriptor, $0.baseAddress! + written, $0.count - written)
            }
            if count < 0 && errno != EINTR {
                failure = AtomicWriteError(operation: "write", path: temporaryPath, errno: errno)
            } else if count > 0 {
                written += count
            }
        }
        if durable && failure == nil && fsync(descriptor) != 0 {
            failure = AtomicWriteError(operation: "fsync", path: temporaryPath, errno: errno)
        }
        if close(descriptor) != 0 && failure == nil {
            failure = AtomicWriteError(operation: "close", path: temporaryPath, errno: errno)
        }
        if failure == nil && rename(temporaryPath, finalPath) != 0 {
            failure = AtomicWriteError(operation: "rename", path: finalPath, errno: errno)
        }
        if let failure {
            unlink(temporaryPath)
            throw failure
        }
        guard durable else { return }
        // The rename is durable only once the directory entry is on disk.
        let directoryDescriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard directoryDescriptor >= 0 else { throw AtomicWriteError(operation: "open", path: directory, errno: errno) }
        defer { close(directoryDescriptor) }
        if fsync(directoryDescriptor) != 0 { throw AtomicWriteError(operation: "fsync", path: directory, errno: errno) }
    }
}

extension AtomicFile {
    /// Writes `bytes` to `path`, creating the folder if needed.
    package static func write(_ bytes: [UInt8], toPath path: String, durable: Bool = true) throws(AtomicWriteError) {
        let directory = try createDirectory(containing: path)
        try write(bytes, directory: directory, name: URL(fileURLWithPath: path).lastPathComponent, durable: durable)
    }

    /// Creates the folder `path` would be written into (and its parents) if needed, and returns it as
    /// `write(_:toPath:durable:)` names it: for many files written into one folder.
    package static func createDirectory(containing path: String) throws(AtomicWriteError) -> String {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw AtomicWriteError(operation: "mkdir", path: directory, errno: EACCES)
        }
        return directory
    }
}
