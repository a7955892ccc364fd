/// The template values that depend on a group alone, built once per group when many mailings are rendered.
///
/// A year's preview of 100 groups renders 1,860 mailings; building the group's fields (the remit wrapped, the
/// chairs' names, the terms of reference) for each was a tenth of its time (issue 16). The values are exactly those
/// `TemplateContext(mailing:group:…)` builds without them, so a context is the same value either way.
package struct TemplateGroupFields: Hashable, Sendable {
    /// The group these are for (`Group.id`): a context built for another group ignores them.
    package let groupID: String
    /// `group`, `chairs`, `chairs_names`, `chairs_first_names`, `chairs_role`, `liaison`, `terms_of_reference`.
    let fields: [String: TemplateValue]
    /// The chairs' first names, for `addressees`.
    let chairFirstNames: [String]
    /// The liaison's first name, added to `addressees` for mail to chairs and liaison.
    let liaisonFirstName: String?

    package init(group: Group) {
        var root = TemplateObjectBuilder()
        let firstNames = group.chairs.map { TemplateContext.firstName(of: $0.name) }
        root.set("group", TemplateContext.group(group))
        root.set("chairs", list: group.chairs.map(TemplateContext.chair))
        root.set("chairs_names", TemplateDates.joinedWithAnd(group.chairs.map { RenderText.oneLine($0.name) }))
        root.set("chairs_first_names", TemplateDates.joinedWithAnd(firstNames))
        root.set("chairs_role", group.chairs.count == 1 ? "Chair" : "Chairs")
        root.set("liaison", group.liaison.map(TemplateContext.person))
        root.set(
            "terms_of_reference",
            group.termsOfReference.map { TemplateContext.termsOfReference($0, group: group) }
        )
        self.groupID = group.id
        self.fields = root.fields
        self.chairFirstNames = firstNames
        self.liaisonFirstName = group.liaison.map { TemplateContext.firstName(of: $0.name) }
    }
}
