/// A libcurl call that failed, with everything the classifier and the operator need.
///
/// Like NIO's `IOError(errnoCode:reason:)`: the raw code and the operation that failed are kept, because the
/// CURLcode alone cannot tell a 4xx from a 5xx (`responseCode` can) and the error buffer says which certificate or
/// socket call went wrong. Never holds a secret: libcurl copies the password and token but never echoes them.
package struct CurlError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The raw `CURLcode` (0 is `CURLE_OK` and never appears here).
    package var code: Int
    /// What was being done: `curl_easy_init`, `curl_easy_perform` or the `CURLOPT_*` being set.
    package var operation: String
    /// libcurl's explanation: the `CURLOPT_ERRORBUFFER` text, or `curl_easy_strerror` when that is empty.
    package var detail: String
    /// `CURLINFO_RESPONSE_CODE` after the failure: the relay's last reply code, 0 when it never answered.
    package var responseCode: Int
    /// The relay's last reply line (e.g. `535 5.7.8 Authentication credentials invalid`), when it sent one.
    package var lastReply: String?

    /// A failure of `operation` with the raw `code`, plus what the relay last said when it said anything.
    package init(code: Int, operation: String, detail: String, responseCode: Int = 0, lastReply: String? = nil) {
        self.code = code
        self.operation = operation
        self.detail = detail
        self.responseCode = responseCode
        self.lastReply = lastReply
    }

    package var description: String {
        var text = "\(operation) failed: \(detail) (curl error \(code)"
        if responseCode != 0 { text += ", reply \(responseCode)" }
        return text + ")"
    }
}

extension CurlError {
    /// Raw CURLcode values the classifier names; spelled as numbers because they are part of libcurl's stable ABI.
    enum Code {
        static let unsupportedProtocol = 1
        static let failedInit = 2
        static let malformedURL = 3
        static let notBuiltIn = 4
        static let couldNotResolveProxy = 5
        static let couldNotResolveHost = 6
        static let couldNotConnect = 7
        static let weirdServerReply = 8
        static let operationTimedOut = 28
        static let sslConnectError = 35
        static let abortedByCallback = 42
        static let badFunctionArgument = 43
        static let unknownOption = 48
        static let writeError = 23
        static let gotNothing = 52
        static let sendError = 55
        static let receiveError = 56
        static let sslCertificateProblem = 58
        static let peerFailedVerification = 60
        static let useSSLFailed = 64
        static let loginDenied = 67
        static let sslCACertificateBadFile = 77
        static let authError = 94
    }
}
