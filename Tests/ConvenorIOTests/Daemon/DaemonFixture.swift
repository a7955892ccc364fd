import ConvenorCore
import ConvenorIO
import ConvenorTesting
import Foundation
import Logging
import Synchronization

/// A wall clock a test sets by hand.
final class ManualClock: WallClock {
    private let instant: Mutex<Date>

    init(_ text: String) { instant = Mutex(DaemonFixture.instant(text)) }

    func now() -> Date { instant.withLock { $0 } }

    func set(_ text: String) { instant.withLock { $0 = DaemonFixture.instant(text) } }
}

/// A temporary installation for daemon tests: YAML config, the repository's templates, a real SQLite ledger file.
///
/// The group `alpha` meets at 14:00 London time on 2027-03-03, -04, -05 and -08; announcement 28 days, call for
/// agenda 21 days and agenda 7 days before, everything else off; rate unlimited unless `ratePerMinute` is given.
struct DaemonFixture {
    let directory: String
    let ledger: SQLiteLedger
    let clock: ManualClock
    let logs: CollectingLogHandler.Store
    let logger: Logger
    let config: Config
    let renderer: TemplateRenderer

    /// - Parameters:
    ///   - extraYAML: more top-level convenor.yaml lines (e.g. a `returns:` block), whole lines.
    ///   - moreGroups: how many groups like `alpha` to add (`group1`, `group2`, ...), for passes with many sends.
    init(
        ratePerMinute: Int = 0,
        moreGroups: Int = 0,
        announcement: String = "28 days before",
        start: String = "2027-02-09T12:00:00Z",
        extraYAML: (String) -> String = { _ in "" }
    ) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("convenor-daemon-\(UUID())").path
        try FileManager.default.createDirectory(atPath: directory + "/config/groups", withIntermediateDirectories: true)
        try
            (Self.installationYAML(
                templates: Self.templatesDirectory,
                ratePerMinute: ratePerMinute,
                announcement: announcement
            ) + extraYAML(directory))
            .write(toFile: directory + "/config/convenor.yaml", atomically: true, encoding: .utf8)
        try Self.groupYAML(id: "alpha").write(
            toFile: directory + "/config/groups/alpha.yaml",
            atomically: true,
            encoding: .utf8
        )
        for number in stride(from: 1, through: moreGroups, by: 1) {
            try Self.groupYAML(id: "group\(number)").write(
                toFile: directory + "/config/groups/group\(number).yaml",
                atomically: true,
                encoding: .utf8
            )
        }
        clock = ManualClock(start)
        (logger, logs) = CollectingLogHandler.logger()
        let loaded = DaemonConfiguration.load(directory: directory + "/config", clock: clock, logger: logger)
        guard let configuration = loaded.configuration else {
            throw TestServerError(message: "fixture config broken: \(loaded.diagnostics)")
        }
        config = configuration.config
        renderer = configuration.renderer
        ledger = try SQLiteLedger.open(directory: config.installation.stateDirectory)
    }

    /// The configuration with `transport` in place of the configured one.
    func configuration(_ transport: any MailTransport) -> DaemonConfiguration {
        DaemonConfiguration(config: config, renderer: renderer, transport: transport)
    }

    /// A pass with fixed jitter (0.5: no jitter) and no real waiting between batches.
    func pass(pauses: PauseLog? = nil) -> DeliveryPass {
        var pass = DeliveryPass(ledger: ledger, clock: clock, logger: logger)
        pass.jitter = { 0.5 }
        pass.pause = { duration in pauses?.append(duration) }
        return pass
    }

    /// Runs one pass at `time` with `transport`.
    @discardableResult
    func run(at time: String, _ transport: any MailTransport) async -> DeliveryPass.Result {
        clock.set(time)
        return await pass().run(configuration(transport))
    }

    func state(_ kind: MailingKind, _ occurrence: String) async throws -> LedgerState? {
        try await ledger.entry(for: MailingKey(group: "alpha", kind: kind, occurrence: occurrence, revision: 0))?.state
    }

    func cleanUp() {
        try? ledger.close()
        try? FileManager.default.removeItem(atPath: directory)
    }

    static func instant(_ text: String) -> Date {
        let formatter = ISO8601DateFormatter()
        guard let date = formatter.date(from: text) else { preconditionFailure("not an instant: \(text)") }
        return date
    }

    /// The repository's templates/ directory.
    static var templatesDirectory: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("templates").path
    }

    static func installationYAML(
        templates: String,
        ratePerMinute: Int,
        announcement: String = "28 days before",
        transport: String = "transport: outbox"
    )
        -> String
    {
        """
        network: Test Network
        timezone: Europe/London
        from: "Test Groups <groups@test.example.org>"
        operator: ops@test.example.org
        state_dir: ../state
        outbox_dir: ../outbox
        templates_dir: \(templates)
        send_time: "09:00"
        working_days: [mon, tue, wed, thu, fri]
        mailings:
          announcement: \(announcement)
          call-for-agenda: 21 days before
          agenda: 7 days before
          reminder: off
          confirm-date: off
          minutes-chase: off
          tor-review: off
        delivery:
          \(transport)
          rate_per_minute: \(ratePerMinute)

        """
    }

    static func groupYAML(id: String) -> String { ConfigFixtures.daemonGroupYAML(id: id) }
}

/// The pauses a pass asked for between batches.
final class PauseLog: Sendable {
    private let durations = Mutex<[Duration]>([])
    func append(_ duration: Duration) { durations.withLock { $0.append(duration) } }
    var all: [Duration] { durations.withLock { $0 } }
}
