/// Variable envelope return paths: `bounces+KEY@domain`, where KEY names one mailing (issue 18's option
/// `returns.verp`), so a bounce that quotes nothing still finds its post by the address it was sent back to.
package enum VERPAddress {
    /// The envelope sender for the post with `messageID`: `local+KEY@domain` from `base` (`local@domain`).
    package static func make(base: String, messageID: String) -> String {
        guard let at = base.lastIndex(of: "@") else { return base }
        return "\(base[..<at])+\(key(for: messageID))\(base[at...])"
    }

    /// The KEY for a Message-ID: 16 hex digits of its FNV-1a hash (letters and digits only, so every relay and
    /// mailbox keeps it as it is).
    package static func key(for messageID: String) -> String {
        MIMEBoundary.fnv1a64Hex(messageID)
    }

    /// The KEY in `address` when it is `local+KEY@domain` for this `base`'s local part and domain.
    package static func key(in address: String, base: String) -> String? {
        let lowered = HeaderWords.address(address) ?? address.lowercased()
        let baseLowered = base.lowercased()
        guard let baseAt = baseLowered.lastIndex(of: "@"), let at = lowered.lastIndex(of: "@"),
            lowered[at...] == baseLowered[baseAt...]
        else { return nil }
        let local = lowered[..<at]
        let prefix = baseLowered[..<baseAt] + "+"
        guard local.hasPrefix(prefix) else { return nil }
        let key = local.dropFirst(prefix.count)
        return key.count == 16 && key.allSatisfy(\.isHexDigit) ? String(key) : nil
    }
}
