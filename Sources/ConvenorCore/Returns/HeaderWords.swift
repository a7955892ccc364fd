/// Reads header text others wrote: RFC 2047 encoded-words in any of the usual charsets, Message-IDs, addresses.
package enum HeaderWords {
    /// `text` with encoded-words decoded, the white space between adjacent encoded-words dropped (RFC 2047 §6.2) and
    /// every run of white space (folding included) collapsed to one space.
    package static func decode(_ text: String) -> String {
        var output = ""
        var pendingSpace = ""
        var lastWasEncoded = false
        for token in tokens(text) {
            if token.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" }) {
                pendingSpace += token
                continue
            }
            if let decoded = decodeWord(token) {
                if !lastWasEncoded { output += pendingSpace }
                output += decoded
                lastWasEncoded = true
            } else {
                output += pendingSpace + token
                lastWasEncoded = false
            }
            pendingSpace = ""
        }
        return collapse(output)
    }

    /// Runs of white space become one space; the ends are trimmed.
    package static func collapse(_ text: String) -> String {
        text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" }).joined(separator: " ")
    }

    /// Alternating runs of white space and of anything else.
    static func tokens(_ text: String) -> [String] {
        var tokens: [String] = []
        var current = ""
        var currentIsSpace = false
        for character in text {
            let isSpace = character == " " || character == "\t" || character == "\r" || character == "\n"
            if !current.isEmpty && isSpace != currentIsSpace {
                tokens.append(current)
                current = ""
            }
            current.append(character)
            currentIsSpace = isSpace
        }
        if !current.isEmpty { tokens.append(current) }
        return tokens
    }

    /// One `=?charset?Q|B?text?=` word decoded, or nil when it is not one (RFC 2047 §2).
    static func decodeWord(_ word: String) -> String? {
        guard word.hasPrefix("=?"), word.hasSuffix("?="), word.utf8.count <= 2000 else { return nil }
        let inner = word.dropFirst(2).dropLast(2)
        let pieces = inner.split(separator: "?", maxSplits: 2, omittingEmptySubsequences: false)
        guard pieces.count == 3 else { return nil }
        // RFC 2231 §5: a language may follow the charset after `*`.
        let charset = pieces[0].split(separator: "*").first.map(String.init) ?? ""
        let bytes: [UInt8]?
        switch pieces[1].uppercased() {
        case "B": bytes = Base64.decode(String(pieces[2]))
        case "Q": bytes = EncodedWord.decodeQ(pieces[2])
        default: bytes = nil
        }
        return bytes.map { Charset.decode($0, charset: charset) }
    }

    /// The first `<id>` in a Message-ID, In-Reply-To or References field, without its brackets.
    package static func firstMessageID(_ value: String) -> String? {
        messageIDs(value).first
    }

    /// Every `<id>` in the field, in order.
    package static func messageIDs(_ value: String) -> [String] {
        var ids: [String] = []
        var rest = Substring(value)
        while let open = rest.firstIndex(of: "<"), let close = rest[open...].firstIndex(of: ">") {
            let id = rest[rest.index(after: open)..<close].trimmingWhiteSpace
            if id.contains("@"), !id.contains(" "), id.utf8.count <= 998 { ids.append(id) }
            rest = rest[rest.index(after: close)...]
            if ids.count >= 100 { break }
        }
        if ids.isEmpty {
            // Some MTAs write a bare id without brackets in Original-Message-ID or X-Original-Message-ID.
            let bare = value.trimmingWhiteSpace
            if bare.contains("@"), !bare.contains(" "), !bare.contains("<"), bare.utf8.count <= 998 { ids.append(bare) }
        }
        return ids
    }

    /// The addr-spec of an address field (`Name <a@b>` or `a@b`), lower-cased; nil without one.
    package static func address(_ value: String) -> String? {
        if let open = value.lastIndex(of: "<"), let close = value[open...].firstIndex(of: ">") {
            let inside = value[value.index(after: open)..<close].trimmingWhiteSpace
            return inside.contains("@") ? inside.lowercased() : nil
        }
        let bare = value.split(separator: ",").first?.trimmingWhiteSpace ?? ""
        let addressPart = bare.split(separator: " ").first { $0.contains("@") }
        return addressPart.map { String($0).trimmingCharacters(in: "\"'()").lowercased() }
    }
}

extension String {
    /// Without any of `characters` at either end.
    func trimmingCharacters(in characters: String) -> String {
        var slice = Substring(self)
        while let first = slice.first, characters.contains(first) { slice = slice.dropFirst() }
        while let last = slice.last, characters.contains(last) { slice = slice.dropLast() }
        return String(slice)
    }
}
