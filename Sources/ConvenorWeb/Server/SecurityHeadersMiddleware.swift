import HTTPTypes
import Hummingbird

/// Header names HTTPTypes does not predefine.
enum SecurityHeaderNames {
    static let frameOptions = HTTPField.Name("X-Frame-Options")!
    static let referrerPolicy = HTTPField.Name("Referrer-Policy")!
}

/// Adds the headers every response carries: a Content-Security-Policy that allows only this server's one script file
/// and no inline script, no sniffing, no framing, and no referrer (a sign-in link's token must never leak to another
/// site through `Referer`).
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    /// Scripts, styles and images only from this server's own files (`/static/convenor.js`, the wording page's live
    /// preview; never inline, so an escaping mistake cannot become script), requests from script only back here,
    /// forms posting only here.
    static var contentSecurityPolicy: String {
        "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self'; img-src 'self'; "
            + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    }

    func handle(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws
        -> Response
    {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as HTTPError {
            // Hummingbird's own errors (404 for an unknown route) get the same headers as a page would.
            response = Response(
                status: error.status,
                headers: [.contentType: "text/plain; charset=utf-8"],
                body: .init(byteBuffer: .init(string: "\(error.status.code) \(error.status.reasonPhrase)\n"))
            )
        }
        response.headers[.contentSecurityPolicy] = Self.contentSecurityPolicy
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[SecurityHeaderNames.frameOptions] = "DENY"
        response.headers[SecurityHeaderNames.referrerPolicy] = "no-referrer"
        if response.headers[.cacheControl] == nil {
            response.headers[.cacheControl] = "no-store"
        }
        return response
    }
}
