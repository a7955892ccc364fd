import HTTPTypes
import Hummingbird

/// Header names HTTPTypes does not predefine.
enum SecurityHeaderNames {
    static let frameOptions = HTTPField.Name("X-Frame-Options")!
    static let referrerPolicy = HTTPField.Name("Referrer-Policy")!
}

/// Adds the headers every response carries: a Content-Security-Policy with no script at all, no sniffing, no
/// framing, and no referrer (a sign-in link's token must never leak to another site through `Referer`).
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    /// No script from anywhere (the pages need none), styles and images from this server, forms posting only here.
    static var contentSecurityPolicy: String {
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; "
            + "base-uri 'none'"
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
