import Foundation

/// `print(..., to: &standardError)`: diagnostics and notices go to stderr so stdout carries only a command's
/// result (a table, JSON), which scripts may pipe.
struct StandardError: TextOutputStream {
    mutating func write(_ string: String) {
        FileHandle.standardError.write(Data(string.utf8))
    }
}
