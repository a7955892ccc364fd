/// Finds letters that look Latin but are not: seed 000's terms of reference spell its type `СоР` in Cyrillic, which
/// no keyboard-typed `CoP` will ever equal. Saying so saves a chair from staring at a "correct" word.
enum LookAlike {
    /// Cyrillic and Greek capitals and small letters that render like Latin ones.
    private static let latinFor: [Character: Character] = [
        "А": "A", "В": "B", "С": "C", "Е": "E", "Н": "H", "І": "I", "Ј": "J", "К": "K", "М": "M", "О": "O", "Р": "P",
        "Ѕ": "S", "Т": "T", "Х": "X", "У": "Y", "а": "a", "с": "c", "е": "e", "і": "i", "ј": "j", "о": "o", "р": "p",
        "ѕ": "s", "х": "x", "у": "y", "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M",
        "Ν": "N", "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X", "ο": "o",
    ]

    /// The text with look-alikes replaced by the Latin letters they imitate.
    static func latin(_ text: String) -> String {
        String(text.map { latinFor[$0] ?? $0 })
    }

    /// The look-alike letters in `text`, described for a message (`С (Cyrillic), о (Cyrillic)`).
    static func impostors(in text: String) -> [String] {
        text.compactMap { character -> String? in
            guard latinFor[character] != nil, let scalar = character.unicodeScalars.first else { return nil }
            let script = (0x0370...0x03FF).contains(scalar.value) ? "Greek" : "Cyrillic"
            return "\(character) (\(script))"
        }
    }
}
