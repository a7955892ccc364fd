import ConvenorCore
import ConvenorTesting
import Foundation
import Testing

/// What `Tests/Support/check_message.py` must find in one message or calendar file.
struct MailCheckCase: Encodable {
    /// One VEVENT as icalendar should decode it.
    struct Event: Encodable {
        var uid: String
        var summary: String
        var description: String
        var location: String?
        var url: String?
        var sequence: Int
        var status: String
        /// `2026-03-29T13:00:00Z`.
        var start_utc: String
        var end_utc: String
    }

    /// The decoded values of a message; nil fields are not checked.
    struct Expectation: Encodable {
        var headers: [String]
        var subject: String?
        var from: [String?]?
        var to: [[String?]]?
        var reply_to: [[String?]]?
        var message_id: String?
        var extra: [String: String]?
        var text: String?
        var html: String?
        var calendar: String?
        var calendar_filename: String?
        var events: [Event]?
        var attachments: [[String]]?
    }

    var eml: String?
    var ics: String?
    var expect: Expectation?
    var events: [Event]?

    /// The expectation for a composed message: exactly the values a reader should get back.
    static func message(_ message: OutgoingMessage, file: String, events: [Event] = []) -> MailCheckCase {
        func mailbox(_ address: MailAddress) -> [String?] {
            let name = HeaderText.sanitise(address.displayName ?? "")
            return [name.isEmpty ? nil : name, address.address]
        }
        var headers = ["Date", "From", "To", "Subject", "Message-ID", "MIME-Version", "Content-Type"]
        if !message.replyTo.isEmpty { headers.append("Reply-To") }
        if message.autoSubmitted { headers.append("Auto-Submitted") }
        headers += message.extraHeaders.map(\.name)
        let multipart = message.htmlBody != nil || message.calendar != nil || !message.attachments.isEmpty
        if !multipart { headers.append("Content-Transfer-Encoding") }
        var extra: [String: String] = [:]
        for header in message.extraHeaders { extra[header.name] = HeaderText.sanitise(header.value) }
        let expectation = Expectation(
            headers: headers,
            subject: HeaderText.sanitise(message.subject),
            from: mailbox(message.from),
            to: message.to.map(mailbox),
            reply_to: message.replyTo.map(mailbox),
            message_id: message.messageID,
            extra: extra,
            text: bodyText(message.textBody),
            html: message.htmlBody.map(bodyText),
            calendar: message.calendar.map { bodyText($0.text) },
            calendar_filename: message.calendar.map { Attachment.safeFilename($0.filename) },
            events: events,
            attachments: message.attachments.map {
                [Attachment.safeFilename($0.filename), $0.mediaType.lowercased(), Data($0.bytes).base64EncodedString()]
            }
        )
        return MailCheckCase(eml: file, expect: expectation)
    }

    /// A body as Python returns it: `MessageText.normalise`d, with LF line ends.
    static func bodyText(_ text: String) -> String {
        MessageText.normalise(text).replacingOccurrences(of: "\r\n", with: "\n")
    }

    /// The expectation for one event: text as icalendar unescapes it (line ends `\n`, other controls spaces).
    static func event(_ event: CalendarEvent) -> Event {
        func text(_ value: String) -> String {
            var output = ""
            var previousWasCR = false
            for scalar in value.unicodeScalars {
                defer { previousWasCR = scalar == "\r" }
                switch scalar {
                case "\r": output += "\n"
                case "\n": if !previousWasCR { output += "\n" }
                case "\t": output += "\t"
                case "\u{0}"..."\u{1F}", "\u{7F}": output += " "
                default: output.unicodeScalars.append(scalar)
                }
            }
            return output
        }
        return Event(
            uid: event.uid,
            summary: text(event.summary),
            description: text(event.description),
            location: event.location.map(text),
            url: event.url,
            sequence: event.sequence,
            status: event.status.rawValue,
            start_utc: iso(event.start),
            end_utc: iso(event.end)
        )
    }

    static func iso(_ date: Date) -> String {
        date.formatted(.iso8601)
    }
}

/// Runs `Tests/Support/check_message.py` once over a batch of cases and returns every problem it reports.
enum PythonMailCheck {
    static var script: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Support/check_message.py")
    }

    /// A fresh directory for one test's files; under CONVENOR_MAIL_CHECK_DIR when set, to keep them for reading.
    static func temporaryDirectory() throws -> URL {
        let base = ProcessInfo.processInfo.environment["CONVENOR_MAIL_CHECK_DIR"].map { URL(fileURLWithPath: $0) }
        let url = (base ?? FileManager.default.temporaryDirectory).appendingPathComponent(
            "convenor-mail-\(UUID().uuidString)"
        )
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Removes a test's directory unless CONVENOR_MAIL_CHECK_DIR asks to keep it.
    static func remove(_ directory: URL) {
        if ProcessInfo.processInfo.environment["CONVENOR_MAIL_CHECK_DIR"] == nil {
            try? FileManager.default.removeItem(at: directory)
        }
    }

    static func run(_ cases: [MailCheckCase], in directory: URL) throws -> [String] {
        let manifest = directory.appendingPathComponent("manifest.json")
        try JSONEncoder().encode(cases).write(to: manifest)
        return try run(argument: manifest.path)
    }

    /// Structure-only checks of every `.eml` and `.ics` in a directory, as `preview --out` writes them.
    static func runOnDirectory(_ directory: URL) throws -> [String] {
        try run(argument: directory.path)
    }

    static func run(argument: String) throws -> [String] {
        let result = try Subprocess.python([script.path, argument])
        try #require(result.status == 0, "check_message.py failed: \(result.stderr)")
        return try JSONDecoder().decode([String].self, from: Data(result.stdout.utf8))
    }
}
