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
