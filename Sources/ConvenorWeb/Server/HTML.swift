import ConvenorCore
import Hummingbird

/// Builds the responses handlers return.
enum HTML {
    /// A page, `text/html; charset=utf-8`.
    static func page(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status,
            headers: [.contentType: "text/html; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: text))
        )
    }

    /// Any other body with its content type.
    static func body(_ text: String, contentType: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status,
            headers: [.contentType: contentType],
            body: .init(byteBuffer: ByteBuffer(string: text))
        )
    }

    /// A redirect after a form post (303: the browser follows with GET).
    static func seeOther(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }
}

extension WebEnvironment {
    /// A page that only says something, e.g. "no such group", with the right status.
    func message(
        _ heading: String,
        _ paragraphs: [String],
        status: HTTPResponse.Status,
        link: (href: String, text: String)? = nil
    ) -> Response {
        let context = MessagePageContext(
            network: config.installation.network,
            heading: heading,
            paragraphs: paragraphs,
            linkHref: link?.href,
            linkText: link?.text
        )
        return HTML.page(renderer.render(context, page: "message"), status: status)
    }

    /// 404 in plain words.
    func notFound() -> Response {
        message(
            "Page not found",
            ["There is no page at this address. The directory lists every group."],
            status: .notFound,
            link: ("/", "Go to the directory")
        )
    }
}
