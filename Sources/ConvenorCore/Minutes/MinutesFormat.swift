/// Whether a minutes file is Markdown or plain text, decided by its name as chairs save it.
package enum MinutesFormat: Hashable, Sendable {
    /// `.md` or `.markdown`: sent as text/plain plus a text/html rendering, attached as text/markdown.
    case markdown
    /// Anything else: sent and attached as text/plain.
    case plainText

    /// The format of the file at `path` (only the extension counts, in any case).
    package init(path: String) {
        let name = path.split(separator: "/").last.map(String.init)?.lowercased() ?? ""
        self = name.hasSuffix(".md") || name.hasSuffix(".markdown") ? .markdown : .plainText
    }

    /// The attachment's media type. Bare `type/subtype`: `Attachment` takes no parameters (it is sent base64, and
    /// the composer rejects anything else), so a `; charset=` here would fail the whole mail.
    package var mediaType: String {
        switch self {
        case .markdown: "text/markdown"
        case .plainText: "text/plain"
        }
    }
}
