/// The `web:` block of convenor.yaml: where the chairs' web and the public directory listen, and the public URL.
///
/// Present only when the block is: without it the daemon serves nothing, so an installation that never asked for
/// a web server never opens a port.
package struct WebSettings: Hashable, Sendable {
    /// The address to bind, `127.0.0.1` by default: the server is meant to sit behind the institution's proxy.
    package var host: String
    /// The port to bind; 0 lets the operating system choose one (the tests do).
    package var port: Int
    /// `base_url:` as written (without a trailing slash), nil when convenor.yaml names none.
    package var configuredBaseURL: String?

    /// The public URL used in links and mails, without a trailing slash (`https://groups.aln.example.org`); without
    /// `base_url:` the listening address (the server replaces port 0 with the port it was given).
    package var baseURL: String {
        configuredBaseURL ?? "http://\(host.contains(":") ? "[\(host)]" : host):\(port)"
    }

    /// The listener convenor uses when `web:` names none.
    package static let defaultHost = "127.0.0.1"
    package static let defaultPort = 8080

    package init(host: String = WebSettings.defaultHost, port: Int = WebSettings.defaultPort, baseURL: String? = nil) {
        self.host = host
        self.port = port
        self.configuredBaseURL = baseURL
    }

    /// True when the public URL is https: session cookies are then marked `Secure`.
    package var isSecure: Bool { baseURL.lowercased().hasPrefix("https://") }

    /// The public URL of `path` (which starts with `/`).
    package func url(_ path: String) -> String { baseURL + path }
}

/// What a group lets the public directory show beyond its name, remit, chairs' names and meetings.
package struct PublicListing: Hashable, Sendable {
    /// Show the chairs' mail addresses (off by default: the directory is public).
    package var showAddresses: Bool
    /// Publish the minutes of past meetings on the group's page.
    package var publishMinutes: Bool

    package init(showAddresses: Bool = false, publishMinutes: Bool = false) {
        self.showAddresses = showAddresses
        self.publishMinutes = publishMinutes
    }
}
