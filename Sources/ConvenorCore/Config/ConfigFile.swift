/// One configuration file as the IO layer found it: where it is and its bytes, or why they could not be read.
///
/// The core never opens files; `ConfigSource` in ConvenorIO fills these in and `ConfigParser` judges them.
package struct ConfigFile: Sendable {
    /// The path as the user would recognise it (relative to the current directory when under it); used in messages.
    package var displayPath: String
    /// The absolute path; relative paths written inside the file are resolved against its directory.
    package var absolutePath: String
    package var contents: Result<[UInt8], ConfigReadFailure>

    package init(displayPath: String, absolutePath: String, contents: Result<[UInt8], ConfigReadFailure>) {
        self.displayPath = displayPath
        self.absolutePath = absolutePath
        self.contents = contents
    }

    /// A file given as text, for tests and for callers that already hold the bytes.
    package init(displayPath: String, absolutePath: String, text: String) {
        self.init(displayPath: displayPath, absolutePath: absolutePath, contents: .success(Array(text.utf8)))
    }

    /// Files larger than this are refused before YAML parsing: a config is a few kilobytes, and a huge file is a
    /// mistake (a log or a data dump saved under the wrong name) that should not cost seconds or memory.
    package static let maximumBytes = 1_048_576
}

/// Why the IO layer could not hand over a file's bytes.
package enum ConfigReadFailure: Error, Hashable, Sendable {
    /// Nothing exists at the path.
    case missing
    /// The file exists but the user convenor runs as may not read it.
    case permissionDenied
    /// A directory sits where a file was expected.
    case isDirectory
    /// Larger than `ConfigFile.maximumBytes`; not read at all.
    case tooLarge(bytes: Int)
    /// Any other read error, with the system's words.
    case other(String)
}

/// What `ConfigParser` concluded: the configuration, and every problem found on the way.
package struct ConfigParseResult: Sendable {
    /// The whole configuration; nil if and only if `diagnostics` contains an error.
    package var config: Config?
    /// Every error and warning, sorted by file, line and column.
    package var diagnostics: [Diagnostic]

    package init(config: Config?, diagnostics: [Diagnostic]) {
        self.config = config
        self.diagnostics = diagnostics
    }

    /// Errors only.
    package var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
    /// Warnings only.
    package var warnings: [Diagnostic] { diagnostics.filter { $0.severity == .warning } }
}
