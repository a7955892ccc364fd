import ConvenorCore
import ConvenorIO
import Foundation
import Hummingbird

/// The signed-in pages: `/chair` (your groups) and `/chair/ID` (one group's page for its chairs).
///
/// Every route checks the session first (no session: to `/signin`), then the person's role for the group (none:
/// 403). Handlers only gather values from the daemon's configuration, the schedule and the ledger, and render.
struct ChairRoutes: Sendable {
    let environment: WebEnvironment

    func register(on router: Router<WebRequestContext>) {
        router.get("/chair") { request, _ in await home(request) }
        router.get("/chair/:id") { request, context in await group(request, id: context.parameters.get("id") ?? "") }
    }

    func home(_ request: Request) async -> Response {
        guard let signedIn = await environment.signedIn(request) else { return HTML.seeOther("/signin") }
        let config = await environment.plannedConfig()
        let now = environment.clock.now()
        let overview = yearOverview(config: config, now: now) { signedIn.access.role(for: $0.id) != nil }
        let entries = config.groups.compactMap { group -> ChairHomeContext.Entry? in
            guard let role = signedIn.access.role(for: group.id) else { return nil }
            let tasks = overview.groups.first { $0.group.id == group.id }?.tasks.count ?? 0
            return .init(
                id: group.id,
                name: group.name,
                roleText: role.text,
                taskCount: tasks,
                taskText: tasks == 1 ? "1 thing waits on the chairs" : "\(tasks) things wait on the chairs"
            )
        }
        let context = ChairHomeContext(
            network: config.installation.network,
            address: signedIn.access.address,
            csrf: signedIn.session.csrfToken,
            groups: entries
        )
        return HTML.page(environment.renderer.render(context, page: "chair-home"))
    }

    func group(_ request: Request, id: String) async -> Response {
        guard let signedIn = await environment.signedIn(request) else { return HTML.seeOther("/signin") }
        // Chairs' changes never add a group: the operator's files say which exist.
        guard environment.config.group(id: id) != nil else { return environment.notFound() }
        guard let role = signedIn.access.role(for: id) else { return environment.forbidden() }
        // Kept per session (the page carries the chair's address and form token), never shown to anyone else.
        let routes = self
        return await environment.cachedPage("chair/\(id)/\(signedIn.session.csrfToken)") {
            await routes.groupPage(id: id, role: role, signedIn: signedIn)
        }
    }

    /// The group's page for a chair or liaison already allowed to see it; nil when the group went away meanwhile.
    func groupPage(id: String, role: WebRole, signedIn: SignedIn) async -> String? {
        let config = await environment.plannedConfig()
        guard let group = config.group(id: id) else { return nil }
        let now = environment.clock.now()
        let overview = yearOverview(config: config, now: now) { $0.id == id }
        let year = overview.groups.first { $0.group.id == id }
        let zone = group.timeZone
        // What was sent, and what the list did with it (issue 18): distributed, held with the list's words,
        // refused, or returned undelivered with the DSN's status. The template escapes all of it; an approval link
        // is a link only when `ListOutcome.safeLink` allows it.
        let posting = group.posting.from?.address ?? config.installation.from.address
        let outStates: Set<LedgerState> = [.sent, .distributed, .held, .rejected, .bounced]
        let sent = ((try? await environment.ledger.entries(group: id, state: nil)) ?? [])
            .filter { outStates.contains($0.state) }
            .sorted { ($0.sentAt ?? $0.updatedAt) > ($1.sentAt ?? $1.updatedAt) }
            .map { entry in
                let at = LocalDateTime(instant: entry.sentAt ?? entry.updatedAt, in: zone)
                return ChairGroupContext.Sent(
                    when: "\(at.date.mediumText) \(at.time)",
                    what: entry.key.kind.rawValue,
                    occurrence: entry.key.occurrence,
                    messageID: entry.messageID.map { "<\($0)>" } ?? "",
                    outcome: ListOutcome(entry, group: group, postingAddress: posting).map(
                        ChairGroupContext.Outcome.init
                    )
                        ?? .init(state: "sent", stateClass: "sent", happened: "", needsChairs: false)
                )
            }
        let notPassedOn = sent.filter(\.outcome.needsChairs).count
        let mayChange = role != .liaison
        let tasks = (year?.tasks ?? []).enumerated().map { index, task in
            var action: (href: String, text: String)?
            if case .confirmDate(let window, _, _) = task.kind, mayChange {
                action = ("/chair/\(id)/confirm/\(window.key)", "Confirm a date, or say there is no meeting")
            }
            if case .minutesMissing(let meeting, _) = task.kind, mayChange,
                let occurrence = group.meetingOccurrences.first(where: { $0.meeting.start == meeting.start })?
                    .occurrence
            {
                action = ("/chair/\(id)/minutes/\(occurrence)", "Write or paste the minutes")
            }
            if case .minutesDraft(let meeting, _, _) = task.kind, mayChange,
                let occurrence = group.meetingOccurrences.first(where: { $0.meeting.start == meeting.start })?
                    .occurrence
            {
                action = ("/chair/\(id)/minutes/\(occurrence)", "Read the draft and mark it ready")
            }
            return ChairGroupContext.Task(
                index: index + 1,
                title: task.title,
                details: task.details,
                hasAction: action != nil,
                actionHref: action?.href ?? "",
                actionText: action?.text ?? ""
            )
        }
        // The audit trail: who changed what and when, newest first (as `convenor chairs log` prints it).
        let changes = ((try? await environment.ledger.chairChanges()) ?? []).filter { $0.group == id }
            .sorted { $0.number > $1.number }
            .map { change in
                let at = LocalDateTime(instant: change.at, in: zone)
                return ChairGroupContext.Change(
                    number: change.number,
                    when: "\(at.date.mediumText) \(at.time)",
                    who: change.author,
                    what: change.action.rawValue,
                    occurrence: change.occurrence,
                    summary: ChairExport.summary(change)
                )
            }
        // What the operator's file sets: read only here, with the line to ask about.
        let fileMeetings = (environment.config.group(id: id)?.meetings ?? []).map { meeting in
            ChairGroupContext.FileFact(
                what: "Meeting \(meeting.start.date.mediumText) \(meeting.start.time)"
                    + (meeting.cancelled ? " (called off)" : ""),
                line: "\(meeting.location.file):\(meeting.location.line)"
            )
        }
        // The coming meetings, each linked to its page (agenda, move, call off) when the chairs set it.
        let meetings = group.meetingOccurrences.filter { $0.window != nil && now < $0.scheduled.startInstant }
            .map { found in
                let start = found.meeting.start
                let owned = ChairOverlay.fileMeeting(
                    in: found.occurrence,
                    of: environment.config.group(id: id) ?? group
                )
                return ChairGroupContext.UpcomingMeeting(
                    when: "\(start.date.mediumText) \(start.time)" + (found.meeting.cancelled ? " (called off)" : ""),
                    href: "/chair/\(id)/meeting/\(found.occurrence)",
                    actionText: mayChange && owned == nil && !found.meeting.cancelled
                        ? "Edit the agenda, move it or call it off" : "See the meeting"
                )
            }
        let months = (year?.months ?? []).map { month in
            let entries = month.entries.map { entry in
                ChairGroupContext.Entry(
                    when: entry.whenText,
                    what: entry.label,
                    to: entry.audienceText ?? "",
                    about: entry.about
                )
            }
            return ChairGroupContext.Month(
                title: month.start.monthTitle,
                hasEntries: !entries.isEmpty,
                entries: entries
            )
        }
        let context = ChairGroupContext(
            network: config.installation.network,
            address: signedIn.access.address,
            csrf: signedIn.session.csrfToken,
            id: id,
            name: group.name,
            roleText: role.text,
            hasTasks: !tasks.isEmpty || notPassedOn > 0,
            tasks: tasks,
            hasNotPassedOn: notPassedOn > 0,
            notPassedOnText: notPassedOn == 1
                ? "The list did not pass 1 post on to the members"
                : "The list did not pass \(notPassedOn) posts on to the members",
            rangeText: overview.rangeText,
            months: months,
            hasSent: !sent.isEmpty,
            sent: sent,
            hasMeetings: !meetings.isEmpty,
            meetings: meetings,
            hasChanges: !changes.isEmpty,
            changes: changes,
            hasFileFacts: !fileMeetings.isEmpty,
            fileFacts: fileMeetings
        )
        return environment.renderer.render(context, page: "chair-group")
    }

    /// The overview of the coming twelve months, with the lifecycle's rescheduled and cancelled notices in it, as
    /// `convenor overview` and `preview` see them, for the groups the page shows (`including`): a chair's page
    /// schedules its own group, not the whole network (a hundred groups' year was 90 % of the page's time).
    func yearOverview(config: Config, now: Date, including: (Group) -> Bool) -> YearOverview {
        var config = config
        config.groups = config.groups.filter(including)
        let zone = config.installation.timeZone
        let range = YearOverview.defaultRange(now: now, in: zone)
        let minutes = MinutesFiles.scan(config)
        let scheduler = Scheduler(config: config, existingMinutes: minutes.ready, draftMinutes: minutes.drafts)
        let mailings = scheduler.mailings(
            from: range.firstDay.startInstant(in: zone),
            to: range.lastDay.adding(days: 1).startInstant(in: zone)
        )
        return YearOverview(
            config: config,
            mailings: mailings,
            existingMinutes: minutes.ready,
            firstDay: range.firstDay,
            lastDay: range.lastDay,
            now: now,
            draftMinutes: minutes.drafts
        )
    }
}
