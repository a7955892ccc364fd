import ConvenorCore
import ConvenorIO
import Foundation
import Hummingbird

/// `/`, `/groups/ID`, the calendar feeds and published minutes: what anyone may read, built only from what the
/// lists have already been told (`PublicDirectory`).
struct PublicRoutes: Sendable {
    let environment: WebEnvironment

    func register<Context: RequestContext>(on router: Router<Context>) {
        router.get("/") { _, _ in await directory() }
        router.get("/groups/:id") { _, context in await group(id: context.parameters.get("id") ?? "") }
        router.get("/calendar.ics") { _, _ in await calendar(group: nil) }
        router.get("/groups/:id/calendar.ics") { _, context in await calendar(group: context.parameters.get("id")) }
        router.get("/groups/:id/minutes/:occurrence") { _, context in
            await minutes(
                id: context.parameters.get("id") ?? "",
                occurrence: context.parameters.get("occurrence") ?? ""
            )
        }
        router.get("/static/convenor.css") { _, _ in
            var response = HTML.body(Stylesheet.text, contentType: "text/css; charset=utf-8")
            response.headers[.cacheControl] = "public, max-age=3600"
            return response
        }
        router.get("/static/convenor.js") { _, _ in
            var response = HTML.body(LivePreviewScript.text, contentType: "text/javascript; charset=utf-8")
            response.headers[.cacheControl] = "public, max-age=3600"
            return response
        }
    }

    func directory() async -> Response {
        let environment = environment
        return await environment.cachedPage("directory") {
            let directory = await environment.publicDirectory()
            let context = DirectoryPageContext(
                network: environment.config.installation.network,
                groups: directory.groups
            )
            return environment.renderer.render(context, page: "directory")
        }
    }

    func group(id: String) async -> Response {
        // Chairs' changes never add a group: the operator's files say which exist, before anything is worked out.
        guard environment.config.group(id: id) != nil else { return environment.notFound() }
        let environment = environment
        return await environment.cachedPage("group/\(id)") {
            guard let group = await environment.publicDirectory().group(id: id) else { return nil }
            let context = GroupPageContext(network: environment.config.installation.network, group: group)
            return environment.renderer.render(context, page: "group")
        }
    }

    /// The feed, always current: built from the daemon's configuration and ledger at each request, with the UIDs
    /// and SEQUENCEs the mails carry, and only the meetings the list has been told about.
    func calendar(group id: String?) async -> Response {
        let config = await environment.plannedConfig()
        if let id, config.group(id: id) == nil { return environment.notFound() }
        let snapshot = await environment.snapshot()
        let now = environment.clock.now()
        let sequences = Outlook.revisions(
            config: config,
            existingMinutes: MinutesFiles.existing(in: config),
            snapshot: snapshot,
            now: now
        )
        var feed = CalendarFeed(config: config, sequences: sequences)
        feed.only = Set(snapshot.announced.keys)
        var response = HTML.body(feed.text(group: id, stamp: now), contentType: "text/calendar; charset=utf-8")
        response.headers[.cacheControl] = "no-cache"
        return response
    }

    /// A published minutes file as plain text; 404 unless the group opted in and the meeting is public.
    func minutes(id: String, occurrence: String) async -> Response {
        let directory = await environment.publicDirectory()
        guard let entry = directory.group(id: id)?.minutes.first(where: { $0.occurrence == occurrence }),
            let data = FileManager.default.contents(atPath: entry.path),
            let text = String(data: data, encoding: .utf8)
        else { return environment.notFound() }
        return HTML.body(text, contentType: "text/plain; charset=utf-8")
    }
}
