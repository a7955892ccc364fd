package import ConvenorCore

/// Turns a failed libcurl SMTP transfer into a `DeliveryOutcome`, the way Postfix classifies: 4xx are temporary,
/// 5xx to RCPT or DATA are permanent, and trouble with the relay itself (refused login, TLS, unreachable relay,
/// unusable settings) is `relayTrouble`: it says nothing about the mailing, which waits for the operator's fix.
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
            return Verdict(outcome: .cancelledBeforeAcceptance, endsBatch: true)
        case Code.loginDenied where replyClass == 4:
            return temporary("the relay could not check the login just now (\(reply))", endsBatch: true)
        case Code.loginDenied where replyClass == 5 || error.responseCode == 0:
            return trouble(.authentication, "the relay refused the login (\(reply))", fix: checkLogin)
        case Code.loginDenied:
            return trouble(
                .authentication,
                "the relay offers no login method convenor can use: \(error.detail)",
                fix: "ask the relay's administrators for AUTH PLAIN or LOGIN over TLS"
            )
        case Code.peerFailedVerification:
            return trouble(
                .tls,
                "the relay's certificate is not trusted: \(error.detail)",
                fix: "if the relay uses a private certificate authority, name its certificate in ca_file; "
                    + "otherwise check the host name in url and the certificate's dates"
            )
        case Code.sslCACertificateBadFile:
            return trouble(.tls, "ca_file cannot be used: \(error.detail)", fix: "name a PEM certificate file")
        case Code.useSSLFailed:
            return trouble(
                .tls,
                "the relay does not offer STARTTLS; convenor only sends over TLS: \(error.detail)",
                fix: "use the relay's submission port (smtp://HOST:587) or smtps://HOST:465"
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
            return trouble(.authentication, "the relay requires a login (\(reply))", fix: checkLogin)
        case (5, _):
            return permanent("the relay rejected the message (\(reply))", endsBatch: false)
        default:
            break
        }

        // No verdict from the relay: the network or libcurl's own setup failed.
        switch error.code {
        case Code.unsupportedProtocol, Code.failedInit, Code.malformedURL, Code.notBuiltIn, Code.badFunctionArgument,
            Code.unknownOption, Code.sslCertificateProblem, Code.authError:
            return trouble(
                .configuration,
                "libcurl cannot send with this configuration: \(error.detail) (curl error \(error.code))",
                fix: "check delivery.smtp in convenor.yaml"
            )
        case Code.couldNotResolveProxy, Code.couldNotResolveHost, Code.couldNotConnect:
            return trouble(
                .connection,
                "cannot connect to the relay: \(error.detail)",
                fix: "check the host and port in url, and that the firewall (IPAddressAllow=) lets convenor reach it"
            )
        case Code.operationTimedOut where error.responseCode == 0:
            return trouble(
                .connection,
                "the relay did not greet in time: \(error.detail)",
                fix: "check the host and port in url, and connect_timeout"
            )
        case Code.operationTimedOut:
            return temporary("the relay did not answer in time: \(error.detail)", endsBatch: true)
        case Code.sslConnectError:
            return trouble(
                .tls,
                "the TLS handshake with the relay failed: \(error.detail)",
                fix: "check the port in url (587 for STARTTLS, 465 for smtps://) and the relay's certificate"
            )
        case Code.weirdServerReply, Code.gotNothing, Code.sendError, Code.receiveError:
            // libcurl reconnects by itself on the next transfer, so the batch goes on.
            return temporary("the connection to the relay broke: \(error.detail)", endsBatch: false)
        default:
            return temporary("sending failed: \(error.detail) (curl error \(error.code))", endsBatch: false)
        }
    }

    /// Relay trouble always ends the batch: the next message would meet the same refusal (and lock accounts).
    private static func trouble(_ kind: RelayTrouble.Kind, _ summary: String, fix: String) -> Verdict {
        Verdict(outcome: .relayTrouble(RelayTrouble(kind: kind, summary: summary, fix: fix)), endsBatch: true)
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
