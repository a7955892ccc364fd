import Foundation
import Testing

@testable import ConvenorCore

/// The `web:` block: off without it, `127.0.0.1:8080` when present, and every mistake at its FILE:LINE.
@Suite struct WebConfigTests {
    @Test func withoutAWebBlockThereIsNoServer() throws {
        let config = try #require(ConfigTextFixtures.parse().config)
        #expect(config.installation.web == nil)
    }

    @Test func anEmptyWebBlockListensOnLoopbackPort8080() throws {
        let config = try #require(
            ConfigTextFixtures.parse(installation: ConfigTextFixtures.installation + "web:\n").config
        )
        let web = try #require(config.installation.web)
        #expect(web.host == "127.0.0.1")
        #expect(web.port == 8080)
        #expect(web.baseURL == "http://127.0.0.1:8080")
        #expect(!web.isSecure)
    }

    @Test func baseURLLosesItsTrailingSlashAndHTTPSMarksCookiesSecure() throws {
        let text =
            ConfigTextFixtures.installation
            + "web:\n  listen: 127.0.0.1:9090\n  base_url: https://groups.aln.example.org/\n"
        let web = try #require(ConfigTextFixtures.parse(installation: text).config?.installation.web)
        #expect(web.port == 9090)
        #expect(web.baseURL == "https://groups.aln.example.org")
        #expect(web.isSecure)
        #expect(web.url("/groups/x") == "https://groups.aln.example.org/groups/x")
    }

    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var block: String
        var expected: [String]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "listen without a port",
            block: "web:\n  listen: 127.0.0.1\n",
            expected: [
                "config/convenor.yaml:9:11: error: `127.0.0.1` is not an address and port to listen on; write `listen: 127.0.0.1:8080` (an address, a colon and a port from 1 to 65535)"
            ]
        ),
        Case(
            name: "port out of range",
            block: "web:\n  listen: 127.0.0.1:80800\n",
            expected: [
                "config/convenor.yaml:9:11: error: `127.0.0.1:80800` is not an address and port to listen on; write `listen: 127.0.0.1:8080` (an address, a colon and a port from 1 to 65535)"
            ]
        ),
        Case(
            name: "base URL without a scheme",
            block: "web:\n  base_url: groups.aln.example.org\n",
            expected: [
                "config/convenor.yaml:9:13: error: `groups.aln.example.org` is not the public address of the web pages; write the address people type, e.g. `base_url: https://groups.aln.example.org`"
            ]
        ),
        Case(
            name: "base URL with a query, which would end up in every mail",
            block: "web:\n  base_url: \"https://x.example.org/?a=<b>\"\n",
            expected: [
                "config/convenor.yaml:9:13: error: `https://x.example.org/?a=<b>` is not the public address of the web pages; write the address people type, e.g. `base_url: https://groups.aln.example.org`"
            ]
        ),
        Case(
            name: "misspelt key",
            block: "web:\n  listn: 127.0.0.1:8080\n",
            expected: ["config/convenor.yaml:9:3: error: unknown key `listn` in `web`; did you mean `listen`?"]
        ),
        Case(
            name: "listening beyond loopback is only a warning",
            block: "web:\n  listen: 0.0.0.0:8080\n",
            expected: [
                "config/convenor.yaml:9:11: warning: the web server listens on `0.0.0.0`, beyond this machine; keep `listen: 127.0.0.1:8080` and let the institution's reverse proxy (nginx) reach it; see docs/OPERATOR.md"
            ]
        ),
    ]

    @Test(arguments: cases)
    func aMistakeInTheWebBlockIsPrintedWithFileLineAndFix(_ testCase: Case) {
        #expect(
            ConfigTextFixtures.lines(installation: ConfigTextFixtures.installation + testCase.block)
                == testCase.expected
        )
    }

    @Test func aGroupOptsInToAddressesAndMinutes() throws {
        let group = ConfigTextFixtures.group(adding: "web: {show_addresses: true, publish_minutes: yes}")
        let parsed = try #require(ConfigTextFixtures.parse(groups: [group]).config?.groups.first)
        #expect(parsed.listing == PublicListing(showAddresses: true, publishMinutes: true))
        let plain = try #require(ConfigTextFixtures.parse(groups: [ConfigTextFixtures.group]).config?.groups.first)
        #expect(plain.listing == PublicListing())
    }

    @Test func aGroupsWebBlockWithAWrongValueIsAnError() {
        let group = ConfigTextFixtures.group(adding: "web: {show_addresses: perhaps}")
        #expect(
            ConfigTextFixtures.lines(groups: [group]) == [
                "config/groups/test-cop.yaml:11:23: error: `show_addresses` should be true or false, not `perhaps`; write `show_addresses: true` or `show_addresses: false`"
            ]
        )
    }
}
