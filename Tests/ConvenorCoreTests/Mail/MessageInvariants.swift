import Foundation

/// Structural rules every composed message must keep, checked on the raw bytes.
enum MessageInvariants {
    /// Descriptions of every broken rule: bare CR or LF, a line over 998 octets, a header line that is neither a
    /// field nor a continuation, or a missing blank line after the header.
    static func problems(in bytes: [UInt8]) -> [String] {
        var problems: [String] = []
        var lineLength = 0
        for (index, byte) in bytes.enumerated() {
            if byte == 0x0D && (index + 1 == bytes.count || bytes[index + 1] != 0x0A) {
                problems.append("bare CR at \(index)")
            }
            if byte == 0x0A && (index == 0 || bytes[index - 1] != 0x0D) { problems.append("bare LF at \(index)") }
            if byte == 0x00 { problems.append("NUL at \(index)") }
            if byte == 0x0A {
                lineLength = 0
            } else if byte != 0x0D {
                lineLength += 1
                if lineLength == 999 { problems.append("line over 998 octets at \(index)") }
            }
        }
        if bytes.suffix(2) != [0x0D, 0x0A] { problems.append("no final CRLF") }
        for line in headerLines(bytes) where !(line.first == " " || line.contains(":")) {
            problems.append("header line is neither a field nor a continuation: \(line)")
        }
        return problems
    }

    /// The header block's physical lines.
    static func headerLines(_ bytes: [UInt8]) -> [String] {
        let text = String(decoding: bytes, as: UTF8.self)
        guard let end = text.range(of: "\r\n\r\n") else { return [] }
        return text[..<end.lowerBound].components(separatedBy: "\r\n")
    }

    /// The field names of the top-level header, in order.
    static func headerNames(_ bytes: [UInt8]) -> [String] {
        headerLines(bytes).filter { $0.first != " " }.compactMap { $0.split(separator: ":").first.map(String.init) }
    }

    /// A header's unfolded value (CRLF SP becomes SP), without the single space after the colon.
    static func headerValue(_ name: String, in bytes: [UInt8]) -> String? {
        var value: String?
        for line in headerLines(bytes) {
            if line.first == " ", value != nil {
                value! += line
            } else if value != nil {
                break
            } else if line.lowercased().hasPrefix(name.lowercased() + ":") {
                value = String(line.dropFirst(name.count + 1).drop(while: { $0 == " " }))
            }
        }
        return value
    }
}
