import ConvenorCore
import ConvenorIO
import ConvenorTesting
import Foundation
import GRDB
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// kill -9 against a process writing the ledger file, then reopening it: nothing committed may be lost.
///
/// The writer is `Tests/Support/ledger_claim_writer.py` (Python's sqlite3, WAL, synchronous=FULL): SwiftPM cannot
/// build a test-only executable here, and the daemon's own kill -9 test belongs to the daemon. This one checks the
/// file-level promise the daemon relies on: after a kill at a random moment, `SQLiteLedger.open` succeeds, the integrity
/// check says ok, and every transaction the writer saw committed is there.
@Suite struct LedgerCrashTests {
    static let writerScript = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Support/ledger_claim_writer.py").path

    /// The kill delays come from `seed` (printed in every failure), so a failing run's delays can be replayed.
    @Test(arguments: [13] as [UInt64])
    func aLedgerKilledMidWriteReopensIntactWithEveryCommittedClaim(seed: UInt64) async throws {
        var generator = SeededGenerator(seed: seed)
        let directory = try LedgerFixtures.temporaryDirectory("kill9")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try SQLiteLedger.open(directory: directory).close()

        for round in 0..<5 {
            let group = "crash\(round)"
            let progress = directory + "/progress-\(round)"
            let committed = try await killWriter(
                database: directory + "/" + SQLiteLedger.fileName,
                progress: progress,
                group: group,
                afterRounds: 5 + round * 20,
                delay: .milliseconds(Int.random(in: 0...15, using: &generator)),
                seed: seed
            )

            let ledger = try SQLiteLedger.open(directory: directory)
            #expect(try await ledger.integrityCheck(), "seed \(seed) round \(round)")
            let rows = try await ledger.entries(group: group)
            let states = Dictionary(uniqueKeysWithValues: rows.map { ($0.key.occurrence, $0.state) })
            for number in committed {
                let occurrence = String(format: "%06d", number)
                // The last committed round may have been followed by one more commit before the kill.
                #expect(
                    states[occurrence] == .claimed || states[occurrence] == .sent,
                    "seed \(seed) round \(round) lost \(number)"
                )
                if number > 0 {
                    #expect(
                        states[String(format: "%06d", number - 1)] == .sent,
                        "seed \(seed) round \(round) lost a sent mark"
                    )
                }
            }
            #expect(rows.filter { $0.state == .claimed }.count == 1, "seed \(seed) round \(round)")
            #expect(rows.count >= committed.count, "seed \(seed) round \(round)")
            try ledger.close()
        }
    }

    /// Runs the writer until it reports `afterRounds` commits, waits `delay` (a few milliseconds drawn from `seed`),
    /// kills it with SIGKILL, and returns the rounds it reported committed.
    func killWriter(
        database: String,
        progress: String,
        group: String,
        afterRounds: Int,
        delay: Duration,
        seed: UInt64
    ) async throws -> [Int] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Self.writerScript, database, progress, group]
        try process.run()
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }

        let deadline = ContinuousClock.now + .seconds(30)
        while try committedRounds(progress).count < afterRounds {
            try #require(process.isRunning, "seed \(seed): the writer exited early")
            try #require(ContinuousClock.now < deadline, "seed \(seed): the writer made no progress in 30 seconds")
            try await Task.sleep(for: .milliseconds(5))
        }
        try await Task.sleep(for: delay)
        #expect(kill(process.processIdentifier, SIGKILL) == 0, "seed \(seed)")
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal, "seed \(seed)")
        return try committedRounds(progress)
    }

    /// Complete lines only: a line cut by the kill was never fully reported.
    func committedRounds(_ path: String) throws -> [Int] {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        let text = String(decoding: data, as: UTF8.self)
        let complete = text.hasSuffix("\n") ? text : String(text[..<(text.lastIndex(of: "\n") ?? text.startIndex)])
        return complete.split(separator: "\n").compactMap { Int($0) }
    }
}
