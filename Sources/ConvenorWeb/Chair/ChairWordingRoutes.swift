import ConvenorCore
import ConvenorIO
import Foundation
import Hummingbird
import Logging

/// `/chair/ID/wording` and `/chair/ID/wording/KIND`: the group's own copy of a mail template, edited in the browser
/// with the checks `convenor check` makes (`ChairWording.check`, which is `TemplateChecker`'s), a preview of the
/// group's next mail of that kind exactly as it will be sent, and a way back to the installation's wording.
///
/// Saved as a chair change (`wording`, `wording-default`) in the ledger's append-only log, with the stale check
/// every chair change has, so two chairs never overwrite each other unseen and the audit trail names who changed
/// what. A template the operator's folder overrides for the group is shown read only, with its file.
struct ChairWordingRoutes: Sendable {
    let environment: WebEnvironment

    func register(on router: Router<WebRequestContext>) {
        router.get("/chair/:id/wording") { request, context in
            await list(request, id: context.parameters.get("id") ?? "")
        }
        router.get("/chair/:id/wording/:kind") { request, context in
            await handle(
                request,
                id: context.parameters.get("id") ?? "",
                kind: context.parameters.get("kind") ?? "",
                post: false
            )
        }
        router.post("/chair/:id/wording/:kind") { request, context in
            await handle(
                request,
                id: context.parameters.get("id") ?? "",
                kind: context.parameters.get("kind") ?? "",
                post: true
            )
        }
    }

    /// Every template the group's chairs may reword, and where its wording comes from now.
    func list(_ request: Request, id: String) async -> Response {
        guard let signedIn = await environment.signedIn(request) else { return HTML.seeOther("/signin") }
        let config = environment.config
        guard let group = config.group(id: id) else { return environment.notFound() }
        guard signedIn.access.role(for: id) != nil else { return environment.forbidden() }
        let saved = (try? await environment.ledger.chairChanges()) ?? []
        let sources = environment.status.configuration.templates ?? TemplateSources(directory: "templates", files: [:])
        let templates = ChairWording.kinds.map { kind in
            let current = ChairWording.current(kind, group: id, changes: saved, fileSources: sources)
            return WordingListContext.Template(
                name: kind.name,
                href: "/chair/\(id)/wording/\(kind.name)",
                origin: Self.originText(current.origin)
            )
        }
        let context = WordingListContext(
            network: config.installation.network,
            address: signedIn.access.address,
            csrf: signedIn.session.csrfToken,
            id: id,
            name: group.name,
            templates: templates
        )
        return HTML.page(environment.renderer.render(context, page: "chair-wording-list"))
    }

    func handle(_ request: Request, id: String, kind name: String, post: Bool) async -> Response {
        var request = request
        let body = post ? await FormBody.read(&request) : nil
        if post, body == nil { return environment.refusedForm() }
        guard let signedIn = await environment.signedIn(request) else { return HTML.seeOther("/signin") }
        let planned = await environment.plannedConfiguration()
        guard let group = planned.config.group(id: id) else { return environment.notFound() }
        guard let role = signedIn.access.role(for: id) else { return environment.forbidden() }
        guard let kind = ChairWording.kind(named: name), let sources = environment.status.configuration.templates else {
            return environment.notFound()
        }
        let saved = (try? await environment.ledger.chairChanges()) ?? []
        let current = ChairWording.current(kind, group: id, changes: saved, fileSources: sources)
        var fileOwner: String?
        if case .groupFile(let path) = current.origin { fileOwner = path }
        let latest = ChairOverlay.latest(of: id, occurrence: kind.name, in: saved)
        var page = WordingPage(
            text: current.text,
            seen: latest?.number,
            problems: [],
            warnings: [],
            preview: nil,
            notice: nil
        )
        if let body {
            guard body["csrf"] == signedIn.session.csrfToken else { return environment.refusedForm() }
            guard role != .liaison, fileOwner == nil else { return environment.readOnly() }
            page.seen = body["seen"].flatMap { Int($0) }
            let action = body["action"] ?? "preview"
            let now = environment.clock.now()
            if action == "default" {
                let change = ChairChange(
                    number: 0,
                    group: id,
                    occurrence: kind.name,
                    action: .wordingDefault,
                    payload: "",
                    author: signedIn.access.address,
                    at: now
                )
                return await save(
                    change,
                    page: page,
                    group: group,
                    kind: kind,
                    role: role,
                    signedIn: signedIn,
                    sources: sources
                )
            }
            page.text = ChairWording.normalized(body["text"] ?? "")
            let diagnostics = ChairWording.check(page.text, kind: kind, group: id)
            page.problems = diagnostics.filter { $0.severity == .error }
            page.warnings = diagnostics.filter { $0.severity != .error }
            if page.problems.isEmpty {
                let draft = ChairChange(
                    number: 0,
                    group: id,
                    occurrence: kind.name,
                    action: .wording,
                    payload: page.text,
                    author: signedIn.access.address,
                    at: now
                )
                page.preview = preview(
                    draft,
                    saved: saved,
                    config: planned.config,
                    group: group,
                    kind: kind,
                    sources: sources
                )
                if action == "save" {
                    return await save(
                        draft,
                        page: page,
                        group: group,
                        kind: kind,
                        role: role,
                        signedIn: signedIn,
                        sources: sources
                    )
                }
            }
        } else if let number = request.uri.queryParameters.get("saved").flatMap(Int.init), number == latest?.number {
            page.notice =
                latest?.action == .wordingDefault
                ? "Saved: the group's mails of this kind use the installation's wording again."
                : "Saved: the group's next \(kind.name) mail uses this wording."
        }
        return render(
            page,
            group: group,
            kind: kind,
            role: role,
            fileOwner: fileOwner,
            origin: current.origin,
            signedIn: signedIn
        )
    }

    /// Appends `change` with the stale check; back to the page with the saved notice, or with the conflict.
    func save(
        _ change: ChairChange,
        page: WordingPage,
        group: Group,
        kind: TemplateKind,
        role: WebRole,
        signedIn: SignedIn,
        sources: TemplateSources
    ) async -> Response {
        do {
            let stored = try await environment.ledger.appendChairChange(change, seen: page.seen)
            environment.logger.notice(
                "a chair saved the group's wording",
                metadata: ["group": "\(group.id)", "template": "\(kind.name)", "change": "\(stored.number)"]
            )
            environment.status.requestReload()
            return HTML.seeOther("/chair/\(group.id)/wording/\(kind.name)?saved=\(stored.number)")
        } catch let error where error.reason.isStale {
            var page = page
            let saved = (try? await environment.ledger.chairChanges()) ?? []
            page.seen = ChairOverlay.latest(of: group.id, occurrence: kind.name, in: saved)?.number
            page.problems = [
                .error(
                    at: SourceLocation(file: ChairWording.display(group: group.id, kind: kind)),
                    "another chair saved this template while you were writing",
                    fix: "your text is still in the box; look at theirs on the group's page (changes), then save again"
                )
            ]
            page.preview = nil
            let current = ChairWording.current(kind, group: group.id, changes: saved, fileSources: sources)
            return render(
                page,
                group: group,
                kind: kind,
                role: role,
                fileOwner: nil,
                origin: current.origin,
                signedIn: signedIn,
                status: .conflict
            )
        } catch {
            environment.logger.error("web: cannot save a chair's wording", metadata: ["error": "\(error)"])
            return environment.message(
                "Not saved",
                [
                    "The ledger refused the change. Nothing was changed; try again, and tell the operator if it persists."
                ],
                status: .serviceUnavailable
            )
        }
    }

    /// The group's next mail of `kind` (else its latest of the past year) with the draft wording, as it will be
    /// sent: the same assembly as `/chair/ID/mail` and `convenor preview`.
    func preview(
        _ draft: ChairChange,
        saved: [ChairChange],
        config: Config,
        group: Group,
        kind: TemplateKind,
        sources: TemplateSources
    ) -> String {
        guard case .mailing(let mailingKind) = kind else { return "" }
        let groupIDs = Set(config.groups.map(\.id))
        var numbered = draft
        numbered.number = (saved.map(\.number).max() ?? 0) + 1
        let worded = ChairWording.apply(saved + [numbered], to: sources, groupIDs: groupIDs)
        let renderer: TemplateRenderer
        do {
            renderer = try TemplateRenderer(sources: worded.sources, groupIDs: groupIDs)
        } catch {
            return "The mail cannot be made: \(error)"
        }
        let now = environment.clock.now()
        let scheduler = Scheduler(config: config, existingMinutes: MinutesFiles.existing(in: config))
        let mailings = scheduler.mailings(
            for: group,
            from: now.addingTimeInterval(-366 * 86_400),
            to: now.addingTimeInterval(400 * 86_400)
        ).filter { $0.key.kind == mailingKind }
        guard let mailing = mailings.first(where: { now < $0.validUntil }) ?? mailings.last else {
            return "No \(kind.name) mail is planned for this group in the coming year, so there is nothing to show; "
                + "the wording passed the checks."
        }
        return environment.readable(
            mailing,
            config: config,
            renderer: renderer,
            minutes: MinutesFiles.text(for: mailing, config: config)
        )
    }

    func render(
        _ page: WordingPage,
        group: Group,
        kind: TemplateKind,
        role: WebRole,
        fileOwner: String?,
        origin: ChairWording.Origin,
        signedIn: SignedIn,
        status: HTTPResponse.Status? = nil
    ) -> Response {
        func lines(_ diagnostics: [Diagnostic]) -> [WordingPageContext.Line] {
            diagnostics.map {
                .init(hasLine: $0.location.line > 0, line: $0.location.line, problem: $0.problem, fix: $0.fix)
            }
        }
        var isChairs = false
        if case .chairs = origin { isChairs = true }
        let context = WordingPageContext(
            network: environment.config.installation.network,
            address: signedIn.access.address,
            csrf: signedIn.session.csrfToken,
            id: group.id,
            name: group.name,
            kind: kind.name,
            originText: Self.originText(origin),
            readOnly: role == .liaison || fileOwner != nil,
            hasOwner: fileOwner != nil,
            ownerFile: fileOwner ?? "",
            isChairs: isChairs,
            text: page.text,
            seen: page.seen.map(String.init) ?? "",
            hasProblems: !page.problems.isEmpty,
            problems: lines(page.problems),
            hasWarnings: !page.warnings.isEmpty,
            warnings: lines(page.warnings),
            hasPreview: page.preview != nil,
            preview: page.preview ?? "",
            hasNotice: page.notice != nil,
            notice: page.notice ?? "",
            maximumKB: ChairWording.maximumBytes / 1024
        )
        return HTML.page(
            environment.renderer.render(context, page: "chair-wording"),
            status: status ?? (page.problems.isEmpty ? .ok : .unprocessableContent)
        )
    }

    static func originText(_ origin: ChairWording.Origin) -> String {
        switch origin {
        case .chairs(let change):
            "The group's own wording, saved by \(change.author) on \(ChairExport.timestamp(change.at)) (change #\(change.number))"
        case .groupFile(let path): "Set by the operator's file \(path) (read only here)"
        case .installation(let path): "The installation's wording (\(path))"
        }
    }
}

/// What the wording page shows after a request.
struct WordingPage: Sendable {
    var text: String
    var seen: Int?
    var problems: [Diagnostic]
    var warnings: [Diagnostic]
    var preview: String?
    var notice: String?
}

/// `/chair/ID/wording`.
struct WordingListContext: Sendable, SignedInContext {
    struct Template: Sendable {
        var name: String
        var href: String
        var origin: String
    }

    var network: String
    var address: String
    var csrf: String
    var id: String
    var name: String
    var templates: [Template]
}

/// `/chair/ID/wording/KIND`.
struct WordingPageContext: Sendable, SignedInContext {
    /// A check's finding next to its line.
    struct Line: Sendable {
        var hasLine: Bool
        var line: Int
        var problem: String
        var fix: String
    }

    var network: String
    var address: String
    var csrf: String
    var id: String
    var name: String
    var kind: String
    var originText: String
    var readOnly: Bool
    var hasOwner: Bool
    var ownerFile: String
    var isChairs: Bool
    var text: String
    var seen: String
    var hasProblems: Bool
    var problems: [Line]
    var hasWarnings: Bool
    var warnings: [Line]
    var hasPreview: Bool
    var preview: String
    var hasNotice: Bool
    var notice: String
    var maximumKB: Int
}
