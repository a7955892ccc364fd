package import ConvenorCore

/// Turns a failed libcurl SMTP transfer into a `DeliveryOutcome`, the way Postfix classifies: 4xx and network
/// trouble are temporary, 5xx are permanent, and configuration mistakes are permanent with a message that says what
/// to change.
///
/// The CURLcode alone cannot tell a 4xx from a 5xx (both RCPT failures are CURLE_SEND_ERROR), so the reply code
/// (`CURLINFO_RESPONSE_CODE`) decides wherever the relay answered; the CURLcode decides for TLS, login and network
/// failures. The pairs are the ones measured against aiosmtpd (LIBCURL.md) and asserted in SMTPClassifierTests.
package enum SMTPClassifier {
    /// An outcome and whether the rest of the batch should get it too without another attempt.
    package struct Verdict: Hashable, Sendable {
        /// What the ledger records for the message.
        package var outcome: DeliveryOutcome
        /// True for failures of the connection or configuration (refused login, untrusted certificate, timeouts,
        /// unreachable relay, 421): trying the next message would fail the same way, and would lock accounts or
        /// wait out one timeout per message.
        package var endsBatch: Bool
    }

    /// Classifies `error`; `credential` names the setting to check after a refused login (`password_file /etc/…`).
    package static func classify(_ error: CurlError, credential: String?) -> Verdict {
        typealias Code = CurlError.Code
        let reply = replyText(error)
        let replyClass = error.responseCode / 100
        let checkLogin = credential.map { "check username and \($0)" } ?? "set username and password_file"

        // Failures the CURLcode names precisely, whatever the last reply was.
        switch error.code {
        case Code.abortedByCallback:
            return temporary("sending was cancelled before the relay accepted the message", endsBatch: true)
        case Code.loginDenied where replyClass == 4:
            return temporary("the relay could not check the login just now (\(reply))", endsBatch: true)
        case Code.loginDenied where replyClass == 5 || error.responseCode == 0:
            return permanent("the relay refused the username or password (\(reply)): \(checkLogin)")
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

        // The relay answered: its reply code decides (RFC 5321 §4.2.1).
        switch (replyClass, error.responseCode) {
        case (4, 421):
            // The relay is closing the connection; everything after this would meet the same.
            return temporary("the relay deferred the message (\(reply))", endsBatch: true)
        case (4, _):
            return temporary("the relay deferred the message (\(reply))", endsBatch: false)
        case (5, 530):
            return permanent("the relay requires a login (\(reply)): \(checkLogin)")
        case (5, _):
            return permanent("the relay rejected the message (\(reply))", endsBatch: false)
        default:
            break
        }

        // No verdict from the relay: the network or libcurl's own setup failed.
        switch error.code {
        case Code.unsupportedProtocol, Code.failedInit, Code.malformedURL, Code.notBuiltIn, Code.badFunctionArgument,
            Code.unknownOption, Code.sslCertificateProblem, Code.authError:
            return permanent("libcurl cannot send with this configuration: \(error.detail) (curl error \(error.code))")
        case Code.couldNotResolveProxy, Code.couldNotResolveHost, Code.couldNotConnect:
            return temporary("cannot connect to the relay: \(error.detail)", endsBatch: true)
        case Code.operationTimedOut:
            return temporary("the relay did not answer in time: \(error.detail)", endsBatch: true)
        case Code.sslConnectError:
            return temporary("the TLS handshake with the relay failed: \(error.detail)", endsBatch: true)
        case Code.weirdServerReply, Code.gotNothing, Code.sendError, Code.receiveError:
            // libcurl reconnects by itself on the next transfer, so the batch goes on.
            return temporary("the connection to the relay broke: \(error.detail)", endsBatch: false)
        default:
            return temporary("sending failed: \(error.detail) (curl error \(error.code))", endsBatch: false)
        }
    }

    private static func temporary(_ reason: String, endsBatch: Bool) -> Verdict {
        Verdict(outcome: .temporary(reason: reason), endsBatch: endsBatch)
    }

    private static func permanent(_ reason: String, endsBatch: Bool = true) -> Verdict {
        Verdict(outcome: .permanent(reason: reason), endsBatch: endsBatch)
    }

    /// The relay's reply line when it belongs to the reply code libcurl reports, else just the code.
    private static func replyText(_ error: CurlError) -> String {
        if let line = error.lastReply, error.responseCode != 0, line.hasPrefix(String(error.responseCode)) {
            return line
        }
        return error.responseCode == 0 ? "no reply" : String(error.responseCode)
    }
}
