/// Body text rules: line ends, what a body may hold, and which transfer encoding carries it.
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
        var output = String.UnicodeScalarView()
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\r":
                output.append(contentsOf: "\r\n".unicodeScalars)
                previousWasCR = true
                continue
            case "\n":
                if !previousWasCR { output.append(contentsOf: "\r\n".unicodeScalars) }
            case "\u{0}":
                break
            default:
                output.append(scalar)
            }
            previousWasCR = false
        }
        var result = String(output)
        if !result.isEmpty && !result.hasSuffix("\r\n") { result += "\r\n" }
        return result
    }

    /// The lines of CRLF-terminated text, without their CRLF.
    static func lines(of text: String) -> [Substring] {
        var lines = text.split(separator: "\r\n", omittingEmptySubsequences: false)
        if lines.last?.isEmpty == true { lines.removeLast() }
        return lines
    }

    /// 7bit only for short printable-ASCII lines that need no protection; quoted-printable for everything else.
    ///
    /// A 7bit body must not contain `=_`, which every MIME boundary holds (see `MIMEBoundary`), so a boundary can
    /// never appear in any body: quoted-printable writes `=` as `=3D`, and base64 has no `_`.
    package static func transferEncoding(for normalised: String) -> TransferEncoding {
        if normalised.contains("=_") { return .quotedPrintable }
        for line in lines(of: normalised) {
            let bytes = line.utf8
            guard bytes.count <= 76, bytes.allSatisfy({ (0x20...0x7E).contains($0) }),
                bytes.last != UInt8(ascii: " "), !line.hasPrefix("."), !line.hasPrefix("From ")
            else { return .quotedPrintable }
        }
        return .sevenBit
    }

    /// The part's body in its transfer encoding.
    static func encode(_ normalised: String, as encoding: TransferEncoding) -> String {
        switch encoding {
        case .sevenBit: normalised
        case .quotedPrintable: QuotedPrintable.encode(normalised)
        }
    }
}
