import ConvenorCore
import ConvenorIO
import Foundation
import Testing

/// The outbox transport writes whole files with names that sort by send time, and reports failures as temporary.
@Suite struct OutboxTransportTests {
    /// A clock stuck at one instant.
    struct StoppedClock: WallClock {
        var date: Date
        func now() -> Date { date }
    }

    /// 2026-11-24T09:00:00Z
    static let nine = Date(timeIntervalSince1970: 1_795_510_800)

    let root = FileManager.default.temporaryDirectory.appendingPathComponent("convenor-outbox-\(UUID().uuidString)")
        .path

    static func message(_ id: String, body: String = "Body\r\n") -> OutboundMessage {
        OutboundMessage(
            envelopeFrom: "convenor@example.org",
            recipients: ["member@example.org"],
            messageID: id,
            data: Array("Message-ID: <\(id)>\r\nSubject: \(id)\r\n\r\n\(body)".utf8)
        )
    }

    func names() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: root + "/outbox").sorted()
    }

    @Test func writesEachMessageWholeIntoANewDirectoryAndLeavesNoTemporaryFile() async throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        let messages = [Self.message("b@example.org"), Self.message("a@example.org", body: "line\r\n.\r\n")]
        let outbox = OutboxTransport(directory: root + "/outbox", clock: StoppedClock(date: Self.nine))

        let outcomes = await outbox.deliver(messages)

        let expected = ["20261124T090000Z-0001-b@example.org.eml", "20261124T090000Z-0002-a@example.org.eml"]
        #expect(try names() == expected)
        #expect(outcomes == expected.map { .delivered(reply: "written to \(root)/outbox/\($0)") })
        for (name, message) in zip(expected, messages) {
            let written = try #require(FileManager.default.contents(atPath: root + "/outbox/" + name))
            #expect([UInt8](written) == message.data)
        }
    }

    @Test func laterBatchesSortAfterEarlierOnesEvenWithinOneSecond() async throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        let first = OutboxTransport(directory: root + "/outbox", clock: StoppedClock(date: Self.nine))
        let later = OutboxTransport(directory: root + "/outbox", clock: StoppedClock(date: Self.nine + 61))

        _ = await first.deliver([Self.message("z1@example.org"), Self.message("z2@example.org")])
        _ = await first.deliver([Self.message("a3@example.org")])
        _ = await later.deliver([Self.message("a4@example.org")])

        #expect(
            try names() == [
                "20261124T090000Z-0001-z1@example.org.eml", "20261124T090000Z-0002-z2@example.org.eml",
                "20261124T090000Z-0003-a3@example.org.eml", "20261124T090101Z-0001-a4@example.org.eml",
            ]
        )
    }

    @Test(arguments: [
        ("abc.123@lib.example.org", "abc.123@lib.example.org"),
        ("../../etc/passwd", ".._.._etc_passwd"),
        ("<with spaces>", "_with_spaces_"),
        ("naïve\r\n", "na_ve_"),
        ("", "message"),
    ])
    func messageIDIsSanitisedInTheFileName(messageID: String, expected: String) {
        let name = OutboxTransport.fileName(sentAt: Self.nine, sequence: 7, messageID: messageID)
        #expect(name == "20261124T090000Z-0007-\(expected).eml")
    }

    @Test func unwritableOutboxIsATemporaryFailureNamingTheDirectory() async throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        // A regular file where the directory should be: fails the same way for root and for anyone else.
        _ = FileManager.default.createFile(atPath: root + "/outbox", contents: Data())
        let outbox = OutboxTransport(directory: root + "/outbox", clock: StoppedClock(date: Self.nine))

        let outcomes = await outbox.deliver([Self.message("a@example.org")])

        guard case .temporary(let reason)? = outcomes.first else {
            Issue.record("expected a temporary failure, got \(outcomes)")
            return
        }
        #expect(reason.hasPrefix("cannot create the outbox directory \(root)/outbox: "))
    }
}

/// Files convenor writes that may hold a secret are owner-only whatever the umask.
@Suite(.serialized) struct OutboxPermissionTests {
    @Test func outboxCopiesAreOwnerOnlyEvenWithAnOpenUmask() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("convenor-umask-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        let previous = umask(0)
        defer { umask(previous) }
        let outbox = OutboxTransport(
            directory: root + "/outbox",
            clock: OutboxTransportTests.StoppedClock(date: OutboxTransportTests.nine)
        )
        _ = await outbox.deliver([OutboxTransportTests.message("approved@example.org", body: "Approved: pw\r\n")])
        let name = try #require(try FileManager.default.contentsOfDirectory(atPath: root + "/outbox").first)
        let file = try FileManager.default.attributesOfItem(atPath: root + "/outbox/" + name)
        let folder = try FileManager.default.attributesOfItem(atPath: root + "/outbox")
        #expect((file[.posixPermissions] as? Int) == 0o600)
        #expect((folder[.posixPermissions] as? Int) == 0o700)
    }
}
