/// RFC 2047 encoded-words in UTF-8 for header text that is not short printable ASCII.
///
/// The whole value is encoded, as a run of words separated by folding white space, which decoders drop between
/// adjacent encoded-words (RFC 2047 §6.2). Words are split between characters, or between Unicode scalars when one
/// character (a base with many combining marks) is too long for a word, so no UTF-8 sequence is ever cut.
package enum EncodedWord {
    /// RFC 2047 §2: an encoded-word is at most 75 characters.
    package static let maximumLength = 75
    /// `=?UTF-8?Q?` plus `?=`.
    static let overhead = 12

    /// The two encodings of RFC 2047 §4.
    enum Encoding {
        case q
        case b
    }

    /// Encodes `text` as encoded-words; the first is at most `firstLimit` characters (it shares a line with the
    /// header name), the rest at most 75. The Q alphabet is the strict one of RFC 2047 §5 (3), safe in a phrase
    /// and in unstructured text alike.
    package static func encode(_ text: String, firstLimit: Int = maximumLength) -> [String] {
        let bytes = Array(text.utf8)
        // Q stays readable for mostly-Latin text, so it wins unless it is a third longer than B.
        let encoding: Encoding = qLength(bytes) * 3 <= bLength(bytes.count) * 4 ? .q : .b
        var words: [String] = []
        var chunk: [UInt8] = []
        // The chunk's Q length, kept as it grows, so each piece costs its own length and not the chunk's again.
        var chunkQLength = 0
        var limit = min(firstLimit, maximumLength)

        func length(of bytes: [UInt8]) -> Int {
            overhead + (encoding == .q ? qLength(bytes) : bLength(bytes.count))
        }
        func flush() {
            guard !chunk.isEmpty else { return }
            words.append(word(chunk, encoding))
            chunk = []
            chunkQLength = 0
            limit = maximumLength
        }
        func append(_ piece: [UInt8]) {
            let pieceQLength = encoding == .q ? qLength(piece) : 0
            let joined =
                overhead + (encoding == .q ? chunkQLength + pieceQLength : bLength(chunk.count + piece.count))
            if !chunk.isEmpty && joined > limit { flush() }
            chunk += piece
            chunkQLength += pieceQLength
        }

        for character in text {
            let piece = Array(String(character).utf8)
            // The first word may have less room; any later word has 75.
            let room = words.isEmpty && chunk.isEmpty ? limit : maximumLength
            if length(of: piece) <= room {
                append(piece)
            } else {
                // A character too long for a word: split it between scalars, which always fit.
                for scalar in character.unicodeScalars { append(Array(String(scalar).utf8)) }
            }
        }
        flush()
        return words
    }

    /// Decodes a run of encoded-words separated by spaces; for tests and for reading headers back.
    package static func decode(_ text: String) -> String? {
        var bytes: [UInt8] = []
        for word in text.split(separator: " ") {
            guard word.hasPrefix("=?UTF-8?"), word.hasSuffix("?="), word.count >= 12 else { return nil }
            let kind = word[word.index(word.startIndex, offsetBy: 8)]
            let payload = word.dropFirst(10).dropLast(2)
            switch kind {
            case "Q":
                guard let decoded = decodeQ(payload) else { return nil }
                bytes += decoded
            case "B":
                guard let decoded = Base64.decode(String(payload)) else { return nil }
                bytes += decoded
            default: return nil
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }

    static func word(_ bytes: [UInt8], _ encoding: Encoding) -> String {
        switch encoding {
        case .b: "=?UTF-8?B?" + Base64.encode(bytes) + "?="
        case .q: "=?UTF-8?Q?" + String(decoding: bytes.flatMap(qToken), as: UTF8.self) + "?="
        }
    }

    /// RFC 2047 §5 (3): in a phrase only letters, digits and `! * + - /` may stand for themselves; `_` is a space.
    static func qToken(_ byte: UInt8) -> [UInt8] {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "!"), UInt8(ascii: "*"), UInt8(ascii: "+"),
            UInt8(ascii: "-"), UInt8(ascii: "/"):
            [byte]
        case UInt8(ascii: " "): [UInt8(ascii: "_")]
        default: Hex.escape(byte, marker: UInt8(ascii: "="))
        }
    }

    static func qLength(_ bytes: [UInt8]) -> Int {
        bytes.reduce(0) { $0 + qTokenLength($1) }
    }

    /// `qToken(byte).count`, without building the token.
    static func qTokenLength(_ byte: UInt8) -> Int {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "!"), UInt8(ascii: "*"), UInt8(ascii: "+"),
            UInt8(ascii: "-"), UInt8(ascii: "/"), UInt8(ascii: " "):
            1
        default: 3
        }
    }

    static func bLength(_ count: Int) -> Int {
        (count + 2) / 3 * 4
    }

    static func decodeQ(_ payload: Substring) -> [UInt8]? {
        var result: [UInt8] = []
        var iterator = Array(payload.utf8).makeIterator()
        while let byte = iterator.next() {
            switch byte {
            case UInt8(ascii: "_"): result.append(UInt8(ascii: " "))
            case UInt8(ascii: "="):
                guard let high = iterator.next().flatMap(Hex.value), let low = iterator.next().flatMap(Hex.value)
                else { return nil }
                result.append(high << 4 | low)
            default: result.append(byte)
            }
        }
        return result
    }
}
