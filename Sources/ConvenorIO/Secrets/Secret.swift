/// A password or token read from a file or a systemd credential, which never prints itself.
///
/// `description`, `debugDescription` and reflection (`dump`, `Mirror`) all show `<redacted>`, as swift-configuration
/// does, so a secret interpolated into a log line or an error by mistake does not leak. The one way to the value is
/// `unredacted`, a name that stands out in review.
package struct Secret: Hashable, Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The secret itself; hand it only to libcurl.
    package let unredacted: String

    /// Wraps a secret just read; only `SecretReader` and tests make these.
    package init(_ value: String) {
        unredacted = value
    }

    package var description: String { "<redacted>" }
    package var debugDescription: String { "<redacted>" }
    package var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }

    /// `text` with every occurrence of the secret replaced by `<redacted>`: a last guard on text from outside
    /// (relay replies, libcurl messages) before it reaches a log or the ledger.
    package func redacting(_ text: String) -> String {
        guard !unredacted.isEmpty else { return text }
        return text.replacing(unredacted, with: "<redacted>")
    }
}
