import Foundation

/// A group's own wording of a mail template, saved by a chair on the web (issue 19): checked exactly as
/// `convenor check` checks a templates folder (`TemplateChecker`), and merged into the templates every command and
/// the daemon render with.
///
/// A chair is trusted with wording, never with the server's files or secrets. The checker already refuses what
/// could reach either: partials (`{{> name}}`) and inheritance (`{{< name}}`), set delimiters, and any variable the
/// kind's schema does not list (so no name can reach a secret); the renderer has no partial library and no lambdas
/// in its contexts. Here a chair's text is further held to a size and to printable text.
package enum ChairWording {
    /// The most a chair's template may hold: the built-in templates are under 4 KB.
    package static let maximumBytes = 32 * 1024

    /// The templates a chair may reword: every mailing kind (the operator's and the chairs' alerts are the
    /// installation's, as for a group folder).
    package static var kinds: [TemplateKind] { MailingKind.allCases.map(TemplateKind.mailing) }

    /// The kind a URL or form names, when a chair may reword it.
    package static func kind(named name: String) -> TemplateKind? {
        TemplateKind(name: name).flatMap { kinds.contains($0) ? $0 : nil }
    }

    /// How a chair's template is named in diagnostics: `chairs/GROUP/agenda.mustache`.
    package static func display(group: String, kind: TemplateKind) -> String {
        "chairs/\(kind.relativePath(group: group))"
    }

    /// Every problem of a chair's text for `kind`: its size and characters first, then every check `convenor check`
    /// makes of a template file (errors and warnings, each at its line with what to write instead).
    package static func check(_ text: String, kind: TemplateKind, group: String) -> [Diagnostic] {
        let location = SourceLocation(file: display(group: group, kind: kind), line: 1, column: 1)
        if text.utf8.count > maximumBytes {
            return [
                .error(
                    at: location,
                    "the template is larger than \(maximumBytes / 1024) KB",
                    fix: "keep the mail short; the installation's own templates are under 4 KB"
                )
            ]
        }
        let allowed: Set<Unicode.Scalar> = ["\n", "\t"]
        if let line = text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex(where: { line in
            line.unicodeScalars.contains { $0.properties.generalCategory == .control && !allowed.contains($0) }
        }) {
            return [
                .error(
                    at: SourceLocation(file: location.file, line: line + 1, column: 1),
                    "this line holds a control character",
                    fix: "paste the wording as plain text (without formatting)"
                )
            ]
        }
        guard kinds.contains(kind) else {
            return [.error(at: location, "the \(kind) template is the installation's", fix: "ask the operator")]
        }
        return TemplateChecker.check(text, kind: kind, display: location.file).1
    }

    /// What a chair's wording change holds as text: LF line ends, no byte order mark.
    package static func normalized(_ text: String) -> String {
        var text = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        return text
    }

    /// `sources` with each group's latest saved wording as that group's override (`GROUP/KIND.mustache`), and a
    /// warning for each wording not applied: one for a group no file defines, one the operator's folder already
    /// overrides for the group (the file wins: one source of truth), or one that no longer passes the checks.
    package static func apply(
        _ changes: [ChairChange],
        to sources: TemplateSources,
        groupIDs: Set<String>
    )
        -> (sources: TemplateSources, diagnostics: [Diagnostic])
    {
        var result = sources
        var diagnostics: [Diagnostic] = []
        // A group no file defines any more: `ChairOverlay.apply` already says so, once for all its changes.
        for (group, state) in ChairOverlay.fold(changes).sorted(by: { $0.key < $1.key }) where groupIDs.contains(group)
        {
            for (name, change) in state.wording.sorted(by: { $0.key < $1.key }) where change.action == .wording {
                guard let kind = kind(named: name) else {
                    diagnostics.append(
                        .warning(
                            at: change.location,
                            "the chairs' wording of \(name) for \(group) is not applied: this build has "
                                + "no such template",
                            fix: "nothing to do; `convenor chairs export` keeps it"
                        )
                    )
                    continue
                }
                let path = kind.relativePath(group: group)
                if sources.files[path] != nil {
                    diagnostics.append(
                        .warning(
                            at: change.location,
                            "the chairs saved their own wording of \(name), but \(sources.displayPath(of: path)) sets "
                                + "the group's wording; the file wins",
                            fix: "remove \(sources.displayPath(of: path)) to let the chairs' wording stand"
                        )
                    )
                    continue
                }
                if check(change.payload, kind: kind, group: group).containsErrors {
                    diagnostics.append(
                        .warning(
                            at: change.location,
                            "the chairs' wording of \(name) no longer passes the checks; the "
                                + "installation's wording is used",
                            fix: "open the wording page and save it again"
                        )
                    )
                    continue
                }
                result.files[path] = change.payload
            }
        }
        return (result, diagnostics)
    }

    /// Where the wording a group's chairs see for `kind` comes from.
    package enum Origin: Hashable, Sendable {
        /// Saved by a chair (the change).
        case chairs(ChairChange)
        /// The operator's group override file (its display path): read only on the web.
        case groupFile(String)
        /// The installation's default file (its display path), or the built-in one.
        case installation(String)
    }

    /// The text the group's mails of `kind` use now, and where it comes from.
    package static func current(
        _ kind: TemplateKind,
        group: String,
        changes: [ChairChange],
        fileSources: TemplateSources
    ) -> (text: String, origin: Origin) {
        let groupPath = kind.relativePath(group: group)
        if let text = fileSources.files[groupPath] { return (text, .groupFile(fileSources.displayPath(of: groupPath))) }
        if let change = ChairOverlay.fold(changes)[group]?.wording[kind.name], change.action == .wording {
            return (change.payload, .chairs(change))
        }
        let path = kind.relativePath()
        if let text = fileSources.files[path] { return (text, .installation(fileSources.displayPath(of: path))) }
        return (kind.builtInTemplate, .installation("\(fileSources.displayPath(of: path)) (built in)"))
    }

    /// The installation's wording of `kind`: what "back to the default" gives.
    package static func installationText(_ kind: TemplateKind, fileSources: TemplateSources) -> String {
        fileSources.files[kind.relativePath()] ?? kind.builtInTemplate
    }
}
