import ConvenorCore
package import Foundation

/// Finds or records a ledger's first start (`LedgerStore.recordFirstStart`), at the edge, for `FirstStartRule`.
///
/// The marker lives in the ledger so that instances sharing one database agree and a fresh database is a first
/// start. Ledgers older than the marker adopt an earlier instant instead of "now", so an upgrade is not mistaken
/// for a first start: the instant of the old `<state_dir>/first-start` file, or else the oldest row's creation.
package enum FirstStart {
    /// The file earlier builds kept the first start in, one ISO 8601 line; read once, when the ledger has none.
    package static let legacyFileName = "first-start"

    /// The first start, and whether this call made it (a new ledger's first start: `run` then says what it skipped).
    package struct Established: Hashable, Sendable {
        package var instant: Date
        package var isNew: Bool

        package init(instant: Date, isNew: Bool) {
            self.instant = instant
            self.isNew = isNew
        }
    }

    /// The recorded first start, recording one if the ledger has none yet.
    package static func establish(
        ledger: any LedgerStore,
        stateDirectory: String,
        now: Date
    ) async throws(LedgerError) -> Established {
        if let recorded = try await ledger.firstStart() {
            return Established(instant: recorded, isNew: false)
        }
        var earlier = legacyInstant(stateDirectory: stateDirectory)
        if earlier == nil { earlier = try await ledger.entries().map(\.createdAt).min() }
        // Whole seconds, so every store reads back the instant it was given.
        let candidate = Date(timeIntervalSince1970: (earlier ?? now).timeIntervalSince1970.rounded(.down))
        let stored = try await ledger.recordFirstStart(candidate)
        return Established(instant: stored, isNew: earlier == nil && stored == candidate)
    }

    /// The instant in an old `<state_dir>/first-start` file, if there is one.
    static func legacyInstant(stateDirectory: String) -> Date? {
        let path = stateDirectory + "/" + legacyFileName
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        return ISO8601DateFormatter().date(from: text.trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
