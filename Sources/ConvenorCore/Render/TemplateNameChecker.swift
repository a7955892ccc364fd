/// Checks the tags of one template part: sections close in order, and every name exists for the template's kind.
///
/// Names resolve as swift-mustache resolves them: the first part of a dotted name is looked up from the innermost
/// open section outwards, the rest through fields; `{{.}}` is the innermost section's value; a leading `.` looks
/// only at the innermost section.
struct TemplateNameChecker {
    /// What an open section makes visible.
    struct Scope {
        /// The dotted path of the section's value, for messages (`chairs`).
        var path: String
        /// The value's shape (an item's shape inside a list section).
        var shape: TemplateShape
        /// Inside a list's items, where `first()`, `last()`, `index()` work.
        var isSequenceItem: Bool
        /// An inverted section renders only when its value is empty, so it makes nothing new visible.
        var transparent: Bool
        /// A section whose own name was already reported: names inside it are not reported again.
        var isUnknown = false
    }

    /// A name written from the top (`meeting.agenda.text`) inside its own list's section, to be rendered as the
    /// item's field (`.text`): Mustache would look the whole path up from the top and print nothing.
    struct Rewrite: Hashable {
        /// Where the tag's `{{` is, in the part's own lines and columns.
        var line: Int
        var column: Int
        var name: String
        var replacement: String
    }

    let kind: TemplateKind
    let locate: (Int, Int) -> SourceLocation
    var diagnostics: [Diagnostic] = []
    private(set) var rewrites: [Rewrite] = []
    /// The tag being checked, so `resolve` can record a rewrite at its position.
    private var currentTag: MustacheTag?

    init(kind: TemplateKind, locate: @escaping (Int, Int) -> SourceLocation) {
        self.kind = kind
        self.locate = locate
    }

    /// Checks `tags`; stops at the first structural error, because names after it cannot be placed in a section.
    mutating func check(_ tags: [MustacheTag]) {
        let root = Scope(
            path: "",
            shape: .object(TemplateSchema.fields(for: kind)),
            isSequenceItem: false,
            transparent: false
        )
        var scopes = [root]
        var open: [MustacheTag] = []
        for tag in tags {
            currentTag = tag
            let location = locate(tag.line, tag.column)
            switch tag.kind {
            case .comment:
                continue
            case .pragma:
                checkPragma(tag, at: location)
            case .partial:
                error(
                    at: location,
                    "partials ({{>\(tag.content)}}) are not supported",
                    "copy the text into this template"
                )
            case .inheritance:
                error(
                    at: location,
                    "template inheritance ({{<…}}, {{$…}}) is not supported",
                    "write the whole text here"
                )
            case .setDelimiters:
                error(at: location, "changing the delimiters is not supported", "keep {{ and }}")
                return
            case .variable, .unescaped:
                guard let shape = resolve(tag.content, in: scopes, at: location) else { continue }
                switch shape {
                case .list:
                    error(
                        at: location,
                        "'\(tag.content)' is a list",
                        "loop over it with {{#\(tag.content)}}…{{/\(tag.content)}}"
                    )
                case .object(let fields):
                    let example = fields.first.map { "{{\(tag.content).\($0.name)}}" } ?? ""
                    error(at: location, "'\(tag.content)' is a group of fields", "print one of them, e.g. \(example)")
                case .text, .flag:
                    break
                }
            case .section, .inverted:
                open.append(tag)
                let shape = resolve(tag.content, in: scopes, at: location)
                if shape == nil {
                    scopes.append(
                        Scope(path: "", shape: .flag, isSequenceItem: true, transparent: true, isUnknown: true)
                    )
                } else if tag.kind == .inverted || shape == .flag {
                    // Neither pushes a value: an inverted section renders only when empty, a true flag renders
                    // its section in the same context.
                    scopes.append(Scope(path: "", shape: .flag, isSequenceItem: false, transparent: true))
                } else if case .list(let item) = shape {
                    scopes.append(Scope(path: tag.content, shape: item, isSequenceItem: true, transparent: false))
                } else if let shape {
                    scopes.append(Scope(path: tag.content, shape: shape, isSequenceItem: false, transparent: false))
                }
            case .close:
                guard let opener = open.last else {
                    error(
                        at: location,
                        "{{/\(tag.content)}} closes a section that was never opened",
                        "remove it, or open the section with {{#\(tag.content)}} before it"
                    )
                    return
                }
                guard opener.content == tag.content else {
                    error(
                        at: location,
                        "{{/\(tag.content)}} does not close '\(opener.content)', opened at line "
                            + "\(locate(opener.line, opener.column).line)",
                        "close it first with {{/\(opener.content)}}"
                    )
                    return
                }
                open.removeLast()
                scopes.removeLast()
            }
        }
        for opener in open.reversed() {
            error(
                at: locate(opener.line, opener.column),
                "the section '\(opener.content)' is never closed",
                "add {{/\(opener.content)}} where it should end"
            )
        }
    }

    private mutating func checkPragma(_ tag: MustacheTag, at location: SourceLocation) {
        let words = tag.content.split(whereSeparator: { $0 == ":" || $0.isWhitespace })
        guard words.count == 2, words[0] == "CONTENT_TYPE" else {
            error(at: location, "unknown pragma {{%\(tag.content)}}", "the only one is {{% CONTENT_TYPE: TEXT}}")
            return
        }
        if words[1] != "TEXT" {
            error(
                at: location,
                "content type \(words[1]) would escape characters in a plain-text mail",
                "write {{% CONTENT_TYPE: TEXT}}"
            )
        }
    }

    /// Records that the current tag's `name` renders as `replacement`.
    mutating func rewriteCurrentTag(_ name: String, as replacement: String) {
        guard let tag = currentTag else { return }
        rewrites.append(Rewrite(line: tag.line, column: tag.column, name: name, replacement: replacement))
    }

    private mutating func error(at location: SourceLocation, _ problem: String, _ fix: String) {
        diagnostics.append(.error(at: location, problem, fix: fix))
    }
}
