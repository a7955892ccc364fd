/// Deterministic multipart boundaries, so a preview is byte for byte what the transport sends.
///
/// A boundary is `=_convenor_` + 16 hex digits of FNV-1a over the Message-ID + `.` + the nesting level. Every body
/// is quoted-printable (`=` always written `=3D`), base64 (no `_`) or 7bit text without `=_`, so no body line can
/// ever begin with a delimiter. Levels have the same length, so no boundary is a prefix of another.
package enum MIMEBoundary {
    /// The boundary of the multipart at `level` (1 is the outermost) in the message with this Message-ID.
    package static func make(messageID: String, level: Int) -> String {
        "=_convenor_" + fnv1a64Hex(messageID) + ".\(level)"
    }

    /// 64-bit FNV-1a as 16 lower-case hex digits: stable across runs and platforms, unlike `Hasher`.
    static func fnv1a64Hex(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
