/// Message-IDs derived from a mailing's key, so a copy of the same mailing always carries the same one.
///
/// `convenor.customer-services-cop.agenda.2026-10.r0@aln.example.org`: list servers (Sympa) and mail clients drop a
/// Message-ID they have already seen, which turns an at-least-once resend into a harmless duplicate.
package enum MessageID {
    /// The Message-ID (without angle brackets) of the mailing with this key.
    ///
    /// - Parameter domain: the From address's domain (`MailAddress.domain`); sanitised like the key's parts.
    package static func make(for key: MailingKey, domain: String) -> String {
        "convenor.\(part(key.group)).\(part(key.kind.rawValue)).\(part(key.occurrence)).r\(key.revision)@"
            + rightSide(domain)
    }

    /// A Message-ID for a test copy (`send-test`): unique per nonce, never equal to the real mailing's.
    ///
    /// - Parameter nonce: any text that differs between test sends (the caller's clock or random source).
    package static func makeTest(for key: MailingKey, nonce: String, domain: String) -> String {
        "convenor-test.\(part(nonce)).\(part(key.group)).\(part(key.kind.rawValue)).\(part(key.occurrence))"
            + ".r\(key.revision)@" + rightSide(domain)
    }

    /// Letters, digits and `-` pass; every other UTF-8 byte becomes `_XX`, so distinct parts stay distinct and
    /// the result is a dot-atom atom (RFC 5322 §3.6.4). A result over 40 characters keeps its first 23 and adds `_`
    /// and a 64-bit hash of the whole, so the id stays short enough for one header line.
    static func part(_ text: String) -> String {
        let escaped = escape(text)
        guard escaped.utf8.count > 40 else { return escaped }
        return String(escaped.utf8.prefix(23))! + "_" + MIMEBoundary.fnv1a64Hex(text)
    }

    static func escape(_ text: String) -> String {
        if text.isEmpty { return "_" }
        var output: [UInt8] = []
        for byte in text.utf8 {
            if MailAddress.isLetterOrDigit(byte) || byte == UInt8(ascii: "-") {
                output.append(byte)
            } else {
                output += Hex.escape(byte, marker: UInt8(ascii: "_"))
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// The domain with each label passed through `part`, lower-cased; `convenor.invalid` when empty.
    static func rightSide(_ domain: String) -> String {
        let labels = domain.lowercased().split(separator: ".").map { part(String($0)) }
        return labels.isEmpty ? "convenor.invalid" : labels.joined(separator: ".")
    }

    /// RFC 5322 §3.6.4 msg-id content restricted to dot-atom-text on both sides, short enough for one line.
    package static func isValid(_ id: String) -> Bool {
        let sides = id.split(separator: "@", omittingEmptySubsequences: false)
        return sides.count == 2 && id.utf8.count <= 900 && MailAddress.isDotAtom(sides[0])
            && MailAddress.isDotAtom(sides[1])
    }
}
