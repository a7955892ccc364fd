@testable import ConvenorCore

/// Small valid files to break one line at a time, and a helper that parses them as `check` would.
enum ConfigTextFixtures {
    static let root = "/srv/aln/config"

    static let installation = """
        network: Academic Libraries North
        timezone: Europe/London
        from: "ALN Groups <groups@aln.example.org>"
        operator: convenor-alerts@aln.example.org
        closures: [2026-12-24..2027-01-01, 2027-04-02]
        delivery:
          transport: outbox

        """

    static let group = """
        id: test-cop
        name: Test Community of Practice
        type: CoP
        chairs:
          - {name: Ann Chair, email: a.chair@example.ac.uk}
        list: test-cop@lists.example.ac.uk
        cadence:
          windows: [Oct-Nov, Feb, Jun]
          length: 90 minutes
          online: https://teams.example.org/test

        """

    static func installationFile(_ text: String = installation) -> ConfigFile {
        ConfigFile(displayPath: "config/convenor.yaml", absolutePath: "\(root)/convenor.yaml", text: text)
    }

    static func groupFile(_ text: String, name: String = "test-cop") -> ConfigFile {
        ConfigFile(displayPath: "config/groups/\(name).yaml", absolutePath: "\(root)/groups/\(name).yaml", text: text)
    }

    static func parse(installation: String = installation, groups: [String] = []) -> ConfigParseResult {
        ConfigParser.parse(installation: installationFile(installation), groups: groups.map { groupFile($0) })
    }

    /// The lines `convenor check` prints for these files.
    static func lines(installation: String = installation, groups: [String] = []) -> [String] {
        parse(installation: installation, groups: groups).diagnostics.map(\.description)
    }

    /// The valid group with `line` appended.
    static func group(adding line: String) -> String { group + line + "\n" }
}
