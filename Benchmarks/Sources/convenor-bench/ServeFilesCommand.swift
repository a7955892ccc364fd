import ConvenorWeb
import Foundation
import Logging
import ServiceLifecycle
import UnixSignals

/// `convenor-bench serve-files FOLDER PORT`: the static-file floor of bench row 6. The same web server convenor runs
/// (its `WebService`, its security headers, Swift concurrency on NIO's event loops as `convenor run` installs them)
/// serves FOLDER's files from disk on 127.0.0.1:PORT (0: a free port), prints `listening URL` once bound, and stops
/// on SIGTERM or SIGINT.
enum ServeFilesCommand {
    static func run(_ arguments: [String]) async -> Int32 {
        guard arguments.count == 2, let port = Int(arguments[1]) else {
            print("usage: convenor-bench serve-files FOLDER PORT")
            return 2
        }
        let logger = Logger(label: "convenor-bench")
        let server = StaticFileServer.service(folder: arguments[0], host: "127.0.0.1", port: port, logger: logger) {
            url in
            FileHandle.standardOutput.write(Data("listening \(url)\n".utf8))
        }
        let group = ServiceGroup(
            configuration: .init(services: [server], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        )
        do {
            try await group.run()
            return 0
        } catch {
            print("serve-files: \(error)")
            return 1
        }
    }
}
