/// Body text rules: line ends, what a body may hold, and which transfer encoding carries it.
///
/// The rules work on UTF-8 bytes: CR, LF, NUL, `=`, `_`, `.` and `From ` are ASCII, which never occurs inside a
/// multi-byte UTF-8 sequence, and a CRLF is always a grapheme of its own (Unicode's GB3 to GB5), so a byte rule says
/// exactly what the same rule over `Character`s would.
package enum MessageText {
    /// How a text part travels (RFC 2045 §6).
    package enum TransferEncoding: String, Sendable {
        case sevenBit = "7bit"
        case quotedPrintable = "quoted-printable"
    }

    /// The text a body part carries: CRLF, CR and LF all become CRLF, NUL is dropped, and the text ends with CRLF.
    ///
    /// A recipient decoding the part gets exactly this text back (with `\n` for CRLF in most APIs).
    package static func normalise(_ text: String) -> String {
        String(decoding: normalisedBytes(text), as: UTF8.self)
    }

    /// `normalise(_:)` as UTF-8 bytes, which is what the composer writes.
    package static func normalisedBytes(_ text: String) -> [UInt8] {
        var text = text
        return text.withUTF8 { bytes in
            var output: [UInt8] = []
            // Every LF may gain a CR; a little room on top saves one reallocation for the common case.
            output.reserveCapacity(bytes.count + bytes.count / 16 + 2)
            var previousWasCR = false
            for byte in bytes {
                switch byte {
                case 0x0D:
                    output.append(0x0D)
                    output.append(0x0A)
                    previousWasCR = true
                    continue
                case 0x0A:
                    if !previousWasCR {
                        output.append(0x0D)
                        output.append(0x0A)
                    }
                case 0x00:
                    break
                default:
                    output.append(byte)
                }
                previousWasCR = false
            }
            // Every CR written is followed by its LF, so a final LF means a final CRLF.
            if let last = output.last, last != 0x0A {
                output.append(0x0D)
                output.append(0x0A)
            }
            return output
        }
    }

    /// Calls `body` with the bounds of each line of CRLF-terminated bytes, without its CRLF: a last line without
    /// CRLF counts, the empty rest after a final CRLF does not.
    @inline(__always)
    static func forEachLine(_ bytes: UnsafeBufferPointer<UInt8>, _ body: (Range<Int>) -> Void) {
        var start = 0
        var index = 0
        let count = bytes.count
        while index < count {
            if bytes[index] == 0x0D, index + 1 < count, bytes[index + 1] == 0x0A {
                body(start..<index)
                index += 2
                start = index
            } else {
                index += 1
            }
        }
        if start < count { body(start..<count) }
    }

    /// 7bit only for short printable-ASCII lines that need no protection; quoted-printable for everything else.
    ///
    /// A 7bit body must not contain `=_`, which every MIME boundary holds (see `MIMEBoundary`), so a boundary can
    /// never appear in any body: quoted-printable writes `=` as `=3D`, and base64 has no `_`.
    package static func transferEncoding(for normalised: String) -> TransferEncoding {
        transferEncoding(forNormalised: Array(normalised.utf8))
    }

    /// `transferEncoding(for:)` of text already in `normalisedBytes(_:)` form.
    package static func transferEncoding(forNormalised normalised: [UInt8]) -> TransferEncoding {
        normalised.withUnsafeBufferPointer { bytes in
            var index = 0
            while index + 1 < bytes.count {
                if bytes[index] == UInt8(ascii: "="), bytes[index + 1] == UInt8(ascii: "_") { return .quotedPrintable }
                index += 1
            }
            var safe = true
            forEachLine(bytes) { line in
                guard safe else { return }
                safe = isSevenBitLine(bytes, line)
            }
            return safe ? .sevenBit : .quotedPrintable
        }
    }

    /// At most 76 printable-ASCII bytes, not ending in a space, not starting with `.` or `From `.
    static func isSevenBitLine(_ bytes: UnsafeBufferPointer<UInt8>, _ line: Range<Int>) -> Bool {
        guard line.count <= 76 else { return false }
        for position in line where !(0x20...0x7E).contains(bytes[position]) { return false }
        guard let first = line.first else { return true }
        if bytes[line.upperBound - 1] == UInt8(ascii: " ") || bytes[first] == UInt8(ascii: ".") { return false }
        return !QuotedPrintable.startsFrom(bytes, at: first, lineEnd: line.upperBound)
    }

    /// Appends the part's body, already in `normalisedBytes(_:)` form, in its transfer encoding.
    static func encode(_ normalised: [UInt8], as encoding: TransferEncoding, into output: inout [UInt8]) {
        switch encoding {
        case .sevenBit: output.append(contentsOf: normalised)
        case .quotedPrintable: QuotedPrintable.encode(normalised: normalised, into: &output)
        }
    }
}
