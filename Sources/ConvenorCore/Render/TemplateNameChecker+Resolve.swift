extension TemplateNameChecker {
    /// The shape a tag's name (with any functions such as `uppercased(…)`) stands for, or nil after reporting why it
    /// stands for nothing.
    mutating func resolve(_ content: String, in scopes: [Scope], at location: SourceLocation) -> TemplateShape? {
        guard let (name, transforms) = Self.split(content) else {
            report(
                at: location,
                "'\(content)' is not a variable name",
                "names are letters, digits and _, joined by dots, such as {{meeting.date_long}}"
            )
            return nil
        }
        let innermost = scopes.last { !$0.transparent }
        if name.isEmpty {
            // `{{#first()}}`: swift-mustache's position functions, only while rendering a list's items.
            let positions = ["first", "last", "index", "even", "odd"]
            guard transforms.count == 1, positions.contains(transforms[0]) else {
                report(at: location, "'\(content)' is not a variable", "write a name, such as {{meeting.date_long}}")
                return nil
            }
            guard innermost?.isSequenceItem == true || scopes.contains(where: \.isUnknown) else {
                report(
                    at: location,
                    "\(transforms[0])() works only inside a list's section",
                    "use it between {{#chairs}} and {{/chairs}} (or another list)"
                )
                return nil
            }
            return transforms[0] == "index" ? .text : .flag
        }
        var shape: TemplateShape
        if name == "." {
            guard let innermost, !innermost.path.isEmpty else {
                report(at: location, "{{.}} is only meaningful inside a section", "write a variable's name instead")
                return nil
            }
            shape = innermost.shape
        } else if name.hasPrefix(".") {
            guard
                let found = lookUp(
                    name.dropFirst().split(separator: ".").map(String.init),
                    in: innermost.map { [$0] } ?? []
                )
            else {
                unknown(name, scopes: scopes, at: location)
                return nil
            }
            shape = found
        } else if let (found, item) = listItemField(name, in: scopes) {
            // templates/README.md documents `meeting.agenda.text`: inside {{#meeting.agenda}} it is the item's text.
            rewriteCurrentTag(name, as: "." + item)
            shape = found
        } else {
            guard let found = lookUp(name.split(separator: ".").map(String.init), in: scopes) else {
                unknown(name, scopes: scopes, at: location)
                return nil
            }
            shape = found
        }
        // swift-mustache applies the innermost function first: `uppercased(reversed(x))` reverses, then uppercases.
        for transform in transforms.reversed() {
            guard let next = Self.apply(transform, to: shape) else {
                report(
                    at: location,
                    "unknown function '\(transform)' for '\(name)'",
                    "for text use uppercased, lowercased or capitalized; for a list count, empty, first or last"
                )
                return nil
            }
            shape = next
        }
        return shape
    }

    /// Splits `uppercased(meeting.zone)` into the name and its functions, outermost first; nil if malformed.
    static func split(_ content: String) -> (name: String, transforms: [String])? {
        let allowed = Set("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_-.")
        var rest = Substring(content)
        var transforms: [String] = []
        while let open = rest.firstIndex(of: "(") {
            guard rest.last == ")" else { return nil }
            transforms.append(String(rest[..<open]))
            rest = rest[rest.index(after: open)..<rest.index(before: rest.endIndex)]
        }
        guard !rest.contains(")"), rest.allSatisfy(allowed.contains), transforms.allSatisfy({ !$0.isEmpty }),
            !rest.isEmpty || !transforms.isEmpty
        else { return nil }
        return (String(rest), transforms)
    }

    /// `meeting.agenda.text` inside an open `{{#meeting.agenda}}`: the item's field and its name (`text`).
    private func listItemField(_ name: String, in scopes: [Scope]) -> (TemplateShape, String)? {
        // Only the innermost value: an outer list's item is not what `.text` would reach.
        guard let scope = scopes.last(where: { !$0.transparent }), scope.isSequenceItem, !scope.path.isEmpty,
            name.hasPrefix(scope.path + ".")
        else { return nil }
        let item = String(name.dropFirst(scope.path.count + 1))
        return lookUp(item.split(separator: ".").map(String.init), in: [scope]).map { ($0, item) }
    }

    /// `meeting.agenda` for `meeting.agenda.text`: the list a dotted name runs through, when the rest is an item's
    /// field.
    private static func listThrough(_ name: String, in scopes: [Scope]) -> String? {
        let parts = name.split(separator: ".").map(String.init)
        guard parts.count >= 2 else { return nil }
        for scope in scopes.reversed() where !scope.transparent {
            guard var field = scope.shape.fields.first(where: { $0.name == parts[0] }) else { continue }
            for index in 1..<parts.count {
                if case .list(let item) = field.shape {
                    let rest = parts[index...]
                    var shape = item
                    for part in rest {
                        guard let child = shape.fields.first(where: { $0.name == part }) else { return nil }
                        shape = child.shape
                    }
                    return parts[..<index].joined(separator: ".")
                }
                guard let child = field.shape.fields.first(where: { $0.name == parts[index] }) else { return nil }
                field = child
            }
            return nil
        }
        return nil
    }

    /// Mustache's lookup: the first part from the innermost section outwards, the rest through fields.
    private func lookUp(_ parts: [String], in scopes: [Scope]) -> TemplateShape? {
        guard let first = parts.first else { return nil }
        for scope in scopes.reversed() where !scope.transparent {
            guard let field = scope.shape.fields.first(where: { $0.name == first }) else { continue }
            var shape = field.shape
            for part in parts.dropFirst() {
                guard let child = shape.fields.first(where: { $0.name == part }) else { return nil }
                shape = child.shape
            }
            return shape
        }
        return nil
    }

    private static func apply(_ transform: String, to shape: TemplateShape) -> TemplateShape? {
        switch (shape, transform) {
        case (.text, "uppercased"), (.text, "lowercased"), (.text, "capitalized"), (.text, "reversed"): .text
        case (.text, "empty"), (.list, "empty"): .flag
        case (.list, "count"): .text
        case (.list(let item), "first"), (.list(let item), "last"): item
        case (.list, "reversed"): shape
        default: nil
        }
    }

    private mutating func unknown(_ name: String, scopes: [Scope], at location: SourceLocation) {
        // Inside a section whose name was unknown, this name may well belong to it: one report is enough.
        if scopes.contains(where: \.isUnknown) { return }
        let root = name.split(separator: ".").first.map(String.init) ?? name
        let elsewhere = TemplateSchema.allFields(for: kind).first { $0.name == root && !$0.isAvailable(in: kind) }
        if let elsewhere {
            let kinds = (elsewhere.kinds ?? []).sorted().map(\.name).joined(separator: ", ")
            report(
                at: location,
                "'\(name)' is not filled in \(kind) mails",
                "it exists only in \(kinds) templates; remove it here"
            )
            return
        }
        if let list = Self.listThrough(name, in: scopes) {
            report(
                at: location,
                "'\(name)' is a field of each item of the list '\(list)'",
                "write it between {{#\(list)}} and {{/\(list)}}"
            )
            return
        }
        let fix =
            Self.suggestion(for: name.hasPrefix(".") ? String(name.dropFirst()) : name, in: scopes)
            ?? "templates/README.md lists the variables of \(kind) templates"
        report(at: location, "no variable '\(name)'", fix)
    }

    /// Every name a tag here could mean, with its field: fields of open sections, and dotted paths from the top
    /// (not into lists, whose fields exist only inside their section).
    static func visibleFields(in scopes: [Scope]) -> [(path: String, field: TemplateField)] {
        func paths(_ fields: [TemplateField], prefix: String) -> [(path: String, field: TemplateField)] {
            fields.flatMap { field -> [(path: String, field: TemplateField)] in
                let path = prefix + field.name
                if case .object(let children) = field.shape {
                    return [(path, field)] + paths(children, prefix: path + ".")
                }
                return [(path, field)]
            }
        }
        return scopes.reversed().filter { !$0.transparent }.flatMap { paths($0.shape.fields, prefix: "") }
    }

    private mutating func report(at location: SourceLocation, _ problem: String, _ fix: String) {
        diagnostics.append(.error(at: location, problem, fix: fix))
    }
}
