import Mustache

/// A page context as swift-mustache reads fastest: nested dictionaries and arrays, made with one walk of the value.
///
/// swift-mustache finds a name in a plain value through `Mirror`, listing every field of every value on the section
/// stack for each `{{name}}` it looks up; on the directory that reflection was two thirds of a request's time
/// (issue 19's bench row 6). Here each field is reflected once, and every lookup is a dictionary's. What a template
/// sees is unchanged: a field that is nil is left out, so the lookup goes on up the stack as it did when `Mirror`
/// found nil; arrays stay arrays (sections), and values swift-mustache treats specially are kept as they are.
enum PageValues {
    static func tree(of value: Any) -> Any? {
        switch value {
        case is String, is Substring, is Bool, is Int, is Double, is any MustacheParent,
            is any MustacheCustomRenderable,
            is MustacheLambda:
            return value
        default:
            break
        }
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .optional:
            return mirror.children.first.flatMap { tree(of: $0.value) }
        case .collection, .set:
            return mirror.children.compactMap { tree(of: $0.value) }
        case .struct, .class:
            var fields: [String: Any] = [:]
            fields.reserveCapacity(Int(mirror.children.count))
            for child in mirror.children {
                if let label = child.label, let field = tree(of: child.value) { fields[label] = field }
            }
            return fields
        default:
            return value
        }
    }
}
