import ConvenorCore
import ConvenorTesting
import Foundation
import Testing

/// The Customer Services CoP's 2026-11-12 14:00 meeting (occurrence `2026-10`), announced on 2026-10-15, and the
/// edits chairs make to it afterwards.
enum LifecycleFixture {
    static let domain = "aln.example.org"
    static let occurrence = OccurrenceKey(group: "customer-services-cop", occurrence: "2026-10")
    static let teams = Place(online: "https://teams.example.org/l/meetup-join/customer-services")

    /// An instant from ISO 8601 with an offset.
    static func instant(_ text: String) throws -> Date {
        try #require(ISO8601DateFormatter().date(from: text), "bad test instant \(text)")
    }

    /// The meeting as configured after an edit.
    static func meeting(
        _ start: String = "2026-11-12 14:00",
        lengthMinutes: Int = 90,
        place: Place = teams,
        agenda: [String] = ["Welcome and introductions"],
        cancelled: Bool = false,
        reason: String? = nil
    ) -> Meeting {
        Meeting(
            start: ConfigFixtures.dateTime(start),
            lengthMinutes: lengthMinutes,
            place: place,
            agenda: agenda,
            cancelled: cancelled,
            cancellationReason: reason,
            location: SourceLocation(file: "config/groups/customer-services-cop.yaml", line: 20, column: 5)
        )
    }

    /// A scheduler over the group with `meetings`.
    static func scheduler(_ meetings: [Meeting]) -> Scheduler {
        Scheduler(config: ConfigFixtures.config(groups: [ConfigFixtures.customerServicesCoP(meetings: meetings)]))
    }

    /// Every mailing of 2026 and 2027.
    static func schedule(_ scheduler: Scheduler) throws -> [Mailing] {
        scheduler.mailings(from: try instant("2026-01-01T00:00:00Z"), to: try instant("2028-01-01T00:00:00Z"))
    }

    /// The facts the original meeting's announcement told the list when it was sent on 2026-10-15.
    static func announcedOriginal() throws -> AnnouncedOccurrence {
        let original = try schedule(scheduler([meeting()]))
        let announcement = try #require(original.first { $0.key.kind == .announcement })
        return try #require(
            AnnouncedOccurrence(
                announcing: announcement,
                domain: domain,
                at: try instant("2026-10-15T09:00:05+01:00")
            )
        )
    }

    /// The ledger after the announcement was sent.
    static func announcedSnapshot() throws -> LedgerSnapshot {
        LedgerSnapshot([], announced: [try announcedOriginal()])
    }

    /// A `sent` ledger row for `key`, first attempted and sent at `at`.
    static func sentEntry(_ key: MailingKey, at: Date) -> LedgerEntry {
        LedgerEntry(
            key: key,
            state: .sent,
            due: at,
            validUntil: at.addingTimeInterval(86_400 * 30),
            attempts: 1,
            firstAttempt: at,
            createdAt: at,
            updatedAt: at,
            sentAt: at
        )
    }

    /// Applies the lifecycle to the whole schedule of `meetings` at `now`.
    static func apply(_ meetings: [Meeting], snapshot: LedgerSnapshot, now: String) throws -> LifecycleResult {
        let scheduler = scheduler(meetings)
        return Lifecycle.apply(
            to: try schedule(scheduler),
            scheduler: scheduler,
            snapshot: snapshot,
            now: try instant(now)
        )
    }

    /// `agenda/2026-10/1`-style keys of the mailings for the fixture's occurrence, in schedule order.
    static func keys(_ mailings: [Mailing]) -> [String] {
        mailings.filter { OccurrenceKey($0.key) == occurrence }
            .map { "\($0.key.kind.rawValue)/\($0.key.occurrence)/\($0.key.revision)" }
    }
}
