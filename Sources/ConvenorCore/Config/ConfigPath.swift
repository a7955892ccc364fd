/// Resolves a path written in a config file against that file's directory, with string operations only (the core
/// touches no file system): `../state` in `/srv/aln/config/convenor.yaml` is `/srv/aln/state`.
enum ConfigPath {
    /// The directory part of an absolute file path.
    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let directory = String(path[..<slash])
        return directory.isEmpty ? "/" : directory
    }

    /// The file name without directory and extension (`groups/x.yaml` → `x`).
    static func stem(of path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
        return String(name[..<dot])
    }

    /// `written` if absolute, else joined to `directory`; `.` and `..` are folded away.
    static func resolve(_ written: String, against directory: String) -> String {
        let joined = written.hasPrefix("/") ? written : directory + "/" + written
        var parts: [Substring] = []
        for part in joined.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..": if !parts.isEmpty { parts.removeLast() }
            default: parts.append(part)
            }
        }
        let isAbsolute = joined.hasPrefix("/")
        let body = parts.joined(separator: "/")
        return isAbsolute ? "/" + body : (body.isEmpty ? "." : body)
    }
}
