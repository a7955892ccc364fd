package import ConvenorCore
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The folders a group file may name files in, and the only way convenor opens a file a group names.
///
/// A chair is trusted with the group's wording, never with the server's files: `minutes: /etc/shadow`,
/// `minutes: ../../smtp-password` or a symlink under `minutes/` pointing at a credential would otherwise be read and
/// mailed to the list. Every path is resolved with `realpath` (symlinks included) and must land inside one of
/// `roots`: by default the config folder's `minutes/` and the group's own `groups/<id>/`, plus the installation's
/// `allowed_paths:`. Only regular files are read, at most `maximumBytes`, opened with `O_NOFOLLOW | O_NONBLOCK` (a
/// FIFO never blocks the daemon) and checked again through the open descriptor, so a file swapped for a symlink
/// between the check and the read is refused too.
///
/// The web (chairs' uploads) and draft minutes use the same type: make one with `forGroup(_:in:)` and go through
/// `resolve(_:)` / `read(_:maximumBytes:)`, never `FileManager` directly.
package struct PathConfinement: Hashable, Sendable {
    /// The allowed folders, each resolved with `realpath` when it exists (lexically otherwise), without a trailing /.
    package let roots: [String]

    /// Confinement to `roots` (absolute paths).
    package init(roots: [String]) {
        self.roots = roots.map { Self.canonical($0) }
    }

    private init(canonicalRoots: [String]) {
        self.roots = canonicalRoots
    }

    /// The folders `group`'s file may name files in: `minutes/` and `groups/<id>/` of the config folder, and
    /// `allowed_paths:`.
    package static func forGroup(_ group: Group, in installation: Installation) -> PathConfinement {
        forGroup(id: group.id, in: installation)
    }

    /// The same, by group id.
    package static func forGroup(id: String, in installation: Installation) -> PathConfinement {
        let config = installation.configDirectory
        return PathConfinement(roots: defaultRoots(configDirectory: config, groupID: id) + installation.allowedPaths)
    }

    /// `forGroup(id:in:)` for every group of one installation, the folders they share resolved once: a pass and
    /// `check` look at every group's files, and resolving `minutes/` and `allowed_paths:` again for each group
    /// made 25,600 `readlink` calls in `check` of 1,600 groups, 14,400 now (issue 16). For one look at the files: a
    /// folder swapped for a symlink later is caught when a file is read (`read` checks the opened file's real path).
    package static func forGroups(in installation: Installation) -> @Sendable (String) -> PathConfinement {
        let config = installation.configDirectory
        let minutes = canonical(config + "/minutes")
        let allowed = installation.allowedPaths.map { canonical($0) }
        return { id in
            PathConfinement(canonicalRoots: [minutes, canonical(config + "/groups/" + id)] + allowed)
        }
    }

    /// `CONFIG/minutes` and `CONFIG/groups/ID`: what a chair may use without asking the operator.
    package static func defaultRoots(configDirectory: String, groupID: String) -> [String] {
        [configDirectory + "/minutes", configDirectory + "/groups/" + groupID]
    }

    /// Minutes go to every member of a list; list servers and members' mailboxes refuse messages of a few MB (the
    /// minutes travel twice, as text and as an attachment, plus HTML), and a chair's minutes are a few KB.
    package static let minutesMaximumBytes = 1_048_576

    /// The real path of `path` (symlinks resolved), provided it lies inside a root. A file that does not exist yet
    /// is resolved through its nearest existing folder, so `check` can judge minutes before they are written.
    package func resolve(_ path: String) throws(PathConfinementError) -> String {
        let resolved = Self.canonical(path)
        guard contains(resolved) else {
            throw PathConfinementError(path: path, problem: .outside(resolved: resolved, roots: roots))
        }
        return resolved
    }

    /// True when `canonicalPath` is a root or lies under one.
    package func contains(_ canonicalPath: String) -> Bool {
        roots.contains { root in canonicalPath == root || canonicalPath.hasPrefix(root == "/" ? "/" : root + "/") }
    }

    /// What is at `path` now, after the confinement check: nothing yet, or a regular file of some size.
    package enum Presence: Hashable, Sendable {
        case missing
        case regularFile(bytes: Int)
    }

    /// Checks `path` without reading it: inside a root, and absent or a regular file (not a folder, FIFO, device).
    package func presence(of path: String) throws(PathConfinementError) -> Presence {
        let resolved = try resolve(path)
        var status = stat()
        guard lstat(resolved, &status) == 0 else {
            if errno == ENOENT || errno == ENOTDIR { return .missing }
            throw PathConfinementError(path: path, problem: .unreadable(errno: errno))
        }
        guard status.st_mode & S_IFMT == S_IFREG else {
            throw PathConfinementError(path: path, problem: .notARegularFile)
        }
        return .regularFile(bytes: Int(status.st_size))
    }

    /// The bytes of the regular file at `path`, at most `maximumBytes`, read only if it lies inside a root.
    package func read(_ path: String, maximumBytes: Int) throws(PathConfinementError) -> [UInt8] {
        let resolved = try resolve(path)
        // O_NOFOLLOW: the last component was resolved above, so a symlink now means it was swapped since.
        let descriptor = open(resolved, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else {
            let code = errno
            if code == ENOENT { throw PathConfinementError(path: path, problem: .missing) }
            if code == ELOOP {
                throw PathConfinementError(path: path, problem: .outside(resolved: resolved, roots: roots))
            }
            throw PathConfinementError(path: path, problem: .unreadable(errno: code))
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw PathConfinementError(path: path, problem: .unreadable(errno: errno))
        }
        guard status.st_mode & S_IFMT == S_IFREG else {
            throw PathConfinementError(path: path, problem: .notARegularFile)
        }
        // A folder on the way swapped for a symlink after `resolve`: the kernel's view of the open file decides.
        if let opened = Self.openedPath(descriptor), !contains(opened) {
            throw PathConfinementError(path: path, problem: .outside(resolved: opened, roots: roots))
        }
        guard Int(status.st_size) <= maximumBytes else {
            throw PathConfinementError(path: path, problem: .tooLarge(bytes: Int(status.st_size), limit: maximumBytes))
        }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = chunk.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw PathConfinementError(path: path, problem: .unreadable(errno: errno))
            }
            if count == 0 { return bytes }
            bytes += chunk[..<count]
            // A file that grew past the limit after the fstat is refused the same way.
            if bytes.count > maximumBytes {
                throw PathConfinementError(path: path, problem: .tooLarge(bytes: bytes.count, limit: maximumBytes))
            }
        }
    }

    /// The file's text: `read` plus UTF-8 validation, a leading byte-order mark dropped.
    package func readText(_ path: String, maximumBytes: Int) throws(PathConfinementError) -> String {
        var bytes = try read(path, maximumBytes: maximumBytes)[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw PathConfinementError(path: path, problem: .notUTF8)
        }
        return text
    }

    /// `path` with every symlink resolved: `realpath` of the nearest existing ancestor, then the rest as written
    /// (already free of `.` and `..`, which `ConfigPath.resolve` folded).
    static func canonical(_ path: String) -> String {
        let lexical = ConfigPathText.fold(path)
        var head = lexical
        var tail: [Substring] = []
        while true {
            if let real = realPath(head) {
                let joined = ([real == "/" ? "" : real] + tail.reversed().map(String.init)).joined(separator: "/")
                return joined.isEmpty ? "/" : joined
            }
            guard let slash = head.lastIndex(of: "/"), head != "/" else { return lexical }
            tail.append(head[head.index(after: slash)...])
            head = slash == head.startIndex ? "/" : String(head[..<slash])
        }
    }

    private static func realPath(_ path: String) -> String? {
        guard let pointer = realpath(path, nil) else { return nil }
        defer { free(pointer) }
        return String(cString: pointer)
    }

    /// Linux: the path the kernel holds for an open descriptor (`/proc/self/fd/N`); nil elsewhere or if unreadable.
    private static func openedPath(_ descriptor: Int32) -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink("/proc/self/fd/\(descriptor)", &buffer, buffer.count - 1)
        guard count > 0 else { return nil }
        return String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

/// Folding `.` and `..` out of an absolute path, as `ConfigPath.resolve` does in the core.
enum ConfigPathText {
    static func fold(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..": if !parts.isEmpty { parts.removeLast() }
            default: parts.append(part)
            }
        }
        return "/" + parts.joined(separator: "/")
    }
}
