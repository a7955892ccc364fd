import ConvenorTesting
import Foundation
import Testing

/// `convenor run --once`: one pass of the built binary against a real ledger file, then exit.
@Suite struct RunOnceTests {
    @Test func twoRunsInARowWriteEachMailingToTheOutboxOnce() async throws {
        let installation = try RunInstallation(groups: 2)
        defer { installation.cleanUp() }

        let first = try await installation.runOnce(now: "2027-02-09T12:00:00Z")
        let second = try await installation.runOnce(now: "2027-02-09T12:00:30Z")

        #expect(first.status == 0 && second.status == 0, "\(first.stderr)\n\(second.stderr)")
        let files = installation.outboxFiles()
        #expect(files.count == 8)
        #expect(Set(files.map { $0.split(separator: "-", maxSplits: 2)[2] }).count == 8)
        #expect(first.stderr.contains("sent=8") && second.stderr.contains("sent=0"))
        #expect(try installation.integrityCheck() == "ok")
    }

    @Test func twoRunsInARowSendEachMailingOnceOverSMTP() async throws {
        let relay = try await SMTPTestServer.start(listeners: ["relay": .normal])
        defer { relay.stop() }
        let installation = try RunInstallation(groups: 2, delivery: relay.deliveryYAML("relay"))
        defer { installation.cleanUp() }

        let first = try await installation.runOnce(now: "2027-02-09T12:00:00Z")
        let second = try await installation.runOnce(now: "2027-02-09T12:00:30Z")

        #expect(first.status == 0 && second.status == 0, "\(first.stderr)\n\(second.stderr)")
        let ids = try relay.receivedMessageIDs("relay")
        #expect(ids.count == 8 && Set(ids).count == 8)
        #expect(!first.stderr.contains(SMTPTestServer.password) && !first.stderr.contains("ann@test.example.org"))
    }

    @Test func temporaryFailureIsRetriedByALaterRunPastTheBackoff() async throws {
        let relay = try await SMTPTestServer.start(listeners: ["busy": .rcpt451, "recovered": .normal])
        defer { relay.stop() }
        let installation = try RunInstallation(groups: 1, delivery: relay.deliveryYAML("busy"))
        defer { installation.cleanUp() }

        let first = try await installation.runOnce(now: "2027-02-09T12:00:00Z")
        #expect(first.stderr.contains("deferred=4"), "\(first.stderr)")
        #expect(try installation.ledgerRows().allSatisfy { $0.state == "deferred" })

        try installation.writeDelivery(relay.deliveryYAML("recovered"))
        let early = try await installation.runOnce(now: "2027-02-09T12:03:00Z")
        #expect(early.stderr.contains("sent=0"))
        let later = try await installation.runOnce(now: "2027-02-09T12:06:00Z")
        #expect(later.stderr.contains("sent=4"), "\(later.stderr)")
        #expect(try relay.receivedMessageIDs("recovered").count == 4)
    }

    @Test func freshInstallationDoesNotReportMailingsThatWentStaleBeforeItFirstRan() async throws {
        let installation = try RunInstallation()
        defer { installation.cleanUp() }

        // The first meeting started an hour ago: its agenda is stale, the three later agendas are still useful.
        let result = try await installation.runOnce(now: "2027-03-03T15:00:00Z")

        #expect(result.status == 0, "\(result.stderr)")
        let files = installation.outboxFiles()
        #expect(files.count == 3 && files.allSatisfy { $0.contains(".agenda.") }, "\(files)")
        #expect(!result.stderr.contains("missed:"))
    }

    /// Issue 15: the first start on 1 December posted minutes due on 30 October and 13 November.
    @Test func aFirstStartSkipsWhatFellDueLongBeforeItSaysSoOnceAndCatchUpSendsIt() async throws {
        let installation = try RunInstallation()
        defer { installation.cleanUp() }
        try installation.writeDelivery("transport: outbox", firstStartGrace: "1 day")

        // Agendas of the -04, -05 and -08 meetings fell due on 02-25, 02-26 and 03-01 at 09:00: over a day ago.
        let first = try await installation.runOnce(now: "2027-03-03T15:00:00Z")
        #expect(first.status == 0, "\(first.stderr)")
        #expect(installation.outboxFiles().isEmpty)
        #expect(
            first.stderr.contains(
                "first start: 3 mailings not sent because they fell due more than 1 day (first_start_grace) before "
                    + "convenor first ran on 2027-03-03 15:00 UTC; to send them, run `convenor run --catch-up "
                    + "2027-02-25` or set `catch_up_since: 2027-02-25` in convenor.yaml"
            ),
            "\(first.stderr)"
        )
        #expect(!first.stderr.contains("missed:"))

        let again = try await installation.runOnce(now: "2027-03-03T15:05:00Z")
        #expect(!again.stderr.contains("first start:"), "\(again.stderr)")
        #expect(installation.outboxFiles().isEmpty)

        let caughtUp = try await installation.runOnce(now: "2027-03-03T15:10:00Z", catchUp: "2027-02-26")
        #expect(caughtUp.status == 0, "\(caughtUp.stderr)")
        let files = installation.outboxFiles()
        #expect(files.count == 2 && files.allSatisfy { $0.contains(".agenda.") }, "\(files)")
    }

    @Test func brokenConfigAtStartExitsOneWithEveryError() async throws {
        let installation = try RunInstallation()
        defer { installation.cleanUp() }
        try """
        id: g1
        name: Group g1
        type: Club
        chairs:
          - {name: Ann Chair, email: not-an-address}
        list: G1@LISTS.TEST.EXAMPLE.ORG

        """.write(toFile: installation.configDirectory + "/groups/g1.yaml", atomically: true, encoding: .utf8)

        let result = try await installation.runOnce(now: "2027-02-09T12:00:00Z")

        #expect(result.status == 1)
        let errors = result.stderr.split(separator: "\n").filter {
            $0.contains("/groups/g1.yaml:") && $0.contains("error")
        }
        #expect(errors.count >= 2, "\(result.stderr)")
        #expect(installation.outboxFiles().isEmpty)
    }
}
