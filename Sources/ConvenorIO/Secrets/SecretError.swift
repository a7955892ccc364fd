/// Why a secret could not be read, naming the file and saying what to do; never containing the secret.
package struct SecretError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong with the file.
    package enum Problem: Hashable, Sendable {
        /// `open`/`fstat`/`read` failed with this errno.
        case unreadable(errno: Int32, operation: String)
        /// A directory, device or socket where a file was expected.
        case notARegularFile
        /// Group or others may read it (the mode's permission bits, e.g. 0o644).
        case readableByOthers(mode: UInt32)
        /// Empty, or only a newline.
        case empty
        /// More than one line, a NUL byte or not UTF-8: not a password or token file.
        case malformed(String)
        /// Larger than any password or token (64 KiB).
        case tooLarge
        /// `password_credential` is set but systemd passed no `$CREDENTIALS_DIRECTORY`.
        case noCredentialsDirectory(name: String)
        /// A credential name with a `/` or `..` in it.
        case invalidCredentialName(String)
        /// A group names a credential convenor.yaml's `group_credentials:` does not offer to groups.
        case undeclaredCredential(String)
    }

    /// The file (or the credential's path) that was being read.
    package var path: String
    /// What went wrong, with the errno where there is one.
    package var problem: Problem

    package init(path: String, problem: Problem) {
        self.path = path
        self.problem = problem
    }

    package var description: String {
        switch problem {
        case .unreadable(let errno, let operation):
            return "cannot read \(path): \(operation) failed: \(SecretReader.errorText(errno)) (errno \(errno))"
        case .notARegularFile:
            return "cannot read \(path): it is not a regular file"
        case .readableByOthers(let mode):
            let octal = String(mode & 0o777, radix: 8)
            return "refusing to read \(path): group or others can read it (mode 0\(octal)); run `chmod 600 \(path)`"
        case .empty:
            return "\(path) is empty; write the secret on its first line"
        case .malformed(let why):
            return "\(path) \(why); write only the secret, on one line"
        case .tooLarge:
            return "\(path) is larger than 64 KiB; it cannot be a password or token"
        case .noCredentialsDirectory(let name):
            return "password_credential \(name) needs $CREDENTIALS_DIRECTORY, which is set only when systemd starts "
                + "convenor with LoadCredential=\(name):FILE; add that line to the unit, or use password_file"
        case .invalidCredentialName(let name):
            return "credential name \(String(reflecting: name)) must be a plain file name, without / or .."
        case .undeclaredCredential(let name):
            return "credential \(name) is not declared in convenor.yaml's group_credentials, so no group may use it"
        }
    }
}
