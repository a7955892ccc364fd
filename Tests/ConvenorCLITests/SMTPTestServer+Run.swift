import ConvenorTesting

/// The `delivery:` blocks a `RunInstallation` sends through the loopback relay with (`RunInstallation(delivery:)`
/// indents them under `delivery:`). Each `run` test starts a relay of its own, so a test may rewrite its files.
extension SMTPTestServer {
    /// Sending through `listener` with the relay's password.
    func deliveryYAML(_ listener: String) -> String {
        """
        transport: smtp
          smtp:
            url: \(url(listener))
            username: \(Self.username)
            password_file: \(passwordFile)
            ca_file: \(caFile)
            connect_timeout: 10 seconds
            response_timeout: 10 seconds
        """
    }

    /// Sending through `listener` with tokens from the endpoint's `mode` (e.g. `ok-3600`); needs `oauth2: true`.
    func oauth2DeliveryYAML(_ listener: String, endpoint mode: String) -> String {
        """
        transport: smtp
          smtp:
            url: \(url(listener))
            username: \(Self.username)
            ca_file: \(caFile)
            connect_timeout: 10 seconds
            response_timeout: 10 seconds
            oauth2:
              token_url: \(tokenURL(mode))
              client_id: \(Self.clientID)
              client_secret_file: \(clientSecretFile)
        """
    }
}
