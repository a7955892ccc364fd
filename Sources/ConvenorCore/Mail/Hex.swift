/// Upper-case hexadecimal escapes shared by quoted-printable and Q encoding (RFC 2045 §6.7 asks for upper case).
enum Hex {
    static let digits = Array("0123456789ABCDEF".utf8)

    /// `marker` followed by two upper-case hex digits: `=3D`.
    static func escape(_ byte: UInt8, marker: UInt8) -> [UInt8] {
        [marker, digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]]
    }

    /// The value of one hex digit, either case.
    static func value(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        default: nil
        }
    }
}
