package import ConvenorCore
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a configuration directory from disk and hands it to `ConfigParser`.
///
/// Layout: `DIR/convenor.yaml` and `DIR/groups/*.yaml` (sorted by name). A file's size is checked before it is
/// read, so a 10 MB mistake costs a `stat`, not a parse. Paths in messages are relative to the current directory
/// when the file is under it (`config/groups/x.yaml`), as a chair would type them.
package enum ConfigSource {
    /// Loads and validates the configuration in `directory` (relative to the current directory, or absolute).
    package static func load(directory: String) -> ConfigParseResult {
        let currentDirectory = FileManager.default.currentDirectoryPath
        let absoluteDirectory = absolute(directory, in: currentDirectory)
        let installationPath = absoluteDirectory + "/convenor.yaml"
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: absoluteDirectory, isDirectory: &isDirectory),
            isDirectory.boolValue
        else {
            let problem = Diagnostic.error(
                at: SourceLocation(file: display(absoluteDirectory, in: currentDirectory)),
                "the config folder does not exist",
                fix: "pass the folder holding convenor.yaml with `--config DIR`, or set CONVENOR_CONFIG"
            )
            return ConfigParseResult(config: nil, diagnostics: [problem])
        }
        if let problem = groupsFolderProblem(absoluteDirectory, in: currentDirectory, given: directory) {
            return ConfigParseResult(config: nil, diagnostics: [problem])
        }
        let installation = readFile(installationPath, in: currentDirectory)
        let groupsDirectory = absoluteDirectory + "/groups"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: groupsDirectory)) ?? []
        let groupFiles = names.filter { $0.hasSuffix(".yaml") && !$0.hasPrefix(".") }.sorted().map {
            readFile(groupsDirectory + "/" + $0, in: currentDirectory)
        }
        var result = ConfigParser.parse(installation: installation, groups: groupFiles)
        if let config = result.config {
            // The core judged the words; only the IO layer can see where a named file really is.
            let confinement = confinementDiagnostics(config)
            result.diagnostics += confinement
            if confinement.contains(where: { $0.severity == .error }) { result.config = nil }
        }
        // `.yml` files would be silently ignored otherwise; a chair who named one so deserves to know.
        for name in names.filter({ $0.hasSuffix(".yml") }).sorted() {
            result.diagnostics.append(
                .warning(
                    at: SourceLocation(
                        file: display(groupsDirectory + "/" + name, in: currentDirectory),
                        line: 1,
                        column: 1
                    ),
                    "this file is ignored: group files end in .yaml",
                    fix: "rename it to end in .yaml"
                )
            )
        }
        if groupFiles.isEmpty {
            result.diagnostics.append(
                .warning(
                    at: SourceLocation(file: display(groupsDirectory, in: currentDirectory)),
                    "there are no group files, so nothing will be sent",
                    fix: "add one file per group, e.g. groups/customer-services-cop.yaml (see config/README.md)"
                )
            )
        }
        result.diagnostics.sortForReport()
        return result
    }

    /// `--config mycfg/groups`: the groups folder itself, not the folder holding convenor.yaml and groups/.
    private static func groupsFolderProblem(
        _ absolute: String,
        in currentDirectory: String,
        given: String
    )
        -> Diagnostic?
    {
        let manager = FileManager.default
        guard !manager.fileExists(atPath: absolute + "/convenor.yaml") else { return nil }
        let parent = URL(fileURLWithPath: absolute).deletingLastPathComponent().path
        let names = (try? manager.contentsOfDirectory(atPath: absolute)) ?? []
        let holdsGroups = names.contains { $0.hasSuffix(".yaml") }
        let namedGroups = absolute.hasSuffix("/groups")
        guard holdsGroups || namedGroups, namedGroups || manager.fileExists(atPath: parent + "/convenor.yaml") else {
            return nil
        }
        var parentText = given.hasSuffix("/") ? String(given.dropLast()) : given
        parentText = parentText.contains("/") ? String(parentText[..<parentText.lastIndex(of: "/")!]) : "."
        if parentText.isEmpty { parentText = "/" }
        return .error(
            at: SourceLocation(file: display(absolute, in: currentDirectory)),
            "this is a groups folder, not the config folder (it has no convenor.yaml)",
            fix: "pass the folder above it, which holds convenor.yaml and groups/: `--config \(parentText)`"
        )
    }

    /// Reads one file, refusing it unread when it is too large.
    static func readFile(_ path: String, in currentDirectory: String) -> ConfigFile {
        ConfigFile(displayPath: display(path, in: currentDirectory), absolutePath: path, contents: contents(of: path))
    }

    private static func contents(of path: String) -> Result<[UInt8], ConfigReadFailure> {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return .failure(failure(errno: errno)) }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return .failure(failure(errno: errno)) }
        guard (info.st_mode & S_IFMT) != S_IFDIR else { return .failure(.isDirectory) }
        guard info.st_size <= ConfigFile.maximumBytes else { return .failure(.tooLarge(bytes: Int(info.st_size))) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                return .failure(failure(errno: errno))
            }
            if count == 0 { break }
            bytes += buffer[0..<count]
            // A file that grew past the limit after the stat is refused the same way.
            if bytes.count > ConfigFile.maximumBytes { return .failure(.tooLarge(bytes: bytes.count)) }
        }
        return .success(bytes)
    }

    private static func failure(errno code: Int32) -> ConfigReadFailure {
        switch code {
        case ENOENT, ENOTDIR: .missing
        case EACCES, EPERM: .permissionDenied
        case EISDIR: .isDirectory
        default: .other(String(cString: strerror(code)))
        }
    }

    static func absolute(_ path: String, in currentDirectory: String) -> String {
        let joined = path.hasPrefix("/") ? path : currentDirectory + "/" + path
        return URL(fileURLWithPath: joined).standardized.path
    }

    /// Relative to the current directory when under it, else absolute.
    static func display(_ path: String, in currentDirectory: String) -> String {
        let base = currentDirectory.hasSuffix("/") ? currentDirectory : currentDirectory + "/"
        return path.hasPrefix(base) ? String(path.dropFirst(base.count)) : path
    }
}
