import Foundation
package import Testing

/// A running `Tests/Support/smtp_server.py`: aiosmtpd on 127.0.0.1 with one OS-assigned port per named listener,
/// a certificate signed by a throw-away CA (made with openssl into a temporary directory), and an event log per
/// listener that tests read to see what the server saw.
///
/// The one wrapper of the script for every test target. Through the `.smtpServer(...)` trait one process serves a
/// whole suite (Python starts slowly) and each test uses listeners of its own, so the tests can run in parallel
/// without reading each other's events; a test that rewrites the server's files (the `run` tests' wrong password)
/// calls `start` for a server of its own. The script exits when its stdin closes, so even a crashed test process
/// leaves no server behind.
package final class SMTPTestServer: Sendable {
    /// How a listener behaves; the raw values are the script's mode names.
    package enum Mode: String, Sendable {
        case normal, smtps
        case noStartTLS = "no-starttls"
        case rcpt451 = "rcpt-451"
        case rcpt550 = "rcpt-550"
        case data451 = "data-451"
        case data554 = "data-554"
        case dropAfterData = "drop-after-data"
        case greeting421 = "greeting-421"
        case silent
        /// Like `normal`, with each final dot answered after `slowDataSeconds`: the message is queued (and recorded)
        /// at once, so a client killed or stopped meanwhile leaves it delivered but unacknowledged.
        case slowData = "slow-data"
        /// Only AUTH XOAUTH2, only tokens the suite's token endpoint signed, only while they are valid.
        case xoauth2
        /// Like `xoauth2`, with each final dot answered after `slow_data_seconds` (0.5 s): a long batch.
        case xoauth2Slow = "xoauth2-slow"
        /// Like `xoauth2`, but every token is refused with 535.
        case xoauth2Revoked = "xoauth2-revoked"
    }

    /// What the server recorded; passwords are never recorded.
    package struct Event: Decodable, Sendable {
        package var event: String
        package var mechanism: String?
        package var user: String?
        package var ok: Bool?
        package var from: String?
        package var to: [String]?
        package var tls: Bool?
        package var reply: String?
        package var data_b64: String?
        // XOAUTH2 and the token endpoint (oauth2_token_server.py): never a token or a secret.
        package var token_id: Int?
        package var reason: String?
        package var mode: String?
        package var form_ok: Bool?
        package var secret_ok: Bool?
        package var grant_type: String?
        package var client_id: String?
        package var scope: String?
        package var content_type: String?
        package var expires_in: Double?

        package var data: [UInt8]? { data_b64.flatMap { Data(base64Encoded: $0) }.map { [UInt8]($0) } }
    }

    package static let username = "convenor@example.ac.uk"
    package static let password = "pw-Zq8!sEcReT-9931"
    package static let token = "ya29.token-Xk42-SeCrEt"
    /// The app registration the token endpoint knows. The secret has every character form-encoding must escape.
    package static let clientID = "6f1d2c3b-aaaa-4bbb-8ccc-0123456789ab"
    package static let clientSecret = "Qx8~s3cr&t=+%2B é/?#Zz"
    package static let scope = "https://outlook.office365.com/.default"

    /// The suite's server, provided by the `.smtpServer(...)` trait.
    @TaskLocal package static var current: SMTPTestServer?

    package let directory: String
    package let ports: [String: Int]
    private let process: Process
    private let stdinPipe: Pipe

    package var caFile: String { directory + "/ca.pem" }
    /// The relay password (`password_file`), written at start; a test may overwrite it with a wrong one.
    package var passwordFile: String { directory + "/password" }
    /// The token endpoint's client secret (`client_secret_file`), written at start.
    package var clientSecretFile: String { directory + "/client-secret" }

    private init(directory: String, ports: [String: Int], process: Process, stdinPipe: Pipe) {
        self.directory = directory
        self.ports = ports
        self.process = process
        self.stdinPipe = stdinPipe
    }

    /// Makes the certificates, starts the script and waits (at most 30 s) until every listener is bound.
    /// - Parameters:
    ///   - oauth2: also serve the HTTPS token endpoint (oauth2_token_server.py) whose tokens `xoauth2` listeners take.
    ///   - slowDataSeconds: how long `slowData` and `xoauth2Slow` listeners sit on a final dot (the script's default,
    ///     0.5 s, when nil).
    package static func start(
        listeners: [String: Mode],
        oauth2: Bool = false,
        slowDataSeconds: Double? = nil
    ) async throws -> SMTPTestServer {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "convenor-smtp-\(UUID().uuidString)"
        ).path
        try FileManager.default.createDirectory(atPath: directory + "/events", withIntermediateDirectories: true)
        try run("/bin/sh", [supportDirectory + "/make_test_ca.sh", directory])
        var config: [String: Any] = [
            "cert": directory + "/server.pem", "key": directory + "/server.key",
            "users": [username: password], "tokens": [username: token],
            "events": directory + "/events", "ready": directory + "/ready.json",
            "listeners": listeners.mapValues(\.rawValue),
        ]
        if let slowDataSeconds { config["slow_data_seconds"] = slowDataSeconds }
        if oauth2 {
            config["oauth2"] = [
                "client_id": clientID, "client_secret": clientSecret, "scope": scope,
                "key": UUID().uuidString,
            ]
        }
        try JSONSerialization.data(withJSONObject: config).write(to: URL(fileURLWithPath: directory + "/config.json"))

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", supportDirectory + "/smtp_server.py", directory + "/config.json"]
        let stdinPipe = Pipe()
        process.standardInput = stdinPipe
        _ = FileManager.default.createFile(atPath: directory + "/server.log", contents: nil)
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: directory + "/server.log"))
        process.standardOutput = log
        process.standardError = log
        try process.run()

        let server = SMTPTestServer(directory: directory, ports: [:], process: process, stdinPipe: stdinPipe)
        // Written once, before any test runs: rewriting a shared file while another test reads it would race.
        for (name, contents) in [
            ("password", password), ("wrong-password", "not-the-password"), ("token", token),
            ("client-secret", clientSecret), ("wrong-client-secret", "not-the-client-secret"),
        ] {
            try server.secretFile(name, contents: contents + "\n")
        }
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline {
            if let data = FileManager.default.contents(atPath: directory + "/ready.json") {
                struct Ready: Decodable { var ports: [String: Int] }
                let ports = try JSONDecoder().decode(Ready.self, from: data).ports
                return SMTPTestServer(directory: directory, ports: ports, process: process, stdinPipe: stdinPipe)
            }
            guard process.isRunning else { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        let output = (try? String(contentsOfFile: directory + "/server.log", encoding: .utf8)) ?? ""
        server.stop()
        throw TestServerError(message: "smtp_server.py did not start within 30 s: \(output)")
    }

    /// Stops the script and removes its directory. Safe to call twice.
    package func stop() {
        try? stdinPipe.fileHandleForWriting.close()
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// `smtp://127.0.0.1:PORT` of a listener (`smtps://` for `.smtps` listeners, by the caller's choice of scheme).
    package func url(_ listener: String, scheme: String = "smtp") -> String {
        "\(scheme)://127.0.0.1:\(ports[listener] ?? 0)"
    }

    /// The suite's token endpoint (`oauth2: true`), behaving as `mode` says: `ok-N` issues tokens that live N
    /// seconds; see oauth2_token_server.py for the failure modes.
    package func tokenURL(_ mode: String) -> String {
        "https://127.0.0.1:\(ports["oauth2"] ?? 0)/\(mode)/token"
    }

    /// The token requests the endpoint answered.
    package func tokenRequests() throws -> [Event] {
        try events("oauth2").filter { $0.event == "token" }
    }

    /// Everything a listener has recorded so far.
    package func events(_ listener: String) throws -> [Event] {
        guard let text = try? String(contentsOfFile: directory + "/events/\(listener).jsonl", encoding: .utf8) else {
            return []
        }
        return try text.split(separator: "\n").map { try JSONDecoder().decode(Event.self, from: Data($0.utf8)) }
    }

    /// How many TCP connections a listener accepted.
    package func connectionCount(_ listener: String) throws -> Int {
        try events(listener).filter { $0.event == "connect" }.count
    }

    /// The messages a listener received after the final dot.
    package func messages(_ listener: String) throws -> [Event] {
        try events(listener).filter { $0.event == "message" }
    }

    /// The Message-ID header line (`Message-ID: <...>`) of every message a listener received, in arrival order.
    package func receivedMessageIDs(_ listener: String) throws -> [String] {
        try messages(listener).compactMap { event in
            let message = String(decoding: event.data ?? [], as: UTF8.self)
            return message.split(separator: "\r\n").first { $0.hasPrefix("Message-ID: ") }.map(String.init)
        }
    }

    /// Writes `contents` to a new owner-only file in the server's directory and returns its path.
    @discardableResult
    package func secretFile(_ name: String, contents: String) throws -> String {
        let path = directory + "/" + name
        try Data(contents.utf8).write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        return path
    }

    /// Tests/Support, found from this file's path (it is not a SwiftPM target, so it has no bundle).
    package static var supportDirectory: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Tests/Support").path
    }

    private static func run(_ executable: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw TestServerError(
                message: "\(executable) \(arguments.joined(separator: " ")) exited with \(process.terminationStatus)"
            )
        }
    }
}

/// Starts one `SMTPTestServer` for a whole suite and stops it when the suite ends, pass or fail.
package struct SMTPServerTrait: SuiteTrait, TestScoping {
    package var listeners: [String: SMTPTestServer.Mode]
    package var oauth2 = false

    package func provideScope(
        for test: Test,
        testCase: Test.Case?,
        performing function: @Sendable () async throws -> Void
    ) async throws {
        let server = try await SMTPTestServer.start(listeners: listeners, oauth2: oauth2)
        defer { server.stop() }
        try await SMTPTestServer.$current.withValue(server) {
            try await function()
        }
    }
}

extension Trait where Self == SMTPServerTrait {
    /// Runs the suite with an `SMTPTestServer` serving `listeners`, reachable as `SMTPTestServer.current`.
    package static func smtpServer(_ listeners: [String: SMTPTestServer.Mode], oauth2: Bool = false) -> Self {
        SMTPServerTrait(listeners: listeners, oauth2: oauth2)
    }
}
