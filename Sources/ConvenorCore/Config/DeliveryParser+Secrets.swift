extension DeliveryParser {
    /// The secret keys refused in a block of convenor.yaml other than `delivery.smtp` (`returns:`, `ledger:`), each
    /// with the fix `secretFix(under:secretName:)` gives.
    static func secretKeys(under block: String, secretName: String) -> [String: (problem: String, fix: String)] {
        let fix = secretFix(under: block, secretName: secretName)
        return Dictionary(
            uniqueKeysWithValues: secretKeys.keys.map {
                ($0, (problem: "a secret must never be written in the config (`\($0)`)", fix: fix))
            }
        )
    }

    /// Where that block's password goes instead: its own file, or a systemd credential.
    static func secretFix(under block: String, secretName: String) -> String {
        "put it in a file only convenor can read (chmod 600) and write `password_file: /etc/convenor/\(secretName)` "
            + "under `\(block):`, or use a systemd credential: `password_credential: \(secretName)`"
    }
}

extension DeliveryParser {
    /// Reads a block's `password_file` or `password_credential` (`returns:`, `ledger:`); both set is an error at
    /// the second.
    ///
    /// - Returns: where the password is read from (nil when neither is set or the one set is wrong), whether either
    ///   key was written, and false when both were.
    static func passwordSource(
        _ map: MappingReader,
        reader: NodeReader
    ) -> (source: SecretSource?, given: Bool, valid: Bool) {
        let keys = ["password_file", "password_credential"].filter { map[$0] != nil }
        var valid = true
        if keys.count > 1, let second = map.keyNode(keys[1]) {
            valid = false
            reader.error(
                second,
                "`password_file` and `password_credential` are both set",
                fix: "keep exactly one way of reading the password"
            )
        }
        let source: SecretSource? =
            map["password_file"].flatMap { reader.path($0, key: "password_file") }.map(SecretSource.file)
            ?? map["password_credential"].flatMap {
                credential($0, key: "password_credential", reader: reader)
            }.map(SecretSource.credential)
        return (source, !keys.isEmpty, valid)
    }
}
