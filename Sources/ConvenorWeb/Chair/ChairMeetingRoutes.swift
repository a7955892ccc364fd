import ConvenorCore
import ConvenorIO
import Foundation
import Hummingbird
import Logging

/// `/chair/ID/meeting/OCCURRENCE`: a confirmed meeting the chairs set on the web. Edit its agenda until the agenda
/// mail has gone; move it within its window, or call it off, with a reason, after seeing the notice the list will
/// get exactly as it will be sent.
///
/// Every save is a `ChairChange` (agenda, reschedule, cancel) in the ledger, checked by the group file's own parser
/// first (`ChairOverlay.trying`), so nothing `check` would refuse is stored. A move or a cancellation is saved only
/// after its notice was shown for exactly these values: the page carries the digest of the previewed entry, and a
/// save whose entry differs shows the notice again instead of saving.
struct ChairMeetingRoutes: Sendable {
    let environment: WebEnvironment

    func register(on router: Router<WebRequestContext>) {
        router.get("/chair/:id/meeting/:occurrence") { request, context in
            await handle(
                request,
                id: context.parameters.get("id") ?? "",
                occurrence: context.parameters.get("occurrence") ?? "",
                post: false
            )
        }
        router.post("/chair/:id/meeting/:occurrence") { request, context in
            await handle(
                request,
                id: context.parameters.get("id") ?? "",
                occurrence: context.parameters.get("occurrence") ?? "",
                post: true
            )
        }
    }

    /// What the page is about: the meeting as planned now, who owns it, and whether its agenda mail has gone.
    struct Found {
        var subject: ChairConfirmRoutes.Subject
        var planned: MeetingOccurrence
        /// The latest change of this window (any action): what a save passes as `seen`.
        var latest: ChairChange?
        /// The operator's entry, when the file sets this window's meeting.
        var fileOwner: SourceLocation?
        /// The agenda mail's Message-ID, once it was sent.
        var agendaMessageID: String?
        var past: Bool
    }

    func handle(_ request: Request, id: String, occurrence: String, post: Bool) async -> Response {
        var request = request
        let body = post ? await FormBody.read(&request) : nil
        if post, body == nil { return environment.refusedForm() }
        let meeting: Found
        switch await find(request, id: id, occurrence: occurrence) {
        case .success(let found): meeting = found
        case .failure(let refusal): return refusal.response
        }
        let saved = meeting.subject.saved.filter {
            $0.group == id && $0.occurrence == occurrence && $0.action.isMeeting
        }
        let form =
            saved.max { $0.number < $1.number }.flatMap { ChairMeetingForm(payload: $0.payload) }
            ?? ChairMeetingForm(planned: meeting.planned.meeting)
        guard let body else { return render(meeting, form: form, state: PageState(), status: .ok) }
        let signedIn = meeting.subject.signedIn
        guard body["csrf"] == signedIn.session.csrfToken else { return environment.refusedForm() }
        guard meeting.subject.role != .liaison else { return environment.readOnly() }
        guard meeting.fileOwner == nil, !meeting.past, !meeting.planned.meeting.cancelled else {
            return environment.readOnly()
        }
        let seen = body["seen"].flatMap { Int($0) }
        switch body["action"] ?? "" {
        case "agenda":
            var edited = form
            edited.agenda = ChairMeetingForm(fields: { body[$0] }).agenda
            var state = PageState(section: .agenda)
            if let sent = meeting.agendaMessageID {
                state.problems = [
                    ValueProblem(
                        "the agenda mail has already gone to the list (Message-ID <\(sent)>)",
                        fix: "send any late item to the list yourself, or bring it to the meeting"
                    )
                ]
                return render(meeting, form: edited, state: state, status: .conflict)
            }
            return await save(meeting, .agenda, payload: edited.payload(), form: edited, seen: seen, state: state)
        case "move", "preview-move":
            var moved = ChairMeetingForm(fields: { body[$0] })
            moved.agenda = form.agenda
            var state = PageState(section: .move)
            if let missing = moved.missingStart { state.problems.append(missing) }
            if moved.reason.isEmpty {
                state.problems.append(
                    ValueProblem("no reason was given", fix: "say in a few words why the meeting moves")
                )
            }
            if moved.start == form.start, moved.online == form.online, moved.venue == form.venue {
                state.problems.append(
                    ValueProblem(
                        "the date, time and place are as before",
                        fix: "write the new date and time, or a new place"
                    )
                )
            }
            return await previewOrSave(
                meeting,
                .reschedule,
                form: moved,
                payload: moved.payload(),
                body: body,
                seen: seen,
                state: state
            )
        case "cancel", "preview-cancel":
            var called = form
            called.reason = ChairMeetingForm(fields: { body[$0] }).reason
            var state = PageState(section: .cancel)
            if called.reason.isEmpty {
                state.problems.append(
                    ValueProblem("no reason was given", fix: "say in a few words why the meeting is called off")
                )
            }
            return await previewOrSave(
                meeting,
                .cancel,
                form: called,
                payload: called.payload(cancelled: true),
                body: body,
                seen: seen,
                state: state
            )
        default:
            return environment.refusedForm()
        }
    }

    /// The meeting a request names, or the response that refuses it.
    func find(_ request: Request, id: String, occurrence: String) async -> Result<Found, ResponseBox> {
        let subject: ChairConfirmRoutes.Subject
        switch await ChairConfirmRoutes(environment: environment).find(request, id: id, occurrence: occurrence) {
        case .success(let found): subject = found
        case .failure(let refusal): return .failure(refusal)
        }
        let merged = ChairOverlay.apply(subject.saved, to: subject.fileConfig).config
        guard let planned = merged.group(id: id)?.meetingOccurrences.first(where: { $0.occurrence == occurrence })
        else {
            return .failure(
                .init(
                    environment.message(
                        "No meeting in this window yet",
                        ["Confirm a date first; then its agenda can be edited here."],
                        status: .notFound,
                        link: ("/chair/\(id)/confirm/\(occurrence)", "Confirm a date")
                    )
                )
            )
        }
        let sent = (try? await environment.ledger.entries(group: id, state: .sent)) ?? []
        let agenda = sent.filter { $0.key.kind == .agenda && $0.key.occurrence == occurrence }
            .max { ($0.sentAt ?? $0.updatedAt) < ($1.sentAt ?? $1.updatedAt) }
        return .success(
            Found(
                subject: subject,
                planned: planned,
                latest: ChairOverlay.latest(of: id, occurrence: occurrence, in: subject.saved),
                fileOwner: ChairOverlay.fileMeeting(in: occurrence, of: subject.group)?.location,
                agendaMessageID: agenda.map { $0.messageID ?? "" },
                past: planned.scheduled.startInstant <= environment.clock.now()
            )
        )
    }

    /// Which form the page answers, and what it shows about it.
    struct PageState {
        enum Section: String { case none, agenda, move, cancel }
        var section: Section = .none
        var problems: [ValueProblem] = []
        /// The notice as it will be sent, or what happens instead when the list was not told yet.
        var notice: String?
        var noticeDigest = ""
    }

    /// Shows the notice for `payload`; saves only when the posted digest says the chair saw this very notice.
    func previewOrSave(
        _ meeting: Found,
        _ action: ChairChange.Action,
        form: ChairMeetingForm,
        payload: String,
        body: FormBody,
        seen: Int?,
        state: PageState
    ) async -> Response {
        var state = state
        let change = draft(meeting, action, payload: payload)
        let tried = ChairOverlay.trying(change, after: meeting.subject.saved, over: meeting.subject.fileConfig)
        if state.problems.isEmpty {
            state.problems = tried.problems.map { ValueProblem($0.problem, fix: $0.fix) }
        }
        guard state.problems.isEmpty else {
            return render(meeting, form: form, state: state, status: .unprocessableContent)
        }
        let digest = SHA256.hex(payload)
        let wantsSave = body["action"] == "move" || body["action"] == "cancel"
        if wantsSave, body["previewed"] == digest {
            return await save(meeting, action, payload: payload, form: form, seen: seen, state: state)
        }
        state.notice = await notice(config: tried.config, meeting: meeting, action: action)
        state.noticeDigest = digest
        return render(meeting, form: form, state: state, status: .ok)
    }

    func draft(_ meeting: Found, _ action: ChairChange.Action, payload: String) -> ChairChange {
        ChairChange(
            number: 0,
            group: meeting.subject.group.id,
            occurrence: meeting.subject.window.key,
            action: action,
            payload: payload,
            author: meeting.subject.signedIn.access.address,
            at: environment.clock.now()
        )
    }

    /// Checks and stores the change, then asks the daemon to plan with it at once.
    func save(
        _ meeting: Found,
        _ action: ChairChange.Action,
        payload: String,
        form: ChairMeetingForm,
        seen: Int?,
        state: PageState
    ) async -> Response {
        var state = state
        let change = draft(meeting, action, payload: payload)
        let tried = ChairOverlay.trying(change, after: meeting.subject.saved, over: meeting.subject.fileConfig)
        state.problems += tried.problems.map { ValueProblem($0.problem, fix: $0.fix) }
        guard state.problems.isEmpty else {
            return render(meeting, form: form, state: state, status: .unprocessableContent)
        }
        let id = change.group
        let occurrence = change.occurrence
        do {
            let saved = try await environment.ledger.appendChairChange(change, seen: seen)
            environment.logger.notice(
                "a chair saved a change",
                metadata: [
                    "group": "\(id)", "occurrence": "\(occurrence)", "action": "\(action.rawValue)",
                    "change": "\(saved.number)",
                ]
            )
            environment.status.requestReload()
            return HTML.seeOther("/chair/\(id)/meeting/\(occurrence)?saved=\(saved.number)")
        } catch let error where error.reason.isStale {
            state.problems = [
                ValueProblem(
                    "another chair saved a change to this meeting while you were writing",
                    fix: "the page now shows what they saved; make your change again on top of it"
                )
            ]
            var again = meeting
            again.latest = ChairOverlay.latest(
                of: id,
                occurrence: occurrence,
                in: (try? await environment.ledger.chairChanges()) ?? []
            )
            return render(again, form: form, state: state, status: .conflict)
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

    /// The rescheduled or cancelled notice the change would send, rendered as the list will get it; or, when the
    /// list was never told of the meeting, what happens instead.
    func notice(config: Config, meeting: Found, action: ChairChange.Action) async -> String {
        let id = meeting.subject.group.id
        let occurrence = meeting.subject.window.key
        let now = environment.clock.now()
        let outlook = Outlook(
            config: config,
            existingMinutes: MinutesFiles.existing(in: config),
            snapshot: await environment.snapshot(),
            from: now,
            to: now.addingTimeInterval(500 * 86_400),
            now: now
        )
        guard let notice = outlook.notices.first(where: { $0.key.group == id && $0.key.occurrence == occurrence })
        else {
            return action == .cancel
                ? "The list has not been told about this meeting yet, so no notice goes out: none of its mail is sent."
                : "The list has not been told about this meeting yet, so no notice goes out: its announcement will "
                    + "give the new date."
        }
        return environment.readable(notice, config: config)
    }

    func render(_ meeting: Found, form: ChairMeetingForm, state: PageState, status: HTTPResponse.Status) -> Response {
        let subject = meeting.subject
        let group = subject.group
        let start = meeting.planned.meeting.start
        let parts = form.start.split(separator: " ").map(String.init)
        let place = meeting.planned.meeting.place
        let readOnly =
            subject.role == .liaison || meeting.fileOwner != nil || meeting.past || meeting.planned.meeting.cancelled
        let stateText: String
        if meeting.planned.meeting.cancelled {
            stateText = "Called off" + (meeting.planned.meeting.cancellationReason.map { ": \($0)" } ?? ".")
        } else if meeting.past {
            stateText = "This meeting has taken place."
        } else {
            stateText = "Confirmed."
        }
        let problems = state.problems.map { ProblemText(problem: $0.problem, fix: $0.fix) }
        let context = MeetingPageContext(
            network: subject.fileConfig.installation.network,
            address: subject.signedIn.access.address,
            csrf: subject.signedIn.session.csrfToken,
            id: group.id,
            name: group.name,
            occurrence: subject.window.key,
            meetingText: "\(start.date.mediumText) \(start.time)",
            stateText: stateText,
            placeText: [place.online, place.venue].compactMap { $0 }.joined(separator: " · "),
            firstDay: subject.window.firstDay.description,
            lastDay: subject.window.lastDay.description,
            seen: meeting.latest.map { String($0.number) } ?? "",
            readOnly: readOnly,
            hasOwner: meeting.fileOwner != nil,
            ownerLine: meeting.fileOwner.map { "\($0.file):\($0.line)" } ?? "",
            agendaSent: meeting.agendaMessageID != nil,
            agendaMessageID: meeting.agendaMessageID.map { "<\($0)>" } ?? "",
            agenda: form.agenda.joined(separator: "\n"),
            agendaItems: meeting.planned.meeting.agenda,
            date: parts.first ?? "",
            time: parts.count > 1 ? parts[1] : "",
            online: form.online,
            venue: form.venue,
            moveReason: state.section == .move ? form.reason : "",
            cancelReason: state.section == .cancel ? form.reason : "",
            hasAgendaProblems: state.section == .agenda && !problems.isEmpty,
            hasMoveProblems: state.section == .move && !problems.isEmpty,
            hasCancelProblems: state.section == .cancel && !problems.isEmpty,
            agendaProblems: state.section == .agenda ? problems : [],
            moveProblems: state.section == .move ? problems : [],
            cancelProblems: state.section == .cancel ? problems : [],
            moveNotice: state.section == .move ? state.notice ?? "" : "",
            cancelNotice: state.section == .cancel ? state.notice ?? "" : "",
            hasMoveNotice: state.section == .move && state.notice != nil,
            hasCancelNotice: state.section == .cancel && state.notice != nil,
            noticeDigest: state.noticeDigest
        )
        return HTML.page(environment.renderer.render(context, page: "chair-meeting"), status: status)
    }
}

extension ChairMeetingForm {
    /// The form filled from a meeting as planned (one the chairs confirmed before the page existed, say).
    init(planned meeting: ConvenorCore.Meeting) {
        self.init(
            start: meeting.start.description,
            agenda: meeting.agenda,
            online: meeting.place.online ?? "",
            venue: meeting.place.venue ?? ""
        )
    }
}
