import Foundation

/// `Tests/Support/smtp_server.py` for the `run` command's tests: aiosmtpd on 127.0.0.1 with a throw-away CA.
///
/// The IO tests have their own richer wrapper; this one only starts the script, names the listeners' ports and
/// reads which messages arrived. The script exits when its stdin closes, so a crashed test leaves nothing behind.
final class RunTestRelay: Sendable {
    static let username = "convenor@example.ac.uk"
    static let password = "pw-run-Zq8!sEcReT"
    /// The app registration the relay's token endpoint knows (`oauth2: true`).
    static let clientID = "0a1b2c3d-1111-4222-8333-444455556666"
    static let clientSecret = "cs-run~Vq9&=+ SeCrEt%"

    let directory: String
    let ports: [String: Int]
    private let process: Process
    private let stdinPipe: Pipe

    private init(directory: String, ports: [String: Int], process: Process, stdinPipe: Pipe) {
        self.directory = directory
        self.ports = ports
        self.process = process
        self.stdinPipe = stdinPipe
    }

    var caFile: String { directory + "/ca.pem" }
    var passwordFile: String { directory + "/password" }

    /// Starts the relay with `listeners` (name → mode, e.g. "slow-data") and waits at most 30 s until it listens.
    /// With `oauth2`, the same process also serves the HTTPS token endpoint (oauth2_token_server.py) whose tokens
    /// the `xoauth2` listeners accept.
    static func start(
        listeners: [String: String],
        slowDataSeconds: Double = 0.5,
        oauth2: Bool = false
    ) async throws -> RunTestRelay {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("convenor-relay-\(UUID())").path
        try FileManager.default.createDirectory(atPath: directory + "/events", withIntermediateDirectories: true)
        let ca = Process()
        ca.executableURL = URL(fileURLWithPath: "/bin/sh")
        ca.arguments = [RunInstallation.supportDirectory + "/make_test_ca.sh", directory]
        try ca.run()
        ca.waitUntilExit()
        var config: [String: Any] = [
            "cert": directory + "/server.pem", "key": directory + "/server.key", "users": [username: password],
            "tokens": [username: "unused-static-token"],
            "events": directory + "/events", "ready": directory + "/ready.json", "listeners": listeners,
            "slow_data_seconds": slowDataSeconds,
        ]
        if oauth2 {
            config["oauth2"] = [
                "client_id": clientID, "client_secret": clientSecret,
                "scope": "https://outlook.office365.com/.default", "key": UUID().uuidString,
            ]
            try Data((clientSecret + "\n").utf8).write(to: URL(fileURLWithPath: directory + "/client-secret"))
            try FileManager.default.setAttributes(
                [.posixPermissions: 0o600],
                ofItemAtPath: directory + "/client-secret"
            )
        }
        try JSONSerialization.data(withJSONObject: config).write(to: URL(fileURLWithPath: directory + "/config.json"))
        try Data((password + "\n").utf8).write(to: URL(fileURLWithPath: directory + "/password"))
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: directory + "/password")

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", RunInstallation.supportDirectory + "/smtp_server.py", directory + "/config.json",
        ]
        let stdinPipe = Pipe()
        process.standardInput = stdinPipe
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline {
            if let data = FileManager.default.contents(atPath: directory + "/ready.json") {
                struct Ready: Decodable { var ports: [String: Int] }
                let ports = try JSONDecoder().decode(Ready.self, from: data).ports
                return RunTestRelay(directory: directory, ports: ports, process: process, stdinPipe: stdinPipe)
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        try? stdinPipe.fileHandleForWriting.close()
        process.terminate()
        throw RunTestFailure("smtp_server.py did not start within 30 s")
    }

    /// The `delivery:` block sending through `listener`.
    func deliveryYAML(_ listener: String) -> String {
        """
        transport: smtp
          smtp:
            url: smtp://127.0.0.1:\(ports[listener] ?? 0)
            username: \(Self.username)
            password_file: \(passwordFile)
            ca_file: \(caFile)
            connect_timeout: 10 seconds
            response_timeout: 10 seconds
        """
    }

    /// The `delivery:` block sending through `listener` with tokens from the endpoint's `mode` (e.g. `ok-3600`).
    func oauth2DeliveryYAML(_ listener: String, endpoint mode: String) -> String {
        """
        transport: smtp
          smtp:
            url: smtp://127.0.0.1:\(ports[listener] ?? 0)
            username: \(Self.username)
            ca_file: \(caFile)
            connect_timeout: 10 seconds
            response_timeout: 10 seconds
            oauth2:
              token_url: https://127.0.0.1:\(ports["oauth2"] ?? 0)/\(mode)/token
              client_id: \(Self.clientID)
              client_secret_file: \(directory)/client-secret
        """
    }

    /// How many token requests the endpoint answered.
    func tokenRequestCount() -> Int {
        let text = (try? String(contentsOfFile: directory + "/events/oauth2.jsonl", encoding: .utf8)) ?? ""
        return text.split(separator: "\n").count
    }

    /// The Message-ID header of every message `listener` accepted after the final dot, in arrival order.
    func receivedMessageIDs(_ listener: String) throws -> [String] {
        guard let text = try? String(contentsOfFile: directory + "/events/\(listener).jsonl", encoding: .utf8) else {
            return []
        }
        return try text.split(separator: "\n").compactMap { line -> String? in
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            guard object?["event"] as? String == "message", let encoded = object?["data_b64"] as? String,
                let data = Data(base64Encoded: encoded)
            else { return nil }
            let message = String(decoding: data, as: UTF8.self)
            return message.split(separator: "\r\n").first { $0.hasPrefix("Message-ID: ") }.map(String.init)
        }
    }

    func stop() {
        try? stdinPipe.fileHandleForWriting.close()
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(atPath: directory)
    }
}

/// A test step that could not be done.
struct RunTestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
