package import Foundation
import Mustache

/// Renders mailings with the chairs' templates: pure, and built once per templates directory.
///
/// `init` checks and compiles every file (the same checks as `convenor check`), so a directory with any error is
/// refused as a whole, and the daemon can keep its last good renderer when a reload fails.
package struct TemplateRenderer: Sendable {
    /// The directory as diagnostics print it.
    package let directory: String
    private let templates: [String: CompiledTemplate]

    /// Compiles `sources`.
    /// - Parameter groupIDs: the configured groups; when given, override folders must be named after one.
    /// - Throws: every error the checker finds (warnings alone do not stop it).
    package init(sources: TemplateSources, groupIDs: Set<String>? = nil) throws(TemplateError) {
        let (templates, diagnostics) = TemplateChecker.compileAll(sources, groupIDs: groupIDs)
        guard !diagnostics.containsErrors else { throw TemplateError(diagnostics.filter { $0.severity == .error }) }
        self.directory = sources.directory
        self.templates = templates
    }

    /// The template file a group's mailing of `kind` uses (its override, else the default), as diagnostics print it.
    package func templatePath(for kind: TemplateKind, group: String?) -> String? {
        relativePath(for: kind, group: group).map(display)
    }

    /// Renders one mailing.
    /// - Parameters:
    ///   - minutes: the minutes file's text, for a `minutes` mailing.
    ///   - previousMeeting: the meeting as the list was last told, for a `rescheduled` mailing.
    ///   - sentAt: when it goes out (the Date header); nil means its due time.
    ///   - groupFields: the group's template values built once for a batch (see `TemplateGroupFields`).
    package func render(
        _ mailing: Mailing,
        group: Group,
        installation: Installation,
        minutes: String? = nil,
        previousMeeting: ScheduledMeeting? = nil,
        sentAt: Date? = nil,
        groupFields: TemplateGroupFields? = nil
    ) throws(TemplateError) -> RenderedMailing {
        let context = TemplateContext(
            mailing: mailing,
            group: group,
            installation: installation,
            minutes: minutes,
            previousMeeting: previousMeeting,
            sentAt: sentAt,
            groupFields: groupFields
        )
        return try render(context, group: group.id)
    }

    /// Renders the operator's alert (the default template only: it concerns no single group).
    package func render(_ alert: OperatorAlert, installation: Installation) throws(TemplateError) -> RenderedMailing {
        try render(TemplateContext(alert: alert, installation: installation), group: nil)
    }

    /// The chairs' alert, rendered with `chairs-alert.mustache` (never a group's override).
    package func render(_ alert: ChairsAlert, installation: Installation) throws(TemplateError) -> RenderedMailing {
        try render(TemplateContext(chairsAlert: alert, installation: installation), group: nil)
    }

    /// Renders a context with the template for its kind, preferring `group`'s override.
    package func render(_ context: TemplateContext, group: String?) throws(TemplateError) -> RenderedMailing {
        let kind = context.kind
        guard let path = relativePath(for: kind, group: group), let template = templates[path] else {
            throw TemplateError([
                .error(
                    at: SourceLocation(file: display(kind.relativePath())),
                    "there is no template for \(kind) mails",
                    fix: "create it; convenor's own templates/ folder has one to start from"
                )
            ])
        }
        let object = context.value.mustacheObject
        let location = SourceLocation(file: template.path, line: 2)
        let subject = RenderText.oneLine(template.subject.render(object))
        guard !subject.isEmpty else {
            throw TemplateError([
                .error(
                    at: location,
                    "the subject came out empty for \(group ?? "the operator")",
                    fix: "put some fixed words in the subject, not only optional variables"
                )
            ])
        }
        var replyTo: [MailAddress] = []
        for entry in template.replyTo ?? [] {
            let text = RenderText.oneLine(entry.render(object))
            // An entry that renders empty (`{{liaison.email}}` for a group without a liaison) is left out.
            guard !text.isEmpty else { continue }
            guard let address = ReplyToAddress.parse(text) else {
                throw TemplateError([
                    .error(
                        at: location,
                        "reply_to came out as '\(text)', which is not a mail address",
                        fix: "write name@example.org or \"Name <name@example.org>\""
                    )
                ])
            }
            replyTo.append(address)
        }
        return RenderedMailing(
            subject: subject,
            replyTo: replyTo.isEmpty ? nil : replyTo,
            body: Self.finish(template.body.render(object))
        )
    }

    /// LF line ends, no trailing blank lines, exactly one final newline.
    static func finish(_ body: String) -> String {
        var text = RenderText.normalizingLineEnds(body)
        while let last = text.last, last == "\n" || last == " " || last == "\t" { text.removeLast() }
        while text.first == "\n" { text.removeFirst() }
        return text + "\n"
    }

    private func relativePath(for kind: TemplateKind, group: String?) -> String? {
        if let group, kind != .operatorAlert, kind != .chairsAlert, templates[kind.relativePath(group: group)] != nil {
            return kind.relativePath(group: group)
        }
        return templates[kind.relativePath()] != nil ? kind.relativePath() : nil
    }

    private func display(_ relativePath: String) -> String {
        TemplateSources(directory: directory, files: [:]).displayPath(of: relativePath)
    }
}
