import ConvenorCore
import ConvenorIO
import Foundation
import Hummingbird
import Logging

/// `/chair/ID/minutes/OCCURRENCE`: paste the minutes of a past meeting, keep them as a draft, preview the minutes
/// mail exactly as the list will get it, then mark them ready. Only ready minutes are mailed (`ChairOverlay`).
struct ChairMinutesRoutes: Sendable {
    let environment: WebEnvironment

    /// The most a pasted set of minutes may hold, as for a minutes file.
    static let maximumBytes = 512 * 1024

    func register(on router: Router<WebRequestContext>) {
        router.get("/chair/:id/minutes/:occurrence") { request, context in
            await handle(
                request,
                id: context.parameters.get("id") ?? "",
                occurrence: context.parameters.get("occurrence") ?? "",
                post: false
            )
        }
        router.post("/chair/:id/minutes/:occurrence") { request, context in
            await handle(
                request,
                id: context.parameters.get("id") ?? "",
                occurrence: context.parameters.get("occurrence") ?? "",
                post: true
            )
        }
    }

    func handle(_ request: Request, id: String, occurrence: String, post: Bool) async -> Response {
        var request = request
        let body = post ? await FormBody.read(&request) : nil
        if post, body == nil { return environment.refusedForm() }
        guard let signedIn = await environment.signedIn(request) else { return HTML.seeOther("/signin") }
        let fileConfig = environment.config
        guard let fileGroup = fileConfig.group(id: id) else { return environment.notFound() }
        guard let role = signedIn.access.role(for: id) else { return environment.forbidden() }
        let saved = (try? await environment.ledger.chairChanges()) ?? []
        let merged = ChairOverlay.apply(saved, to: fileConfig).config
        let now = environment.clock.now()
        guard let group = merged.group(id: id),
            let found = group.meetingOccurrences.first(where: { $0.occurrence == occurrence }),
            !found.meeting.cancelled, found.scheduled.startInstant <= now
        else {
            return environment.message(
                "No past meeting here",
                ["Minutes can be written for a meeting that has taken place."],
                status: .notFound,
                link: ("/chair/\(id)", "Back to \(fileGroup.name)")
            )
        }
        let latest = saved.filter { $0.group == id && $0.occurrence == occurrence && $0.action.isMinutes }
            .max { $0.number < $1.number }
        let fileOwner = found.meeting.minutesPath.flatMap { path in
            merged.chairMinutes[path] == nil ? (found.meeting.minutesLocation ?? found.meeting.location) : nil
        }
        var text = latest?.payload ?? ""
        var format = latest?.format ?? "md"
        var problems: [ValueProblem] = []
        var preview: String?
        if let body {
            guard body["csrf"] == signedIn.session.csrfToken else { return environment.refusedForm() }
            guard role != .liaison else { return environment.readOnly() }
            guard fileOwner == nil else { return environment.readOnly() }
            // Browsers post CRLF; the minutes keep LF, as a file would.
            text = (body["text"] ?? "").replacingOccurrences(of: "\r\n", with: "\n")
            format = body["format"] == "txt" ? "txt" : "md"
            // A file chosen in the upload field takes the place of the box's text.
            if let upload = body.uploads["file"] {
                switch Self.read(upload) {
                case .success(let uploaded):
                    text = uploaded.text
                    format = uploaded.format
                    problems = Self.problems(text)
                case .failure(let problem):
                    problems = [problem]
                }
            } else {
                problems = Self.problems(text)
            }
            let action = body["action"] ?? ""
            if problems.isEmpty, action == "draft" || action == "ready" {
                let change = ChairChange(
                    number: 0,
                    group: id,
                    occurrence: occurrence,
                    action: action == "ready" ? .minutesReady : .minutesDraft,
                    payload: text,
                    format: format,
                    author: signedIn.access.address,
                    at: now
                )
                do {
                    // Minutes share the meeting's subject in the store: the latest change of it is what was seen.
                    let seen = ChairOverlay.latest(of: id, occurrence: occurrence, in: saved)?.number
                    let stored = try await environment.ledger.appendChairChange(change, seen: seen)
                    environment.logger.notice(
                        "a chair saved minutes",
                        metadata: ["group": "\(id)", "occurrence": "\(occurrence)", "change": "\(stored.number)"]
                    )
                    environment.status.requestReload()
                    return HTML.seeOther("/chair/\(id)/minutes/\(occurrence)?saved=\(stored.number)")
                } catch {
                    environment.logger.error("web: cannot save minutes", metadata: ["error": "\(error)"])
                    problems.append(
                        ValueProblem(
                            "the ledger refused the minutes",
                            fix: "try again; tell the operator if it persists"
                        )
                    )
                }
            } else if problems.isEmpty {
                preview = await mail(
                    text: text,
                    format: format,
                    group: id,
                    occurrence: occurrence,
                    saved: saved,
                    fileConfig: fileConfig,
                    now: now
                )
            }
        }
        let start = found.meeting.start
        let state: String
        switch latest?.action {
        case .minutesReady: state = "Ready: these minutes are mailed to the list when the minutes mail is due."
        case .minutesDraft: state = "Draft: kept here, not mailed. Mark them ready when they are."
        default: state = "Nothing saved yet."
        }
        let context = MinutesPageContext(
            network: fileConfig.installation.network,
            address: signedIn.access.address,
            csrf: signedIn.session.csrfToken,
            id: id,
            name: group.name,
            occurrence: occurrence,
            meetingText: "\(start.date.mediumText) \(start.time)",
            stateText: state,
            readOnly: role == .liaison || fileOwner != nil,
            hasOwner: fileOwner != nil,
            ownerLine: fileOwner.map { "\($0.file):\($0.line)" } ?? "",
            text: text,
            markdown: format != "txt",
            hasProblems: !problems.isEmpty,
            problems: problems.map { .init(problem: $0.problem, fix: $0.fix) },
            hasPreview: preview != nil,
            preview: preview ?? ""
        )
        return HTML.page(
            environment.renderer.render(context, page: "chair-minutes"),
            status: problems.isEmpty ? .ok : .unprocessableContent
        )
    }

    /// The text and format of an uploaded minutes file: `.md` (Markdown) or `.txt` (plain text), at most 512 KB,
    /// UTF-8. The file's name only decides the format; it is never kept.
    static func read(_ upload: FormBody.Upload) -> Result<(text: String, format: String), ValueProblem> {
        let format: String
        switch upload.fileExtension {
        case "md", "markdown": format = "md"
        case "txt", "text": format = "txt"
        default:
            return .failure(
                ValueProblem(
                    "the uploaded file is not a .md or .txt file",
                    fix: "save the minutes as Markdown (.md) or plain text (.txt) and upload that, or paste them"
                )
            )
        }
        guard upload.bytes.count <= maximumBytes else {
            return .failure(
                ValueProblem(
                    "the uploaded file is larger than 512 KB",
                    fix: "leave out pasted images or long appendices"
                )
            )
        }
        guard var text = String(validating: upload.bytes, as: UTF8.self) else {
            return .failure(
                ValueProblem(
                    "the uploaded file is not UTF-8 text",
                    fix: "save it again as UTF-8 (in most editors: Save As, encoding UTF-8) and upload it"
                )
            )
        }
        // Editors on Windows start files with a byte order mark and end lines with CRLF; the minutes keep neither.
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        return .success((text.replacingOccurrences(of: "\r\n", with: "\n"), format))
    }

    /// What is wrong with pasted minutes, in words: empty, too large, or holding control characters.
    static func problems(_ text: String) -> [ValueProblem] {
        if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            return [ValueProblem("the minutes are empty", fix: "paste the minutes' text into the box")]
        }
        if text.utf8.count > maximumBytes {
            return [
                ValueProblem("the minutes are larger than 512 KB", fix: "leave out pasted images or long appendices")
            ]
        }
        let allowed: Set<Unicode.Scalar> = ["\n", "\t"]
        if text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control && !allowed.contains($0) }) {
            return [
                ValueProblem("the text holds control characters", fix: "paste it as plain text (without formatting)")
            ]
        }
        return []
    }

    /// The minutes mail as the list will read it, with these minutes marked ready.
    func mail(
        text: String,
        format: String,
        group id: String,
        occurrence: String,
        saved: [ChairChange],
        fileConfig: Config,
        now: Date
    ) async -> String {
        let draft = ChairChange(
            number: 0,
            group: id,
            occurrence: occurrence,
            action: .minutesReady,
            payload: text,
            format: format,
            author: "",
            at: now
        )
        let tried = ChairOverlay.trying(draft, after: saved, over: fileConfig)
        guard let group = tried.config.group(id: id),
            let found = group.meetingOccurrences.first(where: { $0.occurrence == occurrence })
        else { return "" }
        let scheduler = Scheduler(config: tried.config, existingMinutes: MinutesFiles.existing(in: tried.config))
        let start = found.scheduled.startInstant
        guard
            let mailing = scheduler.mailings(for: group, from: start, to: start.addingTimeInterval(400 * 86_400))
                .first(where: { $0.key.kind == .minutes && $0.key.occurrence == occurrence })
        else { return "No minutes mail is planned for this meeting (the installation's minutes mailing is off)." }
        let assembler = MailingAssembler(config: tried.config, renderer: environment.status.configuration.renderer)
        do {
            let assembled = try assembler.assemble(
                mailing,
                minutes: MinutesFiles.text(for: mailing, config: tried.config),
                date: mailing.due,
                approval: .redacted
            )
            return PreviewReport.readable(assembled, number: 1, of: 1)
        } catch {
            return "The minutes mail cannot be made: \(error)"
        }
    }
}

/// `/chair/ID/minutes/OCCURRENCE`.
struct MinutesPageContext: Sendable, SignedInContext {
    struct Problem: Sendable {
        var problem: String
        var fix: String
    }

    var network: String
    var address: String
    var csrf: String
    var id: String
    var name: String
    var occurrence: String
    var meetingText: String
    var stateText: String
    var readOnly: Bool
    var hasOwner: Bool
    var ownerLine: String
    var text: String
    var markdown: Bool
    var hasProblems: Bool
    var problems: [Problem]
    var hasPreview: Bool
    var preview: String
}
