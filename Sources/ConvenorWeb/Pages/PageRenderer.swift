import Mustache

/// Renders the web pages from `PageTemplates` with typed contexts; swift-mustache escapes every value for HTML.
struct PageRenderer: Sendable {
    private let library: MustacheLibrary

    /// Compiles every page template; a template that does not parse is a programmer error caught by the tests.
    init() {
        var library = MustacheLibrary()
        for (name, source) in PageTemplates.all {
            do {
                try library.register(source, named: name)
            } catch {
                preconditionFailure("page template \(name) does not parse: \(error)")
            }
        }
        self.library = library
    }

    /// The page `name` rendered with `context` (a page's context struct, read through `PageValues`).
    func render(_ context: Any, page name: String) -> String {
        guard let text = library.render(PageValues.tree(of: context) ?? context, withTemplate: name) else {
            preconditionFailure("no page template named \(name)")
        }
        return text
    }
}
