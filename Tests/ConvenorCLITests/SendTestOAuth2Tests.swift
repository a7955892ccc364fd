import ConvenorTesting
import Foundation
import Testing

/// `convenor send-test` with `smtp.oauth2`: the token step on its own line before the SMTP exchange.
@Suite(.smtpServer(["send-test-oauth2": .xoauth2, "send-test-oauth2-refused": .xoauth2], oauth2: true))
struct SendTestOAuth2Tests {
    /// A config folder like `SendTestCommandTests.makeConfig`, sending through `listener` with tokens from `mode`.
    static func makeConfig(server: SMTPTestServer, listener: String, endpoint mode: String) throws -> URL {
        let directory = try SendTestCommandTests.makeConfig(server: server, listener: listener)
        let file = directory.appendingPathComponent("config/convenor.yaml")
        let text = try String(contentsOf: file, encoding: .utf8).replacingOccurrences(
            of: "    password_file: \(server.directory)/password\n",
            with: """
                    oauth2:
                      token_url: \(server.tokenURL(mode))
                      client_id: \(SMTPTestServer.clientID)
                      client_secret_file: \(server.directory)/client-secret

                """
        )
        try text.write(to: file, atomically: true, encoding: .utf8)
        return directory
    }

    static func sendTest(_ directory: URL) throws -> (status: Int32, output: String) {
        try SendTestCommandTests.runBinary([
            "send-test", "--config", directory.appendingPathComponent("config").path, "--group",
            "customer-services-cop", "--kind", "agenda", "--occurrence", "2026-10", "--to", "chair@example.ac.uk",
            "--now", "2026-11-01T10:00:00Z",
        ])
    }

    @Test func theTokenStepIsReportedOnItsOwnLineBeforeTheSMTPExchange() throws {
        let server = try #require(SMTPTestServer.current)
        let directory = try Self.makeConfig(server: server, listener: "send-test-oauth2", endpoint: "ok-3599-send")
        defer { try? FileManager.default.removeItem(at: directory) }

        let check = try SendTestCommandTests.runBinary([
            "check", "--config", directory.appendingPathComponent("config").path,
        ])
        #expect(check.status == 0, "\(check.output)")
        let result = try Self.sendTest(directory)
        print("send-test transcript:\n\(result.output)")

        #expect(result.status == 0, "\(result.output)")
        let lines = result.output.split(separator: "\n").map(String.init)
        let tokenLine = try #require(lines.firstIndex { $0.hasPrefix("token: ") })
        let delivered = try #require(lines.firstIndex { $0.hasPrefix("delivered: 250") })
        #expect(tokenLine < delivered)
        #expect(lines[tokenLine].hasPrefix("token: fetched from 127.0.0.1:"))
        #expect(lines[tokenLine].hasSuffix(", expires in 59 minutes"))
        // The token fetched for the report is the one the SMTP exchange used.
        #expect(try server.tokenRequests().filter { $0.mode == "ok-3599-send" }.count == 1)
        let auth = try #require(try server.events("send-test-oauth2").first { $0.event == "auth" })
        #expect(auth.mechanism == "XOAUTH2" && auth.ok == true)
        #expect(try server.messages("send-test-oauth2").last?.to == ["chair@example.ac.uk"])
        #expect(!result.output.contains(SMTPTestServer.clientSecret) && !result.output.contains("cnv1."))
    }

    @Test func aRefusedTokenRequestExitsOneBeforeAnySMTP() throws {
        let server = try #require(SMTPTestServer.current)
        let directory = try Self.makeConfig(
            server: server,
            listener: "send-test-oauth2-refused",
            endpoint: "unauthorized-client"
        )
        defer { try? FileManager.default.removeItem(at: directory) }

        let result = try Self.sendTest(directory)

        #expect(result.status == 1)
        #expect(
            result.output.contains(
                "token: not fetched (check the oauth2 settings): cannot get an OAuth2 token: the token endpoint 127.0.0.1:"
            ),
            "\(result.output)"
        )
        #expect(result.output.contains("unauthorized_client: AADSTS700016"))
        #expect(!result.output.contains("delivered") && !result.output.contains("not delivered"))
        #expect(try server.connectionCount("send-test-oauth2-refused") == 0)
    }
}
