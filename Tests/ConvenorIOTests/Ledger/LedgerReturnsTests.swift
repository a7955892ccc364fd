import ConvenorCore
import ConvenorIO
import ConvenorTesting
import Foundation
import Testing

/// What came back from the list, written through each store: the facts survive the store's row type, and a post the
/// list did not pass on is owed to the operator once, however many notices follow.
@Suite struct LedgerReturnsTests {
    let now = LedgerFixtures.monday
    let agenda = LedgerFixtures.mailing(
        .agenda,
        due: LedgerFixtures.at(hours: -1),
        validUntil: LedgerFixtures.at(days: 7)
    )

    func accepted(in ledger: any LedgerStore) async throws {
        _ = try await ledger.claim(agenda, messageID: "agenda@convenor.example", now: now)
        try await ledger.record(
            .delivered(reply: "250 2.0.0 Ok: queued"),
            for: agenda.key,
            now: now,
            policy: .standard,
            jitter: 0.5,
            posted: PostedCopy(list: "Groups@Lists.example.org", subject: "Agenda: chess, 6 October")
        )
    }

    @Test(arguments: LedgerStoreKind.allCases)
    func aHeldPostKeepsTheListsWordsAndIsOwedToTheOperatorOnce(store: LedgerStoreKind) async throws {
        let ledger = try await store.make()
        try await accepted(in: ledger)
        let held = ReturnedMail(
            verdict: .held(reason: "The message is not from a list member"),
            source: .mailman3,
            list: "groups@lists.example.org",
            link: "https://lists.example.org/held/1"
        )
        let later = LedgerFixtures.at(minutes: 2)
        let row = try #require(try await ledger.recordReturn(held, for: agenda.key, now: later))
        #expect(row.state == .held)
        #expect(row.postedTo == "groups@lists.example.org")
        #expect(row.subject == "Agenda: chess, 6 October")
        #expect(row.listWords == "The message is not from a list member")
        #expect(row.approvalLink == "https://lists.example.org/held/1")
        #expect(try await ledger.entries().first == row)
        #expect(try await ledger.unalertedProblems().map(\.key) == [agenda.key])

        try await ledger.markAlerted(keys: [agenda.key], at: later)
        try await ledger.markChairsAlerted(keys: [agenda.key], at: later)
        let bounce = ReturnedMail(
            verdict: .bounced(status: "5.1.1", diagnostic: "550 5.1.1 unknown user", recipient: nil),
            source: .mailServer
        )
        let bounced = try #require(try await ledger.recordReturn(bounce, for: agenda.key, now: later))
        #expect(bounced.state == .bounced)
        #expect(bounced.bounceStatus == "5.1.1")
        #expect(bounced.chairsAlertedAt == later)
        #expect(try await ledger.unalertedProblems().isEmpty)
    }

    @Test(arguments: LedgerStoreKind.allCases)
    func theListsCopyIsRecordedWithItsTimeAndALateNoticeChangesNothing(store: LedgerStoreKind) async throws {
        let ledger = try await store.make()
        try await accepted(in: ledger)
        let seen = LedgerFixtures.at(minutes: 1)
        let copy = ReturnedMail(verdict: .distributed, source: .listServer, list: "groups@lists.example.org")
        let row = try #require(try await ledger.recordReturn(copy, for: agenda.key, now: seen))
        #expect(row.state == .distributed)
        #expect(row.distributedAt == seen)
        let late = ReturnedMail(verdict: .rejected(reason: "not a member"), source: .mlmmj)
        #expect(try await ledger.recordReturn(late, for: agenda.key, now: LedgerFixtures.at(minutes: 3)) == nil)
        #expect(try await ledger.entries().map(\.state) == [.distributed])
        let zone = TimeZone(identifier: "Europe/London")!
        #expect(LedgerReport.note(for: row, zone: zone).hasPrefix("distributed by the list at "))
        #expect(
            LedgerReport.table(try await ledger.entries(), zone: { _ in zone }).contains("distributed by the list at")
        )
    }
}
