/// RFC 2045 §6.7 quoted-printable for text bodies whose lines are already CRLF-terminated.
///
/// Beyond the RFC's minimum it also encodes a `.` or `From ` that would begin a physical line, so neither SMTP
/// dot-stuffing nor an mbox `From ` quoting step can change the text on its way.
package enum QuotedPrintable {
    /// §6.7 (5): encoded lines are at most 76 characters, counting the `=` of a soft line break.
    package static let lineLimit = 76

    /// Encodes text whose line ends are CRLF (as `MessageText.normalise` makes them); the output ends with CRLF.
    package static func encode(_ text: String) -> String {
        var output: [UInt8] = []
        for line in MessageText.lines(of: text) {
            encodeLine(Array(line.utf8), into: &output)
            output += [0x0D, 0x0A]
        }
        return String(decoding: output, as: UTF8.self)
    }

    static func encodeLine(_ bytes: [UInt8], into output: inout [UInt8]) {
        var physical: [UInt8] = []
        var index = 0
        while index < bytes.count {
            // A whole UTF-8 sequence stays on one physical line: its =XX triplets are never separated.
            let end = min(index + sequenceLength(bytes[index]), bytes.count)
            let isLast = end == bytes.count
            var token = encodeSequence(bytes, index..<end, atLineStart: physical.isEmpty, isLast: isLast)
            // Leave room for the soft break's `=`, except on the last piece of the line.
            if !physical.isEmpty, physical.count + token.count > (isLast ? lineLimit : lineLimit - 1) {
                output += physical + [UInt8(ascii: "="), 0x0D, 0x0A]
                physical = []
                // Encoded again: at the start of a physical line a `.` or `From ` needs protecting.
                token = encodeSequence(bytes, index..<end, atLineStart: true, isLast: isLast)
            }
            physical += token
            index = end
        }
        output += physical
    }

    static func encodeSequence(_ bytes: [UInt8], _ range: Range<Int>, atLineStart: Bool, isLast: Bool) -> [UInt8] {
        var token: [UInt8] = []
        for position in range {
            token += encodeByte(
                bytes,
                at: position,
                atLineStart: atLineStart && position == range.lowerBound,
                isLast: isLast
            )
        }
        return token
    }

    static func encodeByte(_ bytes: [UInt8], at index: Int, atLineStart: Bool, isLast: Bool) -> [UInt8] {
        let byte = bytes[index]
        switch byte {
        case UInt8(ascii: " "), UInt8(ascii: "\t"):
            // §6.7 (3): white space at the end of an encoded line must be encoded.
            return isLast ? Hex.escape(byte, marker: UInt8(ascii: "=")) : [byte]
        case UInt8(ascii: "."):
            return atLineStart ? Hex.escape(byte, marker: UInt8(ascii: "=")) : [byte]
        case UInt8(ascii: "F"):
            let from = Array("From ".utf8)
            let startsFrom = bytes.count - index >= from.count && Array(bytes[index..<index + from.count]) == from
            return atLineStart && startsFrom ? Hex.escape(byte, marker: UInt8(ascii: "=")) : [byte]
        case UInt8(ascii: "="): return Hex.escape(byte, marker: UInt8(ascii: "="))
        case 0x21...0x7E: return [byte]
        default: return Hex.escape(byte, marker: UInt8(ascii: "="))
        }
    }

    /// Bytes in the UTF-8 sequence that starts with `lead` (1 for ASCII or a stray continuation byte).
    static func sequenceLength(_ lead: UInt8) -> Int {
        switch lead {
        case 0xC0...0xDF: 2
        case 0xE0...0xEF: 3
        case 0xF0...0xF7: 4
        default: 1
        }
    }

    /// Decodes quoted-printable with CRLF line ends; for tests.
    package static func decode(_ text: String) -> [UInt8]? {
        var output: [UInt8] = []
        let bytes = Array(text.utf8)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "=") {
                if index + 2 < bytes.count, bytes[index + 1] == 0x0D, bytes[index + 2] == 0x0A {
                    index += 3
                    continue
                }
                guard index + 2 < bytes.count, let high = Hex.value(bytes[index + 1]),
                    let low = Hex.value(bytes[index + 2])
                else { return nil }
                output.append(high << 4 | low)
                index += 3
            } else {
                output.append(byte)
                index += 1
            }
        }
        return output
    }
}
