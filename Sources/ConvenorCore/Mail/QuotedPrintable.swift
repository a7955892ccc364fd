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
        encode(normalised: Array(text.utf8), into: &output)
        return String(decoding: output, as: UTF8.self)
    }

    /// Appends the encoding of CRLF-terminated bytes (`MessageText.normalisedBytes`), each line ended by CRLF.
    package static func encode(normalised text: [UInt8], into output: inout [UInt8]) {
        // Most bytes stand for themselves; a fifth more covers the usual escapes and soft breaks.
        output.reserveCapacity(output.count + text.count + text.count / 5 + 8)
        text.withUnsafeBufferPointer { bytes in
            MessageText.forEachLine(bytes) { line in
                encodeLine(bytes, line, into: &output)
                output.append(0x0D)
                output.append(0x0A)
            }
        }
    }

    /// One line without its CRLF, cut into physical lines of at most `lineLimit` with soft breaks.
    static func encodeLine(_ bytes: UnsafeBufferPointer<UInt8>, _ line: Range<Int>, into output: inout [UInt8]) {
        var physicalStart = output.count
        var index = line.lowerBound
        let end = line.upperBound
        while index < end {
            // A whole UTF-8 sequence stays on one physical line: its =XX triplets are never separated.
            let sequence = index..<min(index + sequenceLength(bytes[index]), end)
            let isLast = sequence.upperBound == end
            var atLineStart = output.count == physicalStart
            let length = encodedLength(bytes, sequence, lineEnd: end, atLineStart: atLineStart, isLast: isLast)
            // Leave room for the soft break's `=`, except on the last piece of the line.
            if !atLineStart, output.count - physicalStart + length > (isLast ? lineLimit : lineLimit - 1) {
                output.append(UInt8(ascii: "="))
                output.append(0x0D)
                output.append(0x0A)
                physicalStart = output.count
                // Encoded again: at the start of a physical line a `.` or `From ` needs protecting.
                atLineStart = true
            }
            for position in sequence {
                let byte = bytes[position]
                let first = atLineStart && position == sequence.lowerBound
                if needsEscape(bytes, at: position, lineEnd: end, atLineStart: first, isLast: isLast) {
                    output.append(UInt8(ascii: "="))
                    output.append(Hex.digits[Int(byte >> 4)])
                    output.append(Hex.digits[Int(byte & 0x0F)])
                } else {
                    output.append(byte)
                }
            }
            index = sequence.upperBound
        }
    }

    /// How many characters the sequence's bytes take once encoded: 1 for each literal, 3 for each `=XX`.
    @inline(__always)
    static func encodedLength(
        _ bytes: UnsafeBufferPointer<UInt8>,
        _ sequence: Range<Int>,
        lineEnd: Int,
        atLineStart: Bool,
        isLast: Bool
    ) -> Int {
        var length = 0
        for position in sequence {
            let first = atLineStart && position == sequence.lowerBound
            length += needsEscape(bytes, at: position, lineEnd: lineEnd, atLineStart: first, isLast: isLast) ? 3 : 1
        }
        return length
    }

    /// Whether the byte at `index` is written `=XX`; `isLast` when its sequence ends the line.
    @inline(__always)
    static func needsEscape(
        _ bytes: UnsafeBufferPointer<UInt8>,
        at index: Int,
        lineEnd: Int,
        atLineStart: Bool,
        isLast: Bool
    ) -> Bool {
        switch bytes[index] {
        // §6.7 (3): white space at the end of an encoded line must be encoded.
        case UInt8(ascii: " "), UInt8(ascii: "\t"): isLast
        case UInt8(ascii: "."): atLineStart
        case UInt8(ascii: "F"): atLineStart && startsFrom(bytes, at: index, lineEnd: lineEnd)
        case UInt8(ascii: "="): true
        case 0x21...0x7E: false
        default: true
        }
    }

    /// True when `From ` starts at `index`, within the line.
    static func startsFrom(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, lineEnd: Int) -> Bool {
        lineEnd - index >= 5 && bytes[index] == UInt8(ascii: "F") && bytes[index + 1] == UInt8(ascii: "r")
            && bytes[index + 2] == UInt8(ascii: "o") && bytes[index + 3] == UInt8(ascii: "m")
            && bytes[index + 4] == UInt8(ascii: " ")
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
