import Hummingbird
import HummingbirdCore
package import Logging
package import ServiceLifecycle

/// The floor `make bench` measures the chairs' pages against (row 6): this same server (`WebService` on NIO's event
/// loops, the same security headers on every response) serving a folder's files as they are on disk, through
/// Hummingbird's `FileMiddleware`. convenor itself never serves files from disk (its pages are rendered, its one
/// style sheet and script are compiled in); only `convenor-bench serve-files` uses this.
package enum StaticFileServer {
    package static func service(
        folder: String,
        host: String,
        port: Int,
        logger: Logger,
        onListening: @escaping @Sendable (String) async -> Void
    ) -> some Service {
        let router = Router(context: WebRequestContext.self)
        router.add(middleware: SecurityHeadersMiddleware())
        router.add(middleware: FileMiddleware(folder, logger: logger))
        return WebService(
            responder: router.buildResponder(),
            configuration: ServerConfiguration(address: .hostname(host, port: port), serverName: "convenor"),
            services: [],
            onServerRunning: { channel in
                await onListening("http://\(host):\(channel.localAddress?.port ?? port)")
            },
            logger: logger
        )
    }
}
