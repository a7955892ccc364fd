import ConvenorCore
import ConvenorIO
import Foundation

/// `convenor-bench inject N SEED CONFIG_DIR OUT_DIR`: header-injection fuzzing through the real render and compose.
///
/// Each round takes a group of the config, replaces every value a chair writes that reaches a template (name,
/// remit, chairs' names, venue, agenda items) with hostile text (CR, LF, NUL, `.` lines, fake header lines), then
/// renders and composes one of its mailings. It writes `OUT/NNNNN.eml` and, for comparison, the same mailing with
/// the group's own values as `OUT/NNNNN.clean.eml`; `soak.py` parses both with Python's email package and counts
/// header fields that appear in the first but not the second. A mailing that refuses to compose is written as
/// `NNNNN.refused` (a refusal is not an injection).
enum InjectCommand {
    /// Fragments the hostile values are made of: line breaks of every kind, NUL, SMTP's end-of-data line and text
    /// that would be a header if a line break before it survived.
    static let fragments = [
        "\r\n", "\n", "\r", "\0", "\r\n.\r\n", "\n.\n", ".", "\r\nX-Injected: yes", "\nBcc: victim@example.com",
        "\r\nSubject: injected", "\n\nbody-injected", "Rare Books", "é", "=?utf-8?q?x?=", "{{name}}", " ", ":",
        "<b>", "\t", "\u{2028}", "\r\n\r\n", "..", "\r\nContent-Type: text/html",
    ]

    static func run(_ arguments: [String]) -> Int32 {
        guard arguments.count == 4, let count = Int(arguments[0]), let seed = UInt64(arguments[1]) else {
            print("usage: convenor-bench inject N SEED CONFIG_DIR OUT_DIR")
            return 2
        }
        let loaded = WorkspaceLoader.load(directory: arguments[2])
        guard let workspace = loaded.workspace, !workspace.config.groups.isEmpty else {
            loaded.diagnostics.forEach { print($0) }
            return 1
        }
        let output = arguments[3]
        try? FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        var random = SplitMix(seed: seed)
        let start = Date(timeIntervalSince1970: 1_788_220_800)  // 2026-09-01
        let end = start.addingTimeInterval(366 * 86_400)
        var written = 0
        var refused = 0
        for round in 0..<count {
            let original = workspace.config.groups[round % workspace.config.groups.count]
            let mailings = Scheduler(config: workspace.config).mailings(for: original, from: start, to: end)
            guard !mailings.isEmpty else { continue }
            let mailing = mailings[Int(random.next() % UInt64(mailings.count))]
            var hostile = original
            hostile.name = value(&random)
            hostile.remit = value(&random)
            hostile.chairs = hostile.chairs.map {
                Person(name: value(&random), email: $0.email, institution: value(&random))
            }
            hostile.cadence?.place.venue = value(&random)
            hostile.meetings = hostile.meetings.map { meeting in
                var changed = meeting
                changed.agenda = (0..<3).map { _ in value(&random) }
                changed.place.venue = value(&random)
                return changed
            }
            var config = workspace.config
            config.groups = config.groups.map { $0.id == original.id ? hostile : $0 }
            let hostileMailing =
                Scheduler(config: config).mailings(for: hostile, from: start, to: end).first { $0.key == mailing.key }
                ?? mailing
            let name = output + "/" + String(format: "%05d", round)
            let clean = try? workspace.assembler.assemble(mailing, date: mailing.due)
            do {
                let assembled = try MailingAssembler(config: config, renderer: workspace.renderer)
                    .assemble(hostileMailing, date: hostileMailing.due)
                _ = FileManager.default.createFile(atPath: name + ".eml", contents: Data(assembled.bytes))
                if let clean {
                    _ = FileManager.default.createFile(atPath: name + ".clean.eml", contents: Data(clean.bytes))
                }
                written += 1
            } catch {
                _ = FileManager.default.createFile(atPath: name + ".refused", contents: Data("\(error)".utf8))
                refused += 1
            }
        }
        print("composed \(written), refused \(refused)")
        return 0
    }

    /// One hostile value: one to eight fragments.
    static func value(_ random: inout SplitMix) -> String {
        let length = 1 + Int(random.next() % 8)
        return (0..<length).map { _ in fragments[Int(random.next() % UInt64(fragments.count))] }.joined()
    }
}

/// SplitMix64: a seeded generator, so a failing round can be reproduced from its seed.
struct SplitMix: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
