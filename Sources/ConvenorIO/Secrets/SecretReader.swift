import Foundation
package import ConvenorCore

/// Reads secrets for a transport: the dependency `SMTPTransport` takes, so tests can hand in their own.
package protocol SecretReading: Sendable {
    /// The secret at `source`, or an error naming the file and the fix.
    func read(_ source: SecretSource) throws(SecretError) -> Secret
}

/// Reads `password_file` / `token_file` files and systemd credentials (`password_credential`).
///
/// A file that group or others can read is refused (with the `chmod 600` fix), as ssh refuses a readable private
/// key: a password on a shared machine must not depend on the directory above it. The environment is consulted
/// only for `$CREDENTIALS_DIRECTORY`, never for a secret itself. One trailing newline is stripped, because editors
/// and `echo` add one.
package struct SecretReader: SecretReading {
    /// systemd's `$CREDENTIALS_DIRECTORY`, or nil when convenor was not started with LoadCredential=.
    package var credentialsDirectory: String?

    /// A reader that resolves credentials in `credentialsDirectory` (tests pass a temporary directory).
    package init(credentialsDirectory: String?) {
        self.credentialsDirectory = credentialsDirectory
    }

    /// A reader that takes the credentials directory from `$CREDENTIALS_DIRECTORY`, as systemd sets it.
    package static func fromEnvironment() -> SecretReader {
        SecretReader(credentialsDirectory: ProcessInfo.processInfo.environment["CREDENTIALS_DIRECTORY"])
    }

    package func read(_ source: SecretSource) throws(SecretError) -> Secret {
        switch source {
        case .file(let path):
            return try Self.readFile(at: path, requireOwnerOnly: true)
        case .credential(let name):
            guard !name.isEmpty, !name.contains("/"), name != ".", name != ".." else {
                throw SecretError(path: name, problem: .invalidCredentialName(name))
            }
            guard let directory = credentialsDirectory, !directory.isEmpty else {
                throw SecretError(path: name, problem: .noCredentialsDirectory(name: name))
            }
            // systemd creates credentials read-only for the service user on a private mount; their mode is its
            // business, so only password_file gets the permission check.
            return try Self.readFile(at: directory + "/" + name, requireOwnerOnly: false)
        }
    }

    /// The largest secret file read; an OAuth token is a few KiB.
    static let maximumSize = 64 * 1024

    static func readFile(at path: String, requireOwnerOnly: Bool) throws(SecretError) -> Secret {
        // open then fstat the same descriptor, so the file checked is the file read.
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw SecretError(path: path, problem: .unreadable(errno: errno, operation: "open"))
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw SecretError(path: path, problem: .unreadable(errno: errno, operation: "fstat"))
        }
        // S_IFMT / S_IFREG
        guard UInt32(status.st_mode) & 0o170000 == 0o100000 else {
            throw SecretError(path: path, problem: .notARegularFile)
        }
        if requireOwnerOnly && UInt32(status.st_mode) & 0o077 != 0 {
            throw SecretError(path: path, problem: .readableByOthers(mode: UInt32(status.st_mode) & 0o7777))
        }
        let bytes = try readAll(descriptor, path: path)
        return try decode(bytes, path: path)
    }

    private static func readAll(_ descriptor: Int32, path: String) throws(SecretError) -> [UInt8] {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = chunk.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw SecretError(path: path, problem: .unreadable(errno: errno, operation: "read"))
            }
            if count == 0 { return bytes }
            bytes += chunk[..<count]
            if bytes.count > maximumSize { throw SecretError(path: path, problem: .tooLarge) }
        }
    }

    private static func decode(_ raw: [UInt8], path: String) throws(SecretError) -> Secret {
        var bytes = raw[...]
        if bytes.last == UInt8(ascii: "\n") {
            bytes = bytes.dropLast()
            if bytes.last == UInt8(ascii: "\r") { bytes = bytes.dropLast() }
        }
        guard !bytes.isEmpty else { throw SecretError(path: path, problem: .empty) }
        if bytes.contains(UInt8(ascii: "\n")) || bytes.contains(UInt8(ascii: "\r")) {
            throw SecretError(path: path, problem: .malformed("has more than one line"))
        }
        if bytes.contains(0) { throw SecretError(path: path, problem: .malformed("contains a NUL byte")) }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw SecretError(path: path, problem: .malformed("is not UTF-8 text"))
        }
        return Secret(text)
    }

    /// `strerror` text for an errno, for error messages.
    static func errorText(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}
