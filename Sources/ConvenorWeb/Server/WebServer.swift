import ConvenorCore
import ConvenorIO
import Foundation
import Hummingbird
import HummingbirdCore
package import ServiceLifecycle
import Logging
import NIOCore

/// The chairs' web and the public directory: a Hummingbird router served as one more `Service` in the daemon's
/// `ServiceGroup` (`WebService`), so SIGTERM stops it with the daemon and a failure to bind stops the start.
package enum WebServer {
    /// The application for `environment`, listening where its settings say.
    ///
    /// - Parameter onListening: called once the socket is bound, with the URL it is reachable at (the real port when
    ///   the settings asked for port 0).
    package static func application(
        _ environment: WebEnvironment,
        onListening: @escaping @Sendable (String) async -> Void = { _ in }
    ) -> some Service {
        let router = Router(context: WebRequestContext.self)
        router.add(middleware: SecurityHeadersMiddleware())
        PublicRoutes(environment: environment).register(on: router)
        MetricsRoute(environment: environment).register(on: router)
        let mailer = SignInMailer(transport: { environment.status.configuration.transport }, logger: environment.logger)
        SignInRoutes(environment: environment, mailer: mailer).register(on: router)
        ChairRoutes(environment: environment).register(on: router)
        ChairConfirmRoutes(environment: environment).register(on: router)
        ChairMinutesRoutes(environment: environment).register(on: router)
        ChairMeetingRoutes(environment: environment).register(on: router)
        ChairMailRoutes(environment: environment).register(on: router)
        ChairWordingRoutes(environment: environment).register(on: router)
        let settings = environment.settings
        return WebService(
            responder: router.buildResponder(),
            configuration: ServerConfiguration(
                address: .hostname(settings.host, port: settings.port),
                serverName: "convenor"
            ),
            services: [mailer],
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? settings.port
                let host = settings.host.contains(":") ? "[\(settings.host)]" : settings.host
                let url = "http://\(host):\(port)"
                environment.listening(at: url)
                await onListening(url)
            },
            logger: environment.logger
        )
    }
}
