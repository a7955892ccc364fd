import ConvenorCore
import Foundation

/// One client-credentials token request (RFC 6749 §4.4.2) over HTTPS with libcurl, on the calling thread.
///
/// `POST token_url` with `grant_type=client_credentials&client_id=…&client_secret=…&scope=…` form-encoded in the
/// body (RFC 6749 §2.3.1 allows the secret in the body; Microsoft's endpoint expects it there). TLS is verified
/// against the system's trust store plus `ca_file`, redirects are never followed, and the request is bounded by
/// CURLOPT_CONNECTTIMEOUT and CURLOPT_TIMEOUT. Runs where the SMTP batch runs (a dedicated thread), so a slow
/// identity platform never holds a thread of the cooperative pool.
struct OAuth2TokenClient {
    let settings: OAuth2Settings
    /// `smtp.ca_file`: trusted for the token endpoint too (a private CA in tests, a TLS-inspecting proxy at work).
    let caFile: String?
    let connectTimeoutSeconds: Int
    let totalTimeoutSeconds: Int
    let cancellation: CurlCancellation

    /// The token, or why there is none. `clientSecret` is redacted from every reason.
    func fetch(clientSecret: Secret) -> Result<OAuth2IssuedToken, OAuth2Failure> {
        if let problem = settings.tokenURLProblem {
            return .failure(.init(.configuration, problem))
        }
        let body = FormEncoding.encode([
            ("grant_type", "client_credentials"), ("client_id", settings.clientID),
            ("client_secret", clientSecret.unredacted), ("scope", settings.scope),
        ])
        let status: Int
        let response: [UInt8]
        do throws(CurlError) {
            let easy = try CurlEasy(cancellation: cancellation)
            try easy.setHTTPURL(settings.tokenURL, allowPlainHTTP: settings.usesPlainHTTP)
            try easy.verifyTLSPeer()
            if let caFile {
                try easy.setCertificateAuthorityFile(caFile)
                if let directory = easy.builtInCertificateAuthorityDirectory ?? SMTPSession.systemCertificateDirectory {
                    try easy.setCertificateAuthorityDirectory(directory)
                }
            }
            try easy.setHTTPTimeouts(connect: connectTimeoutSeconds, total: totalTimeoutSeconds)
            try easy.setHTTPHeaders(["Accept: application/json", "Content-Type: application/x-www-form-urlencoded"])
            try easy.collectResponseBody()
            try easy.setFormBody(body)
            do throws(CurlError) {
                try easy.perform()
            } catch {
                let overflowed = easy.responseBody.overflowed
                return .failure(
                    redacted(Self.classify(error, overflowed: overflowed, settings: settings), clientSecret)
                )
            }
            status = easy.responseCode
            response = easy.responseBody.bytes
        } catch {
            return .failure(redacted(Self.classify(error, overflowed: false, settings: settings), clientSecret))
        }
        switch OAuth2TokenResponse.parse(status: status, body: response, settings: settings) {
        case .success(let token): return .success(token)
        case .failure(let failure): return .failure(redacted(failure, clientSecret))
        }
    }

    /// A failed request that never got an HTTP answer: network trouble is transient, TLS trust and a wrong URL are
    /// the operator's to fix.
    static func classify(_ error: CurlError, overflowed: Bool, settings: OAuth2Settings) -> OAuth2Failure {
        typealias Code = CurlError.Code
        let endpoint = "the token endpoint \(settings.tokenHost)"
        switch error.code {
        case Code.abortedByCallback:
            return .init(.transient, "fetching the OAuth2 token was cancelled")
        case Code.peerFailedVerification, Code.sslCertificateProblem:
            return .init(
                .configuration,
                "\(endpoint)'s certificate is not trusted: \(error.detail); nothing was sent to it. If a proxy or a "
                    + "private certificate authority signs it, name that certificate in ca_file"
            )
        case Code.sslCACertificateBadFile:
            return .init(.configuration, "ca_file cannot be used for \(endpoint): \(error.detail)")
        case Code.unsupportedProtocol, Code.malformedURL:
            return .init(.configuration, "token_url cannot be used: \(error.detail); write its https:// address")
        case Code.writeError where overflowed:
            return .init(
                .configuration,
                "\(endpoint) answered with more than 64 KiB, which no token response needs; check token_url"
            )
        case Code.couldNotResolveProxy, Code.couldNotResolveHost, Code.couldNotConnect:
            return .init(.transient, "cannot connect to \(endpoint): \(error.detail); will retry")
        case Code.operationTimedOut:
            return .init(.transient, "\(endpoint) did not answer in time: \(error.detail); will retry")
        default:
            return .init(
                .transient,
                "the request to \(endpoint) failed: \(error.detail) (curl error \(error.code)); will retry"
            )
        }
    }

    private func redacted(_ failure: OAuth2Failure, _ secret: Secret) -> OAuth2Failure {
        OAuth2Failure(failure.kind, secret.redacting(failure.reason))
    }
}
