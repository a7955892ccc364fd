package import ConvenorCore

/// Turns a failed libcurl SMTP transfer into a `DeliveryOutcome`, the way Postfix classifies: 4xx and network
/// trouble are temporary, 5xx are permanent, and configuration mistakes are permanent with a message that says what
/// to change.
///
/// The CURLcode alone cannot tell a 4xx from a 5xx (both RCPT failures are CURLE_SEND_ERROR), so the reply code
/// (`CURLINFO_RESPONSE_CODE`) decides wherever the relay answered; the CURLcode decides for TLS, login and network
/// failures. See /work/shared/LIBCURL.md for the pairs measured against aiosmtpd.
package enum SMTPClassifier {
    /// An outcome and whether the rest of the batch should get it too without another attempt.
    package struct Verdict: Hashable, Sendable {
        package var outcome: DeliveryOutcome
        /// True for failures of the connection or configuration (refused login, untrusted certificate, timeouts,
        /// unreachable relay, 421): trying the next message would fail the same way, and would lock accounts or
        /// wait out one timeout per message.
        package var endsBatch: Bool
    }

    /// Classifies `error`; `credential` names the setting to check after a refused login (`password_file /etc/…`).
    package static func classify(_ error: CurlError, credential: String?) -> Verdict {
        let code = error.code
        let reply = replyText(error)
        let replyClass = error.responseCode / 100
        typealias Code = CurlError.Code

        switch code {
        case Code.abortedByCallback:
            return Verdict(
                outcome: .temporary(reason: "sending was cancelled before the relay accepted the message"),
                endsBatch: true
            )
        case Code.loginDenied where replyClass == 4:
            return Verdict(
                outcome: .temporary(reason: "the relay could not check the login just now (\(reply))"),
                endsBatch: true
            )
        case Code.loginDenied where replyClass == 5 || error.responseCode == 0:
            let check = credential.map { "check username and \($0)" } ?? "set username and password_file"
            return Verdict(
                outcome: .permanent(reason: "the relay refused the username or password (\(reply)): \(check)"),
                endsBatch: true
            )
        case Code.loginDenied:
            return permanent("the relay offers no login method convenor can use: \(error.detail)")
        case Code.peerFailedVerification:
            return permanent(
                "the relay's certificate is not trusted: \(error.detail); if the relay uses a private certificate "
                    + "authority, name its certificate in ca_file"
            )
        case Code.sslCACertificateBadFile:
            return permanent("ca_file cannot be used: \(error.detail)")
        case Code.useSSLFailed:
            return permanent(
                "the relay does not offer STARTTLS; convenor only sends over TLS: \(error.detail); use the relay's "
                    + "submission port (smtp://HOST:587) or smtps://HOST:465"
            )
        default:
            break
        }

        if replyClass == 4 {
            // 421: the relay is closing the connection; everything after this would meet the same.
            let endsBatch = error.responseCode == 421
            return Verdict(
                outcome: .temporary(reason: "the relay deferred the message (\(reply))"),
                endsBatch: endsBatch
            )
        }
        if replyClass == 5 {
            if error.responseCode == 530 {
                let fix = credential.map { "check username and \($0)" } ?? "set username and password_file"
                return permanent("the relay requires a login (\(reply)): \(fix)")
            }
            return Verdict(outcome: .permanent(reason: "the relay rejected the message (\(reply))"), endsBatch: false)
        }

        switch code {
        case Code.unsupportedProtocol, Code.malformedURL, Code.notBuiltIn, Code.badFunctionArgument, Code.unknownOption,
            Code.sslCertificateProblem, Code.authError, Code.failedInit:
            return permanent("libcurl cannot send with this configuration: \(error.detail) (curl error \(code))")
        case Code.couldNotResolveProxy, Code.couldNotResolveHost, Code.couldNotConnect:
            return Verdict(outcome: .temporary(reason: "cannot connect to the relay: \(error.detail)"), endsBatch: true)
        case Code.operationTimedOut:
            return Verdict(
                outcome: .temporary(reason: "the relay did not answer in time: \(error.detail)"),
                endsBatch: true
            )
        case Code.sslConnectError:
            return Verdict(
                outcome: .temporary(reason: "the TLS handshake with the relay failed: \(error.detail)"),
                endsBatch: true
            )
        case Code.weirdServerReply, Code.gotNothing, Code.sendError, Code.receiveError:
            // libcurl reconnects by itself on the next transfer, so the batch goes on.
            return Verdict(
                outcome: .temporary(reason: "the connection to the relay broke: \(error.detail)"),
                endsBatch: false
            )
        default:
            return Verdict(
                outcome: .temporary(reason: "sending failed: \(error.detail) (curl error \(code))"),
                endsBatch: false
            )
        }
    }

    private static func permanent(_ reason: String) -> Verdict {
        Verdict(outcome: .permanent(reason: reason), endsBatch: true)
    }

    /// The relay's reply line when it belongs to the reply code libcurl reports, else just the code.
    private static func replyText(_ error: CurlError) -> String {
        if let line = error.lastReply, error.responseCode != 0, line.hasPrefix(String(error.responseCode)) {
            return line
        }
        return error.responseCode == 0 ? "no reply" : String(error.responseCode)
    }
}
