/// Reads a `reply_to:` entry: `name@example.org` or `Name <name@example.org>`.
///
/// Deliberately strict: the composer puts the result in a header, so anything that is not plainly one address
/// (two addresses, a comma, a quote, a control character) is refused rather than guessed at.
enum ReplyToAddress {
    static func parse(_ text: String) -> MailAddress? {
        let trimmed = RenderText.trimmingSpaces(text)
        if let open = trimmed.lastIndex(of: "<"), trimmed.hasSuffix(">") {
            let address = String(trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)])
            let name = RenderText.trimmingSpaces(String(trimmed[..<open]))
            guard isAddress(address), name.allSatisfy(isNameCharacter) else { return nil }
            return MailAddress(displayName: name.isEmpty ? nil : name, address: address)
        }
        return isAddress(trimmed) ? MailAddress(address: trimmed) : nil
    }

    private static func isAddress(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        let forbidden = Set(" \t<>()[],;:\\\"")
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !parts[1].hasPrefix(".")
            && !parts[1].hasSuffix(".")
            && text.unicodeScalars.allSatisfy { $0.value > 0x20 && $0.value != 0x7F }
            && !text.contains(where: forbidden.contains)
    }

    private static func isNameCharacter(_ character: Character) -> Bool {
        !character.isNewline && character != "\"" && character != "<" && character != ">" && character != ","
            && character.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value != 0x7F }
    }
}
