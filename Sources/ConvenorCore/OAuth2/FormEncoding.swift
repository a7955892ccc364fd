/// `application/x-www-form-urlencoded`, the body of an OAuth2 token request (RFC 6749 §4.4.2 and Appendix B).
///
/// Encoded byte by byte from UTF-8 as the WHATWG URL standard's urlencoded serializer does: ASCII letters, digits
/// and `*-._` stay, a space becomes `+`, everything else becomes `%XX` (upper-case hex). A client secret is
/// arbitrary text from an identity platform (Entra secrets contain `~`, `.` and `_`; others contain `+`, `/`, `=`
/// or `&`), so an unescaped `+` or `&` would send a different secret or split the field.
package enum FormEncoding {
    /// `name=value&name=value`, in the order given.
    package static func encode(_ fields: [(name: String, value: String)]) -> String {
        fields.map { escape($0.name) + "=" + escape($0.value) }.joined(separator: "&")
    }

    /// One name or value, escaped.
    package static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "*"), UInt8(ascii: "-"), UInt8(ascii: "."),
                UInt8(ascii: "_"):
                result.unicodeScalars.append(Unicode.Scalar(byte))
            case UInt8(ascii: " "):
                result.append("+")
            default:
                result.append("%")
                result.append(hexDigits[Int(byte >> 4)])
                result.append(hexDigits[Int(byte & 0x0F)])
            }
        }
        return result
    }

    private static let hexDigits: [Character] = Array("0123456789ABCDEF")
}
