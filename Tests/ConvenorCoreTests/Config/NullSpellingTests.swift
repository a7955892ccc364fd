@testable import ConvenorCore
import Foundation
import Testing

/// The config files are composed with Yams' basic resolver (every scalar a string, issue 16); convenor still reads
/// YAML's null spellings as "no value" and a quoted "null" as the text it is.
@Suite struct NullSpellingTests {
    @Test(arguments: ["list:", "list: ~", "list: null", "list: Null", "list: NULL"])
    func everyNullSpellingOfARequiredKeyIsNoValue(line: String) {
        let group = ConfigTextFixtures.group.replacingOccurrences(
            of: "list: test-cop@lists.example.ac.uk", with: line)
        let lines = ConfigTextFixtures.lines(groups: [group])
        #expect(lines.count == 1, "\(lines)")
        #expect(lines.first?.contains("error: `list` has no value") == true, "\(lines)")
    }

    @Test func aQuotedNullIsTextNotNothing() {
        let group = ConfigTextFixtures.group.replacingOccurrences(
            of: "list: test-cop@lists.example.ac.uk", with: "list: \"null\"")
        let lines = ConfigTextFixtures.lines(groups: [group])
        #expect(
            lines == [
                "config/groups/test-cop.yaml:6:7: error: `null` is not an email address: it needs exactly one @; write it as name@example.ac.uk"
            ])
    }

    @Test func numbersAndBooleansStillReadAsBefore() {
        let installation = ConfigTextFixtures.installation + "first_start_grace: 2 days\n"
        let result = ConfigTextFixtures.parse(installation: installation, groups: [ConfigTextFixtures.group])
        #expect(result.diagnostics.filter { $0.severity == .error }.isEmpty, "\(result.diagnostics)")
    }
}
