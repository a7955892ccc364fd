import ConvenorCore
import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
import ServiceLifecycle
import Synchronization

/// Serves the web's router on NIO's event loops: what Hummingbird's `Application.run` does, minus its date cache.
///
/// `Application` runs a `DateCache` service whose one-second timer would wake an idle daemon sixty times a minute
/// (issue 16 promises an idle daemon that never wakes). Here the `Date` header is formatted when a response needs
/// it, at most once a second (`HTTPDateHeader`), so a server nobody asks sleeps.
struct WebService: Service {
    let responder: RouterResponder<WebRequestContext>
    let configuration: ServerConfiguration
    let services: [any Service]
    let onServerRunning: @Sendable (any Channel) async -> Void
    let logger: Logger

    func run() async throws {
        let responder = responder
        let logger = logger
        let serverName = configuration.serverName
        let server = try HTTPServerBuilder.http1().buildServer(
            configuration: configuration,
            eventLoopGroup: MultiThreadedEventLoopGroup.singleton,
            logger: logger
        ) { request, responseWriter, channel in
            let context = WebRequestContext(source: .init(channel: channel, logger: logger))
            var response: Response
            do {
                response = try await responder.respond(to: request, context: context)
            } catch let error as HTTPParserError {
                throw error
            } catch {
                // The router turns HTTP errors into responses itself; anything else is ours, and says nothing.
                logger.debug("unhandled error", metadata: ["error.type": "\(type(of: error))"])
                response = Response(status: .internalServerError)
            }
            response.headers[.date] = HTTPDateHeader.shared.now()
            if let serverName { response.headers[.server] = serverName }
            do {
                try await responseWriter.write(response: response.head, body: response.body)
            } catch is HTTPParserError {
                // Not the parser error itself: the channel handler would answer it with a second response.
                throw ParseErrorWhileWritingResponse()
            }
        } onServerRunning: { channel in
            await onServerRunning(channel)
        }
        try await ServiceGroup(configuration: .init(services: services + [server], logger: logger)).run()
    }
}

/// A request that turned out malformed while its response was being written; the connection is closed.
private struct ParseErrorWhileWritingResponse: Error {}

/// The `Date` response header, formatted at most once a second and only when a response asks for it.
final class HTTPDateHeader: Sendable {
    static let shared = HTTPDateHeader()

    private let last = Mutex<(second: Double, text: String)>((second: -.infinity, text: ""))

    func now() -> String {
        let date = Date()
        let second = date.timeIntervalSince1970.rounded(.down)
        return last.withLock { last in
            if last.second != second { last = (second, HTTPDate.format(Date(timeIntervalSince1970: second))) }
            return last.text
        }
    }
}
