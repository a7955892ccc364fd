import ConvenorTesting

/// Hostile text for headers, bodies and calendars: every shape that has broken mail software before.
enum HostileText {
    static let pieces: [String] = [
        "Agenda", "meeting", " ", "  ", "\t", "\r", "\n", "\r\n", "\n\r", "\u{0}", "\u{7F}", "\u{85}", "\u{2028}",
        "\u{FEFF}", ".", "\n.\n", "\r\n.\r\n", "From ", "\nFrom the chairs", "..", "-- ", "--", "=", "=_convenor_",
        "=?UTF-8?Q?=41?=", "?=", "=?", "Bcc: evil@example.org", "\r\nBcc: evil@example.org", "\nSubject: x",
        "\"", "\\", "<", ">", "@", ",", ";", ":", "(", ")", "[", "]", "Zoë", "Ó Súilleabháin", "–", "—", "€",
        "e\u{301}", "a\u{300}\u{301}\u{302}\u{303}\u{304}\u{305}\u{306}\u{307}", "👩‍👩‍👧", "🇬🇧", "🏳️‍🌈", "😀",
        "שלום", "مرحبا بكم", "\u{202E}gnp.exe", "会议议程", "日本語", "\u{10FFFF}", "x\u{0}y", "%20", "&amp;",
        "<p>", "</p>",
    ]

    /// A word of 2,000 characters (ASCII or not), the longest thing a chair might paste.
    static func longWord(_ generator: inout SeededGenerator) -> String {
        let unit = ["x", "é", "€", "😀", "e\u{301}", "ab"].randomElement(using: &generator)!
        return String(repeating: unit, count: 2_000 / unit.count)
    }

    static func text(_ generator: inout SeededGenerator, maximumPieces: Int = 12) -> String {
        var text = ""
        for _ in 0..<Int.random(in: 0...maximumPieces, using: &generator) {
            if Int.random(in: 0..<40, using: &generator) == 0 {
                text += longWord(&generator)
            } else {
                text += pieces.randomElement(using: &generator)!
            }
        }
        return text
    }

    /// Many lines of hostile text, like a template body with agenda items pasted in.
    static func body(_ generator: inout SeededGenerator) -> String {
        (0..<Int.random(in: 0...8, using: &generator)).map { _ in text(&generator) }.joined(separator: "\n")
    }
}
