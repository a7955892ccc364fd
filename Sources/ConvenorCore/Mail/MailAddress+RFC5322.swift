/// Validation and header spelling of addresses (RFC 5322 §3.4).
extension MailAddress {
    /// The part after the `@`, lower-cased: the right-hand side of Message-IDs and calendar UIDs.
    package var domain: String {
        guard let at = address.lastIndex(of: "@") else { return "" }
        return address[address.index(after: at)...].lowercased()
    }

    /// True for a plain ASCII `local@domain`: a dot-atom local part and a domain of letter-digit-hyphen labels.
    ///
    /// Stricter than RFC 5322 on purpose (no quoted local parts, no address literals): nothing convenor mails
    /// needs them, and a rejected address cannot smuggle `<`, `>`, a space, CR or LF into a header.
    package static func isValidAddrSpec(_ address: String) -> Bool {
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, address.utf8.count <= 254 else { return false }
        let local = parts[0]
        let domain = parts[1]
        guard (1...64).contains(local.utf8.count), isDotAtom(local) else { return false }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        return labels.count >= 1 && domain.utf8.count <= 253
            && labels.allSatisfy { label in
                (1...63).contains(label.utf8.count) && label.first != "-" && label.last != "-"
                    && label.utf8.allSatisfy { isLetterOrDigit($0) || $0 == UInt8(ascii: "-") }
            }
    }

    /// RFC 5322 §3.2.3 dot-atom-text: atext runs separated by single dots.
    static func isDotAtom(_ text: Substring) -> Bool {
        let atoms = text.split(separator: ".", omittingEmptySubsequences: false)
        return atoms.allSatisfy { atom in !atom.isEmpty && atom.utf8.allSatisfy(isAtext) }
    }

    static func isLetterOrDigit(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        default: false
        }
    }

    /// RFC 5322 §3.2.3 atext.
    static func isAtext(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "&"),
            UInt8(ascii: "'"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "/"),
            UInt8(ascii: "="), UInt8(ascii: "?"), UInt8(ascii: "^"), UInt8(ascii: "_"), UInt8(ascii: "`"),
            UInt8(ascii: "{"), UInt8(ascii: "|"), UInt8(ascii: "}"), UInt8(ascii: "~"):
            true
        default: isLetterOrDigit(byte)
        }
    }

    /// The mailbox as header elements: `Name <addr>` with the name as atoms, a quoted-string or encoded-words.
    func headerElements(headerName: String) -> [String] {
        let name = HeaderText.sanitise(displayName ?? "")
        if name.isEmpty { return [address] }
        return Self.phraseElements(name, headerName: headerName) + ["<\(address)>"]
    }

    /// RFC 5322 §3.2.5 phrase for a sanitised display name.
    static func phraseElements(_ name: String, headerName: String) -> [String] {
        // An ASCII "=?" must not reach a decoder as the start of an encoded-word, so such names are encoded too.
        if HeaderText.isPrintableASCII(name), !name.contains("=?") {
            let words = name.split(separator: " ")
            if words.allSatisfy({ $0.utf8.count <= 60 && $0.utf8.allSatisfy(isAtext) }) {
                return words.map(String.init)
            }
            var quoted = "\""
            for character in name {
                if character == "\"" || character == "\\" { quoted.append("\\") }
                quoted.append(character)
            }
            quoted += "\""
            if quoted.utf8.count <= 70 { return [quoted] }
        }
        return EncodedWord.encode(name, firstLimit: HeaderText.firstEncodedWordLimit(headerName: headerName))
    }

    /// An address list as header elements, a comma after every mailbox but the last.
    static func listElements(_ addresses: [MailAddress], headerName: String) -> [String] {
        var elements: [String] = []
        for (index, address) in addresses.enumerated() {
            var mailbox = address.headerElements(headerName: headerName)
            if index < addresses.count - 1 { mailbox[mailbox.count - 1] += "," }
            elements += mailbox
        }
        return elements
    }
}
