extension MailAddress {
    /// Checks a bare address (`local@domain.tld`) strictly enough to keep it safe in SMTP commands and headers:
    /// ASCII, one `@`, a dotted domain, no spaces, brackets, quotes or line breaks.
    static func validate(_ text: String) -> ValueProblem? {
        let fix = "write it as name@example.ac.uk"
        guard text.unicodeScalars.allSatisfy({ $0.isASCII && $0.value > 0x20 && $0.value != 0x7F }) else {
            return ValueProblem("`\(text)` is not an email address: it contains spaces or non-ASCII letters", fix: fix)
        }
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2 else {
            return ValueProblem("`\(text)` is not an email address: it needs exactly one @", fix: fix)
        }
        let local = parts[0]
        let domain = parts[1]
        let forbidden = Set("<>()[]\\,;:\"")
        guard !local.isEmpty, !local.contains(where: { forbidden.contains($0) }), !local.hasPrefix("."),
            !local.hasSuffix("."), !local.contains("..")
        else {
            return ValueProblem("`\(text)` is not an email address: the part before @ is not valid", fix: fix)
        }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2,
            labels.allSatisfy({ label in
                !label.isEmpty && !label.hasPrefix("-") && !label.hasSuffix("-")
                    && label.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" }
            })
        else {
            return ValueProblem(
                "`\(text)` is not an email address: `\(domain)` is not a domain such as example.ac.uk",
                fix: fix
            )
        }
        return nil
    }

    /// Reads `"ALN Groups <groups@aln.example.org>"` or a bare `groups@aln.example.org`.
    static func parse(_ text: String) -> Result<MailAddress, ValueProblem> {
        guard text.hasSuffix(">"), let open = text.lastIndex(of: "<") else {
            if let problem = validate(text) { return .failure(problem) }
            return .success(MailAddress(address: text))
        }
        let address = String(text[text.index(after: open)..<text.index(before: text.endIndex)])
        var name = String(text[..<open]).trimmingSpaces
        if name.count >= 2, name.hasPrefix("\""), name.hasSuffix("\"") { name = String(name.dropFirst().dropLast()) }
        if let problem = validate(address) { return .failure(problem) }
        guard !name.contains(where: { $0 == "\r" || $0 == "\n" || $0 == "<" || $0 == ">" }) else {
            return .failure(
                ValueProblem(
                    "the name in `\(text)` contains a line break or angle bracket",
                    fix: "write it as \"Name <address@example.org>\""
                )
            )
        }
        return .success(MailAddress(displayName: name.isEmpty ? nil : name, address: address))
    }
}
