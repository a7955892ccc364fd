import ConvenorTesting
import Foundation
import Testing

@testable import ConvenorCore

/// Who may open what, and the digest the sign-in tokens are stored under.
@Suite struct WebAccessTests {
    typealias F = ConfigFixtures

    static let config = F.config(groups: [
        F.customerServicesCoP(),
        F.group(
            id: "rare-books-sig",
            chairs: [Person(name: "Rob Rare", email: "rob@example.ac.uk")],
            liaison: Person(name: "Theo Stubbs", email: "t.stubbs@example.ac.uk")
        ),
    ])

    @Test func aChairOpensOnlyTheGroupsThatListThemWhateverTheCase() {
        let access = WebAccess(address: "C.Townson@Example.ac.uk", config: Self.config)
        #expect(access.roles == ["customer-services-cop": .chair])
        #expect(access.address == "c.townson@example.ac.uk")
        #expect(access.role(for: "rare-books-sig") == nil)
    }

    @Test func theLiaisonOfTwoGroupsReadsBothAndChangesNeither() {
        let access = WebAccess(address: "t.stubbs@example.ac.uk", config: Self.config)
        #expect(access.roles == ["customer-services-cop": .liaison, "rare-books-sig": .liaison])
        #expect(access.roles.values.allSatisfy { !$0.mayChange })
    }

    @Test func theOperatorOpensEveryGroupAndAStrangerNone() {
        let operatorAccess = WebAccess(address: "convenor-alerts@aln.example.org", config: Self.config)
        #expect(operatorAccess.roles == ["customer-services-cop": .operator, "rare-books-sig": .operator])
        #expect(!WebAccess(address: "someone@else.example", config: Self.config).isKnown)
    }

    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        (
            "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        ),
    ])
    func sha256MatchesTheFIPSExamples(message: String, digest: String) {
        #expect(SHA256.hex(message) == digest)
    }

    @Test func sha256OfAMillionAs() {
        #expect(
            SHA256.hash(Array(repeating: UInt8(ascii: "a"), count: 1_000_000)).map { String(format: "%02x", $0) }
                .joined() == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"
        )
    }

    @Test func theSignInMailCarriesTheLinkAndNeverTheTokenInItsMessageID() {
        let message = SignInMail.message(
            to: "c.townson@example.ac.uk",
            link: "https://groups.example.org/signin/TOKEN123",
            installation: F.installation(),
            made: Date(timeIntervalSince1970: 0),
            nonce: "n0nce"
        )
        #expect(message.textBody.contains("https://groups.example.org/signin/TOKEN123"))
        #expect(message.textBody.contains("15 minutes"))
        #expect(!message.messageID.contains("TOKEN123"))
        #expect(message.autoSubmitted)
        #expect(message.to.map(\.address) == ["c.townson@example.ac.uk"])
    }
}
