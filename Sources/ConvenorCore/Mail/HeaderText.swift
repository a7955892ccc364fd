/// Turns untrusted text into header field content and header fields into folded lines.
///
/// Header values come from chairs' YAML and templates, so they may hold CR, LF, NUL or other controls. Those are
/// never passed through: each becomes a space, runs of spaces collapse to one and the ends are trimmed, so a value
/// such as `"Agenda\r\nBcc: x"` ends up inside the Subject as `Agenda Bcc: x` and cannot start a field of its own.
package enum HeaderText {
    /// RFC 5322 §2.1.1 recommends 78; RFC 2047 §2 limits a line with encoded-words to 76. One limit serves both.
    package static let lineLimit = 76

    /// The text a header will carry: controls and line separators become spaces, white space runs collapse, ends
    /// are trimmed. Decoding the header gives exactly this string back.
    package static func sanitise(_ text: String) -> String {
        // Already clean (the usual case): printable ASCII words with single spaces between them.
        if isClean(text.utf8) { return text }
        var scalars = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if isSpaceLike(scalar) {
                pendingSpace = !scalars.isEmpty
                continue
            }
            if pendingSpace {
                scalars.append(" ")
                pendingSpace = false
            }
            scalars.append(scalar)
        }
        return String(scalars)
    }

    /// True when `sanitise` would give the text back unchanged because it is printable ASCII without a space at
    /// either end or two together; text beyond ASCII takes the scalar path.
    static func isClean(_ bytes: String.UTF8View) -> Bool {
        var previousWasSpace = true
        for byte in bytes {
            guard (0x20...0x7E).contains(byte) else { return false }
            let isSpace = byte == UInt8(ascii: " ")
            if isSpace && previousWasSpace { return false }
            previousWasSpace = isSpace
        }
        return !previousWasSpace || bytes.isEmpty
    }

    /// Spaces, C0 and C1 controls, DEL and the Unicode line and paragraph separators.
    static func isSpaceLike(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x20, 0x7F...0x9F, 0x2028, 0x2029: true
        default: false
        }
    }

    /// True when every character is printable ASCII or a space.
    static func isPrintableASCII(_ text: String) -> Bool {
        text.utf8.allSatisfy { (0x20...0x7E).contains($0) }
    }

    /// Elements for unstructured text (Subject, extra headers): short printable-ASCII words stay as they are; each
    /// run of other words (non-ASCII, holding `=?`, or over 70 characters) becomes RFC 2047 encoded-words.
    ///
    /// White space between an encoded-word and a plain word is kept by decoders and white space between two
    /// encoded-words is dropped (RFC 2047 §6.2), so a run's inner spaces are encoded inside it.
    static func unstructuredElements(_ text: String, headerName: String) -> [String] {
        let clean = sanitise(text)
        if clean.isEmpty { return [] }
        var elements: [String] = []
        var run: [Substring] = []
        func flushRun() {
            guard !run.isEmpty else { return }
            let limit = elements.isEmpty ? firstEncodedWordLimit(headerName: headerName) : EncodedWord.maximumLength
            elements += EncodedWord.encode(run.joined(separator: " "), firstLimit: limit)
            run = []
        }
        for word in clean.split(separator: " ") {
            // Bytes suffice: in printable ASCII every character is one byte.
            if word.utf8.allSatisfy({ (0x20...0x7E).contains($0) }), !containsEncodedWordStart(word.utf8),
                word.utf8.count <= 70
            {
                flushRun()
                elements.append(String(word))
            } else {
                run.append(word)
            }
        }
        flushRun()
        // A mixed value that needs folding is encoded whole, in whole words: list servers that add a `[Tag]`
        // prefix re-join the header, and a fold next to plain text came back as a double space and a TAB through
        // Mailman 3 (issue 18). Between two encoded-words a fold is dropped by every decoder (RFC 2047 §6.2).
        if elements.count > 1, !isPrintableASCII(clean), field(headerName, elements).contains("\r\n ") {
            return wholeWordEncodedWords(clean, headerName: headerName)
        }
        return elements
    }

    /// True when the bytes hold `=?`, which a decoder would take for the start of an encoded-word.
    static func containsEncodedWordStart(_ bytes: Substring.UTF8View) -> Bool {
        var previous: UInt8 = 0
        for byte in bytes {
            if previous == UInt8(ascii: "="), byte == UInt8(ascii: "?") { return true }
            previous = byte
        }
        return false
    }

    /// `text` as encoded-words that each hold whole words, the space after a word inside its word (`_`), so
    /// folding between them loses nothing. Only a word too long for one encoded-word is split, between characters.
    static func wholeWordEncodedWords(_ text: String, headerName: String) -> [String] {
        let words = text.split(separator: " ").map(String.init)
        var elements: [String] = []
        var chunk = ""
        func limit() -> Int {
            elements.isEmpty ? firstEncodedWordLimit(headerName: headerName) : EncodedWord.maximumLength
        }
        func fits(_ piece: String) -> Bool { EncodedWord.encode(piece, firstLimit: limit()).count == 1 }
        func flush() {
            guard !chunk.isEmpty else { return }
            elements += EncodedWord.encode(chunk, firstLimit: limit())
            chunk = ""
        }
        for (index, word) in words.enumerated() {
            let piece = index < words.count - 1 ? word + " " : word
            if chunk.isEmpty || fits(chunk + piece) {
                chunk += piece
            } else {
                flush()
                chunk = piece
            }
            // A single word longer than an encoded-word can hold is split now, between characters.
            if !fits(chunk) { flush() }
        }
        flush()
        return elements
    }

    /// Room for the first encoded-word after `Name: ` on a 76-character line, never less than one 4-byte scalar.
    static func firstEncodedWordLimit(headerName: String) -> Int {
        max(EncodedWord.maximumLength - (headerName.utf8.count + 2) + 1, 24)
    }

    /// One header field, `Name: value` with CRLF, folded before an element whenever the line would pass the limit.
    ///
    /// Elements are joined by one space; folding turns that space into CRLF SP, which unfolding undoes exactly
    /// (RFC 5322 §2.2.3). Elements hold no CR or LF and are short, so no line can pass 998 octets (§2.1.1).
    static func field(_ name: String, _ elements: [String]) -> String {
        guard let first = elements.first else { return name + ":\r\n" }
        var text = name + ": " + first
        var lineLength = text.utf8.count
        if lineLength > lineLimit && 1 + first.utf8.count <= lineLimit {
            // A long name and a long first word: fold straight after the colon, which unfolds to `Name: word`.
            text = name + ":\r\n " + first
            lineLength = 1 + first.utf8.count
        }
        for element in elements.dropFirst() {
            let length = element.utf8.count
            if lineLength + 1 + length > lineLimit {
                text += "\r\n " + element
                lineLength = 1 + length
            } else {
                text += " " + element
                lineLength += 1 + length
            }
        }
        return text + "\r\n"
    }
}
