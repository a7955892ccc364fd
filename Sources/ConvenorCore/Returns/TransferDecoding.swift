import Foundation

/// Undoes `Content-Transfer-Encoding` (RFC 2045 §6) and reads text in the few charsets notices use.
enum TransferDecoding {
    /// The decoded body; an unknown encoding or broken base64 keeps the bytes as they are.
    static func decode(_ body: ArraySlice<UInt8>, encoding: String?) -> [UInt8] {
        switch encoding?.trimmingWhiteSpace {
        case "base64":
            // RFC 2045 §6.8: characters outside the alphabet are ignored by decoders.
            let kept = body.filter { byte in
                Base64.alphabet.contains(byte) || byte == UInt8(ascii: "=")
            }
            return Base64.decode(String(decoding: kept, as: UTF8.self)) ?? Array(body)
        case "quoted-printable":
            return quotedPrintable(body)
        default:
            return Array(body)
        }
    }

    /// RFC 2045 §6.7: `=XX` escapes and `=` soft line breaks; a malformed escape is kept literally.
    static func quotedPrintable(_ body: ArraySlice<UInt8>) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(body.count)
        var index = body.startIndex
        while index < body.endIndex {
            let byte = body[index]
            guard byte == UInt8(ascii: "=") else {
                output.append(byte)
                index += 1
                continue
            }
            let next = index + 1
            if next < body.endIndex, body[next] == 0x0A {
                index = next + 1
            } else if next + 1 < body.endIndex, body[next] == 0x0D, body[next + 1] == 0x0A {
                index = next + 2
            } else if next + 1 < body.endIndex, let high = Hex.value(body[next]), let low = Hex.value(body[next + 1]) {
                output.append(high << 4 | low)
                index = next + 2
            } else {
                output.append(byte)
                index += 1
            }
        }
        return output
    }
}

/// Charsets notices are written in; others fall back to UTF-8 with replacement characters.
enum Charset {
    static func decode(_ bytes: [UInt8], charset: String?) -> String {
        switch charset?.lowercased().trimmingWhiteSpace {
        case "iso-8859-1", "latin1", "latin-1", "windows-1252", "cp1252":
            // Every byte is a code point in ISO-8859-1, so this never fails (1252's extra glyphs read as controls).
            return String(String.UnicodeScalarView(bytes.compactMap { Unicode.Scalar(UInt32($0)) }))
        default:
            return String(decoding: bytes, as: UTF8.self)
        }
    }
}

/// The text of an HTML part, for notices that come only as HTML (Google Groups sends both).
enum HTMLText {
    /// Tags removed, `<br>` and block ends turned into line breaks, the common entities decoded; links are kept as
    /// ` <URL> ` after their text, so a moderation link survives.
    static func strip(_ html: String) -> String {
        var output = ""
        var tag = ""
        var inTag = false
        for character in html {
            if inTag {
                if character == ">" {
                    inTag = false
                    let lowered = tag.lowercased()
                    if lowered.hasPrefix("br") || lowered.hasPrefix("/p") || lowered.hasPrefix("/div")
                        || lowered.hasPrefix("/tr") || lowered.hasPrefix("/li")
                    {
                        output.append("\n")
                    } else if lowered.hasPrefix("a "), let range = lowered.range(of: "href=") {
                        var link = String(tag[range.upperBound...]).trimmingWhiteSpace
                        if let quote = link.first, quote == "\"" || quote == "'" {
                            link = String(link.dropFirst().prefix { $0 != quote })
                        }
                        output += " <\(link)> "
                    }
                    tag = ""
                } else if tag.count < 2000 {
                    tag.append(character)
                }
            } else if character == "<" {
                inTag = true
            } else {
                output.append(character)
            }
        }
        return output.replacingOccurrencesOfEntities
    }
}

extension String {
    var replacingOccurrencesOfEntities: String {
        var result = self
        for (entity, text) in [
            ("&nbsp;", " "), ("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"),
            ("&amp;", "&"),
        ] {
            result = result.replacing(entity, with: text)
        }
        return result
    }
}
