/// An RFC 3464 delivery status notification: the `message/delivery-status` part of a `multipart/report`.
package struct DeliveryStatusReport: Sendable, Equatable {
    /// One per-recipient block (RFC 3464 §2.3).
    package struct Recipient: Sendable, Equatable {
        /// `Final-Recipient` without its address type (`rfc822;`).
        package var address: String
        /// `Action`: failed, delayed, delivered, relayed or expanded (§2.3.3), lower-cased.
        package var action: String
        /// `Status`: the RFC 3463 code, `5.1.1`.
        package var status: String
        /// `Diagnostic-Code` without its type (`smtp;`), white space collapsed.
        package var diagnostic: String?
    }

    package var reportingMTA: String?
    package var recipients: [Recipient]

    /// The report in `message`, or nil when it carries none.
    package init?(_ message: InboundMessage) {
        guard
            let part = message.parts.first(where: {
                $0.type == "message/delivery-status" || $0.type == "message/global-delivery-status"
            })
        else { return nil }
        let groups = Self.fieldGroups(part.body)
        guard !groups.isEmpty else { return nil }
        reportingMTA = Self.value(groups[0], "Reporting-MTA").map(Self.withoutType)
        recipients = groups.dropFirst().compactMap { fields in
            guard let action = Self.value(fields, "Action")?.lowercased() else { return nil }
            let address =
                (Self.value(fields, "Final-Recipient") ?? Self.value(fields, "Original-Recipient")).map(
                    Self.withoutType
                )
                ?? ""
            return Recipient(
                address: address.lowercased(),
                action: action,
                status: Self.value(fields, "Status").map(Self.statusCode) ?? "",
                diagnostic: Self.value(fields, "Diagnostic-Code").map { HeaderWords.collapse(Self.withoutType($0)) }
            )
        }
        // Some reporters put everything in one block; read it as one recipient.
        if recipients.isEmpty, let action = Self.value(groups[0], "Action")?.lowercased() {
            recipients = [
                Recipient(
                    address: Self.value(groups[0], "Final-Recipient").map(Self.withoutType)?.lowercased() ?? "",
                    action: action,
                    status: Self.value(groups[0], "Status").map(Self.statusCode) ?? "",
                    diagnostic: Self.value(groups[0], "Diagnostic-Code").map {
                        HeaderWords.collapse(Self.withoutType($0))
                    }
                )
            ]
        }
    }

    /// The recipients whose delivery failed for good.
    package var failures: [Recipient] { recipients.filter { $0.action == "failed" } }

    /// Blocks of header-like fields separated by blank lines (RFC 3464 §2.1).
    static func fieldGroups(_ body: [UInt8]) -> [[HeaderField]] {
        var groups: [[HeaderField]] = []
        var rest = body[...]
        while !rest.isEmpty && groups.count < InboundMessage.maximumParts {
            // Skip blank lines between groups.
            while let first = rest.first, first == 0x0A || first == 0x0D { rest = rest.dropFirst() }
            guard !rest.isEmpty else { break }
            let before = rest.count
            let (fields, remainder) = MIMEReader.split(rest)
            if !fields.isEmpty { groups.append(fields.map(MIMEReader.trimmed)) }
            // A line that is not a field ends `split` without consuming it: drop that line so the loop advances.
            if remainder.count == before {
                let lineEnd = remainder.firstIndex(of: 0x0A) ?? remainder.endIndex
                rest = lineEnd < remainder.endIndex ? remainder[(lineEnd + 1)...] : remainder[remainder.endIndex...]
            } else {
                rest = remainder
            }
        }
        return groups
    }

    static func value(_ fields: [HeaderField], _ name: String) -> String? {
        fields.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// `5.1.1 (bad destination mailbox)` → `5.1.1`: the RFC 3463 code without the comment some reporters add.
    static func statusCode(_ value: String) -> String {
        String(value.trimmingWhiteSpace.prefix { $0 != " " && $0 != "(" && $0 != "\t" })
    }

    /// `rfc822; a@b` → `a@b` (the address or diagnostic type before `;`, RFC 3464 §2.3.2, §2.3.6).
    static func withoutType(_ value: String) -> String {
        guard let semicolon = value.firstIndex(of: ";") else { return value.trimmingWhiteSpace }
        return value[value.index(after: semicolon)...].trimmingWhiteSpace
    }
}
