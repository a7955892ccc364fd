import Foundation
import Testing

/// Issue 18's "tested for real": the built `convenor run --once` posting through a loopback relay into a real
/// GNU Mailman 3 core (Debian's mailman3, 3.3.8 on Debian 12), and reading what Mailman sends back from the posting
/// address's Maildir. Three lists: the posting address a member (distributed), not a member (held), no such list
/// (a DSN). Then the README's duplicate promise, measured: the same Message-ID posted again after the ledger is lost.
@Suite(.serialized) struct MailmanListsTests {
    /// One meeting, so one announcement per group; chairs are `ann@test.example.org`.
    static func group(_ id: String, list: String) -> String {
        """
        id: \(id)
        name: Group \(id)
        type: SIG
        chairs:
          - {name: Ann Chair, email: ann@test.example.org}
        list: \(list)@\(MailmanLists.domain)
        meetings:
          - start: 2027-03-03 14:00

        """
    }

    static let cases = ["g1": "members", "g2": "closed", "g3": "nosuch"]

    func installation(_ lists: MailmanLists) throws -> RunInstallation {
        let installation = try RunInstallation(groups: 3, delivery: lists.deliveryYAML)
        for (id, list) in Self.cases {
            try Self.group(id, list: list).write(
                toFile: "\(installation.configDirectory)/groups/\(id).yaml",
                atomically: true,
                encoding: .utf8
            )
        }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: installation.configDirectory + "/convenor.yaml"))
        try handle.seekToEnd()
        try handle.write(
            contentsOf: Data(
                """
                returns:
                  mailbox: \(lists.returnsMaildir)
                  poll_every: 1 minute

                """.utf8
            )
        )
        try handle.close()
        return installation
    }

    static func messageID(_ message: String) -> String? {
        message.split(whereSeparator: \.isNewline)
            .first { $0.lowercased().hasPrefix("message-id: ") }
            .map { String($0.dropFirst("message-id: ".count)).trimmingCharacters(in: .whitespaces) }
    }

    @Test func aMemberPostIsDistributedANonMemberPostHeldAndAlertedAnUnknownListBounces() async throws {
        let lists = try MailmanLists.start()
        defer { lists.stop() }
        let installation = try installation(lists)
        defer { installation.cleanUp() }
        // Mailman and the relay may leave the returns Maildir uncreated until their first delivery.
        for sub in ["new", "cur", "tmp"] {
            try FileManager.default.createDirectory(
                atPath: "\(lists.returnsMaildir)/\(sub)",
                withIntermediateDirectories: true
            )
        }

        let posted = ContinuousClock.now
        let first = try await installation.runOnce(now: "2027-02-09T12:00:00Z")
        #expect(first.status == 0, "\(first.stderr)")
        let rows = try installation.ledgerRows()
        let ids = Dictionary(
            uniqueKeysWithValues: Self.cases.keys.compactMap { id in
                rows.first { $0.key.hasPrefix("\(id)/announcement/") }.map { (id, $0.messageID) }
            }
        )
        #expect(ids.count == 3, "\(rows)")
        #expect(rows.filter { $0.key.contains("/announcement/") }.allSatisfy { $0.state == "sent" }, "\(rows)")

        // (a) the list's copy to the posting address, (b) Mailman's "awaits moderator approval", (c) the relay's DSN.
        let copy = await lists.waitFor(MailmanLists.poster) { $0.contains("List-Id: <members.") }
        let hold = await lists.waitFor(MailmanLists.poster) { $0.contains("awaits moderator") }
        let dsn = await lists.waitFor(MailmanLists.poster) { $0.contains("report-type=delivery-status") }
        try #require(copy != nil && hold != nil && dsn != nil, "\(lists.logs)")
        print("Mailman: back in the returns Maildir after the post: copy \(copy!), hold notice \(hold!), DSN \(dsn!)")
        // Every member got the member list's post; nobody got the held one.
        for member in MailmanLists.members {
            #expect(lists.messages(member).filter { Self.messageID($0) == "<\(ids["g1"] ?? "")>" }.count == 1)
            #expect(!lists.messages(member).contains { Self.messageID($0) == "<\(ids["g2"] ?? "")>" })
        }

        let read = ContinuousClock.now
        let second = try await installation.runOnce(now: "2027-02-09T12:05:00Z")
        #expect(second.status == 0, "\(second.stderr)")
        print(
            "Mailman: the returns pass took \(ContinuousClock.now - read); post to ledger \(ContinuousClock.now - posted)"
        )
        let states = Dictionary(
            uniqueKeysWithValues: try installation.ledgerRows().compactMap { row -> (String, String)? in
                guard let id = Self.cases.keys.first(where: { row.key.hasPrefix("\($0)/announcement/") }) else {
                    return nil
                }
                return (id, row.state)
            }
        )
        #expect(states == ["g1": "distributed", "g2": "held", "g3": "bounced"], "\(second.stderr)")

        // The chairs and the operator hear of the hold and of the bounce; the relay delivered their mail to the sink.
        let chairs = await lists.waitFor("ann@test.example.org", count: 2, timeout: .seconds(30))
        let operatorMail = await lists.waitFor("ops@test.example.org", timeout: .seconds(30))
        #expect(chairs != nil && operatorMail != nil, "\(second.stderr)\n\(lists.logs)")
        let chairMail = lists.messages("ann@test.example.org").joined(separator: "\n")
        #expect(chairMail.contains("closed@\(MailmanLists.domain)"), "\(chairMail)")
        #expect(chairMail.contains("nosuch@\(MailmanLists.domain)"), "\(chairMail)")
        let opsMail = lists.messages("ops@test.example.org").joined(separator: "\n")
        #expect(opsMail.contains("held"), "\(opsMail)")

        // Once only: another pass sends nobody anything more.
        let alertsBefore = lists.messages("ann@test.example.org").count + lists.messages("ops@test.example.org").count
        let third = try await installation.runOnce(now: "2027-02-09T13:30:00Z")
        #expect(third.status == 0, "\(third.stderr)")
        await MailmanLists.pause(milliseconds: 1500)
        #expect(
            lists.messages("ann@test.example.org").count + lists.messages("ops@test.example.org").count == alertsBefore
        )

        // The README's promise, measured: a ledger lost (or restored from an old backup) sends the member list's
        // post again with the same Message-ID, and Mailman 3 delivers it to every member again.
        for suffix in ["", "-wal", "-shm"] {
            try? FileManager.default.removeItem(atPath: installation.ledgerPath + suffix)
        }
        let again = try await installation.runOnce(now: "2027-02-09T13:35:00Z")
        #expect(again.status == 0, "\(again.stderr)")
        let g1 = "<\(ids["g1"] ?? "")>"
        let repeated = await lists.waitFor(MailmanLists.members[0], count: 2) { Self.messageID($0) == g1 }
        #expect(repeated != nil, "\(lists.logs)")
        for member in MailmanLists.members {
            let copies = lists.messages(member).filter { Self.messageID($0) == g1 }.count
            print("Mailman: \(member) holds \(copies) copies of \(g1)")
            #expect(copies == 2)
        }
    }
}
