import ConvenorCore
import ConvenorTesting
import Foundation
import Testing

/// What the list did with a post, in a librarian's words, and which approval links may be shown as links.
@Suite struct ListOutcomeTests {
    static let list = "TEST-GROUP@JISCMAIL.AC.UK"

    @Test(arguments: [
        ("https://jiscmail.ac.uk/cgi-bin/wa?A3=1", true),
        ("https://www.jiscmail.ac.uk/cgi-bin/wa-jisc.exe?OK=ABC", true),
        ("HTTPS://WWW.JISCMAIL.AC.UK/ok", true),
        ("http://www.jiscmail.ac.uk/ok", false),
        ("javascript:alert(1)//jiscmail.ac.uk", false),
        ("https://jiscmail.ac.uk.evil.example/ok", false),
        ("https://eviljiscmail.ac.uk/ok", false),
        ("https://www.jiscmail.ac.uk@evil.example/ok", false),
        ("https://user:pw@www.jiscmail.ac.uk/ok", false),
        ("https://www.jiscmail.ac.uk:8443/ok", false),
        ("https://www.jiscmail.ac.uk/a\"onclick=x", false),
        ("https://www.jiscmail.ac.uk/a b", false),
        ("//www.jiscmail.ac.uk/ok", false),
    ])
    func onlyHTTPSLinksOnTheListsOwnHostAreLinks(link: String, allowed: Bool) {
        #expect((ListOutcome.safeLink(link, list: Self.list) != nil) == allowed, "\(link)")
    }

    static func entry(_ state: LedgerState, link: String? = nil) -> LedgerEntry {
        let sent = Date(timeIntervalSince1970: 1_800_000_000)
        return LedgerEntry(
            key: MailingKey(group: "test-group", kind: .agenda, occurrence: "2027-03"),
            state: state,
            due: sent,
            validUntil: sent + 86_400,
            createdAt: sent,
            updatedAt: sent,
            sentAt: sent,
            postedTo: "test-group@jiscmail.ac.uk",
            distributedAt: sent + 120,
            listWords: "You are not authorised to post",
            approvalLink: link,
            bounceStatus: "5.1.1",
            bounceDiagnostic: "user unknown"
        )
    }

    @Test func eachStateInPlainWords() throws {
        let group = ConfigFixtures.group()
        func outcome(_ state: LedgerState, link: String? = nil) throws -> ListOutcome {
            try #require(
                ListOutcome(Self.entry(state, link: link), group: group, postingAddress: "groups@aln.example.org")
            )
        }
        #expect(try outcome(.distributed).happened.hasPrefix("The list passed it on to the members at "))
        #expect(try outcome(.distributed).advice == nil)
        let held = try outcome(.held, link: "https://www.jiscmail.ac.uk/approve?x=1")
        #expect(held.happened == "The list is holding it: the members have not got it yet.")
        #expect(held.listWords == "You are not authorised to post")
        #expect(held.link == "https://www.jiscmail.ac.uk/approve?x=1" && held.linkText == nil)
        #expect(held.advice?.hasPrefix("The address groups@aln.example.org is not allowed to post") == true)
        #expect(held.advice?.contains("the link below") == true)
        let forged = try outcome(.held, link: "https://evil.example/approve")
        #expect(forged.link == nil && forged.linkText == "https://evil.example/approve")
        #expect(forged.advice?.contains("the link below") == false, "no link is shown, so the advice names none")
        #expect(try outcome(.rejected).happened == "The list refused it: the members did not get it.")
        let bounced = try outcome(.bounced)
        #expect(bounced.listWords == "5.1.1 user unknown")
        #expect(bounced.advice?.contains("TEST-GROUP@JISCMAIL.AC.UK") == true)
        #expect(ListOutcome(Self.entry(.failed), group: group, postingAddress: "x@y") == nil)
        var toChairs = Self.entry(.sent)
        toChairs.postedTo = nil
        #expect(ListOutcome(toChairs, group: group, postingAddress: "x@y") == nil, "mail to the chairs is no list post")
        #expect(try outcome(.sent).happened.contains("not known whether the members got it"))
    }
}
