import ArgumentParser
import ConvenorCore
import ConvenorIO
import ConvenorPostgres
import Foundation

extension LedgerCommand {
    /// `convenor ledger migrate-to URL`: copies the SQLite ledger of `state_dir` into an empty PostgreSQL database,
    /// once, before the installation's convenor.yaml gains a `ledger:` block (docs/OPERATOR.md walks through it).
    struct MigrateTo: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "migrate-to",
            abstract:
                "Copy this installation's SQLite ledger into an empty PostgreSQL database (once, daemon stopped).",
            discussion: """
                URL is postgresql://HOST:PORT/DB, as `url:` of the `ledger:` block will be. Stop the daemon first \
                (`systemctl stop convenor`): what it sends while the copy runs would be missing from the copy. \
                A target that already holds mailings or chair changes is refused. Then add the `ledger:` block to \
                convenor.yaml and start convenor again.
                """
        )

        @OptionGroup var config: ConfigOptions
        @OptionGroup var clock: ClockOptions

        @Argument(help: ArgumentHelp("The PostgreSQL database, postgresql://HOST:PORT/DB.", valueName: "url"))
        var url: String

        @Option(help: ArgumentHelp("The database user (as `user:` under `ledger:`).", valueName: "name"))
        var user: String

        @Option(
            name: .customLong("password-file"),
            help: ArgumentHelp("A file holding the password, readable only by its owner.", valueName: "path")
        )
        var passwordFile: String?

        @Option(
            name: .customLong("ca-file"),
            help: ArgumentHelp(
                "The CA that signed the server's certificate (TLS is always verified).",
                valueName: "path"
            )
        )
        var caFile: String?

        @Flag(help: "No TLS: only for a database on this machine (127.0.0.1, ::1 or localhost).")
        var plain = false

        func run() async throws {
            let config = try await config.loadValidConfig()
            var standardError = StandardError()
            let endpoint: (host: String, port: Int, database: String)
            switch LedgerParser.parseURL(url) {
            case .success(let parsed): endpoint = parsed
            case .failure(let problem): throw ValidationError("\(problem.problem); \(problem.fix)")
            }
            if plain, !LedgerSettings.isLoopback(endpoint.host) {
                throw ValidationError(
                    "--plain would send the password and every row to \(endpoint.host) unencrypted; "
                        + "leave it out and give the server's CA with --ca-file"
                )
            }
            let settings = LedgerSettings(
                host: endpoint.host,
                port: endpoint.port,
                database: endpoint.database,
                user: user,
                password: passwordFile.map(SecretSource.file),
                security: plain ? .plain : .verifiedTLS(caFile: caFile),
                source: SourceLocation(file: "--password-file", line: 0, column: 0)
            )
            let stateDirectory = config.installation.stateDirectory
            let source: SQLiteLedger
            do {
                guard let opened = try SQLiteLedger.openReadOnly(directory: stateDirectory) else {
                    print("convenor: no ledger in \(stateDirectory) to copy", to: &standardError)
                    throw ExitCode(ExitCodes.failure)
                }
                source = opened
            } catch let exit as ExitCode {
                throw exit
            } catch {
                print("convenor: cannot read the ledger in \(stateDirectory) (\(error))", to: &standardError)
                throw ExitCode(ExitCodes.failure)
            }
            defer { try? source.close() }
            let target = try await LedgerAccess.openShared(settings, fencing: nil)
            defer { try? target.close() }
            do {
                let copied = try await LedgerCopy.copy(from: source, to: target)
                print(
                    "copied \(copied.mailings) mailings, \(copied.announced) announced meetings and "
                        + "\(copied.chairChanges) chair changes from \(stateDirectory)/\(SQLiteLedger.fileName) "
                        + "to \(settings.location)"
                )
                print(
                    "next: add to convenor.yaml\n  ledger:\n    url: \(settings.location)\n    user: \(user)\n"
                        + (passwordFile.map { "    password_file: \($0)\n" } ?? "")
                        + (caFile.map { "    ca_file: \($0)\n" } ?? "")
                        + (plain ? "    tls: off\n" : "")
                        + "then start convenor; the SQLite file is left as it was"
                )
            } catch {
                print("convenor: \(error)", to: &standardError)
                throw ExitCode(ExitCodes.failure)
            }
        }
    }
}
