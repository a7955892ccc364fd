import ConvenorCore

/// Random tokens for sign-in links, session ids and CSRF tokens.
enum SecretToken {
    /// 32 bytes from the system's cryptographic generator (getrandom on Linux), base64url without padding: safe in
    /// a URL path, a cookie value and a form field as is.
    static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        var text = ""
        var buffer = 0
        var bits = 0
        for byte in bytes {
            buffer = buffer << 8 | Int(byte)
            bits += 8
            while bits >= 6 {
                bits -= 6
                text.append(alphabet[(buffer >> bits) & 0x3F])
            }
        }
        if bits > 0 { text.append(alphabet[(buffer << (6 - bits)) & 0x3F]) }
        return text
    }

    /// What the store keeps instead of the token.
    static func hash(_ token: String) -> String { SHA256.hex(token) }

    /// True for text shaped like a token: anything else is refused before it reaches the store.
    static func isWellFormed(_ text: String) -> Bool {
        text.count == 43 && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
    }
}
