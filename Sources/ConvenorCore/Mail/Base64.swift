/// RFC 4648 base64, written out so the composer works on byte arrays without going through `Data`.
package enum Base64 {
    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// The padded encoding on one line.
    package static func encode(_ bytes: [UInt8]) -> String {
        var output: [UInt8] = []
        output.reserveCapacity((bytes.count + 2) / 3 * 4)
        encode(bytes, lineLength: nil, into: &output)
        return String(decoding: output, as: UTF8.self)
    }

    /// RFC 2045 §6.8: body lines of at most 76 characters, each ended by CRLF.
    package static func encodeLines(_ bytes: [UInt8]) -> String {
        var output: [UInt8] = []
        encodeLines(bytes, into: &output)
        return String(decoding: output, as: UTF8.self)
    }

    /// `encodeLines(_:)`, appended to `output`.
    package static func encodeLines(_ bytes: [UInt8], into output: inout [UInt8]) {
        let characters = (bytes.count + 2) / 3 * 4
        output.reserveCapacity(output.count + characters + (characters + 75) / 76 * 2)
        encode(bytes, lineLength: 76, into: &output)
    }

    /// The padded encoding; with `lineLength` (a multiple of 4) a CRLF after every that many characters and
    /// after the last.
    static func encode(_ bytes: [UInt8], lineLength: Int?, into output: inout [UInt8]) {
        var index = 0
        var onLine = 0
        while index < bytes.count {
            let remaining = bytes.count - index
            let first = bytes[index]
            let second = remaining > 1 ? bytes[index + 1] : 0
            let third = remaining > 2 ? bytes[index + 2] : 0
            output.append(alphabet[Int(first >> 2)])
            output.append(alphabet[Int((first & 0x03) << 4 | second >> 4)])
            output.append(remaining > 1 ? alphabet[Int((second & 0x0F) << 2 | third >> 6)] : UInt8(ascii: "="))
            output.append(remaining > 2 ? alphabet[Int(third & 0x3F)] : UInt8(ascii: "="))
            index += 3
            onLine += 4
            if let lineLength, onLine == lineLength || index >= bytes.count {
                output.append(0x0D)
                output.append(0x0A)
                onLine = 0
            }
        }
    }

    /// Decodes padded base64, ignoring CR and LF; nil for anything else that is not in the alphabet.
    package static func decode(_ text: String) -> [UInt8]? {
        var values: [UInt8] = []
        var padding = 0
        for byte in text.utf8 where byte != 0x0D && byte != 0x0A {
            if byte == UInt8(ascii: "=") {
                padding += 1
                continue
            }
            guard padding == 0, let value = alphabet.firstIndex(of: byte) else { return nil }
            values.append(UInt8(value))
        }
        guard (values.count + padding) % 4 == 0, padding <= 2 else { return nil }
        var output: [UInt8] = []
        var index = 0
        while index + 1 < values.count {
            output.append(values[index] << 2 | values[index + 1] >> 4)
            if index + 2 < values.count { output.append(values[index + 1] << 4 | values[index + 2] >> 2) }
            if index + 3 < values.count { output.append(values[index + 2] << 6 | values[index + 3]) }
            index += 4
        }
        return output
    }
}
