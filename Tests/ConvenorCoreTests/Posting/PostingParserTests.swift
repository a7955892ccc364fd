import Foundation
import Testing

@testable import ConvenorCore

/// `posting:` in a group file: what it reads, and the exact lines `convenor check` prints when it is wrong.
@Suite struct PostingParserTests {
    /// A valid group with `list` and, when given, a `posting:` block at the end (line 11 onwards).
    static func group(list: String = "test-cop@lists.example.ac.uk", posting: String? = nil) -> String {
        let text = ConfigTextFixtures.group.replacingOccurrences(
            of: "list: test-cop@lists.example.ac.uk",
            with: "list: \(list)"
        )
        return posting.map { text + $0 + "\n" } ?? text
    }

    /// The fixture's convenor.yaml, offering `test-cop-approved` to groups.
    static let installation = ConfigTextFixtures.installation + "group_credentials: [test-cop-approved]\n"

    static func profile(_ groupText: String) throws -> PostingProfile {
        let result = ConfigTextFixtures.parse(installation: Self.installation, groups: [groupText])
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        return try #require(result.config?.groups.first).posting
    }

    @Test func aGroupWithoutPostingGetsTheDefaults() throws {
        let profile = try Self.profile(Self.group())
        #expect(
            profile
                == PostingProfile(
                    from: nil,
                    approvedPasswordCredential: nil,
                    autoSubmitted: false,
                    attachCalendar: true
                )
        )
    }

    @Test func everyKeyIsRead() throws {
        let profile = try Self.profile(
            Self.group(
                posting: """
                    posting:
                      from: "Test CoP <test-cop-poster@aln.example.org>"
                      approved_password_credential: test-cop-approved
                      auto_submitted: yes
                      attach_ics: false
                    """
            )
        )
        #expect(profile.from == MailAddress(displayName: "Test CoP", address: "test-cop-poster@aln.example.org"))
        #expect(profile.approvedPasswordCredential == "test-cop-approved")
        #expect(profile.autoSubmitted)
        #expect(!profile.attachCalendar)
    }

    @Test func theModeratorPasswordIsACredentialTheInstallationDeclares() throws {
        let profile = try Self.profile(
            Self.group(posting: "posting: {approved_password_credential: test-cop-approved}")
        )
        #expect(profile.approvedPasswordCredential == "test-cop-approved")
    }

    @Test func aCredentialTheInstallationDoesNotOfferToGroupsIsALocatedError() {
        let lines = ConfigTextFixtures.lines(
            installation: Self.installation,
            groups: [Self.group(posting: "posting: {approved_password_credential: smtp-password}")]
        )
        #expect(
            lines == [
                "config/groups/test-cop.yaml:11:41: error: `smtp-password` is not a credential convenor.yaml offers to groups (it declares test-cop-approved); ask the operator to add `smtp-password` to `group_credentials:` in convenor.yaml, or use a name declared there"
            ]
        )
    }

    @Test func theRelaysOwnCredentialCannotBeOfferedToGroups() {
        let installation =
            ConfigTextFixtures.installation.replacingOccurrences(of: "delivery:\n  transport: outbox\n", with: "")
            + "delivery: {transport: smtp, smtp: {url: \"smtp://relay.example.org:587\", username: u, password_credential: smtp-password}}\n"
            + "group_credentials: [smtp-password]\n"
        let lines = ConfigTextFixtures.lines(installation: installation)
        #expect(lines.contains { $0.contains("`smtp-password` is the relay's own credential") }, "\(lines)")
    }

    @Test func aListservListWithoutPostingFromIsWarnedAboutAtTheListLine() {
        let lines = ConfigTextFixtures.lines(groups: [Self.group(list: "TEST-COP@JISCMAIL.AC.UK")])
        #expect(
            lines == [
                "config/groups/test-cop.yaml:6:7: warning: `TEST-COP@JISCMAIL.AC.UK` is a LISTSERV list, which takes posts only from subscribed addresses, and the group has no `posting.from`; add `posting: {from: ADDRESS}` with the address subscribed to the list (it may be the installation's `from`)"
            ]
        )
        // A warning only: the group still loads.
        #expect(ConfigTextFixtures.parse(groups: [Self.group(list: "TEST-COP@JISCMAIL.AC.UK")]).config != nil)
    }

    @Test(arguments: [
        ("TEST-COP@JISCMAIL.AC.UK", true),
        ("test-cop@jiscmail.ac.uk", true),
        ("ALN-COP@LISTSERV.EXAMPLE.EDU", true),
        ("aln-cop@listserv.uni.example", true),
        ("resource-sharing-cop@googlegroups.com", false),
        ("csc@lists.example.org", false),
        ("listserv@example.org", false),
        ("cop@mylistserv.example.edu", false),
    ])
    func listservAddressesAreJISCMailAndListservHosts(address: String, isListserv: Bool) {
        #expect(PostingProfile.isListservAddress(address) == isListserv)
    }

    @Test func aListservListWithPostingFromIsNotWarnedAbout() {
        let text = Self.group(list: "TEST-COP@JISCMAIL.AC.UK", posting: "posting: {from: groups@aln.example.org}")
        #expect(ConfigTextFixtures.lines(groups: [text]).isEmpty)
    }

    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var posting: String
        var expected: [String]
        var testDescription: String { name }
    }

    static let mistakes: [Case] = [
        Case(
            name: "misspelt key",
            posting: "posting: {attach_isc: false}",
            expected: [
                "config/groups/test-cop.yaml:11:11: error: unknown key `attach_isc` in `posting`; did you mean `attach_ics`?"
            ]
        ),
        Case(
            name: "password in the YAML",
            posting: "posting: {approved_password: hunter2}",
            expected: [
                "config/groups/test-cop.yaml:11:11: error: a secret must never be written in the config (`approved_password`); ask the operator to store the moderator password as a credential, declare it in convenor.yaml's `group_credentials:`, and write `approved_password_credential: NAME` here"
            ]
        ),
        Case(
            name: "not a flag",
            posting: "posting: {auto_submitted: maybe}",
            expected: [
                "config/groups/test-cop.yaml:11:27: error: `auto_submitted` should be true or false, not `maybe`; write `auto_submitted: true` or `auto_submitted: false`"
            ]
        ),
        Case(
            name: "bad address",
            posting: "posting: {from: groups@aln}",
            expected: [
                "config/groups/test-cop.yaml:11:17: error: `groups@aln` is not an email address: `aln` is not a domain such as example.ac.uk; write it as name@example.ac.uk"
            ]
        ),
        Case(
            name: "a path for the moderator password",
            posting: "posting: {approved_password_file: /etc/convenor/smtp-password}",
            expected: [
                "config/groups/test-cop.yaml:11:11: error: a group file may not name a file for a secret (`approved_password_file`): it would mail whatever file it names, such as the relay's password, to the list; ask the operator to store the moderator password as a credential, declare it in convenor.yaml's `group_credentials:`, and write `approved_password_credential: NAME` here"
            ]
        ),
        Case(
            name: "posting key at the top of the file",
            posting: "attach_ics: false",
            expected: [
                "config/groups/test-cop.yaml:11:1: error: `attach_ics` does not belong in the group; put it under `posting:`, e.g. `posting: {attach_ics: false}`"
            ]
        ),
        Case(
            name: "not a mapping",
            posting: "posting: groups@aln.example.org",
            expected: [
                "config/groups/test-cop.yaml:11:10: error: `posting` should be a set of `key: value` lines, not a single value; write it as in config/README.md, e.g. `posting: {from: groups@aln.example.org, auto_submitted: false}`"
            ]
        ),
    ]

    @Test(arguments: mistakes)
    func aMistakeIsPrintedWithFileLineAndFix(_ testCase: Case) {
        let result = ConfigTextFixtures.parse(groups: [Self.group(posting: testCase.posting)])
        #expect(result.diagnostics.map(\.description) == testCase.expected)
        #expect(result.config == nil)
    }
}
