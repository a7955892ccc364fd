/// A value a template can print or loop over: the context handed to Mustache, as a plain Sendable tree.
///
/// The context is built as values (not `[String: Any]`) so that tests can compare it, the checker's schema can be
/// compared against it, and nothing in it can be a class or a closure. `mustacheObject` turns it into the
/// dictionaries and arrays swift-mustache reads.
package indirect enum TemplateValue: Hashable, Sendable {
    /// Printed as is (nothing is escaped in a text template).
    case text(String)
    /// Renders a section when true.
    case flag(Bool)
    /// Renders a section once per element.
    case list([TemplateValue])
    /// Named fields, reached with dotted names (`meeting.date_long`).
    case object([String: TemplateValue])

    /// The field `name` of an object, or nil.
    package subscript(name: String) -> TemplateValue? {
        guard case .object(let fields) = self else { return nil }
        return fields[name]
    }

    /// Follows a dotted path (`meeting.date_long`) through objects.
    package func value(at path: String) -> TemplateValue? {
        var current: TemplateValue? = self
        for part in path.split(separator: ".") {
            current = current?[String(part)]
        }
        return current
    }

    /// The text of a `.text` value, or nil.
    package var textValue: String? {
        if case .text(let text) = self { return text }
        return nil
    }

    /// The elements of a `.list` value, or nil.
    package var listValue: [TemplateValue]? {
        if case .list(let items) = self { return items }
        return nil
    }

    /// What swift-mustache renders: `String`, `Bool`, `[Any]` and `[String: Any]`, which it reads through
    /// `MustacheParent` and `MustacheSequence`.
    var mustacheObject: Any {
        switch self {
        case .text(let text): text
        case .flag(let flag): flag
        case .list(let items): items.map(\.mustacheObject)
        case .object(let fields): fields.mapValues(\.mustacheObject)
        }
    }
}

/// Builds an object value, leaving out fields whose value is absent.
///
/// Absent rather than empty on purpose: swift-mustache renders a section for an empty string, so an optional field
/// such as `meeting.venue` must be missing for `{{#meeting.venue}}…{{/meeting.venue}}` to vanish.
struct TemplateObjectBuilder {
    private(set) var fields: [String: TemplateValue]

    init(fields: [String: TemplateValue] = [:]) {
        self.fields = fields
    }

    mutating func set(_ name: String, _ text: String?) {
        guard let text, !text.isEmpty else { return }
        fields[name] = .text(text)
    }

    mutating func set(_ name: String, _ value: TemplateValue?) {
        guard let value else { return }
        fields[name] = value
    }

    mutating func set(_ name: String, list items: [TemplateValue]) {
        fields[name] = .list(items)
    }

    var value: TemplateValue { .object(fields) }
}
