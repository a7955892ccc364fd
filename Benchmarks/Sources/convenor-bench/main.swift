import Foundation
import NIOCore
import NIOPosix

// convenor-bench: the two things the benchmark and soak runners (Benchmarks/*.py) cannot do from the CLI.
//   send DIR URL CA PASSWORD_FILE      every .eml in DIR through SMTPTransport, one batch, one connection
//   inject N SEED CONFIG_DIR OUT_DIR   N messages rendered and composed from hostile template values
//   serve-files FOLDER PORT            FOLDER's files from disk, by convenor's own web server (bench row 6's floor)
let arguments = Array(CommandLine.arguments.dropFirst())
let status: Int32
switch arguments.first {
case "send":
    status = await SendCommand.run(Array(arguments.dropFirst()))
case "inject":
    status = InjectCommand.run(Array(arguments.dropFirst()))
case "serve-files":
    // Where `convenor run` runs its jobs (EventLoopExecutor), so the floor is served as convenor's pages are.
    if !NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor() {
        FileHandle.standardError.write(Data("serve-files: jobs run on libdispatch's pool, not NIO's loops\n".utf8))
    }
    status = await ServeFilesCommand.run(Array(arguments.dropFirst()))
default:
    print(
        "usage: convenor-bench send DIR URL CA PASSWORD_FILE | inject N SEED CONFIG_DIR OUT_DIR"
            + " | serve-files FOLDER PORT"
    )
    status = 2
}
exit(status)
