import ConvenorCore
import ConvenorTesting
import Foundation
import Testing

/// Random hostile values through every field of a message: Python must still parse each one with exactly the
/// expected headers, and every value must come back as the composer documents it.
@Suite struct MailPropertyTests {
    static let count = 240

    static func address(_ generator: inout SeededGenerator, _ index: Int) -> MailAddress {
        let name = Bool.random(using: &generator) ? HostileText.text(&generator, maximumPieces: 6) : nil
        return MailAddress(
            displayName: name,
            address: "member\(index).\(Int.random(in: 0..<1000, using: &generator))@example.org"
        )
    }

    static func message(seed: UInt64) -> (OutgoingMessage, [CalendarEvent]) {
        var generator = SeededGenerator(seed: seed)
        let stamp = Date(timeIntervalSince1970: 1_795_510_800)
        let zones = ["Europe/London", "America/New_York", "Asia/Kolkata", "UTC", "Australia/Lord_Howe"]
        var events: [CalendarEvent] = []
        if Bool.random(using: &generator) {
            let start = stamp.addingTimeInterval(Double(Int.random(in: 0..<(400 * 24 * 4), using: &generator)) * 900)
            events.append(
                CalendarEvent(
                    uid: ICalendarUID.make(
                        group: HostileText.text(&generator, maximumPieces: 2),
                        occurrence: "2026-10",
                        domain: "aln.example.org"
                    ),
                    sequence: Int.random(in: 0...3, using: &generator),
                    status: Bool.random(using: &generator) ? .confirmed : .cancelled,
                    start: start,
                    end: start.addingTimeInterval(5400),
                    timeZone: TimeZone(identifier: zones.randomElement(using: &generator)!)!,
                    summary: HostileText.text(&generator),
                    description: HostileText.body(&generator),
                    location: Bool.random(using: &generator) ? HostileText.text(&generator) : nil,
                    url: Bool.random(using: &generator) ? "https://meet.example.org/j/\(seed)?pwd=a,b;c" : nil,
                    stamp: stamp,
                    organizer: Bool.random(using: &generator) ? address(&generator, 0) : nil
                )
            )
        }
        let key = MailingKey(
            group: HostileText.text(&generator, maximumPieces: 3),
            kind: MailingKind.allCases.randomElement(using: &generator)!,
            occurrence: "2026-10",
            revision: Int.random(in: 0...2, using: &generator)
        )
        var extra: [MailHeader] = []
        if Bool.random(using: &generator) {
            extra.append(MailHeader(name: "Approved", value: HostileText.text(&generator)))
        }
        if Bool.random(using: &generator) {
            extra.append(MailHeader(name: "X-Convenor-Note", value: HostileText.text(&generator)))
        }
        let message = OutgoingMessage(
            from: address(&generator, 0),
            to: (1...Int.random(in: 1...3, using: &generator)).map { address(&generator, $0) },
            replyTo: (0..<Int.random(in: 0...2, using: &generator)).map { address(&generator, 10 + $0) },
            subject: HostileText.text(&generator),
            date: stamp,
            messageID: MessageID.make(for: key, domain: "aln.example.org"),
            autoSubmitted: Bool.random(using: &generator),
            extraHeaders: extra,
            textBody: HostileText.body(&generator),
            htmlBody: Bool.random(using: &generator) ? HostileText.body(&generator) : nil,
            calendar: events.isEmpty
                ? nil
                : CalendarAttachment(
                    text: ICalendarWriter.publish(
                        events: events,
                        productID: HostileText.text(&generator, maximumPieces: 2)
                    ),
                    filename: HostileText.text(&generator, maximumPieces: 2) + ".ics"
                ),
            attachments: Bool.random(using: &generator)
                ? [
                    Attachment(
                        filename: HostileText.text(&generator, maximumPieces: 3),
                        mediaType: "text/plain",
                        bytes: Array(HostileText.body(&generator).utf8)
                    )
                ]
                : []
        )
        return (message, events)
    }

    @Test func randomHostileMessagesParseWithExactlyTheExpectedHeadersAndContent() throws {
        let directory = try PythonMailCheck.temporaryDirectory()
        defer { PythonMailCheck.remove(directory) }
        var cases: [MailCheckCase] = []
        for seed in 0..<UInt64(Self.count) {
            let (message, events) = Self.message(seed: seed)
            let file = directory.appendingPathComponent("message-\(seed).eml")
            let bytes = try MessageComposer().compose(message)
            try Data(bytes).write(to: file)
            // RFC 2047 §2: header lines with encoded-words stay within 76; only the unbreakable Message-ID may not.
            let header = String(decoding: bytes, as: UTF8.self).components(separatedBy: "\r\n\r\n")[0]
            for line in header.components(separatedBy: "\r\n") where !line.hasPrefix("Message-ID:") {
                #expect(line.utf8.count <= 76, "message \(seed): \(line)")
            }
            cases.append(.message(message, file: file.path, events: events.map(MailCheckCase.event)))
        }
        let problems = try PythonMailCheck.run(cases, in: directory)
        #expect(problems.isEmpty, "\(problems.prefix(20).joined(separator: "\n"))")
    }
}
