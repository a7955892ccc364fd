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
        let relay = try await RunTestRelay.start(listeners: ["relay": "normal"])
        defer { relay.stop() }
        let installation = try RunInstallation(groups: 2, delivery: relay.deliveryYAML("relay"))
        defer { installation.cleanUp() }

        let first = try await installation.runOnce(now: "2027-02-09T12:00:00Z")
        let second = try await installation.runOnce(now: "2027-02-09T12:00:30Z")

        #expect(first.status == 0 && second.status == 0, "\(first.stderr)\n\(second.stderr)")
        let ids = try relay.receivedMessageIDs("relay")
        #expect(ids.count == 8 && Set(ids).count == 8)
        #expect(!first.stderr.contains(RunTestRelay.password) && !first.stderr.contains("ann@test.example.org"))
    }

    @Test func temporaryFailureIsRetriedByALaterRunPastTheBackoff() async throws {
        let relay = try await RunTestRelay.start(listeners: ["busy": "rcpt-451", "recovered": "normal"])
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
        let firstStart = try String(contentsOfFile: installation.directory + "/state/first-start", encoding: .utf8)
        #expect(firstStart == "2027-03-03T15:00:00Z\n")
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
