import ConvenorCore
import ConvenorIO
import ConvenorTesting
import Testing

/// The test double other suites rely on: it records batches and plays its script.
@Suite struct RecordingTransportTests {
    static func message(_ id: String) -> OutboundMessage {
        OutboundMessage(
            envelopeFrom: "a@example.org",
            recipients: ["b@example.org"],
            messageID: id,
            data: Array("x\r\n".utf8)
        )
    }

    @Test func scriptedOutcomesComeFirstThenTheDefault() async {
        let transport = RecordingTransport(script: [.temporary(reason: "451 later"), .permanent(reason: "550 no")])

        let first = await transport.deliver([Self.message("1"), Self.message("2")])
        let second = await transport.deliver([Self.message("3")])

        #expect(first == [.temporary(reason: "451 later"), .permanent(reason: "550 no")])
        #expect(second == [.delivered(reply: "250 2.0.0 Ok: queued as 3")])
        #expect(transport.batches.map { $0.map(\.messageID) } == [["1", "2"], ["3"]])
        #expect(transport.messages.map(\.messageID) == ["1", "2", "3"])
    }

    @Test func otherwiseDecidesPerMessage() async {
        let transport = RecordingTransport { message in
            message.messageID == "bad" ? .permanent(reason: "550 bad") : .delivered(reply: "250 ok")
        }
        let outcomes = await transport.deliver([Self.message("good"), Self.message("bad")])
        #expect(outcomes == [.delivered(reply: "250 ok"), .permanent(reason: "550 bad")])
    }
}
