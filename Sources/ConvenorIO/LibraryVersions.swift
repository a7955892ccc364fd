internal import CCurl

/// Versions of the C libraries convenor links, for `convenor --version` and bug reports.
package enum LibraryVersions {
    /// libcurl's own version line (e.g. `libcurl/7.88.1 OpenSSL/3.0.15 ...`).
    package static var curl: String { String(cString: ccurl_version()) }
}
