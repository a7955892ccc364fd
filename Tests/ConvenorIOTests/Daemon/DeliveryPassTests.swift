import ConvenorCore
import ConvenorIO
import ConvenorTesting
import Foundation
import GRDB
import Testing

/// One delivery pass against a real SQLite ledger file, with `RecordingTransport` standing in for the relay.
@Suite struct DeliveryPassTests {
    private func key(_ kind: MailingKind, _ occurrence: String) -> MailingKey {
        MailingKey(group: "alpha", kind: kind, occurrence: occurrence, revision: 0)
    }

    private func messageIDs(_ transport: RecordingTransport) -> [String] {
        transport.messages.map(\.messageID)
    }

    @Test func twoPassesInARowSendEachMailingOnce() async throws {
        let fixture = try DaemonFixture()
        defer { fixture.cleanUp() }
        let transport = RecordingTransport()

        let first = await fixture.run(at: "2027-02-09T12:00:00Z", transport)
        let second = await fixture.run(at: "2027-02-09T12:00:30Z", transport)

        #expect(first.sent == 4 && second.sent == 0)
        #expect(Set(messageIDs(transport)).count == 4 && transport.messages.count == 4)
        #expect(try await fixture.state(.announcement, "2027-03-08") == .sent)
        // The next wake is the first call for agenda items, due 2027-02-10 09:00 GMT.
        #expect(second.nextWake == DaemonFixture.instant("2027-02-10T09:00:00Z"))
    }

    @Test func downtimeAcrossTheAgendaDueTimeButBeforeTheMeetingSendsItLate() async throws {
        let fixture = try DaemonFixture()
        defer { fixture.cleanUp() }
        let transport = RecordingTransport()
        await fixture.run(at: "2027-02-09T12:00:00Z", transport)

        // Down from 2027-02-09 to the morning of the first meeting (due 2027-02-24, meeting 14:00).
        let result = await fixture.run(at: "2027-03-03T10:00:00Z", transport)

        #expect(try await fixture.state(.agenda, "2027-03-03") == .sent)
        let agenda = try #require(transport.messages.first { $0.messageID.contains(".agenda.2027-03-03.") })
        #expect(String(decoding: agenda.data, as: UTF8.self).contains("Date: Wed, 3 Mar 2027 10:00:00 +0000"))
        #expect(result.sent == 4)
    }

    @Test func downtimeAcrossTheMeetingRecordsTheAgendaMissedReportsItAndSendsNothingStale() async throws {
        let fixture = try DaemonFixture()
        defer { fixture.cleanUp() }
        let transport = RecordingTransport()
        await fixture.run(at: "2027-02-09T12:00:00Z", transport)

        await fixture.run(at: "2027-03-03T15:00:00Z", transport)

        #expect(try await fixture.state(.agenda, "2027-03-03") == .missed)
        #expect(!messageIDs(transport).contains { $0.contains(".agenda.2027-03-03.") })
        #expect(
            fixture.logs.all.contains {
                $0.hasPrefix("error missed") && $0.contains("(key: \"occurrence\", value: 2027-03-03)")
                    && $0.contains("(key: \"kind\", value: agenda)") && $0.contains("value: stale)")
                    && $0.contains("convenor.alpha.agenda.2027-03-03.r0@test.example.org")
            }
        )
        let alert = try #require(transport.messages.last)
        #expect(alert.recipients == ["ops@test.example.org"])
        let text = String(decoding: alert.data, as: UTF8.self)
        #expect(text.contains("Auto-Submitted: auto-generated"))
        #expect(text.contains("alpha/agenda/2027-03-03/0"))
        #expect(try await fixture.ledger.unalertedProblems().isEmpty)
    }

    @Test func callForAgendaSupersededByTheDueAgendaIsMissed() async throws {
        let fixture = try DaemonFixture()
        defer { fixture.cleanUp() }
        let transport = RecordingTransport()
        await fixture.run(at: "2027-02-09T12:00:00Z", transport)

        await fixture.run(at: "2027-02-25T12:00:00Z", transport)

        let entry = try #require(try await fixture.ledger.entry(for: key(.callForAgenda, "2027-03-03")))
        #expect(entry.state == .missed && entry.missedReason == "superseded by agenda")
        #expect(try await fixture.state(.agenda, "2027-03-03") == .sent)
        #expect(try await fixture.state(.callForAgenda, "2027-03-05") == .sent)
    }

    @Test func temporaryFailureIsDeferredAndDeliveredAfterTheBackoff() async throws {
        let fixture = try DaemonFixture()
        defer { fixture.cleanUp() }
        let failing = RecordingTransport { _ in .temporary(reason: "451 4.3.0 try later") }
        let working = RecordingTransport()

        let first = await fixture.run(at: "2027-02-09T12:00:00Z", failing)
        #expect(first.deferred == 4)
        #expect(first.nextWake == DaemonFixture.instant("2027-02-09T12:05:00Z"))
        #expect(try await fixture.state(.announcement, "2027-03-03") == .deferred)

        let early = await fixture.run(at: "2027-02-09T12:04:00Z", working)
        #expect(early.sent == 0 && working.messages.isEmpty)

        let later = await fixture.run(at: "2027-02-09T12:05:01Z", working)
        #expect(later.sent == 4)
        #expect(try await fixture.state(.announcement, "2027-03-03") == .sent)
    }

    @Test func permanentFailureIsFailedAtOnceAndTheOperatorIsAlertedOnce() async throws {
        let fixture = try DaemonFixture()
        defer { fixture.cleanUp() }
        let transport = RecordingTransport(
            script: Array(repeating: .permanent(reason: "550 5.1.1 no such list"), count: 4)
        )

        let result = await fixture.run(at: "2027-02-09T12:00:00Z", transport)

        #expect(result.failed == 4)
        #expect(try await fixture.state(.announcement, "2027-03-04") == .failed)
        #expect(transport.batches.count == 2)
        let alert = try #require(transport.batches.last?.first)
        #expect(alert.recipients == ["ops@test.example.org"])
        #expect(String(decoding: alert.data, as: UTF8.self).contains("550 5.1.1 no such list"))
        #expect(fixture.logs.all.filter { $0.hasPrefix("error failed") }.count == 4)

        await fixture.run(at: "2027-02-09T13:30:00Z", transport)
        #expect(transport.batches.count == 2)
    }

    @Test("the operator alert goes out with delivery.smtp.envelope_from as its MAIL FROM, like every bounce (issue 18)")
    func alertUsesTheRelaysEnvelopeSender() async throws {
        let fixture = try DaemonFixture()
        defer { fixture.cleanUp() }
        var config = fixture.config
        config.installation.delivery = Delivery(
            transport: .smtp(SMTPSettings(url: "smtp://127.0.0.1:1", envelopeFrom: "bounces@test.example.org")),
            ratePerMinute: 0
        )
        let transport = RecordingTransport()
        let configuration = DaemonConfiguration(config: config, renderer: fixture.renderer, transport: transport)
        fixture.clock.set("2027-02-09T12:00:00Z")
        _ = await fixture.pass().run(configuration)
        fixture.clock.set("2027-03-03T15:00:00Z")
        _ = await fixture.pass().run(configuration)

        let alert = try #require(transport.messages.last)
        #expect(alert.recipients == ["ops@test.example.org"])
        #expect(alert.envelopeFrom == "bounces@test.example.org")
    }

    @Test func alertThatCannotBeSentIsLoggedAndOwedUntilItGoesOut() async throws {
        let fixture = try DaemonFixture()
        defer { fixture.cleanUp() }
        let refusing = RecordingTransport { _ in .permanent(reason: "554 5.7.1 relay denied") }

        let result = await fixture.run(at: "2027-02-09T12:00:00Z", refusing)

        #expect(fixture.logs.all.contains { $0.hasPrefix("error the operator alert could not be sent") })
        #expect(try await fixture.ledger.unalertedProblems().count == 4)
        #expect(result.nextWake == DaemonFixture.instant("2027-02-09T12:05:00Z"))

        let working = RecordingTransport()
        await fixture.run(at: "2027-02-09T12:05:00Z", working)
        #expect(working.messages.map(\.recipients) == [["ops@test.example.org"]])
        #expect(try await fixture.ledger.unalertedProblems().isEmpty)
    }

    @Test func batchesHoldAtMostTheRatePerMinuteWithAMinuteBetweenThem() async throws {
        let fixture = try DaemonFixture(ratePerMinute: 3)
        defer { fixture.cleanUp() }
        let transport = RecordingTransport()
        let pauses = PauseLog()
        fixture.clock.set("2027-02-09T12:00:00Z")

        _ = await fixture.pass(pauses: pauses).run(fixture.configuration(transport))

        #expect(transport.batches.map(\.count) == [3, 1])
        #expect(pauses.all == [.seconds(60)])
    }

    @Test("without a rate limit a pass claims and sends at most 50 at a time, one connection each, no pause")
    func aPassWithoutARateLimitSendsInClaimWindows() async throws {
        let fixture = try DaemonFixture(moreGroups: 13)
        defer { fixture.cleanUp() }
        let transport = RecordingTransport()
        let pauses = PauseLog()
        fixture.clock.set("2027-02-09T12:00:00Z")

        let result = await fixture.pass(pauses: pauses).run(fixture.configuration(transport))

        #expect(transport.batches.map(\.count) == [DeliveryBatches.claimWindow, 6])
        #expect(result.sent == 56)
        #expect(pauses.all.isEmpty)
        #expect(Set(transport.messages.map(\.messageID)).count == 56)
    }

    @Test func stopRequestedAfterClaimingReleasesEveryClaimUnsent() async throws {
        let fixture = try DaemonFixture()
        defer { fixture.cleanUp() }
        let transport = RecordingTransport()
        let checks = PauseLog()
        fixture.clock.set("2027-02-09T12:00:00Z")
        var pass = fixture.pass()
        // The first check (before the batch) says go on; the one after claiming says stop, as SIGTERM would.
        pass.shouldStop = {
            checks.append(.zero)
            return checks.all.count > 1
        }

        let result = await pass.run(fixture.configuration(transport))

        #expect(result.stopped)
        #expect(transport.messages.isEmpty)
        let entries = try await fixture.ledger.entries()
        #expect(entries.count == 4 && entries.allSatisfy { $0.state == .scheduled && $0.attempts == 0 })
    }

    @Test("SIGTERM mid-batch: what never reached the relay is released, due at once on the next start, not deferred")
    func stopMidBatchReleasesWhatTheRelayNeverHad() async throws {
        let fixture = try DaemonFixture()
        defer { fixture.cleanUp() }
        // The first message went out; SIGTERM's grace then cut the second short and stopped the other two.
        let transport = RecordingTransport(script: [
            .delivered(reply: "250 2.0.0 Ok"), .cancelledBeforeAcceptance, .stoppedBeforeStart, .stoppedBeforeStart,
        ])
        fixture.clock.set("2027-02-09T12:00:00Z")
        var pass = fixture.pass()
        pass.shouldStop = { !transport.batches.isEmpty }

        let result = await pass.run(fixture.configuration(transport))

        #expect(result.stopped && result.sent == 1 && result.deferred == 0)
        let entries = try await fixture.ledger.entries()
        #expect(entries.filter { $0.state == .sent }.count == 1)
        #expect(entries.filter { $0.state == .scheduled && $0.attempts == 0 }.count == 3, "\(entries.map(\.state))")
    }

    @Test func interruptedAttemptIsResentWithTheSameMessageIDAndAWarning() async throws {
        let fixture = try DaemonFixture()
        defer { fixture.cleanUp() }
        let transport = RecordingTransport()
        fixture.clock.set("2027-02-09T12:00:00Z")
        let scheduler = Scheduler(config: fixture.config)
        let mailing = try #require(
            scheduler.mailings(
                from: DaemonFixture.instant("2027-02-01T00:00:00Z"),
                to: DaemonFixture.instant("2027-02-04T00:00:00Z")
            ).first
        )
        let messageID = MessageID.make(for: mailing.key, domain: "test.example.org")
        // A crash after the claim: the row stays `claimed`.
        _ = try await fixture.ledger.claim(mailing, messageID: messageID, now: fixture.clock.now())

        await fixture.run(at: "2027-02-09T12:01:00Z", transport)

        #expect(transport.messages.filter { $0.messageID == messageID }.count == 1)
        #expect(try await fixture.ledger.entry(for: mailing.key)?.attempts == 2)
        #expect(
            fixture.logs.all.contains {
                $0.hasPrefix("warning resending after an interrupted attempt") && $0.contains(messageID)
            }
        )
    }

    @Test func mailingDueLongerAgoThanTheLookbackIsSentWhileStillValid() async throws {
        // Announced 200 days before: due 2026-08-15 (a Saturday, so Monday 08-17), valid until the meeting.
        let fixture = try DaemonFixture(announcement: "200 days before")
        defer { fixture.cleanUp() }
        let transport = RecordingTransport()

        await fixture.run(at: "2027-02-09T12:00:00Z", transport)

        #expect(try await fixture.state(.announcement, "2027-03-03") == .sent)
        #expect(transport.messages.count == 4)
    }

    @Test(
        "an outcome the ledger's database did not take is written once it answers again, within about a minute",
        arguments: [3, 100]
    )
    func anOutcomeIsWrittenAgainWhileTheDatabaseDoesNotAnswer(unansweredWrites: Int) async throws {
        let fixture = try DaemonFixture()
        defer { fixture.cleanUp() }
        let ledger = MemoryLedger()
        var pass = DeliveryPass(ledger: ledger, clock: fixture.clock, logger: fixture.logger)
        pass.jitter = { 0.5 }
        let waits = PauseLog()
        pass.waitBeforeRewrite = { waits.append($0) }
        // The claims are in; the database stops answering while the messages are on the wire.
        let transport = RecordingTransport { message in
            if message.recipients == ["ALPHA@LISTS.TEST.EXAMPLE.ORG"] { ledger.failWrites(unansweredWrites) }
            return .delivered(reply: "250 2.0.0 Ok")
        }

        let result = await pass.run(fixture.configuration(transport))

        let states = try await ledger.snapshot().entries.values.map(\.state)
        #expect(transport.messages.count == 4)
        if unansweredWrites <= DeliveryPass.rewriteWaits.count {
            #expect(result.sent == 4 && states.allSatisfy { $0 == .sent })
            #expect(waits.all == Array(DeliveryPass.rewriteWaits.prefix(unansweredWrites)))
            #expect(fixture.logs.all.filter { $0.hasPrefix("warning cannot record the outcome yet") }.count == 1)
            #expect(!fixture.logs.all.contains { $0.hasPrefix("error cannot record the outcome") })
        } else {
            // Still no answer after every wait (about a minute): left claimed for the next pass, said at error.
            #expect(waits.all.count >= DeliveryPass.rewriteWaits.count)
            #expect(states.contains(.claimed))
            #expect(fixture.logs.all.contains { $0.hasPrefix("error cannot record the outcome; it will be resent") })
        }
    }

    @Test func claimThatCannotBeWrittenIsNeverSent() async throws {
        let fixture = try DaemonFixture()
        defer { fixture.cleanUp() }
        // Another connection makes every write to the table fail, as a full disk would; reads still work.
        let other = try DatabaseQueue(path: fixture.ledger.location)
        try await other.write { db in
            try db.execute(
                sql: """
                    CREATE TRIGGER refuse_insert BEFORE INSERT ON mailing BEGIN SELECT RAISE(ABORT, 'disk full'); END;
                    CREATE TRIGGER refuse_update BEFORE UPDATE ON mailing BEGIN SELECT RAISE(ABORT, 'disk full'); END;
                    """
            )
        }
        try other.close()
        let transport = RecordingTransport()

        let result = await fixture.run(at: "2027-02-09T12:00:00Z", transport)

        #expect(transport.messages.isEmpty)
        #expect(result.sent == 0)
        #expect(fixture.logs.all.filter { $0.hasPrefix("error cannot claim; not sent") }.count == 4)
        // Tried again at the next pass, five minutes on.
        #expect(result.nextWake == DaemonFixture.instant("2027-02-09T12:05:00Z"))
    }

    @Test(
        arguments: [
            (nil, 3600), ("2027-02-09T12:00:00Z", 0), ("2027-02-09T11:59:00Z", 0),
            ("2027-02-09T12:30:00Z", 1800), ("2027-02-10T09:00:00Z", 3600),
        ] as [(String?, Int64)]
    )
    func sleepEndsAtTheNextWakeButNeverLaterThanAnHour(nextWake: String?, seconds: Int64) {
        let duration = DaemonService.sleepDuration(
            until: nextWake.map(DaemonFixture.instant),
            now: DaemonFixture.instant("2027-02-09T12:00:00Z")
        )
        #expect(duration.components.seconds == seconds)
    }
}
