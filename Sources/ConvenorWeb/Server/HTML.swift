import ConvenorCore
import ConvenorIO
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

    /// A page already encoded (a `PageCache` page).
    static func page(_ bytes: ByteBuffer, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: bytes))
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

    /// The page under `key` from the page cache, rendered by `render` when anything that shapes it may have changed
    /// (`PageCache`); 404 when `render` finds nothing to show. Who may see the page is checked before this.
    func cachedPage(_ key: String, render: @escaping @Sendable () async -> String?) async -> Response {
        guard let text = await pages.text(for: key, generation: status.generation, render: render) else {
            return notFound()
        }
        return HTML.page(text)
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
