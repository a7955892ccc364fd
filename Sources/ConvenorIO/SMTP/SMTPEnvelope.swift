/// Checks and prepares what libcurl puts on the wire verbatim: envelope addresses and the message bytes.
///
/// libcurl 7.88 copies MAIL FROM / RCPT TO addresses into SMTP commands as given (a CR LF inside one starts a new
/// command), and dot-stuffs only lines that follow a CRLF (a bare LF followed by `.` would end DATA early: the
/// SMTP-smuggling class of bug). Both are closed here, before any connection is made.
package enum SMTPEnvelope {
    /// Why an envelope address cannot be sent, or nil when it can.
    ///
    /// Refuses control characters (CR, LF, NUL, tab, DEL), spaces, `<` and `>`, and anything but exactly one `@`
    /// with text on both sides.
    package static func problem(with address: String) -> String? {
        if address.isEmpty { return "is empty" }
        for scalar in address.unicodeScalars {
            switch scalar {
            case "\r", "\n": return "contains a line break"
            case "\0": return "contains a NUL character"
            case " ", "\t": return "contains white space"
            case "<", ">": return "contains an angle bracket"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { return "contains a control character" }
            }
        }
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return "must contain exactly one @" }
        guard !parts[0].isEmpty, !parts[1].isEmpty else { return "needs text before and after the @" }
        return nil
    }

    /// The first problem with a message's envelope, phrased for the operator, or nil when it can be sent.
    package static func problem(from: String, recipients: [String]) -> String? {
        if let problem = problem(with: from) { return "the envelope sender \(String(reflecting: from)) \(problem)" }
        if recipients.isEmpty { return "the message has no recipients" }
        for recipient in recipients {
            if let problem = problem(with: recipient) {
                return "the envelope recipient \(String(reflecting: recipient)) \(problem)"
            }
        }
        return nil
    }

    /// `bytes` with every line end as CRLF: a bare LF, a bare CR and CRLF all become CRLF.
    package static func normalizingLineEnds(_ bytes: [UInt8]) -> [UInt8] {
        let carriageReturn = UInt8(ascii: "\r")
        let lineFeed = UInt8(ascii: "\n")
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count + bytes.count / 32)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == carriageReturn {
                result.append(carriageReturn)
                result.append(lineFeed)
                // A CR already followed by LF is one line end, not two.
                if index + 1 < bytes.count && bytes[index + 1] == lineFeed { index += 1 }
            } else if byte == lineFeed {
                result.append(carriageReturn)
                result.append(lineFeed)
            } else {
                result.append(byte)
            }
            index += 1
        }
        return result
    }
}
