import Foundation

// convenor-bench: the two things the benchmark and soak runners (Benchmarks/*.py) cannot do from the CLI.
//   send DIR URL CA PASSWORD_FILE      every .eml in DIR through SMTPTransport, one batch, one connection
//   inject N SEED CONFIG_DIR OUT_DIR   N messages rendered and composed from hostile template values
let arguments = Array(CommandLine.arguments.dropFirst())
let status: Int32
switch arguments.first {
case "send":
    status = await SendCommand.run(Array(arguments.dropFirst()))
case "inject":
    status = InjectCommand.run(Array(arguments.dropFirst()))
default:
    print("usage: convenor-bench send DIR URL CA PASSWORD_FILE | inject N SEED CONFIG_DIR OUT_DIR")
    status = 2
}
exit(status)
