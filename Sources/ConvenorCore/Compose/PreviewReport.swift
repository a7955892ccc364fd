import Foundation

/// What `convenor preview` prints: a summary line per mailing, then each message as a person reads it.
///
/// The readable form shows the decoded header values and the plain-text body; `preview --out` writes the exact
/// bytes instead. Pure, so the command's output is tested byte for byte.
package enum PreviewReport {
    /// DUE, GROUP, KIND, TO, SUBJECT; times local to each group with the zone.
    /// - Parameters:
    ///   - range: the interval looked at, in words, for the line printed when nothing is due in it.
    ///   - held: when mail the planner holds for working hours really goes (`LateMailRule.notes`), one line each
    ///     under the table.
    package static func summary(
        _ mailings: [AssembledMailing],
        range: String = "in this range",
        held: [MailingKey: String] = [:]
    ) -> String {
        guard !mailings.isEmpty else { return "nothing is due \(range)\n" }
        let header = ["DUE", "GROUP", "KIND", "TO", "SUBJECT"]
        let rows = mailings.map { item -> [String] in
            [
                localText(item.mailing.due, item.mailing.timeZone), item.mailing.key.group,
                item.mailing.key.kind.rawValue, item.recipients.joined(separator: ", "), item.message.subject,
            ]
        }
        return AlignedTable.render([header] + rows, trimTrailingSpaces: false)
            + heldLines(mailings.map(\.mailing.key), held: held)
    }

    /// `held until working hours: KEY goes ...`, for the held mailings among `keys`, in their order.
    package static func heldLines(_ keys: [MailingKey], held: [MailingKey: String]) -> String {
        keys.compactMap { key in held[key].map { "held until working hours: \(key) \($0)\n" } }.joined()
    }

    /// Every message in turn: a rule naming it, the headers as recipients see them, attachments, then the body.
    /// - Parameter held: as for `summary`: a held message says when it goes under its due time.
    package static func messages(_ mailings: [AssembledMailing], held: [MailingKey: String] = [:]) -> String {
        mailings.enumerated().map { index, item in
            readable(item, number: index + 1, of: mailings.count, held: held[item.mailing.key])
        }.joined(separator: "\n")
    }

    package static func readable(_ item: AssembledMailing, number: Int, of total: Int, held: String? = nil) -> String {
        let message = item.message
        let title = "── \(number)/\(total): \(item.mailing.key) "
        var lines = [title + String(repeating: "─", count: max(3, 78 - title.count))]
        lines.append("Due:         \(localText(item.mailing.due, item.mailing.timeZone))")
        if let held { lines.append("Held:        \(held)") }
        lines.append("From:        \(message.from)")
        lines.append("To:          \(message.to.map(\.description).joined(separator: ", "))")
        if !message.replyTo.isEmpty {
            lines.append("Reply-To:    \(message.replyTo.map(\.description).joined(separator: ", "))")
        }
        lines.append("Subject:     \(message.subject)")
        lines.append("Message-ID:  <\(message.messageID)>")
        if message.autoSubmitted { lines.append("Auto-Submitted: auto-generated") }
        for header in message.extraHeaders { lines.append("\(header.name): \(header.value)") }
        var parts: [String] = []
        if let calendar = message.calendar { parts.append("\(calendar.filename) (calendar)") }
        parts += message.attachments.map { "\($0.filename) (\($0.mediaType))" }
        if message.htmlBody != nil { parts.insert("HTML version of the text", at: 0) }
        if !parts.isEmpty { lines.append("Also carries: \(parts.joined(separator: "; "))") }
        lines.append("")
        lines.append(message.textBody.hasSuffix("\n") ? String(message.textBody.dropLast()) : message.textBody)
        return lines.joined(separator: "\n") + "\n"
    }

    /// A file name for `preview --out`: sorts by due time, names the mailing, safe in any shell.
    package static func fileStem(for mailing: Mailing) -> String {
        let local = LocalDateTime(instant: mailing.due, in: mailing.timeZone)
        let time = ClockReading.pad(local.time.hour, 2) + ClockReading.pad(local.time.minute, 2)
        let raw =
            "\(local.date)T\(time)_\(mailing.key.group)_\(mailing.key.kind.rawValue)_\(mailing.key.occurrence)"
            + (mailing.key.revision > 0 ? "_r\(mailing.key.revision)" : "")
        // Usually every byte is allowed already, and then the characters are those bytes.
        if raw.utf8.allSatisfy(isAllowedInStem) { return raw }
        return String(raw.map { stemCharacters.contains($0) ? $0 : "-" })
    }

    /// Letters, digits, `-`, `_` and `.`: what a file name keeps.
    static let stemCharacters = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.")

    /// The bytes of `stemCharacters`.
    static func isAllowedInStem(_ byte: UInt8) -> Bool {
        MailAddress.isLetterOrDigit(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
            || byte == UInt8(ascii: ".")
    }

    static func localText(_ instant: Date, _ zone: TimeZone) -> String {
        "\(LocalDateTime(instant: instant, in: zone)) \(zone.readableAbbreviation(for: instant))"
    }
}
