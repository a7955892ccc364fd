import Testing

@testable import ConvenorCore

/// `convenor check` on a Google Group: it deletes a post awaiting approval after 14 days, so a list mailing sent
/// earlier than that before the meeting, from an address nobody said may post, would expire unseen if held.
@Suite struct GoogleGroupExpiryTests {
    static let list = "test-cop@googlegroups.com"

    @Test func earlyListMailingsWithoutPostingFromAreWarnedAboutAtTheListLine() {
        let lines = ConfigTextFixtures.lines(groups: [PostingParserTests.group(list: Self.list)])
        #expect(
            lines == [
                "config/groups/test-cop.yaml:6:7: warning: `test-cop@googlegroups.com` is a Google Group, which deletes a post awaiting approval after 14 days; the announcement (4 weeks before) and the call-for-agenda (3 weeks before) go out earlier than that before the meeting, so a post the group holds expires before the meeting; make sure the posting address may post without approval and say so with `posting: {from: ADDRESS}` (it may be the installation's `from`), or send at most 14 days before, e.g. `announcement: 14 days before` under `mailings:`"
            ]
        )
        // A warning only: the group still loads.
        #expect(ConfigTextFixtures.parse(groups: [PostingParserTests.group(list: Self.list)]).config != nil)
    }

    @Test func oneEarlyMailingIsNamedAlone() {
        let text = PostingParserTests.group(
            list: Self.list,
            posting: "mailings: {announcement: 1 month before, call-for-agenda: 14 days before}"
        )
        let lines = ConfigTextFixtures.lines(groups: [text])
        #expect(lines.count == 1)
        #expect(lines.first?.contains("days; the announcement (1 month before) goes out earlier") == true, "\(lines)")
    }

    @Test(arguments: [
        ("a posting address declared", "posting: {from: groups@aln.example.org}"),
        (
            "every list mailing at most 14 days before",
            "mailings: {announcement: 14 days before, call-for-agenda: 10 days before}"
        ),
    ])
    func noWarningWhenThePostCannotExpireUnseen(_ name: String, block: String) {
        let text = PostingParserTests.group(list: Self.list, posting: block)
        #expect(ConfigTextFixtures.lines(groups: [text]).isEmpty, "\(name)")
    }

    @Test(arguments: [
        ("resource-sharing-cop@googlegroups.com", true),
        ("Resource-Sharing-CoP@GoogleGroups.COM", true),
        ("cop@groups.example.org", false),
        ("googlegroups.com@lists.example.org", false),
        ("TEST-COP@JISCMAIL.AC.UK", false),
    ])
    func googleGroupAddressesAreAtGooglegroupsCom(address: String, isGoogleGroup: Bool) {
        #expect(PostingProfile.isGoogleGroupAddress(address) == isGoogleGroup)
    }
}
