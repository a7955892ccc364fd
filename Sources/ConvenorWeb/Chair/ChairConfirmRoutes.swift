import ConvenorCore
import ConvenorIO
import Foundation
import Hummingbird
import Logging

/// `/chair/ID/confirm/OCCURRENCE`: confirm a date for a window (a proposed one or any in the window), with its
/// agenda and place, or say there is no meeting this window.
///
/// The form posts to itself: "Show what this sends" renders the page again with the mailings the Outlook plans for
/// that window if it were saved, "Save" stores it (`LedgerStore.appendChairChange`) only when the change passes the
/// group file's own checks. The change is never written to a file: the loader merges it (`ChairOverlay`).
struct ChairConfirmRoutes: Sendable {
    let environment: WebEnvironment

    func register(on router: Router<WebRequestContext>) {
        router.get("/chair/:id/confirm/:occurrence") { request, context in
            await page(
                request,
                id: context.parameters.get("id") ?? "",
                occurrence: context.parameters.get("occurrence") ?? ""
            )
        }
        router.post("/chair/:id/confirm/:occurrence") { request, context in
            await post(
                request,
                id: context.parameters.get("id") ?? "",
                occurrence: context.parameters.get("occurrence") ?? ""
            )
        }
    }

    /// What every step needs: who, which group and window, the operator's files and what chairs saved so far.
    struct Subject {
        var signedIn: SignedIn
        var role: WebRole
        var group: Group
        var window: WindowOccurrence
        var fileConfig: Config
        var saved: [ChairChange]
    }

    /// The subject of a request, or the response that refuses it (sign in, 404, 403).
    func find(_ request: Request, id: String, occurrence: String) async -> Result<Subject, ResponseBox> {
        guard let signedIn = await environment.signedIn(request) else {
            return .failure(.init(HTML.seeOther("/signin")))
        }
        let fileConfig = environment.config
        guard let group = fileConfig.group(id: id) else { return .failure(.init(environment.notFound())) }
        guard let role = signedIn.access.role(for: id) else { return .failure(.init(environment.forbidden())) }
        guard let window = Self.window(occurrence, of: group) else { return .failure(.init(environment.notFound())) }
        let saved: [ChairChange]
        do {
            saved = try await environment.ledger.chairChanges()
        } catch {
            environment.logger.error("web: cannot read the chairs' changes", metadata: ["error": "\(error)"])
            return .failure(
                .init(
                    environment.message(
                        "The ledger cannot be read",
                        ["Nothing was changed. Try again in a minute; if it persists, tell the operator."],
                        status: .serviceUnavailable
                    )
                )
            )
        }
        return .success(
            Subject(signedIn: signedIn, role: role, group: group, window: window, fileConfig: fileConfig, saved: saved)
        )
    }

    /// The window occurrence a URL names (`2027-02`), nil when the group has no window starting that month.
    static func window(_ occurrence: String, of group: Group) -> WindowOccurrence? {
        let parts = occurrence.split(separator: "-")
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2, let year = Int(parts[0]),
            let month = Int(parts[1]), let first = LocalDate(year: year, month: month, day: 1),
            let window = group.windowOccurrence(containing: first), window.key == occurrence
        else { return nil }
        return window
    }

    func page(_ request: Request, id: String, occurrence: String) async -> Response {
        let subject: Subject
        switch await find(request, id: id, occurrence: occurrence) {
        case .success(let found): subject = found
        case .failure(let refusal): return refusal.response
        }
        let latest = ChairOverlay.latest(of: id, occurrence: occurrence, in: subject.saved)
        let form =
            latest.flatMap { $0.action.isMeeting ? ChairMeetingForm(payload: $0.payload) : nil }
            ?? ChairMeetingForm(
                start: "",
                online: subject.group.cadence?.place.online ?? "",
                venue: subject.group.cadence?.place.venue ?? ""
            )
        return render(subject, form: form, seen: latest?.number, problems: [], preview: nil, status: .ok)
    }

    func post(_ request: Request, id: String, occurrence: String) async -> Response {
        var request = request
        guard let body = await FormBody.read(&request) else { return environment.refusedForm() }
        let subject: Subject
        switch await find(request, id: id, occurrence: occurrence) {
        case .success(let found): subject = found
        case .failure(let refusal): return refusal.response
        }
        guard body["csrf"] == subject.signedIn.session.csrfToken else { return environment.refusedForm() }
        guard subject.role != .liaison else { return environment.readOnly() }
        let seen = body["seen"].flatMap { Int($0) }
        let form = ChairMeetingForm { body[$0] }
        let now = environment.clock.now()
        let skip = body["action"] == "skip"
        let change = ChairChange(
            number: 0,
            group: id,
            occurrence: occurrence,
            action: skip ? .skip : .confirm,
            payload: skip ? form.reason : form.payload(),
            author: subject.signedIn.access.address,
            at: now
        )
        var problems: [ValueProblem] = []
        if !skip, let missing = form.missingStart { problems.append(missing) }
        let tried = ChairOverlay.trying(change, after: subject.saved, over: subject.fileConfig)
        if problems.isEmpty {
            problems += tried.problems.map { ValueProblem($0.problem, fix: $0.fix) }
        }
        if skip, !form.reason.isEmpty, let problem = ChairOverlay.controlCharacterProblem(in: form.reason) {
            problems.append(problem)
        }
        guard problems.isEmpty else {
            return render(
                subject,
                form: form,
                seen: seen,
                problems: problems,
                preview: nil,
                status: .unprocessableContent
            )
        }
        guard body["action"] == "save" || skip else {
            let preview = await sends(config: tried.config, group: id, occurrence: occurrence, now: now)
            return render(subject, form: form, seen: seen, problems: [], preview: preview, status: .ok)
        }
        do {
            let saved = try await environment.ledger.appendChairChange(change, seen: seen)
            environment.logger.notice(
                "a chair saved a change",
                metadata: ["group": "\(id)", "occurrence": "\(occurrence)", "change": "\(saved.number)"]
            )
            // The daemon plans with it now, not at its next wake-up.
            environment.status.requestReload()
            return HTML.seeOther("/chair/\(id)?saved=\(saved.number)#changes")
        } catch let error where error.reason.isStale {
            let problem = ValueProblem(
                "another chair saved a change to this window while you were writing",
                fix: "the page now shows what they saved; make your change again on top of it"
            )
            let latest = ChairOverlay.latest(
                of: id,
                occurrence: occurrence,
                in: (try? await environment.ledger.chairChanges()) ?? []
            )
            return render(
                subject,
                form: form,
                seen: latest?.number,
                problems: [problem],
                preview: nil,
                status: .conflict
            )
        } catch {
            environment.logger.error("web: cannot save a chair's change", metadata: ["error": "\(error)"])
            return environment.message(
                "Not saved",
                [
                    "The ledger refused the change. Nothing was changed; try again, and tell the operator if it persists."
                ],
                status: .serviceUnavailable
            )
        }
    }

    /// What the Outlook plans for the window with the change applied: every mailing of that occurrence from now on.
    func sends(config: Config, group id: String, occurrence: String, now: Date) async -> [ConfirmPageContext.Send] {
        guard let group = config.group(id: id) else { return [] }
        let outlook = Outlook(
            config: config,
            existingMinutes: MinutesFiles.existing(in: config),
            snapshot: await environment.snapshot(),
            from: now,
            to: now.addingTimeInterval(500 * 86_400),
            now: now
        )
        return outlook.mailings.filter { $0.key.group == id && $0.key.occurrence.hasPrefix(occurrence) }
            .sorted { $0.due < $1.due }
            .map { mailing in
                let local = LocalDateTime(instant: mailing.due, in: group.timeZone)
                return ConfirmPageContext.Send(
                    when:
                        "\(local.date.mediumText) \(local.time) \(group.timeZone.readableAbbreviation(for: mailing.due))",
                    what: mailing.key.kind.rawValue,
                    to: OverviewEntry.words(for: mailing.audience)
                )
            }
    }

    func render(
        _ subject: Subject,
        form: ChairMeetingForm,
        seen: Int?,
        problems: [ValueProblem],
        preview: [ConfirmPageContext.Send]?,
        status: HTTPResponse.Status
    ) -> Response {
        let group = subject.group
        let candidates = (group.cadence?.propose?.candidates(in: subject.window) ?? []).map { start in
            let text = start.description
            return ConfirmPageContext.Candidate(
                value: text,
                label: "\(start.date.mediumText) \(start.time)",
                checked: form.start == text
            )
        }
        let ownDate = candidates.contains { $0.checked } ? nil : form.start.split(separator: " ").map(String.init)
        let owner = ChairOverlay.fileMeeting(in: subject.window.key, of: group).map {
            "\($0.location.file):\($0.location.line)"
        }
        let context = ConfirmPageContext(
            network: subject.fileConfig.installation.network,
            address: subject.signedIn.access.address,
            csrf: subject.signedIn.session.csrfToken,
            id: group.id,
            name: group.name,
            occurrence: subject.window.key,
            windowText: "\(subject.window.window) \(subject.window.firstDay.year)",
            firstDay: subject.window.firstDay.description,
            lastDay: subject.window.lastDay.description,
            seen: seen.map(String.init) ?? "",
            readOnly: subject.role == .liaison,
            ownerLine: owner ?? "",
            hasOwner: owner != nil,
            hasCandidates: !candidates.isEmpty,
            candidates: candidates,
            otherChecked: !candidates.contains { $0.checked },
            date: ownDate?.first ?? "",
            time: ownDate.flatMap { $0.count > 1 ? $0[1] : nil } ?? "",
            agenda: form.agenda.joined(separator: "\n"),
            online: form.online,
            venue: form.venue,
            reason: form.reason,
            hasProblems: !problems.isEmpty,
            problems: problems.map { .init(problem: $0.problem, fix: $0.fix) },
            hasPreview: preview != nil,
            preview: preview ?? [],
            previewEmpty: preview?.isEmpty ?? false
        )
        return HTML.page(environment.renderer.render(context, page: "chair-confirm"), status: status)
    }
}

/// A response carried through a `Result`'s failure side.
struct ResponseBox: Error {
    var response: Response
    init(_ response: Response) { self.response = response }
}

extension LedgerError.Reason {
    var isStale: Bool {
        if case .staleChairChange = self { return true }
        return false
    }
}

extension WebEnvironment {
    /// 403 for a liaison posting a change.
    func readOnly() -> Response {
        message(
            "Read only",
            ["As the group's liaison you can see its page, but only its chairs change it."],
            status: .forbidden,
            link: ("/chair", "Go to your groups")
        )
    }
}

/// `/chair/ID/confirm/OCCURRENCE`.
struct ConfirmPageContext: Sendable, SignedInContext {
    struct Candidate: Sendable {
        var value: String
        var label: String
        var checked: Bool
    }

    struct Problem: Sendable {
        var problem: String
        var fix: String
    }

    struct Send: Sendable {
        var when: String
        var what: String
        var to: String
    }

    var network: String
    var address: String
    var csrf: String
    var id: String
    var name: String
    var occurrence: String
    var windowText: String
    var firstDay: String
    var lastDay: String
    var seen: String
    var readOnly: Bool
    var ownerLine: String
    var hasOwner: Bool
    var hasCandidates: Bool
    var candidates: [Candidate]
    var otherChecked: Bool
    var date: String
    var time: String
    var agenda: String
    var online: String
    var venue: String
    var reason: String
    var hasProblems: Bool
    var problems: [Problem]
    var hasPreview: Bool
    var preview: [Send]
    var previewEmpty: Bool
}
