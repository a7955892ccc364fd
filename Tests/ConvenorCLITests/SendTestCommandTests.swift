import ConvenorTesting
import Foundation
import Testing

/// `convenor send-test` end to end: the built binary, the example group, and the real loopback SMTP server.
@Suite(.smtpServer(["send-test": .normal, "send-test-rejects": .rcpt550]))
struct SendTestCommandTests {
    static let repository = CheckCommandTests.repository

    /// A config folder whose delivery is the test server's listener, with the example Customer Services CoP.
    static func makeConfig(server: SMTPTestServer, listener: String) throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("convenor-\(UUID().uuidString)")
        let config = directory.appendingPathComponent("config")
        try FileManager.default.createDirectory(
            at: config.appendingPathComponent("groups"),
            withIntermediateDirectories: true
        )
        try FileManager.default.copyItem(
            at: repository.appendingPathComponent("config/groups/customer-services-cop.yaml"),
            to: config.appendingPathComponent("groups/customer-services-cop.yaml")
        )
        try """
        network: Academic Libraries North
        timezone: Europe/London
        from: "ALN Groups <groups@aln.example.org>"
        operator: convenor-alerts@aln.example.org
        state_dir: \(directory.path)/state
        outbox_dir: \(directory.path)/outbox
        templates_dir: \(repository.appendingPathComponent("templates").path)
        delivery:
          transport: smtp
          smtp:
            url: \(server.url(listener))
            username: \(SMTPTestServer.username)
            password_file: \(server.directory)/password
            ca_file: \(server.caFile)
            connect_timeout: 5 seconds
            response_timeout: 10 seconds

        """.write(to: config.appendingPathComponent("convenor.yaml"), atomically: true, encoding: .utf8)
        return directory
    }

    static func runBinary(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let result = try ConvenorBinary.run(arguments)
        return (result.status, result.stdout + result.stderr)
    }

    @Test func aTestCopyReachesOnlyTheGivenAddressOverTLSWithItsOwnMessageID() throws {
        let server = try #require(SMTPTestServer.current)
        let directory = try Self.makeConfig(server: server, listener: "send-test")
        defer { try? FileManager.default.removeItem(at: directory) }

        let result = try Self.runBinary([
            "send-test", "--config", directory.appendingPathComponent("config").path, "--group",
            "customer-services-cop", "--kind", "agenda", "--occurrence", "2026-10", "--to", "chair@example.ac.uk",
            "--now", "2026-11-01T10:00:00Z",
        ])
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("delivered: 250"))
        #expect(!result.output.contains(SMTPTestServer.password))

        let message = try #require(try server.messages("send-test").last)
        #expect(message.to == ["chair@example.ac.uk"])
        #expect(message.tls == true)
        let text = String(decoding: try #require(message.data), as: UTF8.self)
        #expect(text.contains("Subject: [TEST] Agenda: Customer Services Community of Practice"))
        #expect(text.contains("To: chair@example.ac.uk\r\n"))
        #expect(text.contains("Message-ID: <convenor-test."))
        #expect(!text.contains("ALN-CUSTOMER-SERVICES-COP@JISCMAIL.AC.UK\r\nSubject"))
        // Nothing is recorded as sent: the real agenda must still go out when due.
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("state").path))
    }

    @Test func aRejectedTestCopyExitsOneWithTheRelaysWords() throws {
        let server = try #require(SMTPTestServer.current)
        let directory = try Self.makeConfig(server: server, listener: "send-test-rejects")
        defer { try? FileManager.default.removeItem(at: directory) }

        let result = try Self.runBinary([
            "send-test", "--config", directory.appendingPathComponent("config").path, "--group",
            "customer-services-cop", "--kind", "agenda", "--to", "chair@example.ac.uk",
            "--now", "2026-11-01T10:00:00Z",
        ])
        #expect(result.status == 1)
        #expect(result.output.contains("not delivered: the relay rejected the message (550"))
        #expect(try server.messages("send-test-rejects").isEmpty)
    }
}
